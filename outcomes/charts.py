"""Server-drawn bar charts: the geometry of an SVG (rendered by templates/outcomes/_chart.html)
from a table's cells. Pure: no ORM, no request.

No script draws them and nothing is fetched, so they pass the site's Content-Security-Policy;
colours come from classes in outcomes/static/outcomes/outcomes.css. Colour is never the only
cue: each bar is labelled with its row and value, a second series is striped as well as
coloured and named in a legend, and a hidden figure is a hatched box that says "not shown".
The SVG has a title and a description that reads out every value, and the same figures stand
in a table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

WIDTH = 640
BAR_SPACE = 430  # the longest bar; the value is written after it
LABEL_HEIGHT = 18
BAR_HEIGHT = 18
GAP = 12
LEGEND_HEIGHT = 26
UNITS = {"people": "people", "percent": "", "hours": "hours"}


class CellLike(Protocol):
    text: str
    hidden: bool
    number: float | None


@dataclass(frozen=True)
class Bar:
    label: str  # the row; written above the first bar of its group
    value_text: str
    hidden: bool
    series: int
    x: float
    y: float
    width: float
    label_y: float
    text_x: float
    text_y: float
    first: bool  # first bar of its group: the row label goes above it


@dataclass
class Chart:
    title: str
    desc: str
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    series: tuple[str, ...] = ()
    legend_y: float = 0
    empty: bool = False

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def _value_text(cell: CellLike, unit: str) -> str:
    if cell.hidden:
        return "not shown"
    suffix = UNITS.get(unit, "")
    return f"{cell.text} {suffix}".strip()


def bar_chart(
    *,
    title: str,
    labels: Sequence[str],
    cells: Sequence[CellLike],
    unit: str,
    maximum: float | None = None,
    second: Sequence[CellLike] | None = None,
    series: tuple[str, ...] = (),
) -> Chart:
    """Horizontal bars, one group per label (two bars when ``second`` is given)."""
    groups = [[cell] if second is None else [cell, second[i]] for i, cell in enumerate(cells)]
    numbers = [c.number for group in groups for c in group if not c.hidden and c.number]
    top = maximum if maximum is not None else max(numbers, default=0)
    legend = LEGEND_HEIGHT if series else 0
    x = 4
    y = legend + 4
    bars: list[Bar] = []
    descriptions = []
    for label, group in zip(labels, groups, strict=True):
        label_y = y + LABEL_HEIGHT - 5
        y += LABEL_HEIGHT
        parts = []
        for index, cell in enumerate(group):
            if cell.hidden:
                width = BAR_SPACE / 4
            else:
                width = 0 if not top or not cell.number else BAR_SPACE * cell.number / top
                width = max(width, 2 if cell.number else 0)
            text = _value_text(cell, unit)
            bars.append(
                Bar(
                    label=label,
                    value_text=text,
                    hidden=cell.hidden,
                    series=index,
                    x=x,
                    y=y,
                    width=round(width, 1),
                    label_y=label_y,
                    text_x=round(x + width + 6, 1),
                    text_y=y + BAR_HEIGHT - 5,
                    first=index == 0,
                )
            )
            name = f"{series[index]} " if series else ""
            parts.append(f"{name}{text}".strip())
            y += BAR_HEIGHT + 2
        y += GAP
        descriptions.append(f"{label}: {', '.join(parts)}")
    chart = Chart(
        title=title,
        desc="; ".join(descriptions) + ("." if descriptions else ""),
        width=WIDTH,
        height=int(y + 4),
        bars=bars,
        series=series,
        legend_y=16,
        empty=not bars,
    )
    if chart.empty:
        chart.desc = "No figures for this selection."
    return chart


__all__ = ["Bar", "Chart", "bar_chart"]
