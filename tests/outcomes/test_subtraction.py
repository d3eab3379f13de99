"""Suppression by subtraction, for every filter alike (program version, cohort, period): a reader
who opens the dashboard unfiltered and once per value of one filter, then subtracts, recovers no
group of 1 to 10 people — neither as the difference between two pages (a figure's complement
within the unfiltered total) nor as the unfiltered figure minus every other value's."""

from __future__ import annotations

from datetime import date

import pytest

from certificates.models import CourseRequirement
from courses.models import Enrollment
from outcomes.privacy import disclosive
from tests.conftest import build_course
from tests.factories import UserFactory
from tests.factories.certificates import ProgramVersionFactory
from tests.outcomes.conftest import rebuilt
from tests.outcomes.test_dashboard import URL, cells

pytestmark = pytest.mark.django_db


def funnel_figures(client, query: str = "") -> dict[str, int | None]:
    """What the page shows in the funnel table: a number, or None for "not shown"."""
    html = client.get(f"{URL}?{query}").content.decode()
    return {
        label: None if row[0] == "not shown" else int(row[0].replace(",", ""))
        for label, row in cells(html, "funnel").items()
    }


def what_subtraction_recovers(whole: dict, parts: list[dict]) -> list[tuple[str, int]]:
    """Every small group an attacker can work out from the unfiltered page and the pages of
    each value of one filter: a part that is the only one hidden (the whole minus the others),
    the hidden parts together, and the whole minus a single shown part."""
    found = []
    for label, total in whole.items():
        if total is None:
            continue
        values = [part[label] for part in parts]
        hidden = [value for value in values if value is None]
        rest = total - sum(value for value in values if value is not None)
        if hidden and disclosive(rest):
            found.append((label, rest))
        for value in values:
            if value is not None and disclosive(total - value):
                found.append((label, total - value))
    return found


def signed_in(client, program):
    client.force_login(program.admin)
    rebuilt()
    return client


def test_the_periods_cannot_be_subtracted_down_to_a_small_group(client, program):
    program.add_trainees(3, step="enrolled", enrolled_on=date(2023, 3, 1))
    program.add_trainees(20, step="enrolled", enrolled_on=date(2024, 3, 1))
    program.add_trainees(17, step="enrolled", enrolled_on=date(2025, 3, 1))
    client = signed_in(client, program)
    whole = funnel_figures(client)
    assert whole["Enrolled"] == 40
    years = [funnel_figures(client, f"year={year}") for year in range(2023, date.today().year + 1)]
    assert years[0]["Enrolled"] is None  # 3 people
    # 40 - 20 - 17 would be the 3: one more year's figure is hidden with it.
    assert [year["Enrolled"] for year in years].count(None) >= 2
    assert what_subtraction_recovers(whole, years) == []


def test_the_cohorts_cannot_be_subtracted_down_to_a_small_group(client, program):
    program.add_trainees(3, step="enrolled", cohort="Evening")
    program.add_trainees(20, step="enrolled", cohort="Spring")
    program.add_trainees(17, step="enrolled", cohort="Autumn")
    client = signed_in(client, program)
    whole = funnel_figures(client)
    assert whole["Enrolled"] == 40
    cohorts = [
        funnel_figures(client, f"cohort={program.cohorts[title].pk}")
        for title in ("Evening", "Spring", "Autumn")
    ]
    assert cohorts[0]["Enrolled"] is None
    assert [cohort["Enrolled"] for cohort in cohorts].count(None) >= 2
    assert what_subtraction_recovers(whole, cohorts) == []


def test_the_program_versions_cannot_be_subtracted_down_to_a_small_group(
    client, program, course_index
):
    versions = [program.version]
    for title, n in (("Supervision Essentials", 17), ("Ethics Refresher", 3)):
        course = build_course(course_index, modules=1, lessons=1, title=title).course
        version = ProgramVersionFactory(label=title)
        CourseRequirement.objects.create(version=version, course=course)
        versions.append(version)
        for _ in range(n):
            Enrollment.objects.create(trainee=UserFactory(), course=course)
    program.add_trainees(20, step="enrolled")
    client = signed_in(client, program)
    whole = funnel_figures(client)
    assert whole["Enrolled"] == 40
    by_version = [funnel_figures(client, f"version={version.pk}") for version in versions]
    assert by_version[2]["Enrolled"] is None  # 3 people
    assert [version["Enrolled"] for version in by_version].count(None) >= 2
    assert what_subtraction_recovers(whole, by_version) == []


@pytest.mark.parametrize("dimension", ["year", "cohort"])
def test_a_filtered_figure_whose_complement_is_a_small_group_is_hidden(client, program, dimension):
    """Two pages: the unfiltered total and one filter value that leaves out 5 people."""
    if dimension == "year":
        program.add_trainees(25, step="enrolled", enrolled_on=date(2025, 3, 1))
        program.add_trainees(5, step="enrolled", enrolled_on=date(2024, 3, 1))
        query = "year=2025"
    else:
        program.add_trainees(25, step="enrolled", cohort="Spring")
        program.add_trainees(5, step="enrolled")
        query = None
    client = signed_in(client, program)
    query = query or f"cohort={program.cohorts['Spring'].pk}"
    whole, part = funnel_figures(client), funnel_figures(client, query)
    assert whole["Enrolled"] == 30
    assert part["Enrolled"] is None  # 30 - 25 would be the 5 left out
    assert what_subtraction_recovers(whole, [part]) == []
