"""Supervisors on file: a sign-off counts only from a supervisor whose credential was current
and approved for the program on the entry's date; reminders; the auditor's report."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from certificates import services, supervisor_reminders
from certificates.models import SupervisionEntry
from certificates.supervisor_rules import OnFile, credential_current_on, may_sign_off
from tests.factories import UserFactory
from tests.factories.board import SupervisorApprovalFactory, SupervisorCredentialFactory
from tests.factories.certificates import SupervisionEntryFactory

D = date(2026, 3, 1)


# --- pure ----------------------------------------------------------------------------------


@given(
    day=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
    length=st.integers(min_value=0, max_value=2000),
)
def test_a_credential_is_current_exactly_between_its_dates_inclusive(day, start, length):
    end = start + timedelta(days=length)
    assert credential_current_on(day=day, valid_from=start, expires_on=end) is (start <= day <= end)


def test_no_program_asking_means_any_supervisor_may_sign():
    assert may_sign_off(day=D, program_ids=[], on_file=[])


def test_a_current_credential_not_approved_for_the_program_is_not_enough():
    on_file = [OnFile(date(2025, 1, 1), date(2027, 1, 1), ((99, date(2025, 1, 1), None),))]
    assert not may_sign_off(day=D, program_ids=[1], on_file=on_file)
    assert may_sign_off(day=D, program_ids=[99], on_file=on_file)


def test_an_approval_that_ended_before_the_entry_does_not_count():
    on_file = [
        OnFile(date(2025, 1, 1), date(2027, 1, 1), ((1, date(2025, 1, 1), date(2026, 2, 28)),))
    ]
    assert not may_sign_off(day=D, program_ids=[1], on_file=on_file)


def test_an_expired_credential_blocks_even_when_approved():
    on_file = [OnFile(date(2024, 1, 1), date(2026, 2, 28), ((1, date(2024, 1, 1), None),))]
    assert not may_sign_off(day=D, program_ids=[1], on_file=on_file)


# --- the service and the queue -------------------------------------------------------------


@pytest.fixture
def strict(program):
    program.version.supervisor_credentials_required = True
    program.version.save()
    return program


@pytest.mark.django_db
def test_an_expired_credential_blocks_the_sign_off_and_nothing_is_saved(
    strict, enrolled, supervisor
):
    credential = SupervisorCredentialFactory(
        supervisor=supervisor, valid_from=date(2023, 1, 1), expires_on=D - timedelta(days=1)
    )
    SupervisorApprovalFactory(credential=credential, program=strict.version.program)
    entry = SupervisionEntryFactory(trainee=enrolled, supervisor=supervisor, date=D)
    with pytest.raises(ValidationError, match="not current and approved"):
        services.supervision_entry_review(entry_id=entry.pk, supervisor=supervisor, approve=True)
    entry.refresh_from_db()
    assert entry.status == "pending"
    # Returning the entry is still possible.
    services.supervision_entry_review(
        entry_id=entry.pk, supervisor=supervisor, approve=False, reason="Ask another supervisor"
    )


@pytest.mark.django_db
def test_a_current_approved_credential_signs_off(strict, enrolled, supervisor):
    credential = SupervisorCredentialFactory(supervisor=supervisor)
    SupervisorApprovalFactory(credential=credential, program=strict.version.program)
    entry = SupervisionEntryFactory(trainee=enrolled, supervisor=supervisor, date=D)
    services.supervision_entry_review(entry_id=entry.pk, supervisor=supervisor, approve=True)
    entry.refresh_from_db()
    assert entry.status == "signed"


@pytest.mark.django_db
def test_a_program_that_does_not_ask_keeps_signing_as_before(program, enrolled, supervisor):
    entry = SupervisionEntryFactory(trainee=enrolled, supervisor=supervisor, date=D)
    services.supervision_entry_review(entry_id=entry.pk, supervisor=supervisor, approve=True)
    assert SupervisionEntry.objects.get(pk=entry.pk).status == "signed"


@pytest.mark.django_db
def test_the_queue_shows_why_and_disables_sign_off(strict, enrolled, supervisor, client):
    entry = SupervisionEntryFactory(trainee=enrolled, supervisor=supervisor, date=D)
    client.force_login(supervisor)
    html = client.get(reverse("certificates:supervision_queue")).content.decode()
    assert f'data-blocked="{entry.pk}"' in html
    assert "not current and approved for this program on 2026-03-01" in html
    assert 'value="sign" disabled' in html


# --- reminders -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_one_reminder_per_expiry_date(django_capture_on_commit_callbacks):
    today = timezone.localdate()
    soon = SupervisorCredentialFactory(expires_on=today + timedelta(days=10))
    SupervisorCredentialFactory(expires_on=today + timedelta(days=200))
    SupervisorCredentialFactory(expires_on=today - timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert supervisor_reminders.reminders_due(today=today) == 1
        assert supervisor_reminders.reminders_due(today=today) == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [soon.supervisor.email]
    assert soon.number in mail.outbox[0].body
    assert soon.supervisor.last_name not in mail.outbox[0].subject
    # Renewed, then about to expire again: a new reminder.
    soon.expires_on = today + timedelta(days=20)
    soon.save()
    assert supervisor_reminders.reminders_due(today=today) == 1


# --- the auditor's report ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_audit_csv_lists_every_signed_hour_with_the_credential_on_that_date(client):
    supervisor = UserFactory(first_name="Taylor", last_name="Brooks")
    old = SupervisorCredentialFactory(
        supervisor=supervisor,
        number="=OLD-1",
        valid_from=date(2022, 1, 1),
        expires_on=date(2025, 12, 31),
    )
    new = SupervisorCredentialFactory(
        supervisor=supervisor,
        number="NEW-2",
        valid_from=date(2026, 1, 1),
        expires_on=date(2027, 12, 31),
    )
    SupervisorApprovalFactory(credential=new, approved_from=date(2026, 1, 1))
    SupervisionEntryFactory(supervisor=supervisor, date=date(2025, 6, 1), status="signed")
    SupervisionEntryFactory(supervisor=supervisor, date=date(2026, 6, 1), status="signed")
    SupervisionEntryFactory(supervisor=supervisor, date=date(2026, 7, 1), status="pending")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(reverse("certificates_supervision_audit"))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows) == 3  # header + two signed entries; the pending one is not there
    by_date = {row[0]: row for row in rows[1:]}
    assert by_date["2025-06-01"][9] == "'" + old.number  # spreadsheet formula guarded
    assert by_date["2026-06-01"][9] == "NEW-2"
    assert by_date["2026-06-01"][14] == str(new.approvals.get().program)


@pytest.mark.django_db
def test_the_audit_is_for_certificate_managers_only(client):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse("certificates_supervision_audit"))
    assert response.status_code in (302, 403)
