"""The "certificate issued" e-mail is never lost: a real `rqworker` is killed while the mail
server hangs in the middle of sending it. Its lease keeps the e-mail from being doubled while it
might still be going out; once the lease is older than EMAIL_LEASE, the reconciler's next job
sends it, through a real SMTP conversation, exactly once more (rq runs that job in the test's
own process)."""

import contextlib
import os
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from rq.worker import SimpleWorker

from certificates import services
from certificates.models import Certificate
from cms.worker import PromptPubsubShutdown
from core.decisions import EMAIL_LEASE, lease_key
from core.models import MailLease
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory
from tests.smtp_server import SMTPServer

ROOT = Path(__file__).resolve().parents[2]


class InProcessWorker(PromptPubsubShutdown, SimpleWorker):
    """rq's worker without the fork, shutting down as promptly as PeerCertWorker."""


pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


def _database_url() -> str:
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or "5432"
    return f"postgres://{user}@{host}:{port}/{db['NAME']}"


def _worker(smtp: SMTPServer, redis_url: str, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.core.smtp_worker_settings",
        "PEERCERT_TEST_SMTP_PORT": str(smtp.port),
        "DATABASE_URL": _database_url(),
        "REDIS_URL": redis_url,
    }
    command = [sys.executable, "manage.py", "rqworker", "default"]
    command += ["--worker-class", "rq.worker.Worker"]
    with log.open("ab") as output:
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _descendants(pid: int) -> list[int]:
    """Child processes, from /proc: rq runs each job in a work horse in a session of its own,
    which killing the worker's process group would spare."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if parent == pid:
            child = int(stat.parent.name)
            found += [child, *_descendants(child)]
    return found


def _kill_all(worker: subprocess.Popen) -> None:
    """SIGKILL for the worker and its work horse together, as systemd stopping the unit's
    control group (or the OOM killer taking the host's memory back) would."""
    for pid in _descendants(worker.pid):
        with contextlib.suppress(ProcessLookupError):  # gone already
            os.kill(pid, signal.SIGKILL)
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)


def test_a_worker_killed_mid_send_leaves_a_lease_that_the_reconciler_takes_over(
    postgres, redis_url, settings, tmp_path
):
    from core import jobs

    holder = UserFactory(email="robin.okafor@example.org")
    certificate = CertificateFactory(
        holder=holder, issued_at=timezone.now() - timedelta(hours=1), email_sent_at=None
    )
    # Only the e-mail job for the worker: the rows above enqueued outcome jobs of their own.
    queue = jobs.get_queue()
    queue.empty()
    key = lease_key(Certificate, certificate.pk, "email_sent_at")
    log = tmp_path / "worker.log"

    # 1. The job takes the e-mail and the mail server never answers; the worker is killed.
    with SMTPServer(hanging=True) as hanging:
        jobs.enqueue(services.send_issued_email, certificate.pk)
        worker = _worker(hanging, redis_url, log)
        try:
            assert hanging.connected.wait(90), log.read_text()[-2000:]
            assert MailLease.objects.filter(key=key).exists()
        finally:
            _kill_all(worker)
    certificate.refresh_from_db()
    assert certificate.email_sent_at is None  # nothing was sent, nothing claims it was

    # 2. While the lease is young the e-mail may still be on its way: nobody sends it again.
    queue.empty()
    assert services.reconcile_pending(older_than=timedelta(0)) == 0
    assert queue.count == 0

    # 3. Once the lease has expired, the reconciler's job takes it over and sends the e-mail.
    MailLease.objects.filter(key=key).update(
        claimed_at=timezone.now() - EMAIL_LEASE - timedelta(seconds=1)
    )
    with SMTPServer() as smtp:
        assert services.reconcile_pending(older_than=timedelta(0)) == 1
        [job_id] = queue.get_job_ids()
        # rq runs the job here, in this process, with the worker subprocess's mail settings: a
        # second subprocess would only add its start-up (Django imported again, a few seconds);
        # what is tested is which job sends and how often, not how a worker starts.
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = smtp.port
        settings.EMAIL_TIMEOUT = 30
        assert InProcessWorker([queue], connection=queue.connection).work(burst=True)
        job = queue.fetch_job(job_id)
        assert job.get_status() == "finished", job.latest_result().exc_string
    assert len(smtp.messages) == 1
    [message] = smtp.messages
    assert message["To"] == holder.email
    assert message["Subject"] == services.ISSUED_SUBJECT
    certificate.refresh_from_db()
    assert certificate.email_sent_at is not None
    assert not MailLease.objects.filter(key=key).exists()

    # 4. Sent and marked: the reconciler has nothing left to do.
    assert services.reconcile_pending(older_than=timedelta(0)) == 0
    queue.empty()
