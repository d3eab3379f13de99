"""Does an answer take longer when the address has an account? Median response times of sign-in,
password reset and sign-up for an existing and a non-existing address, through Django's test
client, with the production password hasher (PBKDF2, Django's default) — not the test settings'
MD5, which would hide the cost that matters.

Runs in a temporary SQLite database (migrated here), never touching the project's own data:

    .venv/bin/python bench/enumeration_timing.py                 # 50 requests per case
    .venv/bin/python bench/enumeration_timing.py --requests 20
    .venv/bin/python bench/enumeration_timing.py \
        --database-url postgres://postgres@127.0.0.1:5432/peercert_enum_bench   # an empty
                                                      # scratch database, migrated here

Requests alternate between the two cases so drift (CPU frequency, caches) hits both alike.
E-mails are jobs (accounts/jobs.py). Two modes are measured:
- "queued": as in production with REDIS_URL, the request only enqueues the job (the enqueue is
  stubbed with a pickle of its arguments, about what handing it to Redis costs);
- "in-process": `make demo` without Redis, the job (render + send to the locmem backend) runs
  inside the request. With a real SMTP server this mode would leak the difference.
"""

from __future__ import annotations

import argparse
import os
import pickle
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="peercert-bench-enumeration-")
PARSER = argparse.ArgumentParser(description=__doc__.split("\n")[0])
PARSER.add_argument("--requests", type=int, default=50, help="requests per case")
PARSER.add_argument(
    "--database-url",
    default="",
    help="an empty scratch database (default: SQLite in a temporary directory)",
)
ARGS = PARSER.parse_args()
os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
os.environ["PEERCERT_VAR_DIR"] = TMP
os.environ["DATABASE_URL"] = ARGS.database_url

import django  # noqa: E402

django.setup()

import logging  # noqa: E402
import warnings  # noqa: E402

logging.disable(logging.WARNING)
warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic

from django.conf import global_settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

EXISTING = "existing.person@example.org"
PASSWORD = "harbour-lantern-42"  # noqa: S105 (an account in a throwaway database)


def timed(client: Client, path: str, data: dict) -> tuple[float, int]:
    start = time.perf_counter()
    response = client.post(path, data)
    return (time.perf_counter() - start) * 1000, response.status_code


def compare(label: str, requests: int, known, unknown) -> dict:
    """`known()` / `unknown()` each make one request and return (ms, status)."""
    for _ in range(3):  # warm-up: templates, validators' word list, hasher
        known()
        unknown()
    times = {"existing": [], "non-existing": []}
    statuses = {"existing": set(), "non-existing": set()}
    for _ in range(requests):
        for case, call in (("existing", known), ("non-existing", unknown)):
            ms, status = call()
            times[case].append(ms)
            statuses[case].add(status)
    a, b = statistics.median(times["existing"]), statistics.median(times["non-existing"])
    row = {
        "label": label,
        "existing": a,
        "non_existing": b,
        "gap": a - b,
        "gap_pct": 100 * (a - b) / b if b else 0.0,
        "stdev": statistics.pstdev(times["existing"] + times["non-existing"]),
        "statuses": (sorted(statuses["existing"]), sorted(statuses["non-existing"])),
    }
    print(
        f"{label:<34} {a:9.1f} {b:13.1f} {row['gap']:+9.1f} {row['gap_pct']:+7.1f}% "
        f"{row['stdev']:8.1f}   {row['statuses'][0]} / {row['statuses'][1]}",
        flush=True,
    )
    return row


def main() -> None:
    args = ARGS
    setup_test_environment()
    call_command("migrate", verbosity=0, interactive=False)

    import core.jobs
    from accounts import services
    from accounts.models import User

    queued: list[bytes] = []

    def enqueue_stub(func, *job_args, **job_kwargs):
        queued.append(pickle.dumps((func.__module__, func.__qualname__, job_args, job_kwargs)))

    production_hashers = list(global_settings.PASSWORD_HASHERS)
    with override_settings(
        PASSWORD_HASHERS=production_hashers, AXES_FAILURE_LIMIT=10**9, RATELIMIT_ENABLE=False
    ):
        from django.contrib.auth.hashers import get_hasher

        hasher = get_hasher()
        User.objects.create_user(EXISTING, PASSWORD, first_name="Existing", last_name="Person")
        from django.db import connection

        print(
            f"hasher: {hasher.algorithm}, {hasher.iterations} iterations; database: "
            f"{connection.vendor}; {args.requests} requests per case; times in ms\n"
        )
        print(
            f"{'':<34} {'existing':>9} {'non-existing':>13} {'gap':>9} {'gap %':>8} "
            f"{'stdev':>8}   statuses"
        )

        counter = iter(range(10**9))

        def login(email):
            return lambda: timed(
                Client(), "/accounts/login/", {"username": email, "password": "wrong-guess-123"}
            )

        def reset(email):
            return lambda: timed(Client(), "/accounts/password/reset/", {"email": email})

        def signup_existing():
            return timed(
                Client(),
                "/accounts/signup/",
                {
                    "first_name": "Dana",
                    "last_name": "Whitfield",
                    "email": EXISTING,
                    "password1": PASSWORD,
                    "password2": PASSWORD,
                },
            )

        def signup_new():
            return timed(
                Client(),
                "/accounts/signup/",
                {
                    "first_name": "Dana",
                    "last_name": "Whitfield",
                    "email": f"new-{next(counter)}@example.org",
                    "password1": PASSWORD,
                    "password2": PASSWORD,
                },
            )

        rows = [
            compare(
                "sign-in (wrong password / unknown)",
                args.requests,
                login(EXISTING),
                login("nobody@example.org"),
            )
        ]
        for mode in ("queued", "in-process"):
            original = core.jobs.enqueue
            if mode == "queued":
                core.jobs.enqueue = enqueue_stub
                services.enqueue = enqueue_stub
            try:
                rows.append(
                    compare(
                        f"password reset [{mode}]",
                        args.requests,
                        reset(EXISTING),
                        reset("nobody@example.org"),
                    )
                )
                rows.append(
                    compare(f"sign-up [{mode}]", args.requests, signup_existing, signup_new)
                )
            finally:
                core.jobs.enqueue = original
                services.enqueue = original
    print()
    for row in rows:
        if row["statuses"][0] != row["statuses"][1]:
            print(f"!! {row['label']}: different status codes {row['statuses']}")
    print(
        "A gap well inside the spread (stdev) cannot be told apart from noise by a few "
        "hundred requests; the per-request work is the same by construction (one hash, one "
        "job) and tests/security/test_enumeration.py checks that."
    )


if __name__ == "__main__":
    main()
