"""The credential's achievement in Spanish, where Open Badges 3.0 allows it: the credential is
written in English (``inLanguage``) and its achievement names a Spanish edition in ``related``;
that edition is published at its own address as an ``Achievement`` valid against 1EdTech's
schema, with the description and criteria in Spanish and the credential's English name."""

import json
from decimal import Decimal

import pytest
from jsonschema import Draft201909Validator

from certificates.models import DomainRequirement
from credentials.openbadges import achievement_id
from tests.credentials.test_schemas import SCHEMAS, achievement_credential_errors
from tests.factories.certificates import AttestationRequirementFactory
from tests.factories.courses import TrainingDomainFactory

pytestmark = pytest.mark.django_db

SPANISH_DESCRIPTION = (
    "Formación alineada con el estándar Peer Recovery de IC&RC: 46 horas en cuatro dominios."
)


def _achievement_errors(document: dict) -> list[str]:
    """Errors against the Achievement definition of 1EdTech's OB 3.0 schema."""
    schema = json.loads((SCHEMAS / "ob_v3p0_achievementcredential_schema.json").read_text())
    achievement = {"$ref": "#/$defs/Achievement", "$defs": schema["$defs"]}
    validator = Draft201909Validator(
        achievement, format_checker=Draft201909Validator.FORMAT_CHECKER
    )
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(document)
    ]


@pytest.fixture
def rules(certificate):
    """The certificate's program version with the kinds of rule the criteria spell out."""
    version = certificate.version
    version.min_total_hours = Decimal("46")
    version.practice_hours = Decimal("500")
    version.save()
    domain = TrainingDomainFactory(
        name="Ethical Responsibility", name_es="Responsabilidad ética", sort_order=4
    )
    DomainRequirement.objects.create(version=version, domain=domain, min_hours=Decimal("16"))
    AttestationRequirementFactory(version=version)
    return version


def _credential(client, certificate) -> dict:
    response = client.get(f"/verify/{certificate.code}/credential.json")
    assert response.status_code == 200
    return json.loads(response.content)


def _edition(client, url: str):
    assert url.startswith("https://certs.example.org/")
    return client.get(url.removeprefix("https://certs.example.org"))


def test_the_credential_says_it_is_english_and_names_its_spanish_edition(
    client, certificate, rules
):
    achievement = _credential(client, certificate)["credentialSubject"]["achievement"]

    assert achievement["inLanguage"] == "en"
    key = achievement_id(rules).removeprefix("urn:uuid:")
    assert achievement["related"] == [
        {
            "id": f"https://certs.example.org/issuer/achievements/{key}/es",
            "type": ["Related"],
            "inLanguage": "es",
            "version": rules.label,
        }
    ]
    # The English criteria read as they always have.
    assert achievement["criteria"]["narrative"].splitlines()[1:3] == [
        "- at least 46 hours of training",
        "- at least 16 hours in Ethical Responsibility",
    ]
    assert achievement_credential_errors(_credential(client, certificate)) == []


def test_the_spanish_edition_is_published_in_spanish_at_the_address_the_credential_names(
    client, certificate, rules
):
    rules.program.description_es = SPANISH_DESCRIPTION
    rules.program.save()
    achievement = _credential(client, certificate)["credentialSubject"]["achievement"]

    response = _edition(client, achievement["related"][0]["id"])

    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    edition = json.loads(response.content)
    assert edition["id"] == achievement["related"][0]["id"]
    assert edition["type"] == ["Achievement"]
    assert edition["inLanguage"] == "es"
    # A certificate is issued under its English name; the Spanish describes it.
    assert edition["name"] == achievement["name"] == "Peer Recovery Specialist"
    assert edition["description"] == SPANISH_DESCRIPTION
    narrative = edition["criteria"]["narrative"].splitlines()
    assert "- al menos 46 horas de formación" in narrative
    assert "- al menos 16 horas en Responsabilidad ética" in narrative
    assert "- 500 horas de práctica supervisada" in narrative
    assert narrative[-1] == "Válida por 24 meses a partir de la fecha de emisión."
    # …and it points back at the English achievement the credential carries.
    assert edition["related"] == [
        {"id": achievement["id"], "type": ["Related"], "inLanguage": "en", "version": rules.label}
    ]
    assert edition["version"] == achievement["version"]
    assert _achievement_errors(edition) == []


def test_without_a_spanish_description_the_edition_describes_the_credential_in_spanish(
    client, certificate, rules
):
    rules.program.description = ""
    rules.program.description_es = ""
    rules.program.save()
    achievement = _credential(client, certificate)["credentialSubject"]["achievement"]

    edition = json.loads(_edition(client, achievement["related"][0]["id"]).content)

    assert edition["description"] == (
        f"Certificación Peer Recovery Specialist emitida por PeerCert Test Institute según "
        f"las reglas de {rules.program.name}, versión {rules.label}."
    )
    assert achievement["description"] == (
        f"Peer Recovery Specialist certification issued by PeerCert Test Institute under the "
        f"{rules.program.name} rules of {rules.label}."
    )
    assert _achievement_errors(edition) == []


def test_the_spanish_edition_names_each_statement_to_attest_by_its_spanish_title(
    client, certificate, rules
):
    AttestationRequirementFactory(
        version=rules,
        title="Confirm lived experience of recovery",
        title_es="Confirmar la experiencia vivida de recuperación",
        text_es="Tengo experiencia vivida de recuperación.",
    )
    rules.attestation_requirements.filter(title="Attest the code of ethics").update(
        title_es="Declarar el código de ética"
    )
    achievement = _credential(client, certificate)["credentialSubject"]["achievement"]

    edition = json.loads(_edition(client, achievement["related"][0]["id"]).content)

    narrative = edition["criteria"]["narrative"].splitlines()
    assert "- declaración: Declarar el código de ética" in narrative
    assert "- declaración: Confirmar la experiencia vivida de recuperación" in narrative
    assert not [line for line in narrative if "Attest" in line or "Confirm lived" in line]
    # The credential's own (English) achievement keeps the English titles.
    english = achievement["criteria"]["narrative"].splitlines()
    assert "- attestation: Attest the code of ethics" in english
    assert "- attestation: Confirm lived experience of recovery" in english
    assert _achievement_errors(edition) == []


def test_a_statement_without_a_spanish_title_is_named_in_english_in_the_spanish_edition(
    client, certificate, rules
):
    achievement = _credential(client, certificate)["credentialSubject"]["achievement"]

    edition = json.loads(_edition(client, achievement["related"][0]["id"]).content)

    assert "- declaración: Attest the code of ethics" in edition["criteria"]["narrative"]


@pytest.mark.parametrize(
    "path",
    [
        "/issuer/achievements/{key}/fr",
        "/issuer/achievements/{key}/en",
        "/issuer/achievements/00000000-0000-0000-0000-000000000000/es",
        "/issuer/achievements/not-a-uuid/es",
        "/issuer/achievements/%00%ff/es",
    ],
)
def test_an_address_that_is_no_edition_is_a_json_404(client, certificate, rules, path):
    key = achievement_id(rules).removeprefix("urn:uuid:")

    response = client.get(path.format(key=key))

    assert response.status_code == 404
    assert json.loads(response.content) == {"detail": "No achievement has this address."}
