"""Statements to attest in Spanish: a Spanish reader reads and attests the Spanish words, the
attestation keeps the hash of those words (and says Spanish), and the requirement is met by an
attestation of the current words in either language. Changing one language's words asks again
only those who attested that language's old words."""

import hashlib

import pytest
from django.urls import reverse
from django.utils import translation

from certificates.models import Attestation
from certificates.selectors import checklist_for
from tests.factories import EnrollmentFactory, UserFactory

pytestmark = pytest.mark.django_db

TEXT_ES = "Mantendré la confidencialidad de lo que comparten los pares."
AGREEMENT_ES = "He leído esta declaración y me comprometo a cumplirla."
TITLE_ES = "Declarar el código de ética"


@pytest.fixture
def spanish(program):
    statement = program.statement
    statement.title_es = TITLE_ES
    statement.text_es = TEXT_ES
    statement.agreement_es = AGREEMENT_ES
    statement.save()
    return program


def url(name, language, *args):
    with translation.override(language):
        return reverse(name, args=args)


def overview(client, language):
    response = client.get(url("certificates:overview", language))
    assert response.status_code == 200
    return response.content.decode()


def attest(client, program, language, sha256, **data):
    return client.post(
        url("certificates:attest", language, program.version.pk),
        {"statement": program.statement.pk, "agree": "yes", "sha256": sha256, **data},
        follow=True,
    )


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def another_trainee(program):
    person = UserFactory()
    EnrollmentFactory(trainee=person, course=program.course)
    return person


def statement_met(trainee, program, language="en") -> bool:
    with translation.override(language):
        checklist = checklist_for(trainee=trainee, version=program.version)
    return next(
        item for item in checklist.items if item.key == f"attestation:{program.statement.pk}"
    ).met


def test_a_spanish_reader_sees_the_spanish_words_and_checkbox(client, enrolled, spanish):
    client.force_login(enrolled)
    page = overview(client, "es")
    assert TEXT_ES in page and AGREEMENT_ES in page and TITLE_ES in page
    assert "I will keep confidences." not in page
    assert f'value="{sha(TEXT_ES)}"' in page
    assert f'<div class="card preserve-lines" lang="es">{TEXT_ES}</div>' in page


def test_the_english_page_is_unchanged(client, enrolled, spanish):
    client.force_login(enrolled)
    page = overview(client, "en")
    assert "I will keep confidences." in page and "Attest the code of ethics" in page
    assert TEXT_ES not in page and AGREEMENT_ES not in page
    assert f'value="{sha("I will keep confidences.")}"' in page


def test_without_spanish_words_a_spanish_reader_sees_and_attests_the_english(
    client, enrolled, program
):
    client.force_login(enrolled)
    page = overview(client, "es")
    assert '<div class="card preserve-lines" lang="en">I will keep confidences.</div>' in page
    attest(client, program, "es", sha("I will keep confidences."))
    record = Attestation.objects.get(trainee=enrolled)
    assert record.language == "en"
    assert statement_met(enrolled, program, "es")


def test_attesting_in_spanish_meets_the_requirement_in_both_languages(client, enrolled, spanish):
    client.force_login(enrolled)
    response = attest(client, spanish, "es", sha(TEXT_ES))
    assert response.status_code == 200
    assert "Gracias. Su declaración quedó registrada." in response.content.decode()
    record = Attestation.objects.get(trainee=enrolled)
    assert (record.text_sha256, record.language) == (sha(TEXT_ES), "es")
    assert statement_met(enrolled, spanish, "es")
    assert statement_met(enrolled, spanish, "en")
    # Met: neither page asks for it any more.
    assert TEXT_ES not in overview(client, "es")
    assert "I will keep confidences." not in overview(client, "en")


def test_changed_spanish_words_ask_the_spanish_attester_again_not_the_english_one(
    client, enrolled, spanish
):
    english_reader = another_trainee(spanish)
    client.force_login(enrolled)
    attest(client, spanish, "es", sha(TEXT_ES))
    client.force_login(english_reader)
    attest(client, spanish, "en", sha("I will keep confidences."))
    assert Attestation.objects.get(trainee=english_reader).language == "en"

    statement = spanish.statement
    statement.text_es = TEXT_ES + " Explicaré sus límites desde el principio."
    statement.save()

    assert not statement_met(enrolled, spanish, "es")
    assert not statement_met(enrolled, spanish, "en")
    assert statement_met(english_reader, spanish, "en")
    assert statement_met(english_reader, spanish, "es")
    client.force_login(enrolled)
    assert "Explicaré sus límites desde el principio." in overview(client, "es")


def test_changed_english_words_ask_the_english_attester_again_not_the_spanish_one(
    client, enrolled, spanish
):
    english_reader = another_trainee(spanish)
    client.force_login(enrolled)
    attest(client, spanish, "es", sha(TEXT_ES))
    client.force_login(english_reader)
    attest(client, spanish, "en", sha("I will keep confidences."))

    statement = spanish.statement
    statement.text = "I will keep confidences, and explain their limits first."
    statement.save()

    assert not statement_met(english_reader, spanish, "en")
    assert statement_met(enrolled, spanish, "en")


