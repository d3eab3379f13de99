"""A trainee hears what a reviewer decided: an e-mail when a CE record is approved or not accepted
(with the reason) and when a renewal is not approved. Sent once, even when the job runs again;
nothing personal in the subject; a decision whose e-mail was lost is re-sent by the daily run."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from continuing_education import notifications, services
from continuing_education.models import CEActivity, RenewalApplication
from tests.continuing_education.test_records import submit as submit_ce
from tests.continuing_education.test_renewal import due, submit  # noqa: F401

pytestmark = pytest.mark.django_db


def test_an_approval_is_mailed_once(holder, reviewer, today, django_capture_on_commit_callbacks):
    activity = submit_ce(holder, today=today)
    with django_capture_on_commit_callbacks(execute=True):
        services.ce_activity_review(activity_id=activity.pk, reviewer=reviewer, approve=True)
    [message] = mail.outbox
    assert message.to == ["holder@example.org"]
    assert message.subject == notifications.CE_SUBJECT
    assert "Ethics in digital peer support" in message.body and "approved" in message.body
    assert "/ce/" in message.body
    # The job again (a retry, a duplicate enqueue): nothing more is sent.
    assert notifications.send_ce_decision(activity_id=activity.pk) is False
    assert len(mail.outbox) == 1


def test_a_rejection_carries_its_reason(
    holder, reviewer, today, django_capture_on_commit_callbacks
):
    activity = submit_ce(holder, today=today)
    with django_capture_on_commit_callbacks(execute=True):
        services.ce_activity_review(
            activity_id=activity.pk,
            reviewer=reviewer,
            approve=False,
            reason="The certificate of attendance is not attached.",
        )
    [message] = mail.outbox
    assert "did not accept" in message.body
    assert "The certificate of attendance is not attached." in message.body
    for private in ("Okafor", "Ethics in digital"):
        assert private not in message.subject


def test_a_failed_send_is_released_for_the_retry(holder, reviewer, today, monkeypatch):
    activity = submit_ce(holder, today=today)
    services.ce_activity_review(activity_id=activity.pk, reviewer=reviewer, approve=True)

    def smtp_down(**_kwargs):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr("core.decisions.send_mail", smtp_down)
    with pytest.raises(ConnectionRefusedError):
        notifications.send_ce_decision(activity_id=activity.pk)
    assert CEActivity.objects.get(pk=activity.pk).decision_emailed_at is None
    monkeypatch.undo()
    assert notifications.send_ce_decision(activity_id=activity.pk) is True
    assert len(mail.outbox) == 1


def test_a_refused_renewal_is_mailed_with_its_reason(
    due,  # noqa: F811
    reviewer,
    today,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    application = submit(due, today)
    with django_capture_on_commit_callbacks(execute=True):
        services.renewal_decide(
            application_id=application.pk,
            reviewer=reviewer,
            approve=False,
            reason="Two CE records are from the last cycle.",
            today=today,
        )
    [message] = mail.outbox
    assert message.subject == notifications.RENEWAL_SUBJECT
    assert "Two CE records are from the last cycle." in message.body


def test_the_daily_run_resends_recent_decisions_whose_mail_was_lost(
    holder, reviewer, today, django_capture_on_commit_callbacks
):
    lost = submit_ce(holder, today=today)
    services.ce_activity_review(activity_id=lost.pk, reviewer=reviewer, approve=True)
    # (no on-commit callbacks ran: as if Redis was down when the e-mail was enqueued)
    old = submit_ce(holder, today=today, title="Motivational interviewing refresher")
    services.ce_activity_review(activity_id=old.pk, reviewer=reviewer, approve=True)
    CEActivity.objects.filter(pk=old.pk).update(reviewed_at=timezone.now() - timedelta(days=30))
    later = timezone.now() + timedelta(minutes=15)
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.resend_unsent_decisions(now=later) == 1
    [message] = mail.outbox
    assert "Ethics in digital peer support" in message.body
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.resend_unsent_decisions(now=later) == 0
    assert not RenewalApplication.objects.exists()
