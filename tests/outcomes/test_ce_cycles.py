"""CE compliance and lapse per certification cycle: of the cycles that ended, how many were
renewed (an approved renewal, which needs the cycle's CE), lapsed, or neither."""

from datetime import date

import pytest

from certificates.models import Certificate
from continuing_education.models import CertificateLapse, RenewalApplication
from tests.factories.certificates import CertificateFactory
from tests.factories.continuing_education import RenewalApplicationFactory
from tests.outcomes.test_dashboard import URL, cells

pytestmark = pytest.mark.django_db


def ended_certificates(program, n: int, *, cycle: int = 1) -> list[Certificate]:
    people = program.add_trainees(n, step="enrolled")
    return [
        CertificateFactory(
            holder=person,
            version=program.version,
            cycle=cycle,
            status=Certificate.Status.EXPIRED,
            issued_on=date(2023, 6, 1),
            expires_on=date(2025, 6, 1),
        )
        for person in people
    ]


def test_renewed_and_lapsed_cycles_with_their_rates(admin_client, program):
    certificates = ended_certificates(program, 40)
    for certificate in certificates[:25]:
        RenewalApplicationFactory(
            certificate=certificate, status=RenewalApplication.Status.APPROVED
        )
    for certificate in certificates[25:37]:
        CertificateLapse.objects.create(certificate=certificate, lapsed_on=date(2025, 7, 1))
    html = admin_client.get(URL).content.decode()
    row = cells(html, "ce")["Cycle 1 (first certificate)"]
    # ended, renewed, lapsed, neither (3: hidden, and so is one more to protect it), rates
    assert row[0] == "40"
    assert row[3] == "not shown"
    assert "not shown" in (row[1], row[2])
    shown = [cell for cell in row[1:3] if cell != "not shown"]
    assert shown in (["25"], ["12"])


def test_a_cycle_still_running_is_not_counted(admin_client, program):
    people = program.add_trainees(12, step="enrolled")
    for person in people:
        CertificateFactory(holder=person, version=program.version, expires_on=date(2099, 1, 1))
    html = admin_client.get(URL).content.decode()
    assert cells(html, "ce") == {}
