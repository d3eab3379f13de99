"""Requests/s of /verify/<code>/ and /api/v1/verify/{code}, as a ratio to a bare Django view,
and the database queries one verification takes.

Serves the site with gunicorn (sync workers, production settings via bench/settings.py, whose
URLconf adds the bare view /bench/bare/) on 127.0.0.1 against PostgreSQL: database
`peercert_bench_verify` is created on the server DATABASE_URL points at (default
postgres://postgres@127.0.0.1:5432/postgres), migrated and seeded with `seed_demo --force`;
the demo certificate's code is read from seed_demo's "Demo certificate: " line. Load comes
from a bounded threaded client in this process; targets are measured in alternating rounds so
drift hits all of them alike. Rate limiting stays on, with limits raised far above the load,
so its cache round trip is part of what is measured.

    .venv/bin/python bench/verify_throughput.py
    .venv/bin/python bench/verify_throughput.py --redis-cache   # cache (rate limits) in Redis

Targets: target ratio ≥ 0.5 to the bare view, ≤ 2 queries per verification.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (  # noqa: E402
    HIGH_LIMIT,
    HOST,
    Target,
    add_load_options,
    bench_env,
    check_and_warm,
    free_port,
    gunicorn,
    last_json,
    manage,
    measure,
    print_table,
    scratch_database,
    scratch_dir,
)

BENCH_DB = "peercert_bench_verify"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/postgres"

COUNT_QUERIES = """
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST=%(host)r)
counts = {}
for name, path in %(paths)r.items():
    client.get(path)  # warm per-process caches (site root paths, issuer name, ...)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    counts[name] = [q["sql"] for q in ctx.captured_queries]
print(json.dumps(counts))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_load_options(parser)
    parser.add_argument(
        "--redis-cache",
        action="store_true",
        help="serve with REDIS_URL from the environment (cache in Redis)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    source_db = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    if not source_db.startswith("postgres"):
        sys.exit("This benchmark runs on PostgreSQL: set DATABASE_URL=postgres://…")
    redis_url = os.environ.get("REDIS_URL", "")
    if args.redis_cache and not redis_url:
        sys.exit("--redis-cache needs REDIS_URL")

    with (
        scratch_dir("peercert-bench-verify-", keep=args.keep) as tmp,
        scratch_database(source_db, BENCH_DB) as database_url,
    ):
        port = free_port()
        env = bench_env(
            database_url=database_url,
            port=port,
            tmp=tmp,
            # Limits stay on (their cache round trip is measured) but far above the load.
            RATELIMIT_VERIFY_PAGE=HIGH_LIMIT,
            RATELIMIT_VERIFY_API_ANON=HIGH_LIMIT,
            RATELIMIT_VERIFY_API_KEY=HIGH_LIMIT,
        )
        print(f"Setting up (PostgreSQL database {BENCH_DB}, {tmp}) ...", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage(env, "issuer_keys", "init")
        seeded = manage(env, "seed_demo", "--force")
        match = re.search(r"^Demo certificate: (\S+)", seeded, re.MULTILINE)
        if not match:
            sys.exit(f"seed_demo printed no 'Demo certificate: ' line:\n{seeded}")
        code = urlsplit(match.group(1)).path.rstrip("/").rsplit("/", 1)[-1]

        paths = {"verify page": f"/verify/{code}/", "api": f"/api/v1/verify/{code}"}
        queries = last_json(
            manage(env, "shell", "-c", COUNT_QUERIES % {"host": HOST, "paths": paths})
        )

        serve_env = {**env, **({"REDIS_URL": redis_url} if args.redis_cache else {})}
        targets = [
            Target("bare", "/bench/bare/", "ok"),
            Target("verify page", paths["verify page"], 'data-status="valid"'),
            Target("api", paths["api"], '"status":"valid"'),
        ]
        with gunicorn(serve_env, port, tmp, workers=args.workers, ready_path="/bench/bare/"):
            check_and_warm(port, targets)
            print(
                f"gunicorn {args.workers} sync workers on {HOST}:{port} (bench.settings: "
                f"production + bare view); cache: {'Redis' if args.redis_cache else 'local memory'}"
                f"; {args.concurrency} client threads; {args.rounds} rounds x {args.seconds:g} s "
                f"per target\ncertificate code: {code}\n",
                flush=True,
            )
            measure(targets, port, args.rounds, args.seconds, args.concurrency)

        bare = targets[0]
        print_table(targets, baseline=lambda _target: bare, name_width=14)
        print()
        for name, sqls in queries.items():
            print(f"Queries per verification, {name}: {len(sqls)}")
            for sql in sqls:
                print(f"    {sql[:140]}{'…' if len(sql) > 140 else ''}")
        print(
            f"\nRatio /verify/<code>/ to bare view: {targets[1].rate / bare.rate:.2f} "
            f"(target >= 0.5)"
        )
        print(
            f"Ratio /api/v1/verify/<code> to bare view: {targets[2].rate / bare.rate:.2f} "
            f"(target >= 0.5)"
        )
        if any(t.errors for t in targets):
            print("WARNING: some requests failed; see the errors column.")


if __name__ == "__main__":
    main()
