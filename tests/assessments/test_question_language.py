"""Spanish versions of bank questions: imported against their English originals, shown to a
trainee reading Spanish, graded exactly as the English, and told apart in the statistics."""

import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation as django_translation

from assessments import selectors, services, statistics
from assessments.importexport import export_bank, import_bank
from assessments.models import Attempt, AttemptQuestion, Question
from tests.assessments.conftest import make_assessment, make_instructor
from tests.factories import QuestionCategoryFactory, QuestionFactory, UserFactory
from tests.factories.assessments import SAMPLE_DATA
from tests.i18n_support import compile_catalogues

pytestmark = pytest.mark.django_db

SPANISH = {
    "single": {
        "text": "¿Qué hace primero la persona de apoyo entre pares?",
        "general_feedback": "Comentario general en español.",
        "options": [
            {"text": "Llamar al 911 y quedarse", "correct": False, "feedback": "No."},
            {"text": "Llamar juntos al 988", "correct": True, "feedback": "Sí."},
            {"text": "Esperar a ver qué pasa", "correct": False, "feedback": "No."},
        ],
    },
    "true_false": {
        "text": "¿Verdadero o falso?",
        "options": [
            {"text": "Verdadero", "correct": False},
            {"text": "Falso", "correct": True},
        ],
    },
    "multiple": {
        "text": "¿Cuáles son técnicas OARS?",
        "options": [
            {"text": "Preguntas abiertas", "correct": True},
            {"text": "Afirmaciones", "correct": True},
            {"text": "Diagnósticos", "correct": False},
            {"text": "Reflejos", "correct": True},
        ],
    },
    "short": {
        "text": "¿Qué regla limita lo que se comparte?",
        "accepted_answers": ["mínimo necesario"],
    },
    "ordering": {
        "text": "Ordene los pasos.",
        "items": [
            "Llamar al 911",
            "Buscar señales",
            "Apoyar la respiración",
            "Dar naloxona",
            "Quedarse y observar",
        ],
    },
    "matching": {
        "text": "Relacione cada dimensión.",
        "pairs": [
            ["Salud", "Visitas de atención primaria"],
            ["Hogar", "Un contrato de alquiler seguro"],
            ["Propósito", "Voluntariado"],
            ["Comunidad", "Una liga de sóftbol"],
        ],
    },
    "essay": {
        "text": "Describa lo que haría.",
        "rubric": [
            {"criterion": "Responde con prontitud", "points": 2},
            {"criterion": "Usa el plan de seguridad", "points": 2},
        ],
    },
}


def spanish_row(question: Question, **changes) -> dict:
    return {"key": question.key, "type": question.type, **SPANISH[question.type], **changes}


def spanish_file(*rows, language="es") -> str:
    document = {"questions": list(rows)}
    if language:
        document["language"] = language
    return json.dumps(document, ensure_ascii=False)


@pytest.fixture
def bank():
    category = QuestionCategoryFactory(name="Crisis Support")
    return {
        qtype: QuestionFactory(category=category, type=qtype, key=f"crisis-{qtype}")
        for qtype in SAMPLE_DATA
    }


