"""The funder report for a period: every dashboard table (training hours by mode included) as
one CSV and as a PDF drawn by WeasyPrint (certificates.pdf's restricted renderer: no network,
no files outside its folder). The same suppressed figures as the dashboard: nothing here
reads a raw number."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from outcomes import privacy
from outcomes.tables import Dashboard

TITLE = "PeerCert outcomes report"


def describe_filters(board: Dashboard, choices: dict) -> list[tuple[str, str]]:
    labels = {name: dict(options) for name, options in choices.items()}
    filters = board.filters
    return [
        (_("Period"), str(filters.year) if filters.year else _("All time")),
        (
            _("Program version"),
            labels["version"].get(filters.version, "") if filters.version else _("All versions"),
        ),
        (_("Cohort"), labels["cohort"].get(filters.cohort, "") if filters.cohort else _("All")),
    ]


def csv_rows(board: Dashboard) -> list[list]:
    filters = board.filters
    rows: list[list] = [
        [TITLE],
        [_("Period"), str(filters.year) if filters.year else _("All time")],
        [_("Program version id"), filters.version or _("All")],
        [_("Cohort id"), filters.cohort or _("All")],
        [_("Made"), timezone.localtime().strftime("%Y-%m-%d %H:%M %Z")],
        [
            _("Figures as of"),
            timezone.localtime(board.refreshed_at).strftime("%Y-%m-%d %H:%M %Z")
            if board.refreshed_at
            else _("not computed yet"),
        ],
        [_("Not shown"), privacy.EXPLANATION],
    ]
    for table in board.tables:
        rows += [[], [table.title]]
        rows += table.csv_rows()
        rows += [[note] for note in table.notes]
    return rows


def render_pdf(board: Dashboard, *, choices: dict) -> bytes:
    from certificates.pdf import render_html_to_pdf  # loads WeasyPrint: PDFs only

    html = render_to_string(
        "outcomes/report_pdf.html",
        {
            "board": board,
            "title": TITLE,
            "filters": describe_filters(board, choices),
            "made": timezone.localtime(),
            "explanation": privacy.EXPLANATION,
        },
    )
    return render_html_to_pdf(html, title=TITLE)
