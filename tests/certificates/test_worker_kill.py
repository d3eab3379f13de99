"""A real Redis and a real `rqworker`: kill -9 the worker in the middle of a batch; after a
restart and reconciliation every certificate exists exactly once and validates."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection

from certificates import services
from certificates.keys import clear_issuer_keys_cache, init_issuer_keys
from certificates.models import Certificate, CertificateEvent
from certificates.signing import sha256_hex, validate_pdf
from tests.factories import UserFactory
from tests.factories.certificates import ProgramVersionFactory
from tests.rq_results import wait_for_success

ROOT = Path(__file__).resolve().parents[2]
BATCH = 12


def _database_url() -> str:
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or "5432"
    return f"postgres://{user}@{host}:{port}/{db['NAME']}"


def _start_worker(env, *, burst: bool, log: Path) -> subprocess.Popen:
    # The worker deploy/ runs (settings.RQ: cms.worker.PeerCertWorker), which loads the keys and
    # fonts once before it forks: a plain rq Worker pays that in every work horse, about a
    # second per certificate, and this batch is a dozen of them.
    command = [sys.executable, "manage.py", "rqworker", "default"]
    if burst:
        command.append("--burst")
    # A file, not a pipe: nobody reads a pipe while the worker runs, and a full pipe buffer
    # would stall the worker mid-batch.
    with log.open("ab") as output:
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-2000:] if log.exists() else ""


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_killed_worker_loses_and_doubles_nothing(postgres, redis_url, settings, tmp_path):
    settings.ISSUER_KEY_DIR = tmp_path / "issuer"
    keys = init_issuer_keys(settings.ISSUER_KEY_DIR, organisation="PeerCert Drill")
    import django_rq

    queue = django_rq.get_queue("default")  # empty: redis_url clears rq's keys

    version = ProgramVersionFactory()
    holders = [UserFactory() for _ in range(BATCH)]
    for holder in holders:  # each request commits and enqueues on its own
        services.certificate_request(trainee=holder, version=version)
    # One issuance job per request (other apps' jobs, e.g. the outcome figures', may follow).
    issuance = [job.id for job in queue.jobs if job.func_name.startswith("certificates.")]
    assert len(issuance) == BATCH
    first_three = issuance[:3]  # one worker takes them in this order

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": redis_url,
        "ISSUER_KEY_DIR": str(settings.ISSUER_KEY_DIR),
        "PEERCERT_VAR_DIR": str(settings.VAR_DIR),
    }
    issued = lambda: Certificate.objects.filter(status="valid").count()  # noqa: E731

    log = tmp_path / "worker.log"
    worker = _start_worker(env, burst=False, log=log)

    def alive() -> str | None:
        return None if worker.poll() is None else f"the worker exited early:\n{_tail(log)}"

    try:
        deadline = time.monotonic() + 90
        try:
            for job_id in first_three:  # rq's completion events, not polling (tests/rq_results.py)
                wait_for_success(queue, job_id, deadline=deadline, alive=alive, what="an issuance")
        except AssertionError as error:
            raise AssertionError(f"{error}\nworker log:\n{_tail(log)}") from None
        assert issued() >= 3, _tail(log)
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    assert issued() < BATCH, "the worker finished before it could be killed"

    # Whatever the worker held when it died is pending in the database, not lost.
    assert Certificate.objects.filter(status__in=["pending", "valid"]).count() == BATCH
    services.reconcile_pending(older_than=timedelta(0))
    worker = _start_worker(env, burst=True, log=log)
    worker.wait(timeout=180)
    assert worker.returncode == 0, _tail(log)

    certificates = list(Certificate.objects.all())
    assert len(certificates) == BATCH
    assert {c.holder_id for c in certificates} == {h.pk for h in holders}
    clear_issuer_keys_cache()
    for certificate in certificates:
        assert certificate.status == "valid"
        assert certificate.email_sent_at is not None
        pdf_bytes = certificate.pdf.open("rb").read()
        assert sha256_hex(pdf_bytes) == certificate.pdf_sha256
        assert validate_pdf(pdf_bytes, keys.root_cert).ok
        assert (
            CertificateEvent.objects.filter(certificate=certificate, to_status="valid").count() == 1
        )
