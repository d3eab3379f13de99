"""The nightly status sweep (valid → expired, expired past grace → lapsed), measured.

For 1 000, 10 000 and 100 000 certificates: seconds and the number of SQL queries of one sweep,
then of a second sweep on the same day (which must change nothing). The sweep is set-based, so
the query count must be the same at every size. A chunked run (statements of at most 10 000
rows, bounding lock time) is shown for comparison: its queries grow with N / chunk.

Needs PostgreSQL (default: the local one). Uses its own database, which it recreates.

    .venv/bin/python bench/status_sweep.py [--sizes 1000 10000 100000] [--chunk 10000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "peercert_bench_sweep"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
VAR_DIR = Path(tempfile.mkdtemp(prefix="peercert-bench-sweep-"))

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "cms.settings.test",
    "DATABASE_URL": f"{PG}/{DB_NAME}",
    "PEERCERT_VAR_DIR": str(VAR_DIR),
}
os.environ.update(ENV)
sys.path.insert(0, str(ROOT))

HOLDERS = 1_000  # certificates spread over holders × cycles (unique per holder and cycle)


def recreate_database() -> None:
    from bench.harness import recreate_database as recreate

    recreate(PG, DB_NAME)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=ENV, check=True)


def setup_fixture():
    from datetime import date

    from django.contrib.auth.hashers import make_password

    from accounts.models import User
    from certificates.models import CertificationProgram, CertifyingBody, ProgramVersion
    from continuing_education.models import CERules

    body = CertifyingBody.objects.create(name="Bench board")
    program = CertificationProgram.objects.create(
        body=body,
        name="Bench program",
        credential_name="Peer Recovery Specialist",
        abbreviation="PRS",
    )
    version = ProgramVersion.objects.create(
        program=program, label="bench", effective_from=date(2020, 1, 1), validity_months=24
    )
    CERules.objects.create(
        version=version, cycle_months=24, total_hours=Decimal("20"), grace_days=90
    )
    UNUSABLE = make_password(None)  # noqa: N806 - nobody signs in as a bench holder
    User.objects.bulk_create(
        [
            User(
                email=f"holder{n}@bench.example",
                first_name="Bench",
                last_name=f"H{n}",
                password=UNUSABLE,
            )
            for n in range(HOLDERS)
        ],
        batch_size=5_000,
    )
    return version, list(User.objects.values_list("pk", flat=True))


def load_certificates(*, version, holder_ids, count: int, today) -> dict[str, int]:
    """``count`` certificates: 40 % valid and past expiry (to expire), 10 % expired and past
    grace (to lapse), 40 % valid and current, 10 % suspended or revoked (left alone)."""
    from certificates.models import Certificate, CertificateEvent
    from continuing_education.models import CertificateLapse

    CertificateLapse.objects.all().delete()
    CertificateEvent.objects.all().delete()
    Certificate.objects.all().delete()
    rows, expected = [], {"expire": 0, "lapse": 0}
    for n in range(count):
        kind = n % 10
        if kind < 4:
            status, expires = "valid", today - timedelta(days=1 + n % 60)
            expected["expire"] += 1
        elif kind == 4:
            status, expires = "expired", today - timedelta(days=91 + n % 300)
            expected["lapse"] += 1
        elif kind < 9:
            status, expires = "valid", today + timedelta(days=1 + n % 700)
        else:
            status, expires = (
                "suspended" if n % 20 == 9 else "revoked",
                today - timedelta(days=n % 30),
            )
        rows.append(
            Certificate(
                holder_id=holder_ids[n % len(holder_ids)],
                version=version,
                cycle=1 + n // len(holder_ids),
                serial=f"PRS-BENCH-{n:07d}",
                status=status,
                holder_name="Bench Holder",
                issued_on=expires - timedelta(days=730),
                expires_on=expires,
            )
        )
    Certificate.objects.bulk_create(rows, batch_size=5_000)
    return expected


def measure(label: str, func) -> tuple[float, int, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = func()
        elapsed = time.perf_counter() - started
    return elapsed, len(queries.captured_queries), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--chunk", type=int, default=10_000)
    args = parser.parse_args()

    recreate_database()
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from certificates.models import Certificate
    from certificates.sweep import expire_due
    from continuing_education.models import CertificateLapse
    from continuing_education.sweep import lapse_due

    assert connection.vendor == "postgresql", "the benchmark is for PostgreSQL"
    today = timezone.localdate()
    version, holder_ids = setup_fixture()

    def sweep(chunk=None):
        expire_s, expire_q, expired = measure(
            "expire", lambda: expire_due(today=today, chunk_size=chunk)
        )
        lapse_s, lapse_q, lapsed = measure("lapse", lambda: lapse_due(today=today))
        return expire_s + lapse_s, expire_q + lapse_q, expired, lapsed, expire_s, lapse_s

    print(f"PostgreSQL {connection.pg_version // 10000}, database {DB_NAME}")
    print(
        f"{'certificates':>12} | {'mode':<15} | {'seconds':>7} | {'(expire':>7} | "
        f"{'lapse)':>6} | {'queries':>7} | {'expired':>7} | {'lapsed':>6} | "
        f"{'2nd run s':>9} | {'2nd run q':>9}"
    )
    print("-" * 110)
    for size in args.sizes:
        modes = [("set-based", None)]
        if size == max(args.sizes) and args.chunk:
            modes.append((f"chunks of {args.chunk}", args.chunk))
        for mode, chunk in modes:
            expected = load_certificates(
                version=version, holder_ids=holder_ids, count=size, today=today
            )
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            seconds, queries, expired, lapsed, expire_s, lapse_s = sweep(chunk)
            again_s, again_q, *again, _e, _l = sweep(chunk)
            assert (expired, lapsed) == (expected["expire"], expected["lapse"]), (
                expired,
                lapsed,
                expected,
            )
            assert again == [0, 0], again
            assert Certificate.objects.filter(status="valid", expires_on__lt=today).count() == 0
            assert CertificateLapse.objects.count() == expected["lapse"]
            print(
                f"{size:>12,} | {mode:<15} | {seconds:>7.2f} | {expire_s:>7.2f} | "
                f"{lapse_s:>6.2f} | {queries:>7} | {expired:>7,} | {lapsed:>6,} | "
                f"{again_s:>9.2f} | {again_q:>9}"
            )


if __name__ == "__main__":
    main()