class TestImport:
    def test_a_spanish_file_links_each_item_to_its_english_original_by_key(self, bank):
        report = import_bank(spanish_file(*(spanish_row(q) for q in bank.values())), fmt="json")
        assert report.errors == [] and report.language == "es"
        assert report.created == len(bank)
        single = Question.objects.get(key="crisis-single")
        assert single.translations["es"]["text"] == SPANISH["single"]["text"]
        # The English stays as it was, and the Spanish is in the live revision attempts use.
        assert single.text == bank["single"].text and single.data == SAMPLE_DATA["single"]
        assert single.live_revision.content["translations"]["es"]["options"][1]["text"] == (
            "Llamar juntos al 988"
        )
        assert Question.objects.count() == len(bank)  # versions, not new questions

    def test_the_language_can_be_given_instead_of_written_in_the_file(self, bank):
        text = spanish_file(spanish_row(bank["single"]), language=None)
        report = import_bank(text, fmt="json", language="es")
        assert report.errors == [] and report.created == 1

    def test_a_key_without_an_english_original_refuses_the_whole_file(self, bank):
        text = spanish_file(
            spanish_row(bank["single"]),
            {**SPANISH["single"], "key": "no-such-question", "type": "single"},
        )
        report = import_bank(text, fmt="json")
        assert report.errors == [
            "item 2: key 'no-such-question' has no English original in the bank; import the "
            "English question first"
        ]
        assert Question.objects.get(key="crisis-single").translations == {}

    def test_a_different_number_of_options_is_refused(self, bank):
        options = SPANISH["single"]["options"][:2]
        report = import_bank(spanish_file(spanish_row(bank["single"], options=options)), fmt="json")
        assert report.errors == [
            "item 1: has 2 options where the original has 3: a translation keeps the original's "
            "options, in the same order"
        ]

    def test_a_different_correct_option_is_refused(self, bank):
        options = [dict(o) for o in SPANISH["single"]["options"]]
        options[0]["correct"], options[1]["correct"] = True, False
        report = import_bank(spanish_file(spanish_row(bank["single"], options=options)), fmt="json")
        assert "item 1: option 1 is marked correct but is wrong in the original" in report.errors
        assert "item 1: option 2 is marked wrong but is correct in the original" in report.errors
        assert Question.objects.get(key="crisis-single").translations == {}

    def test_rubric_points_and_type_must_match_the_original(self, bank):
        rubric = [dict(r) for r in SPANISH["essay"]["rubric"]]
        rubric[0]["points"] = 3
        report = import_bank(
            spanish_file(
                spanish_row(bank["essay"], rubric=rubric),
                spanish_row(bank["short"], type="single"),
            ),
            fmt="json",
        )
        assert report.errors == [
            "item 1: rubric criterion 1 is worth 3 points where the original's is worth 2",
            "item 2: type 'single' differs from the original's 'short'",
        ]

    def test_a_file_marked_spanish_cannot_be_imported_as_english(self, bank):
        report = import_bank(spanish_file(spanish_row(bank["single"])), fmt="json", language="en")
        assert report.errors == ["the file is marked 'es' but was imported as 'en'"]

    def test_reimporting_the_same_translation_adds_no_revision(self, bank):
        text = spanish_file(spanish_row(bank["single"]))
        import_bank(text, fmt="json")
        revision = Question.objects.get(key="crisis-single").live_revision_id
        report = import_bank(text, fmt="json")
        assert report.unchanged == 1
        assert Question.objects.get(key="crisis-single").live_revision_id == revision

    def test_export_in_spanish_round_trips(self, bank):
        import_bank(spanish_file(*(spanish_row(q) for q in bank.values())), fmt="json")
        exported = export_bank(fmt="json", language="es")
        document = json.loads(exported)
        assert document["language"] == "es" and len(document["questions"]) == len(bank)
        single = next(q for q in document["questions"] if q["key"] == "crisis-single")
        assert single["options"][1] == {
            "text": "Llamar juntos al 988",
            "correct": True,
            "feedback": "Sí.",
        }
        assert single["category"] == "Crisis Support"
        assert import_bank(exported, fmt="json").unchanged == len(bank)
        # CSV too: the language travels in its own column.
        assert import_bank(export_bank(fmt="csv", language="es"), fmt="csv").unchanged == len(bank)

    def test_the_commands_take_a_language(self, bank, tmp_path, capsys):
        path = tmp_path / "bank-es.json"
        path.write_text(spanish_file(spanish_row(bank["single"]), language=None), encoding="utf-8")
        call_command("import_questions", str(path), "--language", "es")
        assert "1 es translations checked: 1 added" in capsys.readouterr().out
        call_command("export_questions", "--language", "es")
        assert "Llamar juntos al 988" in capsys.readouterr().out
        bad = tmp_path / "bad-es.json"
        bad.write_text(
            spanish_file({**SPANISH["single"], "key": "missing", "type": "single"}),
            encoding="utf-8",
        )
        with pytest.raises(CommandError, match="1 problems; nothing was imported"):
            call_command("import_questions", str(bad))
        assert "key 'missing' has no English original" in capsys.readouterr().err


