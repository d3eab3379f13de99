"""The Spanish bank: measured with Spanish cue words, held to the English bank's thresholds, and
each translated demo file a faithful version of its English original."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from assessments import translation
from assessments.bank_quality import bank_report
from assessments.demo import seed_translations
from assessments.importexport import import_bank
from assessments.models import Question
from courses.demo import seed_framework
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = {path.name: path for path in sorted((ROOT / "demo" / "bank").glob("*.json"))}
SPANISH = sorted((ROOT / "demo" / "bank" / "es").glob("*.json"))


def items(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["questions"]


def single(text: str, key: str, distractors: list[str], **extra) -> dict:
    return {
        "type": "single",
        "text": text,
        "cognitive_level": "application",
        "options": [{"text": key, "correct": True}]
        + [{"text": d, "correct": False} for d in distractors],
        **extra,
    }


def test_spanish_absolute_words_are_cues_in_a_spanish_bank():
    item = single(
        "Una persona en recuperación pide ayuda para volver a estudiar. ¿Qué hace el par?",
        "Explora con ella qué programas le interesan",
        [
            "Le dice que nunca es tarde y la inscribe",
            "Le explica que siempre conviene esperar un año",
            "Le asegura que todos los programas son gratuitos",
        ],
    )
    spanish = bank_report([item], language="es").overall
    assert spanish.absolute_distractor_rate == 1.0
    # The same words mean nothing to the English list.
    assert bank_report([item]).overall.absolute_distractor_rate == 0.0


@pytest.mark.parametrize(
    "option",
    ["Todas las anteriores", "Ninguna de las anteriores", "todos los anteriores"],
)
def test_all_or_none_of_the_above_in_spanish_is_reported(option):
    item = single("¿Qué hace el par?", "Escucha", ["Juzga", option])
    assert any("all/none of the above" in p for p in bank_report([item], language="es").problems())


def test_solo_with_or_without_its_accent_is_an_absolute_word():
    for word in ("solo", "sólo", "Solamente"):
        item = single("¿Qué hace el par?", f"Escucha {word} a la persona", ["Juzga", "Decide"])
        assert bank_report([item], language="es").overall.absolute_key_rate == 1.0


@pytest.mark.skipif(not SPANISH, reason="no Spanish demo bank file yet")
def test_the_spanish_demo_bank_meets_the_cue_thresholds_of_the_english():
    every = [item for path in SPANISH for item in items(path)]
    report = bank_report(every, language="es")
    cue_problems = [p for p in report.problems() if p not in report.coverage_problems()]
    assert cue_problems == []
    if len(SPANISH) == len(ENGLISH):  # coverage only means something for the whole bank
        assert report.coverage_problems() == []


@pytest.mark.parametrize("path", SPANISH, ids=lambda p: p.name)
def test_each_spanish_demo_file_is_a_faithful_version_of_its_english_file(path):
    """Same keys, types and points; same options with the same correct flags (checked as the
    import checks them); the Spanish file's items are those of the English file of that name."""
    assert path.name in ENGLISH, f"{path.name} has no English file"
    originals = {item["key"]: item for item in items(ENGLISH[path.name])}
    spanish = items(path)
    assert sorted(item["key"] for item in spanish) == sorted(originals)
    for item in spanish:
        original = originals[item["key"]]
        assert item["type"] == original["type"], item["key"]
        assert item.get("points", 1) == original.get("points", 1), item["key"]
        type_key = translation.TYPE_KEYS[original["type"]]
        _stored, errors = translation.clean_translation(
            original["type"], {type_key: original[type_key]}, item
        )
        assert errors == [], (item["key"], errors)


@pytest.mark.django_db
def test_the_bank_report_runs_per_language_and_counts_the_untranslated(capsys, client):
    for n in range(2):
        Question.objects.create(
            key=f"q-{n}",
            category_id=_category().pk,
            type="single",
            text=f"What does the peer do first, case {n}?",
            data={
                "options": [
                    {"text": "Listen first", "correct": True},
                    {"text": "Decide for them", "correct": False},
                ]
            },
        ).save_revision().publish()
    spanish = {
        "language": "es",
        "questions": [
            {
                "key": "q-0",
                "type": "single",
                "text": "¿Qué hace primero el par?",
                "options": [
                    {"text": "Escucha primero", "correct": True},
                    {"text": "Siempre decide por la persona", "correct": False},
                ],
            }
        ],
    }
    pairs = [["Salud", "Atención primaria"], ["Hogar", "Un contrato de alquiler"]]
    Question.objects.create(
        key="q-matching",
        category_id=_category().pk,
        type="matching",
        text="Match each dimension of recovery to an example.",
        data={"pairs": [["Health", "Primary care"], ["Home", "A safe lease"]]},
    ).save_revision().publish()
    spanish["questions"].append(
        {
            "key": "q-matching",
            "type": "matching",
            "text": "Relacione cada dimensión.",
            "pairs": pairs,
        }
    )
    assert import_bank(json.dumps(spanish), fmt="json").errors == []
    call_command("bank_report", "--language", "es")
    out = capsys.readouterr().out
    assert "Items: 2 (1 single-answer), language es" in out
    assert "untranslated: 1 items have no es version and are shown in English (q-1)" in out
    assert "absolute words keys 0% / distractors 100%" in out

    client.force_login(UserFactory(is_superuser=True))
    html = client.get(reverse("assessments_admin:bank_quality") + "?language=es").content.decode()
    assert 'id="untranslated"' in html
    assert "1 live question has no version in Spanish" in html


def _category():
    from assessments.models import QuestionCategory

    return QuestionCategory.objects.get_or_create(name="Shared")[0]


@pytest.mark.django_db
@pytest.mark.skipif(not SPANISH, reason="no Spanish demo bank file yet")
def test_the_demo_seed_imports_the_spanish_files_that_exist():
    """One English demo file and its Spanish version, through the demo's own import."""
    seed_framework()  # the training domains and SAMHSA competencies the bank names
    name = SPANISH[0].name
    report = import_bank(ENGLISH[name].read_text(encoding="utf-8"), fmt="json")
    assert report.errors == []
    problems = seed_translations("es")
    # Only the files whose English originals were imported here can link.
    assert name not in problems
    first = items(SPANISH[0])[0]
    question = Question.objects.get(key=first["key"])
    assert question.translations["es"]["text"] == first["text"].strip()
