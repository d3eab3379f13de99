"""What PeerCert issues is valid against 1EdTech's published JSON Schemas (credentials/schemas/,
see its README for where each came from and for the one exception: ``proof``)."""

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft201909Validator

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parents[2] / "credentials" / "schemas"


def _validator(name: str) -> Draft201909Validator:
    schema = json.loads((SCHEMAS / name).read_text())
    Draft201909Validator.check_schema(schema)
    return Draft201909Validator(schema, format_checker=Draft201909Validator.FORMAT_CHECKER)


def achievement_credential_errors(credential: dict) -> list[str]:
    """Errors against the OB 3.0 AchievementCredential schema, with the one exception the
    README documents: the single proof object is checked as a one-element proof array (and
    against the schema's own Proof definition)."""
    validator = _validator("ob_v3p0_achievementcredential_schema.json")
    instance = copy.deepcopy(credential)
    if isinstance(instance.get("proof"), dict):
        instance["proof"] = [instance["proof"]]
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(instance)
    ]


def _credential(client, certificate) -> dict:
    return json.loads(client.get(f"/verify/{certificate.code}/credential.json").content)


def test_open_badge_is_valid_against_1edtechs_schema(client, certificate):
    assert achievement_credential_errors(_credential(client, certificate)) == []


def test_the_only_schema_complaint_about_the_badge_as_issued_is_the_proof_bug(client, certificate):
    validator = _validator("ob_v3p0_achievementcredential_schema.json")
    errors = list(validator.iter_errors(_credential(client, certificate)))
    assert [list(e.absolute_path) for e in errors] == [["proof"]]
    assert errors[0].validator == "type" and errors[0].validator_value == "array"


@pytest.mark.parametrize(
    ("change", "path"),
    [
        # Two status entries, as credentials were issued before: the schema wants one object.
        (
            lambda c: c.__setitem__("credentialStatus", [c["credentialStatus"]] * 2),
            "credentialStatus",
        ),
        (
            lambda c: c["credentialSubject"]["identifier"][0].__setitem__("identityType", "email"),
            "credentialSubject/identifier/0/identityType",
        ),
        (lambda c: c.__setitem__("type", ["VerifiableCredential"]), "type"),
        (
            lambda c: c["credentialSubject"]["achievement"].pop("criteria"),
            "credentialSubject/achievement",
        ),
    ],
    ids=["status-array", "identity-type", "not-a-badge", "no-criteria"],
)
def test_the_schema_check_has_teeth(client, certificate, change, path):
    credential = _credential(client, certificate)
    change(credential)
    errors = achievement_credential_errors(credential)
    assert any(error.startswith(path) for error in errors), errors