@pytest.mark.parametrize(
    "forged",
    [
        sha("Words that were never the statement's."),
        sha("I will keep confidences"),  # almost the English words
        "not-a-hash",
        "0" * 63 + "G",
    ],
)
def test_a_hash_of_other_words_is_refused_with_an_error_at_the_statement(
    client, enrolled, spanish, forged
):
    client.force_login(enrolled)
    response = attest(client, spanish, "es", forged)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="error" role="alert" id="attest-error-' in page
    assert 'aria-invalid="true"' in page
    # In Spanish, and the statement shown again as it reads now.
    assert "Declarar el código de ética" in page and TEXT_ES in page
    assert "These are not" not in page and (
        "Estas no son las palabras actuales de la declaración" in page
        or "Estas no son las palabras de ninguna declaración de esta página." in page
    )
    assert not Attestation.objects.exists()
    assert not statement_met(enrolled, spanish)


def test_words_changed_since_the_page_was_shown_are_not_attested(client, enrolled, spanish):
    client.force_login(enrolled)
    shown = sha(TEXT_ES)
    statement = spanish.statement
    statement.text_es = "Otras palabras."
    statement.save()
    response = attest(client, spanish, "es", shown)
    assert response.status_code == 400
    assert "Otras palabras." in response.content.decode()
    assert not Attestation.objects.exists()


def test_an_unticked_spanish_box_names_the_spanish_title(client, enrolled, spanish):
    client.force_login(enrolled)
    response = attest(client, spanish, "es", sha(TEXT_ES), agree="")
    assert f"Marque la casilla para confirmar «{TITLE_ES}»." in response.content.decode()
    assert not Attestation.objects.exists()


def test_the_demo_seeds_both_statements_in_spanish_even_on_an_older_demo(program):
    from certificates.demo import ICRC_SPLIT, seed_program
    from certificates.models import AttestationRequirement
    from tests.factories import TrainingDomainFactory

    for name in ICRC_SPLIT:
        if name != program.ethics.name:
            TrainingDomainFactory(name=name)
    version = seed_program(course=program.course)
    # An older demo's statements, seeded before they had Spanish words, get them on reseeding.
    version.attestation_requirements.update(title_es="", text_es="", agreement_es="")
    seed_program(course=program.course)

    ethics, lived = AttestationRequirement.objects.filter(version=version).order_by("sort_order")
    assert ethics.title_es == "Declarar el Código de ética de PeerCert"
    assert ethics.text_es.startswith(
        "Código de ética de PeerCert para especialistas en recuperación"
    )
    assert "derivación acompañada" in ethics.text_es and "warm hand-off" in ethics.text
    assert ethics.text_es.count("\n") == ethics.text.count("\n")  # ten points, line for line
    assert lived.text_es.startswith("Experiencia vivida de recuperación")
    assert "Nunca le pide ni guarda su historia" in lived.text_es
    with translation.override("es"):
        assert ethics.in_language("es")["agreement"].startswith("He leído este código de ética")


def test_the_rules_accept_the_current_words_in_any_language_and_no_others():
    from certificates.requirements import Facts, Rules, evaluate

    rules = Rules(attestations=[(1, "Código de ética", frozenset({"english-now", "spanish-now"}))])
    assert evaluate(rules, Facts(attested_sha256s=frozenset({"spanish-now"}))).met
    assert evaluate(rules, Facts(attested_sha256s=frozenset({"english-now"}))).met
    assert not evaluate(rules, Facts(attested_sha256s=frozenset({"spanish-before"}))).met
    assert not evaluate(rules, Facts()).met


def test_spanish_statements_cost_the_overview_no_query(client, enrolled, spanish):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(enrolled)
    overview(client, "es")  # warm caches
    with CaptureQueriesContext(connection) as translated:
        assert TEXT_ES in overview(client, "es")
    spanish.statement.text_es = ""
    spanish.statement.save()
    overview(client, "es")
    with CaptureQueriesContext(connection) as english_only:
        assert "I will keep confidences." in overview(client, "es")
    assert len(translated.captured_queries) == len(english_only.captured_queries)


def test_the_admin_shows_each_spanish_field_beside_its_english_one(client, spanish):
    import re

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    edit = client.get(
        reverse("wagtailsnippets_certificates_programversion:edit", args=[spanish.version.pk])
    ).content.decode()
    assert TEXT_ES in edit and AGREEMENT_ES in edit
    for field in ("title", "text", "agreement"):
        # The Spanish input follows its English one, with no other field between them.
        row = re.search(
            rf'name="attestation_requirements-0-{field}".*?'
            rf'name="attestation_requirements-0-{field}_es"',
            edit,
            re.S,
        )
        assert row and row.group(0).count('name="attestation_requirements-0-') == 2
