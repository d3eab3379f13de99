"""Shared plumbing for the fault drills: private Redis / PostgreSQL instances the drill may stop
and start without touching anyone else's services, a fresh database, workers, and the checks
that decide whether anything was lost or doubled."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


class PrivateRedis:
    """A throwaway redis-server on its own port: stopping it hurts nobody else."""

    def __init__(self, port: int):
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(lambda: _redis_ping(self.url), timeout=10, what="redis to start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()  # like a crash: the in-memory queue is gone
            self.process.wait(timeout=10)


def _redis_ping(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


def wait_for(predicate, *, timeout: float, what: str, interval: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise SystemExit(f"DRILL FAILED: timed out waiting for {what}")


def prepare(
    db_name: str, *, pg: str = "postgres://postgres@127.0.0.1:5432", redis_url: str
) -> dict[str, str]:
    """Fresh database, keys in a temporary folder, Django set up in this process."""
    from bench.harness import recreate_database

    var_dir = Path(tempfile.mkdtemp(prefix=f"{db_name}-"))
    recreate_database(pg, db_name)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"{pg}/{db_name}",
        "REDIS_URL": redis_url,
        "PEERCERT_VAR_DIR": str(var_dir),
        "ISSUER_KEY_DIR": str(var_dir / "issuer"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [sys.executable, "manage.py", "issuer_keys", "init"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    os.environ.update(env)
    import django

    django.setup()
    return env


def program_version():
    from certificates.models import CertificationProgram, CertifyingBody, ProgramVersion

    body = CertifyingBody.objects.create(name="Drill Board")
    program = CertificationProgram.objects.create(
        body=body,
        name="Drill Program",
        credential_name="Peer Recovery Specialist",
        abbreviation="PRS",
    )
    return ProgramVersion.objects.create(program=program, label="2026", effective_from="2020-01-01")


def request_certificates(version, count: int, offset: int) -> list[int]:
    """Each request commits on its own and enqueues after commit, as in production."""
    from accounts.models import User
    from certificates import services

    ids = []
    for i in range(offset, offset + count):
        user = User.objects.create_user(
            email=f"drill{i}@example.org", first_name="Drill", last_name=f"Trainee {i}"
        )
        ids.append(services.certificate_request(trainee=user, version=version).pk)
    return ids


def start_worker(env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "rqworker", "default"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def kill(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def issued_count(ids: list[int]) -> int:
    """Issued and e-mailed: the e-mail is a job of its own and can be lost on its own."""
    from certificates.models import Certificate

    return Certificate.objects.filter(
        pk__in=ids, status="valid", email_sent_at__isnull=False
    ).count()


def check_exactly_once(ids: list[int]) -> list[str]:
    """Every requested certificate exists once, is valid, was marked issued once, e-mailed once,
    and its stored PDF validates against the issuer root with the recorded hash."""
    from django.conf import settings

    from certificates.keys import clear_issuer_keys_cache, get_issuer_keys
    from certificates.models import Certificate, CertificateEvent
    from certificates.signing import sha256_hex, validate_pdf

    clear_issuer_keys_cache()
    roots = get_issuer_keys(settings.ISSUER_KEY_DIR).trust_roots
    problems = []
    certificates = list(Certificate.objects.filter(pk__in=ids))
    if len(certificates) != len(ids):
        problems.append(f"{len(ids) - len(certificates)} certificates missing")
    holders = [c.holder_id for c in Certificate.objects.all()]
    if len(holders) != len(set(holders)):
        problems.append("a holder has two certificates")
    for certificate in certificates:
        if certificate.status != "valid":
            problems.append(
                f"{certificate.serial} is {certificate.status}: {certificate.last_error}"
            )
            continue
        issued_events = CertificateEvent.objects.filter(
            certificate=certificate, to_status="valid"
        ).count()
        if issued_events != 1:
            problems.append(f"{certificate.serial} marked issued {issued_events} times")
        if certificate.email_sent_at is None:
            problems.append(f"{certificate.serial} e-mail not sent")
        data = certificate.pdf.open("rb").read()
        if sha256_hex(data) != certificate.pdf_sha256:
            problems.append(f"{certificate.serial} stored PDF differs from its hash")
        if not validate_pdf(data, roots).ok:
            problems.append(f"{certificate.serial} PDF does not validate")
    return problems


def finish(problems: list[str], summary: str) -> None:
    if problems:
        print("DRILL FAILED:")
        for problem in problems[:50]:
            print("  -", problem)
        raise SystemExit(1)
    print(f"DRILL PASSED: {summary}")


def cleanup_dir(path: str) -> None:
    shutil.rmtree(path, ignore_errors=True)
