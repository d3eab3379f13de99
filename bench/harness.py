"""Shared plumbing of the gunicorn benchmarks (pages.py, scale/load.py): a scratch PostgreSQL
database, the environment bench/settings.py needs, manage.py in a subprocess, gunicorn serving
that environment on a free port, and a bounded threaded load generator with its report table.

Everything talks to 127.0.0.1 only, and what is started or created here is stopped or dropped
on the way out, error or not (the context managers).

The scripts run as `.venv/bin/python bench/<script>.py`, which puts bench/ (or bench/scale/)
first on sys.path, not the repository root: they put the root there themselves and import
this module as `bench.harness`, as the subprocesses import `bench.settings`.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    import psycopg

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
# Every measurement is bounded in count as well as in time: a round stops after this many
# requests even if its time is not up.
MAX_REQUESTS_PER_ROUND = 50_000
# For RATELIMIT_* settings: the limits stay on, so their cache round trip is part of what is
# measured, but far above any load we generate.
HIGH_LIMIT = "1000000/m"


def free_port() -> int:
    """A TCP port on HOST that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


# Scratch directory and PostgreSQL databases


@contextmanager
def scratch_dir(prefix: str, *, keep: bool = False, fixed: Path | None = None) -> Iterator[Path]:
    """A new temporary directory, removed on exit unless `keep` (then its path is printed);
    `fixed`: that directory instead, created if need be and always kept."""
    if fixed is not None:
        fixed.mkdir(parents=True, exist_ok=True)
        yield fixed
        return
    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield tmp
    finally:
        if keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def database_url(server_url: str, name: str) -> str:
    """The URL of database `name` on the server `server_url` points at (any database there,
    or none): user, host, port and query string kept."""
    return urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))


def _admin_connection(server_url: str) -> psycopg.Connection:
    # Imported here, not at the top: a benchmark on SQLite needs no PostgreSQL driver.
    import psycopg

    return psycopg.connect(database_url(server_url, "postgres"), autocommit=True)


def database_exists(server_url: str, name: str) -> bool:
    with _admin_connection(server_url) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        return found is not None


def drop_database(server_url: str, name: str) -> None:
    """Drop database `name` if it exists; FORCE ends sessions left over from a killed run."""
    from psycopg import sql

    with _admin_connection(server_url) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def recreate_database(server_url: str, name: str) -> str:
    """Drop database `name` if it exists and create it empty; its URL."""
    from psycopg import sql

    drop_database(server_url, name)
    with _admin_connection(server_url) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return database_url(server_url, name)


@contextmanager
def scratch_database(server_url: str, name: str, *, reuse: bool = False) -> Iterator[str]:
    """An empty database `name` on the server `server_url` points at, dropped on exit; yields
    its URL. Any earlier database of that name is dropped first. With `reuse`, an existing
    database of that name is kept as it is, and so is the database on exit."""
    if reuse and database_exists(server_url, name):
        yield database_url(server_url, name)
        return
    url = recreate_database(server_url, name)
    try:
        yield url
    finally:
        if not reuse:
            drop_database(server_url, name)


# manage.py and the server


