"""A closed account's employer tools stop (employers/receivers.py): share links and API keys are
revoked, the roster and a waiting access request go; other people's stay."""

import pytest

from accounts.services import account_close
from employers.models import ApiKey, EmployerAccessRequest, RosterEntry, ShareLink
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory

pytestmark = pytest.mark.django_db


def test_closing_an_account_switches_off_its_employer_tools_only(
    django_capture_on_commit_callbacks,
):
    person, other = UserFactory(), UserFactory()
    for user in (person, other):
        CertificateFactory(holder=user)
        ShareLink.objects.create(holder=user, token_sha256=f"{user.pk:064d}")
        ApiKey.objects.create(
            employer=user, name="HR", prefix=f"p{user.pk}", secret_sha256=f"{user.pk:064d}"
        )
        RosterEntry.objects.create(
            employer=user, certificate=CertificateFactory(), last_notified_status="valid"
        )
        EmployerAccessRequest.objects.create(user=user, organisation="Harbour House")

    with django_capture_on_commit_callbacks(execute=True):
        account_close(user=person)

    assert ShareLink.objects.get(holder=person).revoked_at is not None
    assert ApiKey.objects.get(employer=person).revoked_at is not None
    assert not RosterEntry.objects.filter(employer=person).exists()
    assert not EmployerAccessRequest.objects.filter(user=person).exists()
    assert ShareLink.objects.get(holder=other).revoked_at is None
    assert ApiKey.objects.get(employer=other).revoked_at is None
    assert RosterEntry.objects.filter(employer=other).exists()
    assert EmployerAccessRequest.objects.filter(user=other).exists()
