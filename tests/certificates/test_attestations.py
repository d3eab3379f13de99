"""Attestations as data: a program version asks for one or several statements (a code of ethics,
lived experience of recovery); the trainee reads each and ticks its own box; only the yes, the
hash of the exact words and the time are kept."""

import hashlib

import pytest
from django.urls import reverse

from certificates.models import Attestation, Certificate
from certificates.selectors import checklist_for
from tests.factories.certificates import AttestationRequirementFactory, ProgramVersionFactory

pytestmark = pytest.mark.django_db

LIVED = (
    "I have my own lived experience of recovery and draw on it, within my role, to support others."
)


@pytest.fixture
def two_statements(program):
    program.lived = AttestationRequirementFactory(
        version=program.version,
        sort_order=1,
        title="Attest lived experience of recovery",
        text=LIVED,
        agreement="This is true of me.",
    )
    return program


def overview(client):
    return client.get(reverse("certificates:overview")).content.decode()


def attest(client, program, statement, **data):
    return client.post(
        reverse("certificates:attest", args=[program.version.pk]),
        {"statement": statement.pk, "agree": "yes", **data},
        follow=True,
    )


def test_each_statement_is_read_and_attested_on_its_own(client, enrolled, two_statements):
    program = two_statements
    client.force_login(enrolled)
    page = overview(client)
    assert "I will keep confidences." in page and LIVED in page
    assert "This is true of me." in page
    assert page.count('name="statement"') == 2

    response = attest(client, program, program.lived)
    assert "Your attestation is recorded" in response.content.decode()
    record = Attestation.objects.get(trainee=enrolled)
    assert record.text_sha256 == hashlib.sha256(LIVED.encode()).hexdigest()
    checklist = checklist_for(trainee=enrolled, version=program.version)
    met = {item.label: item.met for item in checklist.items if item.key.startswith("attestation")}
    assert met == {"Attest the code of ethics": False, "Attest lived experience of recovery": True}
    page = overview(client)
    assert LIVED not in page and "I will keep confidences." in page


def test_an_unticked_box_or_a_foreign_statement_records_nothing(client, enrolled, two_statements):
    program = two_statements
    client.force_login(enrolled)
    response = attest(client, program, program.lived, agree="")
    assert "Tick the box to confirm" in response.content.decode()
    elsewhere = AttestationRequirementFactory(version=ProgramVersionFactory())
    response = attest(client, program, elsewhere)
    assert "not part of this program" in response.content.decode()
    response = client.post(
        reverse("certificates:attest", args=[program.version.pk]),
        {"statement": "1; DROP TABLE", "agree": "yes"},
        follow=True,
    )
    assert response.status_code == 200
    assert not Attestation.objects.exists()


def test_changed_words_ask_again(client, enrolled, two_statements):
    program = two_statements
    client.force_login(enrolled)
    attest(client, program, program.statement)
    program.statement.text = "I will keep confidences, and explain their limits first."
    program.statement.save()
    checklist = checklist_for(trainee=enrolled, version=program.version)
    assert not next(
        item for item in checklist.items if item.key == f"attestation:{program.statement.pk}"
    ).met
    assert "explain their limits first" in overview(client)


def test_no_certificate_until_every_statement_is_attested(
    client, enrolled, two_statements, supervisor, issuer_keys, django_capture_on_commit_callbacks
):
    from certificates import services
    from tests.factories.certificates import SupervisionEntryFactory

    program = two_statements
    entry = SupervisionEntryFactory(
        trainee=enrolled, supervisor=supervisor, minutes=60, domain=program.ethics
    )
    services.supervision_entry_review(entry_id=entry.pk, supervisor=supervisor, approve=True)
    client.force_login(enrolled)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in program.all_lessons:
            client.post(reverse("courses:lesson_complete", args=[lesson.pk]))
        attest(client, program, program.statement)
    assert not Certificate.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        attest(client, program, program.lived)
    certificate = Certificate.objects.get(holder=enrolled)
    assert certificate.status == Certificate.Status.VALID, certificate.last_error
