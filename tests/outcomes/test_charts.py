"""The server-drawn charts (outcomes/charts.py): every bar says its value in text, a hidden
figure is drawn as a box saying 'not shown', a second series is named, and the description
reads every value out for a screen reader."""

from outcomes.charts import BAR_SPACE, bar_chart
from outcomes.tables import Cell


def test_bars_are_as_long_as_their_share_of_the_largest_and_say_their_value():
    chart = bar_chart(
        title="Funnel",
        labels=["Enrolled", "Certified"],
        cells=[Cell("100", number=100), Cell("40", number=40)],
        unit="people",
    )
    enrolled, certified = chart.bars
    assert enrolled.width == BAR_SPACE
    assert certified.width == BAR_SPACE * 0.4
    assert [bar.value_text for bar in chart.bars] == ["100 people", "40 people"]
    assert chart.desc == "Enrolled: 100 people; Certified: 40 people."


def test_a_hidden_figure_is_a_box_that_says_not_shown_whatever_its_value():
    chart = bar_chart(
        title="Funnel",
        labels=["Enrolled", "Certified"],
        cells=[Cell("100", number=100), Cell("not shown", hidden=True)],
        unit="people",
    )
    hidden = chart.bars[1]
    assert hidden.hidden and hidden.value_text == "not shown"
    assert hidden.width == BAR_SPACE / 4  # the same for every hidden figure: no size leaks
    assert "Certified: not shown" in chart.desc


def test_a_second_series_is_named_in_the_description_and_on_each_bar():
    chart = bar_chart(
        title="CE",
        labels=["Cycle 1"],
        cells=[Cell("80%", number=80)],
        second=[Cell("12%", number=12)],
        series=("Compliance rate", "Lapse rate"),
        unit="percent",
        maximum=100,
    )
    assert [bar.series for bar in chart.bars] == [0, 1]
    assert chart.desc == "Cycle 1: Compliance rate 80%, Lapse rate 12%."


def test_nothing_to_draw_says_so():
    chart = bar_chart(title="Cohorts", labels=[], cells=[], unit="percent")
    assert chart.empty and chart.desc == "No figures for this selection."
