"""The daily jobs: expiry, lapse, reminders; each idempotent for a day."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command

from certificates import jobs as certificate_jobs
from certificates import sweep as certificate_sweep
from certificates.models import Certificate, CertificateEvent
from cms import jobs, scheduler
from continuing_education import sweep
from continuing_education.models import CertificateLapse, ReminderSent
from tests.factories.certificates import CertificateFactory
from tests.factories.continuing_education import RenewalApplicationFactory

from .conftest import make_certificate

pytestmark = pytest.mark.django_db


def expiring(holder, version, *, on):
    """A valid certificate of ``holder`` whose expiry date is ``on``."""
    from dateutil.relativedelta import relativedelta

    return make_certificate(holder=holder, version=version, issued_on=on - relativedelta(months=24))


def cert(version, *, expires_on, status="valid", **kwargs):
    from dateutil.relativedelta import relativedelta

    return CertificateFactory(
        version=version,
        status=status,
        expires_on=expires_on,
        issued_on=expires_on - relativedelta(months=24),
        **kwargs,
    )


# --- expiry ------------------------------------------------------------------------------------


def test_valid_certificates_past_expiry_become_expired_with_a_public_event(ce_rules, today):
    past = cert(ce_rules.version, expires_on=today - timedelta(days=1))
    on_the_day = cert(ce_rules.version, expires_on=today)
    assert certificate_sweep.expire_due(today=today) == 1
    past.refresh_from_db()
    on_the_day.refresh_from_db()
    assert past.status == "expired" and on_the_day.status == "valid"
    event = past.events.get()
    assert (event.from_status, event.to_status, event.actor, event.reason_public) == (
        "valid",
        "expired",
        None,
        True,
    )
    assert event.reason == certificate_sweep.EXPIRY_REASON
    from django.utils import timezone

    assert abs(event.at - timezone.now()) < timedelta(minutes=1)
    assert CertificateEvent.objects.filter(at__lte=timezone.now()).count() == 1


def test_other_statuses_are_left_alone(ce_rules, today):
    for status in ("suspended", "revoked", "superseded", "pending"):
        cert(ce_rules.version, expires_on=today - timedelta(days=5), status=status)
    assert certificate_sweep.expire_due(today=today) == 0
    assert not Certificate.objects.filter(status="expired").exists()
    assert not CertificateEvent.objects.exists()


def test_expiry_sweep_twice_on_one_day_changes_nothing_the_second_time(ce_rules, today):
    for days in range(1, 6):
        cert(ce_rules.version, expires_on=today - timedelta(days=days))
    assert certificate_sweep.expire_due(today=today) == 5
    assert certificate_sweep.expire_due(today=today) == 0
    assert CertificateEvent.objects.count() == 5


def test_chunked_expiry_gives_the_same_result(ce_rules, today):
    for days in range(1, 8):
        cert(ce_rules.version, expires_on=today - timedelta(days=days))
    assert certificate_sweep.expire_due(today=today, chunk_size=3) == 7
    assert Certificate.objects.filter(status="expired").count() == 7
    assert CertificateEvent.objects.count() == 7


def test_expiry_sweep_runs_a_fixed_number_of_queries(
    ce_rules, today, django_assert_max_num_queries
):
    for days in range(1, 40):
        cert(ce_rules.version, expires_on=today - timedelta(days=days))
    with django_assert_max_num_queries(6):
        assert certificate_sweep.expire_due(today=today) == 39


# --- lapse -------------------------------------------------------------------------------------


def test_expired_certificates_lapse_the_day_after_the_grace_period(ce_rules, today):
    in_grace = cert(ce_rules.version, expires_on=today - timedelta(days=90), status="expired")
    past_grace = cert(ce_rules.version, expires_on=today - timedelta(days=91), status="expired")
    assert sweep.lapse_due(today=today) == 1
    lapse = CertificateLapse.objects.get()
    assert lapse.certificate == past_grace
    assert lapse.lapsed_on == past_grace.expires_on + timedelta(days=91)
    assert not CertificateLapse.objects.filter(certificate=in_grace).exists()
    past_grace.refresh_from_db()
    assert past_grace.public_status == "expired"  # lapsed is never a public status


def test_lapse_is_recorded_once(ce_rules, today):
    cert(ce_rules.version, expires_on=today - timedelta(days=200), status="expired")
    assert sweep.lapse_due(today=today) == 1
    assert sweep.lapse_due(today=today) == 0


def test_a_renewal_under_review_holds_off_the_lapse(ce_rules, today):
    certificate = cert(ce_rules.version, expires_on=today - timedelta(days=100), status="expired")
    RenewalApplicationFactory(certificate=certificate, status="submitted")
    assert sweep.lapse_due(today=today) == 0


def test_versions_without_ce_rules_never_lapse(today):
    CertificateFactory(status="expired", expires_on=today - timedelta(days=1000))
    assert sweep.lapse_due(today=today) == 0


def test_a_lapsed_holder_is_told_to_reapply_and_cannot_renew(holder, ce_rules, today, client):
    from dateutil.relativedelta import relativedelta

    certificate = make_certificate(
        holder=holder,
        version=ce_rules.version,
        status="expired",
        issued_on=today - timedelta(days=200) - relativedelta(months=24),
    )
    sweep.lapse_due(today=today)
    client.force_login(holder)
    page = client.get("/dashboard/").content.decode()
    assert "Lapsed" in page and "apply again" in page
    assert f"/ce/renew/{certificate.pk}/" not in page


# --- reminders ---------------------------------------------------------------------------------


def test_reminder_is_sent_once_with_no_personal_data_in_the_subject(
    holder, ce_rules, today, django_capture_on_commit_callbacks
):
    certificate = expiring(holder, ce_rules.version, on=today + timedelta(days=20))
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep.reminders_due(today=today) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep.reminders_due(today=today) == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [holder.email]
    assert message.subject == sweep.REMINDER_SUBJECT
    for personal in (holder.first_name, holder.last_name, holder.email, certificate.serial):
        assert personal not in message.subject
    assert "/dashboard/" in message.body and "Ethics: 0 / 6 h" in message.body
    assert ReminderSent.objects.get().kind == "days_30"


def test_each_threshold_sends_its_own_reminder(
    holder, ce_rules, today, django_capture_on_commit_callbacks
):
    certificate = expiring(holder, ce_rules.version, on=today + timedelta(days=100))
    for days_before in (95, 90, 60, 30, 10, 7, 3, 0, -1):
        with django_capture_on_commit_callbacks(execute=True):
            sweep.reminders_due(today=certificate.expires_on - timedelta(days=days_before))
    assert sorted(ReminderSent.objects.values_list("kind", flat=True)) == [
        "days_30",
        "days_7",
        "days_90",
    ]
    assert len(mail.outbox) == 3


def test_no_reminder_once_a_renewal_is_submitted(holder, ce_rules, today):
    certificate = expiring(holder, ce_rules.version, on=today + timedelta(days=20))
    RenewalApplicationFactory(certificate=certificate, status="submitted")
    assert sweep.reminders_due(today=today) == 0


def test_a_reminder_job_run_twice_sends_one_mail(holder, ce_rules, today):
    certificate = expiring(holder, ce_rules.version, on=today + timedelta(days=20))
    reminder = ReminderSent.objects.create(certificate=certificate, kind="days_30", due_on=today)
    assert sweep.send_reminder(reminder_id=reminder.pk) is True
    assert sweep.send_reminder(reminder_id=reminder.pk) is False
    assert len(mail.outbox) == 1


def test_a_failed_send_is_released_for_a_retry(holder, ce_rules, today, monkeypatch):
    certificate = expiring(holder, ce_rules.version, on=today + timedelta(days=20))
    reminder = ReminderSent.objects.create(certificate=certificate, kind="days_30", due_on=today)

    def broken(**kwargs):
        raise ConnectionError("smtp down")

    monkeypatch.setattr("core.decisions.send_mail", broken)
    with pytest.raises(ConnectionError):
        sweep.send_reminder(reminder_id=reminder.pk)
    reminder.refresh_from_db()
    assert reminder.sent_at is None


# --- the daily run -----------------------------------------------------------------------------


def test_daily_jobs_twice_on_the_same_day_change_and_send_nothing_twice(
    holder, ce_rules, today, monkeypatch, django_capture_on_commit_callbacks, capsys
):
    rosters = []
    monkeypatch.setattr(
        "employers.services.roster.notify_roster_changes", lambda: rosters.append(1) or 0
    )
    day = today + timedelta(days=400)
    expiring(holder, ce_rules.version, on=day + timedelta(days=20))  # reminder due on `day`
    cert(ce_rules.version, expires_on=day - timedelta(days=1))  # expires on `day`
    cert(ce_rules.version, expires_on=day - timedelta(days=120), status="expired")  # lapses

    with django_capture_on_commit_callbacks(execute=True):
        call_command("daily_jobs", "--date", day.isoformat())
    first = capsys.readouterr().out
    state = (
        list(Certificate.objects.order_by("pk").values_list("status", flat=True)),
        CertificateEvent.objects.count(),
        CertificateLapse.objects.count(),
        ReminderSent.objects.count(),
        len(mail.outbox),
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("daily_jobs", "--date", day.isoformat())
    second = capsys.readouterr().out
    assert state == (
        list(Certificate.objects.order_by("pk").values_list("status", flat=True)),
        CertificateEvent.objects.count(),
        CertificateLapse.objects.count(),
        ReminderSent.objects.count(),
        len(mail.outbox),
    )
    assert "expired: 1" in first and "lapsed: 1" in first and "reminders: 1" in first
    assert "expired: 0" in second and "lapsed: 0" in second and "reminders: 0" in second
    assert len(mail.outbox) == 1
    assert len(rosters) == 2  # the roster job itself is idempotent (employers' tests)


def test_daily_jobs_rejects_a_malformed_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("daily_jobs", "--date", "24/11/2026")


# --- the scheduler -----------------------------------------------------------------------------


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


def test_local_scheduler_reconciles_every_few_minutes_and_runs_daily_jobs_once_a_day(monkeypatch):
    ran = []
    monkeypatch.setattr(jobs, "daily_jobs", lambda: ran.append("daily"))
    monkeypatch.setattr(certificate_jobs, "reconcile_certificates", lambda: ran.append("reconcile"))
    clock = Clock(datetime(2031, 5, 1, 1, 0))
    local = scheduler.LocalScheduler(daily_at=time(2, 30), reconcile_every=300, clock=clock)
    assert local.run_due() == ["reconcile_certificates", "retry_due_webhooks"]
    clock.now += timedelta(minutes=2)
    assert local.run_due() == []
    clock.now += timedelta(minutes=4)
    assert local.run_due() == ["reconcile_certificates", "retry_due_webhooks"]
    clock.now = datetime(2031, 5, 1, 2, 31)
    assert "daily_jobs" in local.run_due()
    clock.now += timedelta(minutes=6)
    assert local.run_due() == ["reconcile_certificates", "retry_due_webhooks"]
    clock.now = datetime(2031, 5, 2, 2, 30)
    assert "daily_jobs" in local.run_due()
    assert ran.count("daily") == 2


def test_a_failing_job_does_not_stop_the_schedule(monkeypatch):
    def broken():
        raise RuntimeError("database down")

    monkeypatch.setattr(certificate_jobs, "reconcile_certificates", broken)
    local = scheduler.LocalScheduler(clock=Clock(datetime(2031, 5, 1, 1, 0)))
    assert local.run_due() == ["reconcile_certificates", "retry_due_webhooks"]


def test_next_daily_run_is_today_or_tomorrow():
    at = time(2, 30)
    assert scheduler.next_daily_run(datetime(2031, 5, 1, 1, 0), at) == datetime(2031, 5, 1, 2, 30)
    assert scheduler.next_daily_run(datetime(2031, 5, 1, 2, 30), at) == datetime(2031, 5, 2, 2, 30)


def test_rq_cron_scheduler_registers_the_daily_jobs_and_reconciliation():
    import redis

    cron = scheduler.build_rq_scheduler(redis.Redis(), daily_at=time(3, 15), reconcile_every=240)
    jobs = {job.name: job for job in cron.get_jobs()}
    assert jobs["peercert.daily_jobs"].cron == "15 3 * * *"
    assert jobs["peercert.daily_jobs"].func_name == "cms.jobs.daily_jobs"
    assert jobs["peercert.reconcile_certificates"].interval == 240


@pytest.mark.redis
def test_rq_cron_scheduler_enqueues_reconciliation_onto_the_default_queue(redis_url):
    import django_rq

    queue = django_rq.get_queue("default")  # empty: redis_url clears rq's keys
    cron = scheduler.build_rq_scheduler(django_rq.get_connection("default"))
    enqueued = cron.enqueue_jobs()  # interval jobs run at once; the daily one waits its time
    assert [job.name for job in enqueued] == [
        "peercert.reconcile_certificates",
        "peercert.retry_due_webhooks",
    ]
    assert [job.func_name for job in queue.get_jobs()] == [
        "certificates.jobs.reconcile_certificates",
        "employers.jobs.retry_due_webhooks",
    ]


def test_run_scheduler_once_runs_every_job(monkeypatch, capsys):
    ran = []
    monkeypatch.setattr(jobs, "daily_jobs", lambda: ran.append("daily"))
    monkeypatch.setattr(certificate_jobs, "reconcile_certificates", lambda: ran.append("reconcile"))
    call_command("run_scheduler", "--once")
    assert sorted(ran) == ["daily", "reconcile"]


def test_the_daily_job_wrapper_takes_a_plain_date_string(ce_rules, today):
    cert(ce_rules.version, expires_on=today)
    counts = jobs.daily_jobs((today + timedelta(days=1)).isoformat())
    assert counts["expired"] == 1
    assert Decimal(counts["lapsed"]) == 0


def test_a_closed_account_gets_no_reminders(holder, ce_rules, today):
    expiring(holder, ce_rules.version, on=today + timedelta(days=20))
    holder.is_active = False
    holder.save()
    assert sweep.reminders_due(today=today) == 0