def test_the_admin_import_form_takes_the_files_language(client, bank):
    client.force_login(UserFactory(is_superuser=True))
    upload = SimpleUploadedFile(
        "crisis-es.json",
        spanish_file(spanish_row(bank["single"]), language=None).encode(),
        content_type="application/json",
    )
    response = client.post(
        reverse("assessments_admin:bank_import"), {"file": upload, "language": "es"}
    )
    assert response.status_code == 200 and 'id="import-ok"' in response.content.decode()
    question = Question.objects.get(key="crisis-single")
    assert question.translations["es"]["text"] == SPANISH["single"]["text"]
    assert question.text == bank["single"].text  # the English original is untouched
    exported = client.get(reverse("assessments_admin:bank_export") + "?language=es")
    assert "Llamar juntos al 988" in exported.content.decode()
    assert 'question-bank-es.json"' in exported["Content-Disposition"]


def _right_answers(attempt):
    """Form answers (display positions) choosing each choice question's correct options."""
    answers = {}
    for aq in AttemptQuestion.objects.filter(attempt=attempt).select_related("revision"):
        options = aq.revision.content["data"]["options"]
        answers[aq.pk] = [
            str(position)
            for position, original in enumerate(aq.option_order)
            if options[original]["correct"]
        ]
    return answers


@pytest.fixture
def spanish_quiz(course_tree, enrolled):
    quiz, questions = make_assessment(
        course_tree.modules[0], types=("single", "multiple", "true_false")
    )
    import_bank(spanish_file(*(spanish_row(q) for q in questions[:2])), fmt="json")
    return quiz, questions