def bench_env(
    *, database_url: str, port: int, tmp: Path, var_dir: Path | None = None, **extra: str
) -> dict[str, str]:
    """The environment manage.py and gunicorn run with: bench/settings.py (production
    settings, plain http) and what it requires, files under `tmp` (var/ under `var_dir` if
    given, issuer keys in its issuer/), plus `extra`.

    From this process's environment, REDIS_URL is left out (pass it in `extra` to serve with
    Redis) and so is DJANGO_ALLOW_ASYNC_UNSAFE, so that neither changes what is measured
    unasked."""
    var_dir = var_dir or tmp / "var"
    inherited = {
        k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        # The caller's PYTHONPATH after the root (a profiler installed aside, say).
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "DATABASE_URL": database_url,
        "SITE_URL": f"http://{HOST}:{port}",
        "PEERCERT_VAR_DIR": str(var_dir),
        "ISSUER_KEY_DIR": str(var_dir / "issuer"),
        "BENCH_STATIC_ROOT": str(tmp / "static"),
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def manage(env: Mapping[str, str], *args: str, timeout: float = 900) -> str:
    """Run manage.py with `env` and return its standard output; exit with the end of its
    output if it fails."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        # Two words name the command; the rest may be a whole `shell -c` script.
        sys.exit(
            f"manage.py {' '.join(args[:2])} failed:\n{result.stdout[-3000:]}\n"
            f"{result.stderr[-3000:]}"
        )
    return result.stdout


def has_command(env: Mapping[str, str], name: str) -> bool:
    """Whether manage.py has command `name`."""
    result = subprocess.run(
        [sys.executable, "manage.py", "help", name], cwd=ROOT, env=env, capture_output=True
    )
    return result.returncode == 0


def last_json(output: str) -> Any:
    """The JSON document on the last line of `output`: what a `manage.py shell -c` script
    printed last, after whatever Django or the app logged before it."""
    return json.loads(output.strip().splitlines()[-1])


@contextmanager
def running(
    command: Sequence[str], env: Mapping[str, str], log: Path, *, stop_timeout: float = 20
) -> Iterator[subprocess.Popen[bytes]]:
    """`command` running from the repository root, its output in `log`; on exit it is
    terminated, and killed if it has not stopped after `stop_timeout` seconds."""
    with open(log, "w") as output:
        process = subprocess.Popen(
            list(command), cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                process.terminate()
            try:
                process.wait(timeout=stop_timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def gunicorn(
    env: Mapping[str, str],
    port: int,
    log_dir: Path,
    *,
    workers: int,
    options: Sequence[str] = (),
    ready_path: str = "/healthz",
    ready_timeout: float = 30,
) -> Iterator[subprocess.Popen[bytes]]:
    """gunicorn serving the site (cms.wsgi) with `env` on HOST:`port`, `workers` workers
    (sync unless `options` say otherwise), stopped on exit. Yields once `ready_path` answers
    200; exits if that takes longer than `ready_timeout` seconds or gunicorn dies. Its output
    goes to `log_dir`/gunicorn.log."""
    log = log_dir / "gunicorn.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "cms.wsgi:application",
        "--workers",
        str(workers),
        "--bind",
        f"{HOST}:{port}",
        "--chdir",
        str(ROOT),
        "--error-logfile",
        "-",
        *options,
    ]
    with running(command, env, log) as server:
        deadline = time.monotonic() + ready_timeout
        while not _answers_ok(port, ready_path):
            if time.monotonic() > deadline or server.poll() is not None:
                sys.exit(f"gunicorn did not come up ({ready_path}); see {log}")
            time.sleep(0.2)
        yield server


def _answers_ok(port: int, path: str) -> bool:
    try:
        return request(port, path)[0].status == 200
    except OSError:
        return False


# Load generation


def add_load_options(parser: argparse.ArgumentParser) -> None:
    """--seconds, --rounds, --concurrency and --workers, as measure() and gunicorn() take them."""
    parser.add_argument("--seconds", type=float, default=4.0, help="per target per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")


@dataclass
class Target:
    """A page to measure (GET `path`, with `cookie` if any) and what its rounds measured."""

    name: str
    path: str
    # Text the page must contain before it is measured: an error page is fast and meaningless.
    expect: str
    cookie: str = ""
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests only
    errors: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        """Successful requests per second over all its rounds."""
        return len(self.latencies) / self.seconds if self.seconds else 0.0


def request(
    port: int,
    path: str,
    *,
    cookie: str = "",
    method: str = "GET",
    body: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> tuple[http.client.HTTPResponse, bytes]:
    """One request to HOST:`port` on a connection of its own; the response and its body."""
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    all_headers = {"Host": f"{HOST}:{port}"}
    if cookie:
        all_headers["Cookie"] = cookie
    all_headers.update(headers or {})
    try:
        conn.request(method, path, body=body, headers=all_headers)
        response = conn.getresponse()
        return response, response.read()
    finally:
        conn.close()


def check_and_warm(port: int, targets: Sequence[Target], warm_requests: int = 20) -> None:
    """Exit unless every target answers 200 with its expected text; then send each
    `warm_requests` more, so every worker has its caches and database connection before the
    clock starts."""
    for target in targets:
        response, body = request(port, target.path, cookie=target.cookie)
        if response.status != 200 or _squeeze(target.expect.encode()) not in _squeeze(body):
            sys.exit(
                f"{target.name}: {target.path} answered {response.status} without "
                f"{target.expect!r}; refusing to measure an error page"
            )
        for _ in range(warm_requests):
            request(port, target.path, cookie=target.cookie)


def _squeeze(text: bytes) -> bytes:
    # JSON may or may not have a space after each colon: compare without it.
    return text.replace(b": ", b":")


def run_round(
    target: Target,
    port: int,
    seconds: float,
    concurrency: int,
    max_requests: int = MAX_REQUESTS_PER_ROUND,
) -> None:
    """`concurrency` threads GET the target back to back for `seconds` (or `max_requests`
    requests in all, if sooner); latencies, errors and elapsed time are added to `target`."""
    deadline = time.perf_counter() + seconds
    lock = threading.Lock()
    budget = [max_requests]

    def worker() -> None:
        local, errors = [], 0
        while time.perf_counter() < deadline:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            started = time.perf_counter()
            try:
                ok = request(port, target.path, cookie=target.cookie)[0].status == 200
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


def measure(
    targets: Sequence[Target], port: int, rounds: int, seconds: float, concurrency: int
) -> None:
    """`rounds` rounds of `seconds` per target, the targets in turn within each round, so
    drift in the machine's load hits all of them alike."""
    for _ in range(rounds):
        for target in targets:
            run_round(target, port, seconds, concurrency)


def percentile(values: Sequence[float], pct: float) -> float:
    """The `pct` percentile of `values` (nearest rank); NaN if there are none."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def print_table(
    targets: Sequence[Target], baseline: Callable[[Target], Target], name_width: int = 16
) -> None:
    """requests, errors, req/s, p50, p95 per target, and its rate as a ratio to its
    `baseline` target's ("vs bare")."""
    print(
        f"{'target':<{name_width}}{'requests':>9}{'errors':>7}{'req/s':>9}{'p50 ms':>9}"
        f"{'p95 ms':>9}{'vs bare':>9}"
    )
    for target in targets:
        lat = target.latencies
        print(
            f"{target.name:<{name_width}}{len(lat):>9}{target.errors:>7}{target.rate:>9.1f}"
            f"{percentile(lat, 50) * 1000:>9.1f}{percentile(lat, 95) * 1000:>9.1f}"
            f"{target.rate / baseline(target).rate:>9.2f}"
        )
