"""Drill: PostgreSQL restarts under load.

A private PostgreSQL cluster (its own port, created on first use with pg_createcluster) serves a
gunicorn site with production settings while client threads request the verification page and
/healthz. The cluster is stopped for a few seconds and started again. Passes only if
  - before the stop, every request succeeded;
  - while it is down, /healthz answered 503 naming the database (never a false "ok");
  - within the recovery window after the start, the site serves 200s again by itself, and every
    request after that succeeded.
Exits non-zero otherwise.

    .venv/bin/python bench/drills/postgres_restart.py [--down 5] [--port 5441]
"""

import argparse
import http.client
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import ROOT, PrivateRedis, wait_for

CLUSTER_VERSION = (
    sorted(os.listdir("/etc/postgresql"))[-1] if os.path.isdir("/etc/postgresql") else "15"
)
CLUSTER = "peercert_drill"
HOST = "127.0.0.1"


def cluster(action: str) -> None:
    subprocess.run(
        [
            "pg_ctlcluster",
            CLUSTER_VERSION,
            CLUSTER,
            action,
            *(["-m", "fast"] if action == "stop" else []),
        ],
        check=True,
    )


def ensure_cluster(port: int) -> None:
    listed = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True).stdout
    if not any(line.split()[1:2] == [CLUSTER] for line in listed.splitlines()):
        subprocess.run(
            [
                "pg_createcluster",
                CLUSTER_VERSION,
                CLUSTER,
                "--port",
                str(port),
                "--",
                "--auth=trust",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    subprocess.run(
        ["pg_ctlcluster", CLUSTER_VERSION, CLUSTER, "start"], check=False, stderr=subprocess.DEVNULL
    )


def get(port: int, path: str) -> tuple[int, bytes]:
    try:
        conn = http.client.HTTPConnection(HOST, port, timeout=5)
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    except OSError:
        return 0, b""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=5441)
    parser.add_argument("--web-port", type=int, default=8791)
    parser.add_argument("--down", type=float, default=5.0)
    parser.add_argument(
        "--recovery",
        type=float,
        default=5.0,
        help="seconds after the start within which the site must recover",
    )
    args = parser.parse_args()

    ensure_cluster(args.port)
    pg = f"postgres://postgres@127.0.0.1:{args.port}"
    import psycopg

    wait_for(lambda: _can_connect(psycopg, pg), timeout=30, what="the drill cluster")
    with psycopg.connect(f"{pg}/postgres", autocommit=True) as conn:
        conn.execute('DROP DATABASE IF EXISTS "peercert_drill" WITH (FORCE)')
        conn.execute('CREATE DATABASE "peercert_drill"')
    redis = PrivateRedis(6393)
    redis.start()
    tmp = Path(tempfile.mkdtemp(prefix="pgdrill-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": "drill-" + "x" * 50,
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": f"{pg}/peercert_drill",
        "REDIS_URL": redis.url,
        "PEERCERT_VAR_DIR": str(tmp),
        "ISSUER_KEY_DIR": str(tmp / "issuer"),
        "BENCH_STATIC_ROOT": str(tmp / "static"),
        "DB_CONN_MAX_AGE": "60",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "ERROR",
        # The drill is one client hammering one code: the per-client limit would answer 429.
        "RATELIMIT_ENABLE": "false",
    }
    manage = [sys.executable, "manage.py"]
    for command in (
        ["migrate", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["issuer_keys", "init"],
    ):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    seeded = subprocess.run(
        manage + ["seed_demo", "--force"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    code = (
        next(line for line in seeded.splitlines() if line.startswith("Demo certificate:"))
        .rstrip("/")
        .rsplit("/", 1)[-1]
    )
    # Issue the demo certificate (its job is in the private Redis).
    subprocess.run(
        manage + ["rqworker", "default", "--burst"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "cms.wsgi:application",
            "--bind",
            f"{HOST}:{args.web_port}",
            "--workers",
            "2",
            "--timeout",
            "30",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    log: list[tuple[float, str, int, bytes]] = []
    stop = threading.Event()

    def client(path: str) -> None:
        while not stop.is_set():
            status, body = get(args.web_port, path)
            log.append((time.monotonic(), path, status, body))
            time.sleep(0.05)

    try:
        wait_for(lambda: get(args.web_port, "/healthz")[0] == 200, timeout=60, what="gunicorn")
        threads = [
            threading.Thread(target=client, args=(p,), daemon=True)
            for p in (f"/verify/{code}/", f"/verify/{code}/", "/healthz")
        ]
        for thread in threads:
            thread.start()
        time.sleep(4)
        stopped_at = time.monotonic()
        cluster("stop")
        time.sleep(args.down)
        started_at = time.monotonic()
        cluster("start")
        time.sleep(args.recovery + 5)
        stop.set()
        for thread in threads:
            thread.join(timeout=10)
    finally:
        server.terminate()
        server.wait(timeout=20)
        redis.stop()
        cluster("stop")

    before = [e for e in log if e[0] < stopped_at]
    down = [e for e in log if stopped_at + 0.5 < e[0] < started_at]
    after = [e for e in log if e[0] > started_at + args.recovery]
    problems = []
    if not before or any(status != 200 for _, _, status, _ in before):
        problems.append("errors before the database stopped")
    health_down = [
        json.loads(body or b"{}")
        for _, path, status, body in down
        if path == "/healthz" and status == 503
    ]
    if not any(h.get("database") == "down" for h in health_down):
        problems.append("/healthz never reported the database down while it was down")
    if any(path == "/healthz" and status == 200 for _, path, status, _ in down):
        problems.append("/healthz said ok while the database was down")
    if not after or any(status != 200 for _, _, status, _ in after):
        bad = [(round(t - started_at, 1), p, s) for t, p, s, _ in after if s != 200][:10]
        problems.append(f"not recovered {args.recovery:.0f} s after the restart: {bad}")
    recovered = next(
        (
            t - started_at
            for t, _, s, _ in log
            if t > started_at and s == 200 and all(x[2] == 200 for x in log if x[0] >= t)
        ),
        None,
    )
    errors_down = sum(1 for e in down if e[2] != 200)
    print(
        f"requests: {len(before)} before, {len(down)} while down ({errors_down} errors), "
        f"{len(after)} after; recovered {recovered:.1f} s after start"
        if recovered is not None
        else "never recovered"
    )
    if problems:
        print("DRILL FAILED:\n  - " + "\n  - ".join(problems))
        raise SystemExit(1)
    print(
        "DRILL PASSED: errors only while PostgreSQL was down, /healthz truthful, "
        "recovered by itself"
    )


def _can_connect(psycopg, pg: str) -> bool:
    try:
        with psycopg.connect(f"{pg}/postgres", connect_timeout=1):
            return True
    except psycopg.Error:
        return False


if __name__ == "__main__":
    main()