class TestSpanishAttempt:
    def test_a_trainee_starting_from_a_spanish_page_reads_the_spanish_versions(
        self, trainee_client, spanish_quiz
    ):
        compile_catalogues()
        quiz, questions = spanish_quiz
        with django_translation.override("es"):
            start_url = reverse("assessments:start", args=[quiz.pk])
        assert start_url.startswith("/es/")
        response = trainee_client.post(start_url)
        attempt = Attempt.objects.get()
        assert response.status_code == 302 and attempt.language == "es"
        html = trainee_client.get(response.url).content.decode()
        assert "¿Qué hace primero la persona de apoyo entre pares?" in html
        assert "Llamar juntos al 988" in html and "Call 988 together" not in html
        assert "Preguntas abiertas" in html
        # The true/false item has no Spanish version: it is shown in English, marked as such.
        assert 'lang="en">' + questions[2].text in html

    def test_from_an_english_address_a_spanish_reader_gets_spanish_and_others_english(
        self, trainee_client, trainee, spanish_quiz
    ):
        quiz, _questions = spanish_quiz
        with django_translation.override("en"):
            start_url = reverse("assessments:start", args=[quiz.pk])
        trainee_client.post(start_url)
        first = Attempt.objects.get()
        services.attempt_submit(attempt=first)
        assert first.language == "en"
        trainee.preferred_language = "es"  # the language switcher stores the choice
        trainee.save(update_fields=["preferred_language"])
        trainee_client.post(start_url)
        assert Attempt.objects.latest("pk").language == "es"

    def test_the_spanish_attempt_is_graded_exactly_as_the_english(self, trainee, spanish_quiz):
        quiz, _questions = spanish_quiz
        spanish = services.attempt_start(trainee=trainee, assessment=quiz, language="es")
        services.attempt_save(attempt=spanish, answers=_right_answers(spanish))
        services.attempt_submit(attempt=spanish)
        english = services.attempt_start(trainee=trainee, assessment=quiz, language="en")
        services.attempt_save(attempt=english, answers=_right_answers(english))
        services.attempt_submit(attempt=english)
        spanish.refresh_from_db()
        english.refresh_from_db()
        assert (spanish.language, english.language) == ("es", "en")
        assert spanish.percent == english.percent == Decimal("100.00")
        stored = {
            aq.question_id: aq.response.answer
            for aq in AttemptQuestion.objects.filter(attempt=spanish).select_related("response")
        }
        assert stored == {
            aq.question_id: aq.response.answer
            for aq in AttemptQuestion.objects.filter(attempt=english).select_related("response")
        }

    def test_without_a_page_language_the_account_preference_decides(self, trainee, spanish_quiz):
        quiz, _questions = spanish_quiz
        trainee.preferred_language = "es"
        trainee.save(update_fields=["preferred_language"])
        attempt = services.attempt_start(trainee=trainee, assessment=quiz)
        assert attempt.language == "es"
        texts = [q["text"] for q in selectors.attempt_questions(attempt=attempt)]
        assert SPANISH["single"]["text"] in texts

    def test_a_short_answer_typed_in_spanish_scores(self, trainee, course_tree, enrolled):
        quiz, questions = make_assessment(course_tree.modules[0], types=("short",))
        import_bank(spanish_file(spanish_row(questions[0])), fmt="json")
        attempt = services.attempt_start(trainee=trainee, assessment=quiz, language="es")
        aq = AttemptQuestion.objects.get(attempt=attempt)
        services.attempt_save(attempt=attempt, answers={aq.pk: ["Mínimo necesario"]})
        services.attempt_submit(attempt=attempt)
        attempt.refresh_from_db()
        assert attempt.percent == Decimal("100.00")

    def test_a_translation_left_behind_by_an_edited_original_falls_back_to_english(
        self, trainee, spanish_quiz
    ):
        quiz, questions = spanish_quiz
        single = Question.objects.get(pk=questions[0].pk)
        single.data = {"options": [*single.data["options"], {"text": "Ask a friend"}]}
        services.question_publish(question=single)
        attempt = services.attempt_start(trainee=trainee, assessment=quiz, language="es")
        shown = {q["text"]: q["language"] for q in selectors.attempt_questions(attempt=attempt)}
        assert shown[single.text] == "en"
        assert shown[SPANISH["multiple"]["text"]] == "es"

    def test_the_instructor_sees_the_language_of_the_attempt(
        self, client, trainee, spanish_quiz, course_tree
    ):
        quiz, _questions = spanish_quiz
        attempt = services.attempt_start(trainee=trainee, assessment=quiz, language="es")
        services.attempt_submit(attempt=attempt)
        client.force_login(make_instructor(course_tree.course))
        html = client.get(reverse("assessments:review", args=[attempt.pk])).content.decode()
        assert "Taken in Spanish." in html
        results = client.get(reverse("assessments_admin:results", args=[quiz.pk]))
        assert "<td>Spanish</td>" in results.content.decode()


class TestStatisticsByLanguage:
    def _record(self, percent, share, language):
        return statistics.AttemptRecord(
            Decimal(percent), [statistics.ItemResponse(1, Decimal(share))], language
        )

    def test_item_statistics_are_computed_per_language(self):
        records = [self._record(90, 1, "en") for _ in range(5)] + [
            self._record(40, 0, "es") for _ in range(5)
        ]
        by_language = statistics.item_analysis_by_language(records)
        assert by_language["en"][1].facility == Decimal("100.0")
        assert by_language["es"][1].facility == Decimal("0.0")
        assert by_language["es"][1].attempts == 5
        assert statistics.language_gaps(by_language) == {
            1: "facility 100.0 in en, 0.0 in es: check the translation"
        }

    def test_small_groups_are_not_compared(self):
        records = [self._record(90, 1, "en") for _ in range(5)] + [self._record(40, 0, "es")]
        assert statistics.language_gaps(statistics.item_analysis_by_language(records)) == {}

    def test_the_item_analysis_page_shows_each_language(self, client, trainee, spanish_quiz):
        quiz, _questions = spanish_quiz
        for language in ("en", "es"):
            attempt = services.attempt_start(trainee=trainee, assessment=quiz, language=language)
            services.attempt_submit(attempt=attempt)

        client.force_login(UserFactory(is_superuser=True))
        html = client.get(reverse("assessments_admin:items", args=[quiz.pk])).content
        assert b'data-language="es"' in html and b'data-language="en"' in html
