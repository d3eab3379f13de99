"""Certificate issuance, measured end to end.

1. Per certificate: the whole job (`certificate_issue`: fetch, render, QR, sign at PAdES B-LTA,
   store, mark issued, e-mail) against rendering and signing the same template bare at PAdES
   B-B (no timestamp, no DSS: signing as it was before long-term signatures), in the same run.
   Target ratio ≤ 1.3. Bare B-LTA render + sign is shown too.
2. Throughput of a 200-certificate batch through real `rqworker` processes (1, then 2).

Needs PostgreSQL and Redis (defaults: the local ones). Uses its own database, which it recreates.

    .venv/bin/python bench/issuance_job.py [--per-job 20] [--batch 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "peercert_bench_issue"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
VAR_DIR = Path(tempfile.mkdtemp(prefix="peercert-bench-"))

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "cms.settings.test",
    "DATABASE_URL": f"{PG}/{DB_NAME}",
    "REDIS_URL": REDIS_URL,
    "PEERCERT_VAR_DIR": str(VAR_DIR),
    "ISSUER_KEY_DIR": str(VAR_DIR / "issuer"),
}
os.environ.update(ENV)
sys.path.insert(0, str(ROOT))


def recreate_database() -> None:
    from bench.harness import recreate_database as recreate

    recreate(PG, DB_NAME)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=ENV, check=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-job", type=int, default=20)
    parser.add_argument("--batch", type=int, default=200, help="0 skips the worker batches")
    parser.add_argument(
        "--worker-class",
        default="cms.worker.PeerCertWorker",
        help="e.g. rq.worker.SimpleWorker (no fork per job) to compare",
    )
    args = parser.parse_args()

    recreate_database()
    import django

    django.setup()
    import logging

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    from django.conf import settings
    from django.db import transaction

    from accounts.models import User
    from certificates import services
    from certificates.keys import get_issuer_keys, init_issuer_keys
    from certificates.models import (
        Certificate,
        CertificationProgram,
        CertifyingBody,
        ProgramVersion,
    )
    from certificates.pdf import render_certificate_pdf
    from certificates.signing import sign_pdf

    init_issuer_keys(settings.ISSUER_KEY_DIR, organisation="PeerCert Bench")
    keys = get_issuer_keys(settings.ISSUER_KEY_DIR)
    import dataclasses

    # No time-stamping key and no PEERCERT_TSA_URL: sign_pdf makes a PAdES B-B signature.
    bare_keys = dataclasses.replace(keys, timestamping=None)
    body = CertifyingBody.objects.create(name="Bench Board")
    program = CertificationProgram.objects.create(
        body=body,
        name="Bench Program",
        credential_name="Peer Recovery Specialist",
        abbreviation="PRS",
    )
    version = ProgramVersion.objects.create(
        program=program, label="2026", effective_from="2020-01-01"
    )

    def make_pending(count: int, offset: int) -> list[int]:
        ids = []
        for i in range(count):
            user = User.objects.create_user(
                email=f"bench{offset + i}@example.org",
                first_name="Bench",
                last_name=f"Trainee {offset + i}",
            )
            with transaction.atomic():
                ids.append(services.certificate_request(trainee=user, version=version).pk)
        return ids

    # 1. Whole job vs bare render + sign, same certificates, alternating to share conditions.
    settings.REDIS_URL = ""  # in-process: time the job function itself
    # Two requests whose jobs run in-process at once: warms caches, fonts and keys. They stay
    # (their Open Badges credentials and status-list entries protect them from deletion) and
    # are not among the certificates timed below.
    make_pending(2, 0)
    ids = []
    from unittest import mock

    with mock.patch("core.jobs.transaction.on_commit", lambda fn: None):
        ids = make_pending(args.per_job, 100)
    job_times, bare_times, bare_lta_times = [], [], []
    for certificate_id in ids:
        certificate = Certificate.objects.select_related("version__program").get(pk=certificate_id)
        context = services._pdf_context(certificate)
        start = time.perf_counter()
        sign_pdf(render_certificate_pdf(context), bare_keys)
        bare_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        sign_pdf(render_certificate_pdf(context), keys)
        bare_lta_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        services.certificate_issue(certificate_id=certificate_id)
        job_times.append(time.perf_counter() - start)
    assert Certificate.objects.filter(pk__in=ids, status="valid").count() == len(ids)
    job_ms = statistics.median(job_times) * 1000
    bare_ms = statistics.median(bare_times) * 1000
    bare_lta_ms = statistics.median(bare_lta_times) * 1000
    print(
        f"per certificate (median of {len(ids)}): whole job (B-LTA) {job_ms:.0f} ms, "
        f"bare render+sign B-B {bare_ms:.0f} ms, B-LTA {bare_lta_ms:.0f} ms; "
        f"job / bare B-B = {job_ms / bare_ms:.2f} (target ≤ 1.3)"
    )
    if not args.batch:
        return

    # 2. Batch throughput through real workers.
    import django_rq

    settings.REDIS_URL = REDIS_URL
    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 300}}
    queue = django_rq.get_queue("default")
    results = {}
    for workers in (1, 2):
        queue.empty()
        batch = make_pending(args.batch, 1000 * workers)
        assert queue.count == args.batch, queue.count
        start = time.perf_counter()
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "rqworker",
                    "default",
                    "--burst",
                    "--worker-class",
                    args.worker_class,
                ],
                cwd=ROOT,
                env=ENV,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(workers)
        ]
        for proc in procs:
            proc.wait(timeout=1800)
        elapsed = time.perf_counter() - start
        done = Certificate.objects.filter(pk__in=batch, status="valid").count()
        results[workers] = args.batch / elapsed
        print(
            f"batch of {args.batch} with {workers} {args.worker_class}: {elapsed:.1f} s, "
            f"{results[workers]:.2f} certificates/s, {done}/{args.batch} issued"
        )
    print(f"2 workers vs 1: {results[2] / results[1]:.2f}× (2 cores)")


if __name__ == "__main__":
    main()
