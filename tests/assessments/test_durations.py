import pytest

from assessments.templatetags.durations import minutes_as_duration


@pytest.mark.parametrize(
    "minutes, said",
    [
        (0, "0 minutes"),
        (1, "1 minute"),
        (45, "45 minutes"),
        (60, "1 hour"),
        (90, "1 hour 30 minutes"),
        (24 * 60, "1 day"),
        (2 * 24 * 60 + 61, "2 days 1 hour 1 minute"),
        ("", ""),
        (None, ""),
    ],
)
def test_minutes_are_said_in_days_hours_and_minutes(minutes, said):
    assert minutes_as_duration(minutes) == said
