"""The move from one attestation per program version to a list of them keeps every attestation
already made: the old text becomes the first statement, word for word (so its hash is the same)."""

import hashlib
from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import TrainingDomainFactory, UserFactory

BEFORE = [("certificates", "0002_assessmentrequirement")]
AFTER = [("certificates", "0003_attestation_requirements")]
TEXT = "PeerCert Code of Ethics\n\n1. I support recovery in all its pathways."


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_a_versions_attestation_becomes_its_first_statement():
    try:
        apps = migrate(BEFORE)
        body = apps.get_model("certificates", "CertifyingBody").objects.create(name="Board")
        program = apps.get_model("certificates", "CertificationProgram").objects.create(
            body=body, name="Peer Recovery", credential_name="Peer Recovery Specialist"
        )
        Version = apps.get_model("certificates", "ProgramVersion")
        with_text = Version.objects.create(
            program=program,
            label="2026",
            effective_from=date(2026, 1, 1),
            attestation_title="Attest the code",
            attestation_text=TEXT,
        )
        without = Version.objects.create(
            program=program, label="2025", effective_from=date(2025, 1, 1), attestation_text=""
        )

        apps = migrate(AFTER)
        Requirement = apps.get_model("certificates", "AttestationRequirement")
        [moved] = Requirement.objects.filter(version_id=with_text.pk)
        assert (moved.title, moved.text) == ("Attest the code", TEXT)
        assert (
            hashlib.sha256(moved.text.encode()).hexdigest()
            == hashlib.sha256(TEXT.encode()).hexdigest()
        )
        assert not Requirement.objects.filter(version_id=without.pk).exists()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_entries_returned_before_the_emails_existed_are_not_mailed_now():
    """Returned entries were already seen on the trainee's log; entries still waiting are left
    unannounced, so the supervisors' first digest counts them."""
    reviewed = datetime(2026, 10, 1, 12, 0, tzinfo=UTC)
    try:
        apps = migrate([("certificates", "0003_attestation_requirements")])
        # Other apps stay fully migrated while certificates steps back: use today's models.
        trainee, supervisor = UserFactory(), UserFactory()
        domain = TrainingDomainFactory(name="Advocacy")
        Entry = apps.get_model("certificates", "SupervisionEntry")
        common = {
            "trainee_id": trainee.pk,
            "supervisor_id": supervisor.pk,
            "kind": "practice",
            "date": date(2026, 9, 30),
            "minutes": 60,
            "domain_id": domain.pk,
            "format": "individual",
        }
        returned = Entry.objects.create(
            status="rejected", reviewed_at=reviewed, rejection_reason="Wrong date", **common
        )
        waiting = Entry.objects.create(status="pending", **common)

        apps = migrate([("certificates", "0004_supervision_emails")])
        Entry = apps.get_model("certificates", "SupervisionEntry")
        assert Entry.objects.get(pk=returned.pk).returned_emailed_at == reviewed
        assert Entry.objects.get(pk=waiting.pk).supervisor_notified_at is None
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
