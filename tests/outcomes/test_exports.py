"""Every table downloads as CSV through the project's formula-neutralising writer, and the
funder report for a year comes as CSV and as a PDF whose text (read by Poppler's pdftotext)
holds the same figures, the training hours by mode included, and no one's name."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from cohorts.models import Attendance
from tests.conftest import require
from tests.factories.cohorts import make_session

pytestmark = pytest.mark.django_db


def test_each_table_downloads_as_csv(admin_client, program):
    program.add_trainees(12, step="certified", cohort='=HYPERLINK("http://x")')
    for key in ("funnel", "domains", "time", "ce", "cohorts", "hours"):
        response = admin_client.get(reverse("outcomes:table_csv") + f"?table={key}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert f"peercert-outcomes-{key}" in response["Content-Disposition"]
        text = response.content.decode()
        assert "fewer than 11 people: not shown to protect privacy" in text
    cohorts = admin_client.get(reverse("outcomes:table_csv") + "?table=cohorts").content.decode()
    # A cohort title that looks like a formula is written as text.
    assert "'=HYPERLINK" in cohorts
    assert admin_client.get(reverse("outcomes:table_csv") + "?table=nope").status_code == 404


def _live_hours(program, people, *, minutes: int, day: date) -> None:
    start = datetime(day.year, day.month, day.day, 18, tzinfo=UTC)
    session = make_session(cohort=program.cohort("Spring"), start=start, minutes=180, hours={})
    Attendance.objects.bulk_create(
        [
            Attendance(
                session=session,
                trainee=person,
                status=Attendance.Status.PRESENT,
                minutes=minutes,
                joined=Attendance.Joined.IN_PERSON,
            )
            for person in people
        ]
    )


def test_the_funder_report_has_the_hours_by_mode_for_its_year(admin_client, program):
    people = program.add_trainees(12, step="certified", cohort="Spring")
    _live_hours(program, people, minutes=150, day=date(2025, 4, 2))
    response = admin_client.get(reverse("outcomes:report_csv") + "?year=2025")
    text = response.content.decode()
    assert "Training hours delivered by mode" in text
    # 12 people × 150 minutes = 30 hours of live sessions in 2025.
    assert "Live sessions in cohorts,30.0,12" in text
    # Another year: nothing delivered.
    other = admin_client.get(reverse("outcomes:report_csv") + "?year=2024").content.decode()
    assert "Live sessions in cohorts,0.0,0" in other


def test_the_funder_report_pdf_reads_as_the_figures_and_names_nobody(admin_client, program):
    require(shutil.which("pdftotext"), "Poppler's pdftotext")
    people = program.add_trainees(15, step="certified", cohort="Spring")
    response = admin_client.get(reverse("outcomes:report_pdf") + "?year=2025")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"],
        input=response.content,
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert "PeerCert outcomes report" in text
    assert "Training hours delivered by mode" in text
    assert "From enrolment to certificate" in text
    assert "2025" in text
    for person in people:
        assert person.last_name not in text and person.email not in text
