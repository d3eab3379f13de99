"""The move from one attestation per program version to a list of them keeps every attestation
already made: the old text becomes the first statement, word for word (so its hash is the same)."""

import hashlib
from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

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
            body=body, name="Peer Recovery", credential_name="Peer Recovery Specialist")
        Version = apps.get_model("certificates", "ProgramVersion")
        with_text = Version.objects.create(program=program, label="2026",
                                           effective_from=date(2026, 1, 1),
                                           attestation_title="Attest the code", attestation_text=TEXT)
        without = Version.objects.create(program=program, label="2025",
                                         effective_from=date(2025, 1, 1), attestation_text="")

        apps = migrate(AFTER)
        Requirement = apps.get_model("certificates", "AttestationRequirement")
        [moved] = Requirement.objects.filter(version_id=with_text.pk)
        assert (moved.title, moved.text) == ("Attest the code", TEXT)
        assert hashlib.sha256(moved.text.encode()).hexdigest() == hashlib.sha256(
            TEXT.encode()).hexdigest()
        assert not Requirement.objects.filter(version_id=without.pk).exists()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
