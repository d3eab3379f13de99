"""Question bank import/export: round trips, line-numbered errors, all or nothing."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from assessments.importexport import export_bank, import_bank
from assessments.models import Question
from tests.factories import QuestionCategoryFactory, QuestionFactory, UserFactory
from tests.factories.assessments import SAMPLE_DATA

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank():
    category = QuestionCategoryFactory(name="Crisis Support")
    return [
        QuestionFactory(category=category, type=qtype, key=f"crisis-{qtype}")
        for qtype in SAMPLE_DATA
    ]


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_then_import_round_trips(bank, fmt):
    exported = export_bank(fmt=fmt)
    Question.objects.all().delete()
    report = import_bank(exported, fmt=fmt)
    assert report.errors == [] and report.created == len(bank)
    assert export_bank(fmt=fmt) == exported
    assert all(q.live and q.live_revision_id for q in Question.objects.all())


def test_reimporting_unchanged_questions_adds_no_revisions(bank):
    exported = export_bank(fmt="json")
    report = import_bank(exported, fmt="json")
    assert report.unchanged == len(bank) and report.updated == 0


def test_a_changed_question_gets_a_new_published_revision(bank):
    document = json.loads(export_bank(fmt="json"))
    document["questions"][0]["text"] = "Edited in a spreadsheet"
    before = Question.objects.get(key=document["questions"][0]["key"]).live_revision_id
    report = import_bank(json.dumps(document), fmt="json")
    assert report.updated == 1
    question = Question.objects.get(key=document["questions"][0]["key"])
    assert question.text == "Edited in a spreadsheet" and question.live_revision_id != before


def test_bad_csv_rows_are_reported_by_line_and_nothing_is_imported(bank):
    lines = export_bank(fmt="csv").splitlines()
    Question.objects.all().delete()
    index = next(i for i, line in enumerate(lines) if ",single," in line)
    lines[index] = lines[index].replace(",single,", ",sngle,")
    lines.append('new-one,Crisis Support,single,Text,1,medium,,,,"{""options"": []}"')
    report = import_bank("\n".join(lines) + "\n", fmt="csv")
    assert any(
        error.startswith(f"line {index + 1}: unknown type 'sngle'") for error in report.errors
    )
    assert any(
        error.startswith(f"line {len(lines)}: Give at least two options") for error in report.errors
    )
    assert Question.objects.count() == 0


def test_bad_json_items_are_reported_by_number(bank):
    document = json.loads(export_bank(fmt="json"))
    document["questions"][1]["points"] = 0
    document["questions"][2]["domain"] = "Astrology"
    document["questions"].append(dict(document["questions"][0]))
    Question.objects.all().delete()
    errors = import_bank(json.dumps(document), fmt="json").errors
    assert "item 2: points must be a whole number from 1 to 100" in errors
    assert "item 3: unknown training domain 'Astrology'" in errors
    assert any(
        e.startswith(f"item {len(document['questions'])}: key") and "repeats item 1" in e
        for e in errors
    )
    assert Question.objects.count() == 0


def test_answer_data_fields_the_editor_would_drop_are_refused(bank):
    """An extra field on an option would vanish at the question's next save in the admin: the
    import names it instead of accepting it silently."""
    document = json.loads(export_bank(fmt="json"))
    choice = next(i for i, q in enumerate(document["questions"]) if "options" in q)
    document["questions"][choice]["options"][0]["weight"] = 2
    Question.objects.all().delete()
    errors = import_bank(json.dumps(document), fmt="json").errors
    assert f"item {choice + 1}: Option 1: unknown field(s) weight." in errors, errors
    assert Question.objects.count() == 0


def test_broken_json_reports_the_line():
    assert import_bank('{"questions": [\n{,}]}', fmt="json").errors[0].startswith("line 2:")


def test_management_commands(bank, tmp_path, capsys):
    path = tmp_path / "bank.json"
    call_command("export_questions", "--format", "json", stdout=path.open("w"))
    call_command("import_questions", str(path))
    assert "0 created, 0 updated" in capsys.readouterr().out
    path.write_text('{"questions": [{"key": "x"}]}')
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_questions", str(path))


def test_admin_import_view(client, bank):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("bank.json", export_bank(fmt="json").encode())
    Question.objects.all().delete()
    response = client.post(reverse("assessments_admin:bank_import"), {"file": upload})
    assert 'id="import-ok"' in response.content.decode()
    assert Question.objects.count() == len(bank)
    export = client.get(reverse("assessments_admin:bank_export") + "?format=csv")
    assert export.status_code == 200 and b"crisis-short" in export.content
