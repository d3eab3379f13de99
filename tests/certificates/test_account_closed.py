"""A closed account's waiting name change is dropped (certificates/receivers.py); its
certificates stay verifiable and decided requests stay in the history."""

import pytest

from accounts.services import account_close
from certificates.models import Certificate, NameChangeRequest
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory

pytestmark = pytest.mark.django_db


def test_closing_an_account_drops_its_waiting_name_change_only(django_capture_on_commit_callbacks):
    holder = UserFactory()
    certificate = CertificateFactory(holder=holder)
    decided = NameChangeRequest.objects.create(
        holder=holder,
        first_name="Old",
        last_name="Request",
        status=NameChangeRequest.Status.DECLINED,
    )
    NameChangeRequest.objects.create(holder=holder, first_name="New", last_name="Name")
    someone_elses = NameChangeRequest.objects.create(
        holder=UserFactory(), first_name="Other", last_name="Person"
    )

    with django_capture_on_commit_callbacks(execute=True):
        account_close(user=holder)

    assert list(NameChangeRequest.objects.filter(holder=holder)) == [decided]
    assert NameChangeRequest.objects.filter(pk=someone_elses.pk).exists()
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID
