"""The status machine (certificates/lifecycle.py): every transition, by every actor, and the
new statuses where people see them (verification page, API, credential status list)."""

import itertools

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from certificates import lifecycle, services
from certificates.models import Certificate
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory, ProgramVersionFactory

# The whole machine, written out: (from, to, who) triples that are allowed. Anything else is not.
ALLOWED = {
    ("pending", "revoked", "staff"),
    ("valid", "suspended", "staff"),
    ("valid", "revoked", "staff"),
    ("valid", "inactive", "staff"),
    ("valid", "relinquished", "staff"),
    ("suspended", "valid", "staff"),
    ("suspended", "revoked", "staff"),
    ("suspended", "relinquished", "staff"),
    ("inactive", "valid", "staff"),
    ("inactive", "revoked", "staff"),
    ("inactive", "relinquished", "staff"),
    ("expired", "revoked", "staff"),
    ("valid", "relinquished", "holder"),
    ("inactive", "relinquished", "holder"),
    ("pending", "valid", "system"),
    ("valid", "expired", "system"),
    ("valid", "superseded", "system"),
    ("expired", "superseded", "system"),
    ("suspended", "superseded", "system"),
    ("inactive", "expired", "system"),
    ("inactive", "superseded", "system"),
}
ACTORS = ("staff", "holder", "system")
EVERY = list(itertools.product(lifecycle.STATUSES, lifecycle.STATUSES, ACTORS))


@pytest.mark.parametrize(("current", "target", "by"), EVERY)
def test_every_transition_is_allowed_exactly_when_the_table_says(current, target, by):
    assert lifecycle.may_transition(current, target, by=by) is ((current, target, by) in ALLOWED)


@given(st.sampled_from(sorted(lifecycle.FINAL)), st.sampled_from(ACTORS))
def test_nothing_follows_a_final_status(current, by):
    assert lifecycle.allowed_transitions(current, by=by) == frozenset()


@given(st.sampled_from(lifecycle.STATUSES))
def test_a_holder_can_only_ever_give_a_certificate_up(current):
    assert lifecycle.allowed_transitions(current, by="holder") <= {"relinquished"}


def test_model_statuses_are_the_machines():
    assert set(Certificate.Status.values) == set(lifecycle.STATUSES)


def test_probation_is_not_a_status_word():
    assert "probation" not in lifecycle.STATUSES


# --- services ------------------------------------------------------------------------------


def texas_like(**kwargs):
    """A version whose board uses inactive and relinquished (Texas lists both)."""
    version = ProgramVersionFactory(inactive_status_used=True, relinquishment_used=True)
    return CertificateFactory(version=version, **kwargs)


@pytest.mark.django_db
def test_the_holder_relinquishes_only_after_confirming():
    certificate = texas_like()
    with pytest.raises(ValidationError):
        services.certificate_relinquish(
            certificate_id=certificate.pk, holder=certificate.holder, confirmed=False
        )
    certificate.refresh_from_db()
    assert certificate.status == "valid"
    assert not certificate.events.exists()

    services.certificate_relinquish(
        certificate_id=certificate.pk, holder=certificate.holder, confirmed=True
    )
    certificate.refresh_from_db()
    assert certificate.status == "relinquished"
    event = certificate.events.get()
    assert (event.from_status, event.actor_id, event.reason_public) == (
        "valid",
        certificate.holder.pk,
        True,
    )


@pytest.mark.django_db
def test_someone_else_cannot_relinquish_a_holders_certificate():
    certificate = texas_like()
    with pytest.raises(Certificate.DoesNotExist):
        services.certificate_relinquish(
            certificate_id=certificate.pk, holder=UserFactory(), confirmed=True
        )


@pytest.mark.django_db
def test_a_suspended_holder_cannot_relinquish_on_their_own():
    certificate = texas_like(status="suspended")
    with pytest.raises(ValidationError):
        services.certificate_relinquish(
            certificate_id=certificate.pk, holder=certificate.holder, confirmed=True
        )


@pytest.mark.django_db
def test_staff_mark_inactive_and_reactivate():
    admin = UserFactory(is_superuser=True)
    certificate = texas_like()
    services.certificate_set_status(
        certificate_id=certificate.pk, to_status="inactive", actor=admin, reason="Not practising"
    )
    services.certificate_set_status(
        certificate_id=certificate.pk, to_status="valid", actor=admin, reason="Back at work"
    )
    assert list(certificate.events.values_list("to_status", flat=True)) == ["inactive", "valid"]


@pytest.mark.django_db
def test_staff_cannot_expire_a_certificate_by_hand():
    certificate = CertificateFactory()
    with pytest.raises(ValidationError):
        services.certificate_set_status(
            certificate_id=certificate.pk,
            to_status="expired",
            actor=None,
            reason="why not",
            by="staff",
        )


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["inactive", "relinquished"])
def test_a_program_that_does_not_use_a_status_word_refuses_it(status):
    certificate = CertificateFactory()
    with pytest.raises(ValidationError):
        services.certificate_set_status(
            certificate_id=certificate.pk, to_status=status, actor=None, reason="Asked"
        )
    certificate.refresh_from_db()
    assert certificate.status == "valid"


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["inactive", "relinquished"])
def test_new_statuses_read_as_their_word_on_the_page_and_in_the_api(client, status):
    certificate = texas_like()
    services.certificate_set_status(
        certificate_id=certificate.pk, to_status=status, actor=None, reason="Holder's request"
    )
    page = client.get(f"/verify/{certificate.code}/")
    assert page.status_code == 200
    assert f'data-status="{status}"' in page.content.decode()
    body = client.get(f"/api/v1/verify/{certificate.code}").json()
    assert body["status"] == status
    assert body["status_date"] is not None


@pytest.mark.django_db
def test_the_credential_status_list_says_suspended_for_inactive_and_revoked_for_relinquished():
    from credentials.status import REVOKED, SUSPENDED, assign_status_entry, entry_values

    inactive = CertificateFactory(status="inactive")
    relinquished = CertificateFactory(status="relinquished")
    valid = CertificateFactory()
    entries = {c.pk: assign_status_entry(certificate=c) for c in (inactive, relinquished, valid)}
    values = entry_values(entries[valid.pk].status_list)
    assert values[entries[inactive.pk].index] == SUSPENDED
    assert values[entries[relinquished.pk].index] == REVOKED
    assert entries[valid.pk].index not in values
