"""Practical evaluations in Spanish: a Spanish reader — trainee or evaluator — reads the skill,
the summary, each criterion and its anchors, the role-play briefs, the result and what to
practise in Spanish; the Spanish sits beside the English in the admin; the rating keeps both
languages' words, so each reader of a result reads their own; and an instrument nobody has
translated reads in English on Spanish pages."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import formats, timezone, translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from certificates.models import EvaluationRequirement
from certificates.selectors import checklist_for
from courses.models import Competency
from courses.permissions import REVIEWERS_GROUP
from evaluations import services
from evaluations.forms import criterion_field, note_field
from evaluations.models import ANCHOR_FIELDS, Instrument, Score
from evaluations.selectors import calibration_report, personal_data
from tests.courses.spanish_tree import translate_course
from tests.factories import TrainingDomainFactory, UserFactory
from tests.factories.certificates import ProgramVersionFactory
from tests.factories.evaluations import (
    criterion_ids,
    levels_for,
    make_instrument,
    scheduled_evaluation,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogues")]

SKILL_ES = "OARS en una primera conversación"
SUMMARY_ES = "El evaluador observa sobre todo la escucha reflexiva."
REMEDIATION_ES = "Practique reflejos con un compañero durante una semana."
EVALUATOR_BRIEF_ES = "INSTRUCCIONES-EVALUADOR: escenario ficticio."
ACTOR_BRIEF_ES = "INSTRUCCIONES-ACTOR: papel ficticio."
TITLES_ES = {"Open questions": "Preguntas abiertas", "Warm hand-off": "Derivación acompañada"}
ANCHORS_ES = ("no se observó.", "en parte.", "se cumple con claridad.", "ejemplar.")


def spanish_url(name: str, *args) -> str:
    with translation.override("es"):
        return reverse(name, args=args)


def english_url(name: str, *args) -> str:
    # A request under /es/ leaves Spanish active in the test's thread, where reverse() would
    # give the /es/ address.
    with translation.override("en"):
        return reverse(name, args=args)


def translate(instrument: Instrument) -> Instrument:
    """The instrument with every text in Spanish too, published as an editor would."""
    instrument.skill_es = SKILL_ES
    instrument.summary_es = SUMMARY_ES
    instrument.remediation_es = REMEDIATION_ES
    instrument.evaluator_brief_es = EVALUATOR_BRIEF_ES
    instrument.actor_brief_es = ACTOR_BRIEF_ES
    instrument.save()
    for criterion in instrument.criteria.all():
        title_es = TITLES_ES[criterion.title]
        criterion.title_es = title_es
        for field, anchor in zip(ANCHOR_FIELDS, ANCHORS_ES, strict=True):
            setattr(criterion, f"{field}_es", f"{title_es}: {anchor}")
        criterion.save()
    instrument.save_revision().publish()
    instrument.refresh_from_db()
    return instrument


@pytest.fixture
def spanish(instrument):
    return translate(instrument)


def page(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_spanish_trainee_sees_the_instrument_course_and_prerequisites_in_spanish(
    client, enrolled, spanish, course, home, course_index
):
    translate_course(home, course_index, course)

    text = page(client, enrolled, spanish_url("evaluations:home"))

    assert SKILL_ES in text and SUMMARY_ES in text
    assert "Curso de apoyo entre pares" in text  # the course's Spanish title
    assert "Módulo 1: comunicación" in text  # the module to complete first
    for english in (spanish.skill, spanish.summary, "Foundations", course.modules[0].title):
        assert english not in text
    # The English page is unchanged.
    english = page(client, enrolled, english_url("evaluations:home"))
    assert spanish.skill in english and spanish.summary in english
    assert course.modules[0].title in english and SKILL_ES not in english


def test_a_spanish_trainee_reads_criteria_result_and_what_to_practise_in_spanish(
    client, eligible, spanish, evaluator
):
    evaluation = scheduled_evaluation(trainee=eligible, instrument=spanish, evaluator=evaluator)
    services.rating_submit(
        rater=evaluator,
        evaluation_id=evaluation.pk,
        levels=levels_for(spanish, 3, 1),
        comment="Retroalimentación del evaluador.",
    )

    text = page(client, eligible, spanish_url("evaluations:detail", evaluation.pk))

    assert f"<h1>{SKILL_ES}</h1>" in text
    assert "Todavía no aprobada" in text
    # The result, criterion by criterion: the level's name and its words, in Spanish.
    assert "3 — Ejemplar" in text and "Preguntas abiertas: ejemplar." in text
    assert "1 — En parte" in text and "Derivación acompañada: en parte." in text
    assert REMEDIATION_ES in text and SUMMARY_ES in text
    # Every anchor of the instrument, in Spanish, under what the evaluator looks for.
    assert "Derivación acompañada: se cumple con claridad." in text
    for english in ("Open questions", "Warm hand-off", "Exemplary", spanish.remediation):
        assert english not in text
    assert EVALUATOR_BRIEF_ES not in text and ACTOR_BRIEF_ES not in text  # raters only

    english = page(client, eligible, english_url("evaluations:detail", evaluation.pk))
    assert "3 — Exemplary" in english and "Open questions: exemplary." in english
    assert spanish.remediation in english and "Preguntas abiertas" not in english


def test_a_spanish_evaluator_scores_on_a_spanish_form_and_the_rating_keeps_both_languages(
    client, eligible, spanish, evaluator
):
    evaluation = scheduled_evaluation(trainee=eligible, instrument=spanish, evaluator=evaluator)

    url = spanish_url("evaluations:score", evaluation.pk)
    text = page(client, evaluator, url)

    assert SKILL_ES in text
    assert text.count("<legend>") == 2
    for title_es in TITLES_ES.values():
        assert title_es in text
        for anchor in ANCHORS_ES:
            assert f"{title_es}: {anchor}" in text
    assert "0 — No observado" in text and "2 — Cumplido" in text
    assert "Open questions" not in text and "clearly met" not in text

    data = {"comment": "Buen trabajo."}
    for criterion, level in zip(criterion_ids(spanish), (2, 3), strict=True):
        data[criterion_field(criterion)] = str(level)
        data[note_field(criterion)] = ""
    assert client.post(url, data).status_code == 302
    scores = list(Score.objects.filter(rating__evaluation=evaluation).order_by("position"))
    assert [(s.title, s.title_es) for s in scores] == list(TITLES_ES.items())
    assert [(s.anchor, s.anchor_es) for s in scores] == [
        ("Open questions: clearly met.", "Preguntas abiertas: se cumple con claridad."),
        ("Warm hand-off: exemplary.", "Derivación acompañada: ejemplar."),
    ]
    # The English-reading trainee reads the result in English, though it was scored in Spanish.
    english = page(client, eligible, english_url("evaluations:detail", evaluation.pk))
    assert "Open questions: clearly met." in english and "Preguntas abiertas" not in english


def test_a_spanish_evaluator_reads_the_role_play_briefs_in_spanish(
    client, eligible, spanish, evaluator
):
    evaluation = services.evaluation_request(trainee=eligible, instrument=spanish)

    text = page(client, evaluator, spanish_url("evaluations:detail", evaluation.pk))

    assert EVALUATOR_BRIEF_ES in text and ACTOR_BRIEF_ES in text
    assert "EVALUATOR-BRIEF" not in text and "ACTOR-BRIEF" not in text
    queue = page(client, evaluator, spanish_url("evaluations:home"))
    assert SKILL_ES in queue and spanish.skill not in queue


def test_an_instrument_nobody_translated_reads_in_english_on_spanish_pages(
    client, eligible, instrument, evaluator
):
    evaluation = scheduled_evaluation(trainee=eligible, instrument=instrument, evaluator=evaluator)
    services.rating_submit(
        rater=evaluator,
        evaluation_id=evaluation.pk,
        levels=levels_for(instrument, 3, 1),
        comment="Feedback.",
    )

    text = page(client, eligible, spanish_url("evaluations:detail", evaluation.pk))

    assert instrument.skill in text and instrument.remediation in text
    assert "Open questions: exemplary." in text and "Warm hand-off: partly there." in text
    assert "3 — Ejemplar" in text  # the scale itself is interface, always translated
    assert Score.objects.filter(title_es="").count() == 2


def test_an_edit_after_the_request_changes_neither_language_of_what_the_trainee_reads(
    client, eligible, spanish, evaluator
):
    evaluation = scheduled_evaluation(trainee=eligible, instrument=spanish, evaluator=evaluator)
    spanish.skill_es = "OTRA HABILIDAD"
    spanish.save()
    criterion = spanish.criteria.first()
    criterion.title_es = "OTRO CRITERIO"
    criterion.save()
    spanish.save_revision().publish()

    text = page(client, eligible, spanish_url("evaluations:detail", evaluation.pk))

    assert SKILL_ES in text and "Preguntas abiertas" in text
    assert "OTRA HABILIDAD" not in text and "OTRO CRITERIO" not in text


def test_the_result_email_names_the_skill_in_the_trainees_language(
    eligible, spanish, evaluator, django_capture_on_commit_callbacks
):
    eligible.preferred_language = "es"
    eligible.save(update_fields=["preferred_language"])
    evaluation = scheduled_evaluation(trainee=eligible, instrument=spanish, evaluator=evaluator)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.rating_submit(
            rater=evaluator,
            evaluation_id=evaluation.pk,
            levels=levels_for(spanish, 2, 2),
            comment="Comentario.",
        )

    [message] = mail.outbox
    assert f"«{SKILL_ES}»" in message.body or f"“{SKILL_ES}”" in message.body
    assert spanish.skill not in message.body


def test_the_spanish_readers_data_export_and_calibration_name_criteria_in_spanish(
    eligible, spanish, evaluator, second_evaluator
):
    evaluation = scheduled_evaluation(
        trainee=eligible, instrument=spanish, evaluator=evaluator, second_rater=second_evaluator
    )
    for rater in (evaluator, second_evaluator):
        services.rating_submit(
            rater=rater,
            evaluation_id=evaluation.pk,
            levels=levels_for(spanish, 2, 2),
            comment="Comentario.",
        )

    with translation.override("es"):
        [row] = personal_data(trainee=eligible)
        report = calibration_report()

    assert row["skill"] == SKILL_ES
    assert [c["criterion"] for c in row["criteria"]] == list(TITLES_ES.values())
    assert row["criteria"][0]["what_the_evaluator_saw"] == (
        "Preguntas abiertas: se cumple con claridad."
    )
    assert row["criteria"][0]["level_name"] == "Cumplido"
    assert {r.label for r in report.by_criterion} == set(TITLES_ES.values())
    with translation.override("en"):
        assert personal_data(trainee=eligible)[0]["criteria"][0]["criterion"] == "Open questions"


def test_the_certification_checklist_names_the_evaluation_in_spanish(spanish, enrolled):
    version = ProgramVersionFactory()
    EvaluationRequirement.objects.create(version=version, instrument=spanish)

    with translation.override("es"):
        labels = [i.label for i in checklist_for(trainee=enrolled, version=version).items]

    assert any(SKILL_ES in label for label in labels), labels
    assert not any(spanish.skill in label for label in labels)


def test_a_reviewer_writes_the_spanish_beside_the_english_in_the_admin(client, course):
    reviewer = UserFactory(groups=[Group.objects.get(name=REVIEWERS_GROUP)])
    client.force_login(reviewer)
    domain = TrainingDomainFactory(name="Recovery/Wellness Support")
    competency, _ = Competency.objects.get_or_create(
        framework="SAMHSA", number=8, defaults={"title": "Helps peers to manage crises"}
    )
    form = client.get(reverse("wagtailsnippets_evaluations_instrument:add")).content.decode()
    for field in ("skill_es", "summary_es", "evaluator_brief_es", "actor_brief_es"):
        assert f'name="{field}"' in form
    assert 'name="remediation_es"' in form
    criterion = {
        "title": "Asks directly about suicide",
        "title_es": "Pregunta directamente sobre el suicidio",
        "critical": "on",
        "domain": domain.pk,
        "competency": competency.pk,
    }
    for field, word in zip(ANCHOR_FIELDS, ("not seen", "partly", "met", "exemplary"), strict=True):
        criterion[field] = f"English: {word}."
        criterion[f"{field}_es"] = f"Español: {word}."
    data = nested_form_data(
        {
            "key": "crisis-hand-off",
            "skill": "Crisis: warm hand-off to 988",
            "skill_es": "Crisis: derivación acompañada al 988",
            "course": course.course.pk,
            "summary": "Ask directly, check for danger, call 988 together.",
            "summary_es": "Pregunte directamente y llame al 988 junto con la persona.",
            "evaluator_brief": "Fictional scenario.",
            "evaluator_brief_es": "Escenario ficticio.",
            "actor_brief": "Nothing here is about a real person.",
            "actor_brief_es": "Nada de esto se refiere a una persona real.",
            "duration_minutes": "15",
            "pass_percent": "70",
            "critical_min_level": "2",
            "second_rater_percent": "25",
            "kappa_threshold": "0.60",
            "min_pairs": "10",
            "retake_cooldown_days": "14",
            "max_attempts": "3",
            "remediation": "Rehearse the hand-off script.",
            "remediation_es": "Ensaye el guion de la derivación acompañada.",
            "criteria": inline_formset([criterion]),
            "prerequisites": inline_formset([]),
            "action-publish": "action-publish",
        }
    )

    response = client.post(reverse("wagtailsnippets_evaluations_instrument:add"), data)

    assert response.status_code == 302, response.context and response.context["form"].errors
    pinned = Instrument.objects.get(key="crisis-hand-off").live_revision.as_object()
    assert pinned.skill_es == "Crisis: derivación acompañada al 988"
    assert pinned.remediation_es == "Ensaye el guion de la derivación acompañada."
    [saved] = pinned.criteria.all()
    assert saved.title_es == "Pregunta directamente sobre el suicidio"
    with translation.override("es"):
        assert [anchor for _level, _name, anchor in saved.anchors()] == [
            "Español: not seen.",
            "Español: partly.",
            "Español: met.",
            "Español: exemplary.",
        ]
    # An untranslated Spanish field is simply empty: the instrument is valid without it.
    assert make_instrument(course=course.course).skill_es == ""


def test_a_refused_request_says_in_spanish_what_to_complete_first(
    client, enrolled, spanish, course, home, course_index
):
    translate_course(home, course_index, course)
    client.force_login(enrolled)

    response = client.post(spanish_url("evaluations:request", spanish.pk), follow=True)

    text = response.content.decode()
    assert "Complete primero: Módulo 1: comunicación." in text
    assert "Complete these first" not in text and course.modules[0].title not in text


def test_an_evaluators_schedule_without_a_place_is_refused_in_spanish(
    client, eligible, spanish, evaluator
):
    evaluation = services.evaluation_request(trainee=eligible, instrument=spanish)
    client.force_login(evaluator)

    response = client.post(
        spanish_url("evaluations:schedule", evaluation.pk),
        {"mode": "in_person", "scheduled_for": "2099-01-01T10:00", "location": ""},
    )

    assert response.status_code == 400
    text = response.content.decode()
    assert "Indique dónde se realizará la evaluación." in text
    assert services.LOCATION_REQUIRED not in text


def test_a_request_too_soon_after_a_fail_gives_the_date_as_spanish_readers_write_it(
    client, eligible, spanish, evaluator
):
    evaluation = scheduled_evaluation(trainee=eligible, instrument=spanish, evaluator=evaluator)
    services.rating_submit(
        rater=evaluator,
        evaluation_id=evaluation.pk,
        levels=levels_for(spanish, 0, 0),
        comment="Comentario.",
    )
    next_on = timezone.localdate() + timedelta(days=spanish.retake_cooldown_days)
    client.force_login(eligible)

    response = client.post(spanish_url("evaluations:request", spanish.pk), follow=True)

    with translation.override("es"):
        expected = formats.date_format(next_on, r"j \d\e F \d\e Y")
    assert f"Puede volver a solicitarla a partir del {expected}." in response.content.decode()
