"""Requests/s of a course page and a lesson page, as a ratio to a bare Django view.

Serves the site with gunicorn (2 sync workers, production settings via bench/settings.py) on
127.0.0.1, seeded with the demo curriculum, and drives it from a small threaded load generator
in this process. Every request is to 127.0.0.1; each measurement is bounded in time and count.

    .venv/bin/python bench/lesson_page.py                     # SQLite in a temporary directory
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/lesson_page.py
                                                              # database peercert_bench on that server

Targets, each measured in alternating rounds so drift hits all of them alike:
  bare            /bench/bare/, anonymous: the same middleware, no work
  course          the demo course page, anonymous
  bare+session    /bench/bare/ with the demo trainee's session cookie
  lesson+session  a lesson the demo trainee may open, signed in (it also records "last lesson")
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
BENCH_DB = "peercert_bench"
TRAINEE = "trainee@example.org"
MAX_REQUESTS_PER_ROUND = 50_000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


# Setup


def postgres_bench_url(database_url: str) -> str:
    """Recreate database `peercert_bench` on the server DATABASE_URL points at."""
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


def drop_postgres_bench_db(database_url: str) -> None:
    import psycopg
    from psycopg import sql

    admin_url = urlunsplit(urlsplit(database_url)._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(BENCH_DB))
        )


def manage(env: dict, *args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout if capture else ""


FIND_PAGES = """
import json, os
from courses.demo import COURSE_SLUG
from courses.models import CoursePage, Enrollment
from courses.selectors import course_state
course = CoursePage.objects.get(slug=COURSE_SLUG)
enrollment = Enrollment.objects.select_related("trainee").get(
    course=course, trainee__email=os.environ["BENCH_TRAINEE"]
)
state = course_state(course=course, user=enrollment.trainee)
lesson = enrollment.last_lesson or next(l for l in state.lessons if not state.is_locked(l))
assert not state.is_locked(lesson)
print(json.dumps({"course": course.url, "course_title": course.title,
                  "lesson": lesson.url, "lesson_title": lesson.title}))
"""


def has_command(env: dict, name: str) -> bool:
    result = subprocess.run(
        [sys.executable, "manage.py", "help", name], cwd=ROOT, env=env, capture_output=True
    )
    return result.returncode == 0


# Load generation


@dataclass
class Target:
    name: str
    path: str
    expect: str
    cookie: str = ""
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0


def request(
    path: str,
    cookie: str = "",
    method: str = "GET",
    body: str | None = None,
    headers: dict | None = None,
    port: int = 0,
):
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    all_headers = {"Host": f"{HOST}:{port}"}
    if cookie:
        all_headers["Cookie"] = cookie
    all_headers.update(headers or {})
    conn.request(method, path, body=body, headers=all_headers)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response, data


def cookies_from(response) -> dict[str, str]:
    jar = {}
    for name, value in response.getheaders():
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            jar[key] = rest.split(";", 1)[0]
    return jar


def sign_in(port: int, email: str, password: str) -> str:
    response, body = request("/accounts/login/", port=port)
    jar = cookies_from(response)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    from urllib.parse import urlencode

    form = urlencode({"csrfmiddlewaretoken": token, "username": email, "password": password})
    response, _ = request(
        "/accounts/login/",
        cookie=f"csrftoken={jar['csrftoken']}",
        method="POST",
        body=form,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        port=port,
    )
    jar.update(cookies_from(response))
    if response.status != 302 or "sessionid" not in jar:
        sys.exit(f"could not sign in as {email}: HTTP {response.status}")
    return f"sessionid={jar['sessionid']}; csrftoken={jar['csrftoken']}"


def check(target: Target, port: int) -> None:
    response, body = request(target.path, target.cookie, port=port)
    if response.status != 200 or target.expect.encode() not in body:
        sys.exit(
            f"{target.name}: {target.path} answered {response.status} without "
            f"{target.expect!r}; refusing to measure an error page"
        )


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
                response, _ = request(target.path, target.cookie, port=port)
                ok = response.status == 200
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
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


# Main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=4.0, help="per target per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="peercert-bench-"))
    source_db = os.environ.get("DATABASE_URL", "")
    database_url = (
        postgres_bench_url(source_db) if source_db else f"sqlite:///{tmp / 'bench.sqlite3'}"
    )
    port = free_port()
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in {"REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
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
        "BENCH_TRAINEE": TRAINEE,
    }
    password = env.setdefault("DEMO_PASSWORD", "peer-demo-pass")
    server = None
    try:
        engine = "PostgreSQL" if source_db else "SQLite"
        print(f"Setting up ({engine}, {tmp}) ...", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        if has_command(env, "issuer_keys"):
            manage(env, "issuer_keys", "init")
        started = time.perf_counter()
        manage(env, "seed_demo", "--force")
        print(f"seed_demo took {time.perf_counter() - started:.1f} s", flush=True)
        pages = json.loads(
            manage(env, "shell", "-c", FIND_PAGES, capture=True).strip().splitlines()[-1]
        )

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
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.time() + 30
        while True:
            try:
                if request("/healthz", port=port)[0].status == 200:
                    break
            except OSError:
                pass
            if time.time() > deadline or server.poll() is not None:
                sys.exit(f"gunicorn did not come up; see {tmp / 'gunicorn.log'}")
            time.sleep(0.2)

        session = sign_in(port, TRAINEE, password)
        targets = [
            Target("bare", "/bench/bare/", "ok"),
            Target("course", pages["course"], pages["course_title"]),
            Target("bare+session", "/bench/bare/", "ok", cookie=session),
            Target("lesson+session", pages["lesson"], pages["lesson_title"], cookie=session),
        ]
        for target in targets:
            check(target, port)
            for _ in range(20):  # warm both workers' caches and connections
                request(target.path, target.cookie, port=port)

        print(
            f"gunicorn {args.workers} sync workers on {HOST}:{port}; {args.concurrency} client "
            f"threads; {args.rounds} rounds x {args.seconds:g} s per target\n"
            f"course: {pages['course']}\nlesson: {pages['lesson']} (as {TRAINEE})\n",
            flush=True,
        )
        for _ in range(args.rounds):
            for target in targets:
                run_round(target, port, args.seconds, args.concurrency)

        rates = {t.name: len(t.latencies) / t.seconds for t in targets}
        print(
            f"{'target':<16}{'requests':>9}{'errors':>7}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}"
            f"{'vs bare':>9}"
        )
        for target in targets:
            baseline = rates["bare+session" if target.cookie else "bare"]
            lat = target.latencies
            print(
                f"{target.name:<16}{len(lat):>9}{target.errors:>7}{rates[target.name]:>9.1f}"
                f"{percentile(lat, 50) * 1000:>9.1f}{percentile(lat, 95) * 1000:>9.1f}"
                f"{rates[target.name] / baseline:>9.2f}"
            )
        print(f"\nRatio course page / bare view (anonymous): {rates['course'] / rates['bare']:.2f}")
        print(
            f"Ratio lesson page / bare view (signed in): "
            f"{rates['lesson+session'] / rates['bare+session']:.2f}"
        )
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
        if source_db:
            drop_postgres_bench_db(source_db)
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
