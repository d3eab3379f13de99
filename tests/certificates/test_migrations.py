"""The move from one attestation per program version to a list of them keeps every attestation
already made: the old text becomes the first statement, word for word (so its hash is the same).

Each test gets a database of its own (tests/migration_support.py), migrates it forward to just
before the migration under test (only that migration's ancestors are applied), puts rows in
with the models as they were then, applies the one migration and reads the rows back. Nothing
is ever unapplied."""

import hashlib
from datetime import UTC, date, datetime

import pytest

from tests.migration_support import on_default, scratch_database

BEFORE_THE_STEPS = ("certificates", "0002_assessmentrequirement")
TEXT = "PeerCert Code of Ethics\n\n1. I support recovery in all its pathways."


@pytest.fixture(scope="module")
def before_the_steps(django_db_blocker, tmp_path_factory):
    """An empty database migrated to certificates 0002, once: its ~100 ancestors are most of
    what these tests cost. Each test gets a copy."""
    with (
        django_db_blocker.unblock(),
        scratch_database(tmp_path_factory.mktemp("steps"), "base") as base,
    ):
        with on_default(base) as database:
            database.migrate(BEFORE_THE_STEPS)
        yield base


@pytest.fixture
def database(before_the_steps, django_db_blocker, tmp_path):
    with (
        django_db_blocker.unblock(),
        scratch_database(tmp_path, "test", copy_of=before_the_steps) as test,
        on_default(test) as database,
    ):
        yield database


def test_a_versions_attestation_becomes_its_first_statement(database):
    apps = database.migrate(BEFORE_THE_STEPS)
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

    apps = database.migrate(("certificates", "0003_attestation_requirements"))
    Requirement = apps.get_model("certificates", "AttestationRequirement")
    [moved] = Requirement.objects.filter(version_id=with_text.pk)
    assert (moved.title, moved.text) == ("Attest the code", TEXT)
    assert (
        hashlib.sha256(moved.text.encode()).hexdigest() == hashlib.sha256(TEXT.encode()).hexdigest()
    )
    assert not Requirement.objects.filter(version_id=without.pk).exists()


def test_entries_returned_before_the_emails_existed_are_not_mailed_now(database):
    """Returned entries were already seen on the trainee's log; entries still waiting are left
    unannounced, so the supervisors' first digest counts them."""
    reviewed = datetime(2026, 10, 1, 12, 0, tzinfo=UTC)
    apps = database.migrate(("certificates", "0003_attestation_requirements"))
    User = apps.get_model("accounts", "User")
    trainee = User.objects.create(email="trainee@example.org")
    supervisor = User.objects.create(email="supervisor@example.org")
    domain = apps.get_model("courses", "TrainingDomain").objects.create(
        name="Advocacy", framework="IC&RC Peer Recovery"
    )
    Entry = apps.get_model("certificates", "SupervisionEntry")
    common = {
        "trainee": trainee,
        "supervisor": supervisor,
        "kind": "practice",
        "date": date(2026, 9, 30),
        "minutes": 60,
        "domain": domain,
        "format": "individual",
    }
    returned = Entry.objects.create(
        status="rejected", reviewed_at=reviewed, rejection_reason="Wrong date", **common
    )
    waiting = Entry.objects.create(status="pending", **common)

    apps = database.migrate(("certificates", "0004_supervision_emails"))
    Entry = apps.get_model("certificates", "SupervisionEntry")
    assert Entry.objects.get(pk=returned.pk).returned_emailed_at == reviewed
    assert Entry.objects.get(pk=waiting.pk).supervisor_notified_at is None
