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
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
BENCH_DB = "peercert_bench_verify"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/postgres"
MAX_REQUESTS_PER_ROUND = 50_000
HIGH_LIMIT = "1000000/m"

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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def recreate_database(database_url: str) -> str:
    import psycopg
    from psycopg import sql

    parts = urlsplit(database_url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(BENCH_DB))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DB)))
    return urlunsplit(parts._replace(path=f"/{BENCH_DB}"))


def drop_database(database_url: str) -> None:
    import psycopg
    from psycopg import sql

    admin_url = urlunsplit(urlsplit(database_url)._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(BENCH_DB))
        )


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


@dataclass
class Target:
    name: str
    path: str
    expect: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


def get(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": f"{HOST}:{port}"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def run_round(target: Target, port: int, seconds: float, concurrency: int) -> None:
    deadline = time.perf_counter() + seconds
    lock = threading.Lock()
    budget = [MAX_REQUESTS_PER_ROUND]

    def worker():
        local, errors = [], 0
        while time.perf_counter() < deadline:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            started = time.perf_counter()
            try:
                ok = get(port, target.path)[0] == 200
            except OSError:
                ok = False
            if ok:
                local.append(time.perf_counter() - started)
            else:
                errors += 1
        with lock:
            target.latencies.extend(local)
            target.errors += errors

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    target.seconds += time.perf_counter() - started


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=4.0, help="per target per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
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

    tmp = Path(tempfile.mkdtemp(prefix="peercert-bench-verify-"))
    port = free_port()
    database_url = recreate_database(source_db)
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in {"REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
        },
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": str(ROOT),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "DATABASE_URL": database_url,
        "SITE_URL": f"http://{HOST}:{port}",
        "PEERCERT_VAR_DIR": str(tmp / "var"),
        "ISSUER_KEY_DIR": str(tmp / "issuer"),
        "BENCH_STATIC_ROOT": str(tmp / "static"),
        "LOG_LEVEL": "WARNING",
        # Limits stay on (their cache round trip is measured) but far above the load.
        "RATELIMIT_VERIFY_PAGE": HIGH_LIMIT,
        "RATELIMIT_VERIFY_API_ANON": HIGH_LIMIT,
        "RATELIMIT_VERIFY_API_KEY": HIGH_LIMIT,
    }
    server = None
    try:
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
        queries = json.loads(
            manage(env, "shell", "-c", COUNT_QUERIES % {"host": HOST, "paths": paths})
            .strip()
            .splitlines()[-1]
        )

        serve_env = {**env, **({"REDIS_URL": redis_url} if args.redis_cache else {})}
        log = open(tmp / "gunicorn.log", "w")  # noqa: SIM115 (closed with the server)
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "cms.wsgi:application",
                "--workers",
                str(args.workers),
                "--bind",
                f"{HOST}:{port}",
                "--chdir",
                str(ROOT),
                "--error-logfile",
                "-",
            ],
            cwd=ROOT,
            env=serve_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.time() + 30
        while True:
            try:
                if get(port, "/bench/bare/")[0] == 200:
                    break
            except OSError:
                pass
            if time.time() > deadline or server.poll() is not None:
                sys.exit(f"gunicorn did not come up; see {tmp / 'gunicorn.log'}")
            time.sleep(0.2)

        targets = [
            Target("bare", "/bench/bare/", "ok"),
            Target("verify page", paths["verify page"], 'data-status="valid"'),
            Target("api", paths["api"], '"status":"valid"'),
        ]
        for target in targets:
            status, body = get(port, target.path)
            if status != 200 or target.expect.encode() not in body.replace(b": ", b":"):
                sys.exit(
                    f"{target.name}: {target.path} answered {status} without "
                    f"{target.expect!r}; refusing to measure an error page"
                )
            for _ in range(20):  # warm both workers
                get(port, target.path)

        print(
            f"gunicorn {args.workers} sync workers on {HOST}:{port} (bench.settings: "
            f"production + bare view); cache: {'Redis' if args.redis_cache else 'local memory'}"
            f"; {args.concurrency} client threads; {args.rounds} rounds x {args.seconds:g} s "
            f"per target\ncertificate code: {code}\n",
            flush=True,
        )
        for _ in range(args.rounds):
            for target in targets:
                run_round(target, port, args.seconds, args.concurrency)

        bare = targets[0].rate
        print(
            f"{'target':<14}{'requests':>9}{'errors':>7}{'req/s':>9}{'p50 ms':>9}"
            f"{'p95 ms':>9}{'vs bare':>9}"
        )
        for target in targets:
            lat = target.latencies
            print(
                f"{target.name:<14}{len(lat):>9}{target.errors:>7}{target.rate:>9.1f}"
                f"{percentile(lat, 50) * 1000:>9.1f}{percentile(lat, 95) * 1000:>9.1f}"
                f"{target.rate / bare:>9.2f}"
            )
        print()
        for name, sqls in queries.items():
            print(f"Queries per verification, {name}: {len(sqls)}")
            for sql in sqls:
                print(f"    {sql[:140]}{'…' if len(sql) > 140 else ''}")
        print(f"\nRatio /verify/<code>/ to bare view: {targets[1].rate / bare:.2f} (target >= 0.5)")
        print(
            f"Ratio /api/v1/verify/<code> to bare view: {targets[2].rate / bare:.2f} "
            f"(target >= 0.5)"
        )
        if any(t.errors for t in targets):
            print("WARNING: some requests failed; see the errors column.")
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
        drop_database(source_db)
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
