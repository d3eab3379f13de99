"""Requests/s, p50/p99 of the site's main pages, each as a ratio to a bare Django view.

Serves the site with gunicorn (2 sync workers, production settings via bench/settings.py, whose
URLconf adds the bare view /bench/bare/) on 127.0.0.1 against PostgreSQL: database
`peercert_bench_pages` is created on the server DATABASE_URL points at (default
postgres://postgres@127.0.0.1:5432/postgres), migrated and seeded with `seed_demo --force`.
Load comes from `wrk` (a C client: the load generator does not take the server's CPU the way a
Python loop does) when it is installed — `scripts/system-deps.sh bench` installs it — and
otherwise from the threaded Python client in bench/harness.py, which the output then names.
Targets are measured in alternating rounds so drift hits all of them alike.

    .venv/bin/python bench/pages.py
    .venv/bin/python bench/pages.py --redis-cache     # cache (pages, sessions, rate limits) in Redis
    .venv/bin/python bench/pages.py --python-client   # the Python client even when wrk is there
    .venv/bin/python bench/pages.py --reuse-database  # keep the seeded database for the next run

Targets (signed-in pages are compared with the bare view signed in, so the session load is on
both sides of the ratio; anonymous ones with the bare view anonymous):
  bare            /bench/bare/, anonymous: the same middleware, no work
  bare+session    /bench/bare/ with the demo trainee's session
  course          the demo course page, anonymous             (goal >= 0.3)
  lesson          a lesson the demo trainee may open, signed in (goal >= 0.3)
  lesson (es)     the same lesson's Spanish translation (/es/…), as the same trainee (#22: page
                  speed unchanged in Spanish)                 (goal >= 0.3)
  dashboard       /dashboard/ as the demo trainee             (goal >= 0.3)
  role home       /dashboard/ as the demo instructor          (their sections: grading, drafts)
  verify page     /verify/<code>/ of the demo certificate     (goal >= 0.5)
  verify API      /api/v1/verify/<code>                       (goal >= 0.5)
Also printed: the queries each page sends and its calls on the cache (each a round trip with
Redis), measured in-process, warm; with --profile the top entries of a pyinstrument profile of
each page (if pyinstrument is installed).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode, urlsplit

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
    percentile,
    request,
    scratch_database,
    scratch_dir,
)

BENCH_DB = "peercert_bench_pages"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/postgres"
TRAINEE = "trainee@example.org"
INSTRUCTOR = "instructor@example.org"

FIND_PAGES = """
import json, os
from django.utils import translation
from wagtail.models import Locale
from courses.demo import COURSE_SLUG
from courses.models import CoursePage, Enrollment, LessonPage
from courses.selectors import course_state
from certificates.models import Certificate
course = CoursePage.objects.get(slug=COURSE_SLUG)
enrollment = Enrollment.objects.select_related("trainee").get(
    course=course, trainee__email=os.environ["BENCH_TRAINEE"]
)
state = course_state(course=course, user=enrollment.trainee)
lesson = enrollment.last_lesson or next(l for l in state.lessons if not state.is_locked(l))
assert not state.is_locked(lesson)
spanish = LessonPage.objects.live().get(
    translation_key=lesson.translation_key, locale=Locale.objects.get(language_code="es")
)
with translation.override("es"):
    spanish_url = spanish.get_url()
assert spanish_url.startswith("/es/"), spanish_url
print(json.dumps({"course": course.url, "course_title": course.title,
                  "lesson": lesson.url, "lesson_title": lesson.title,
                  "lesson_es": spanish_url, "lesson_es_title": spanish.title}))
"""

# Queries and (optionally) a profile per page, in one process, after a warm request.
INSPECT = """
import json, os, re
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.core.cache import caches
pages = json.loads(os.environ["BENCH_PAGES"])
profile = os.environ.get("BENCH_PROFILE") == "1"
# Calls on the default cache (with Redis each is a round trip, sessions' included).
calls = []
backend = caches["default"]
for method in ("get", "get_many", "set", "set_many", "add", "incr", "delete", "touch"):
    def counted(*args, _real=getattr(backend, method), _method=method, **kwargs):
        # What was asked: the method and the key's kind (never a code or a session key).
        first = args[0] if args else ""
        first = ",".join(sorted(first)) if not isinstance(first, str) else first
        calls.append(f"{_method} " + re.sub(r"[0-9A-Za-z_-]{16,}|\\d{6,}", "…", first)[:60])
        return _real(*args, **kwargs)
    setattr(backend, method, counted)
users = {}
out = {}
for name, (path, email) in pages.items():
    client = Client(HTTP_HOST=%(host)r)
    if email:  # the session a sign-in makes, without axes' address-less login signal
        user = get_user_model().objects.get(email=email)
        session = import_module(settings.SESSION_ENGINE).SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    client.get(path)  # warm: per-process caches
    del calls[:]
    with CaptureQueriesContext(connection) as ctx:
        status = client.get(path).status_code
    entry = {"status": status, "queries": len(ctx.captured_queries), "cache": len(calls)}
    entry["cache_calls"] = list(calls)
    if profile:
        try:
            from pyinstrument import Profiler
        except ImportError:
            entry["profile"] = "pyinstrument is not installed"
        else:
            profiler = Profiler(interval=0.0005)
            profiler.start()
            for _ in range(50):
                client.get(path)
            profiler.stop()
            # Flat: the functions that take the most time themselves, then with what they call
            # (project code and the libraries alike), as a share of the whole.
            parts = []
            for mode, count in (("self", 18), ("total", 40)):
                text = profiler.output_text(
                    unicode=False, color=False, flat=True, flat_time=mode, time="percent_of_total"
                )
                lines = [line for line in text.splitlines() if re.match(r"\\s*[\\d.]+%%", line)]
                parts.append(f"-- {mode} --\\n" + "\\n".join(lines[:count]))
            entry["profile"] = "\\n".join(parts)
    out[name] = entry
print(json.dumps(out))
"""


def cookies_from(response) -> dict[str, str]:
    jar = {}
    for name, value in response.getheaders():
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            jar[key] = rest.split(";", 1)[0]
    return jar


def sign_in(port: int, email: str, password: str) -> str:
    response, body = request(port, "/accounts/login/")
    jar = cookies_from(response)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urlencode({"csrfmiddlewaretoken": token, "username": email, "password": password})
    response, _ = request(
        port,
        "/accounts/login/",
        cookie=f"csrftoken={jar['csrftoken']}",
        method="POST",
        body=form,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    jar.update(cookies_from(response))
    if response.status != 302 or "sessionid" not in jar:
        sys.exit(f"could not sign in as {email}: HTTP {response.status}")
    return f"sessionid={jar['sessionid']}; csrftoken={jar['csrftoken']}"


# --- wrk ------------------------------------------------------------------------------------

_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}


def _seconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def wrk_round(wrk: str, target: Target, port: int, seconds: float, concurrency: int) -> dict:
    """One wrk run against `target`: requests, errors (non-2xx/3xx and socket errors),
    elapsed seconds and the 50 % and 99 % latencies."""
    command = [
        wrk,
        "--latency",
        f"-t{min(2, concurrency)}",
        f"-c{concurrency}",
        f"-d{seconds:g}s",
        "-H",
        f"Host: {HOST}:{port}",
    ]
    if target.cookie:
        command += ["-H", f"Cookie: {target.cookie}"]
    command.append(f"http://{HOST}:{port}{target.path}")
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    requests = int(re.search(r"(\d+) requests in ([\d.]+\w+)", output).group(1))
    elapsed = _seconds(re.search(r"\d+ requests in ([\d.]+\w+)", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = (int(bad.group(1)) if bad else 0) + (
        sum(int(n) for n in socket.groups()) if socket else 0
    )
    latency = {
        pct: _seconds(value)
        for pct, value in re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)\s*$", output, re.MULTILINE)
    }
    return {"requests": requests - errors, "errors": errors, "seconds": elapsed, **latency}


def measure_wrk(targets, wrk: str, port: int, rounds: int, seconds: float, concurrency: int):
    results = {
        t.name: {"requests": 0, "errors": 0, "seconds": 0.0, "p50": [], "p99": []} for t in targets
    }
    for _ in range(rounds):
        for target in targets:
            run = wrk_round(wrk, target, port, seconds, concurrency)
            entry = results[target.name]
            entry["requests"] += run["requests"]
            entry["errors"] += run["errors"]
            entry["seconds"] += run["seconds"]
            entry["p50"].append(run.get("50", float("nan")))
            entry["p99"].append(run.get("99", float("nan")))
    return {
        name: {
            "rate": e["requests"] / e["seconds"] if e["seconds"] else 0.0,
            "errors": e["errors"],
            "requests": e["requests"],
            # Each round's percentile, the median round's: wrk reports no raw latencies.
            "p50": sorted(e["p50"])[len(e["p50"]) // 2],
            "p99": sorted(e["p99"])[len(e["p99"]) // 2],
        }
        for name, e in results.items()
    }


def measure_python(targets, port: int, rounds: int, seconds: float, concurrency: int):
    measure(targets, port, rounds, seconds, concurrency)
    return {
        t.name: {
            "rate": t.rate,
            "errors": t.errors,
            "requests": len(t.latencies),
            "p50": percentile(t.latencies, 50),
            "p99": percentile(t.latencies, 99),
        }
        for t in targets
    }


GOALS = {
    "course": 0.3,
    "lesson": 0.3,
    "lesson (es)": 0.3,
    "dashboard": 0.3,
    "verify page": 0.5,
    "verify API": 0.5,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_load_options(parser)
    parser.add_argument(
        "--redis-cache",
        action="store_true",
        help="serve with REDIS_URL from the environment (cache and sessions in Redis)",
    )
    parser.add_argument("--python-client", action="store_true", help="do not use wrk")
    parser.add_argument("--profile", action="store_true", help="pyinstrument top entries")
    parser.add_argument(
        "--database", default=BENCH_DB, help=f"scratch database name (default {BENCH_DB})"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument(
        "--reuse-database",
        action="store_true",
        help="keep the database and its directory (/tmp/peercert-bench-pages-<database>) for "
        "the next run, and use them if they are there: no second seed_demo",
    )
    args = parser.parse_args()

    source_db = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    if not source_db.startswith("postgres"):
        sys.exit("This benchmark runs on PostgreSQL: set DATABASE_URL=postgres://…")
    redis_url = os.environ.get("REDIS_URL", "")
    if args.redis_cache and not redis_url:
        sys.exit("--redis-cache needs REDIS_URL")
    wrk = None if args.python_client else shutil.which("wrk")

    kept = Path(tempfile.gettempdir()) / f"peercert-bench-pages-{args.database}"
    fixed = kept if args.reuse_database else None
    with (
        scratch_dir("peercert-bench-pages-", keep=args.keep, fixed=fixed) as tmp,
        scratch_database(source_db, args.database, reuse=args.reuse_database) as database_url,
    ):
        port = free_port()
        env = bench_env(
            database_url=database_url,
            port=port,
            tmp=tmp,
            BENCH_TRAINEE=TRAINEE,
            # Limits stay on (their cache round trip is measured) but far above the load.
            RATELIMIT_VERIFY_PAGE=HIGH_LIMIT,
            RATELIMIT_VERIFY_API_ANON=HIGH_LIMIT,
            RATELIMIT_VERIFY_API_KEY=HIGH_LIMIT,
        )
        if args.redis_cache:
            env["REDIS_URL"] = redis_url
        password = env.setdefault("DEMO_PASSWORD", "peer-demo-pass")
        print(f"Setting up (PostgreSQL database {args.database}, {tmp}) ...", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        seeded_file = tmp / "seeded.json"
        if args.reuse_database and seeded_file.exists():
            print(f"Reusing the seeded database ({seeded_file})", flush=True)
            code = json.loads(seeded_file.read_text())["code"]
        else:
            manage(env, "issuer_keys", "init")
            seeded = manage(env, "seed_demo", "--force")
            match = re.search(r"^Demo certificate: (\S+)", seeded, re.MULTILINE)
            if not match:
                sys.exit(f"seed_demo printed no 'Demo certificate: ' line:\n{seeded}")
            code = urlsplit(match.group(1)).path.rstrip("/").rsplit("/", 1)[-1]
            if args.reuse_database:
                seeded_file.write_text(json.dumps({"code": code}))
        pages = last_json(manage(env, "shell", "-c", FIND_PAGES))

        inspect_pages = {
            "course": (pages["course"], ""),
            "lesson": (pages["lesson"], TRAINEE),
            "lesson (es)": (pages["lesson_es"], TRAINEE),
            "dashboard": ("/dashboard/", TRAINEE),
            "role home": ("/dashboard/", INSTRUCTOR),
            "verify page": (f"/verify/{code}/", ""),
            "verify API": (f"/api/v1/verify/{code}", ""),
        }
        inspect_env = {
            **env,
            "BENCH_PAGES": json.dumps(inspect_pages),
            "BENCH_PROFILE": "1" if args.profile else "0",
        }
        inspected = last_json(manage(inspect_env, "shell", "-c", INSPECT % {"host": HOST}))

        with gunicorn(
            env, port, tmp, workers=args.workers, ready_path="/bench/bare/", ready_timeout=180
        ):
            trainee = sign_in(port, TRAINEE, password)
            instructor = sign_in(port, INSTRUCTOR, password)
            targets = [
                Target("bare", "/bench/bare/", "ok"),
                Target("bare+session", "/bench/bare/", "ok", cookie=trainee),
                Target("course", pages["course"], pages["course_title"]),
                Target("lesson", pages["lesson"], pages["lesson_title"], cookie=trainee),
                # The same lesson's Spanish translation, as the same trainee (#22).
                Target("lesson (es)", pages["lesson_es"], pages["lesson_es_title"], cookie=trainee),
                Target("dashboard", "/dashboard/", "<h1", cookie=trainee),
                Target("role home", "/dashboard/", "<h1", cookie=instructor),
                Target("verify page", f"/verify/{code}/", 'data-status="valid"'),
                Target("verify API", f"/api/v1/verify/{code}", '"status":"valid"'),
            ]
            check_and_warm(port, targets)
            client = (
                f"wrk ({wrk})"
                if wrk
                else "Python threaded client (wrk is not installed: `scripts/system-deps.sh "
                "bench`); its own CPU competes with the server's"
            )
            print(
                f"gunicorn {args.workers} sync workers on {HOST}:{port} (bench.settings: "
                f"production + bare view); cache: {'Redis' if args.redis_cache else 'local memory'}"
                f"; load: {client}; {args.concurrency} connections; {args.rounds} rounds x "
                f"{args.seconds:g} s per target\ncourse: {pages['course']}\n"
                f"lesson: {pages['lesson']} (as {TRAINEE})\nlesson (es): {pages['lesson_es']}\ncertificate code: {code}\n",
                flush=True,
            )
            if wrk:
                results = measure_wrk(
                    targets, wrk, port, args.rounds, args.seconds, args.concurrency
                )
            else:
                results = measure_python(targets, port, args.rounds, args.seconds, args.concurrency)

        bare = results["bare"]["rate"]
        bare_session = results["bare+session"]["rate"]
        print(
            f"{'target':<14}{'requests':>9}{'errors':>7}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
            f"{'ratio':>8}{'of':>14}{'queries':>9}{'cache':>7}"
        )
        for target in targets:
            r = results[target.name]
            base, base_name = (bare_session, "bare+session") if target.cookie else (bare, "bare")
            if target.name == "bare+session":
                base, base_name = bare, "bare"
            queries = inspected.get(target.name, {}).get("queries", "")
            cache_calls = inspected.get(target.name, {}).get("cache", "")
            print(
                f"{target.name:<14}{r['requests']:>9}{r['errors']:>7}{r['rate']:>9.1f}"
                f"{r['p50'] * 1000:>9.1f}{r['p99'] * 1000:>9.1f}"
                f"{r['rate'] / base if base else 0:>8.3f}{base_name:>14}{queries!s:>9}"
                f"{cache_calls!s:>7}"
            )
        print()
        for name, goal in GOALS.items():
            base = bare_session if name in ("lesson", "lesson (es)", "dashboard") else bare
            ratio = results[name]["rate"] / base if base else 0
            print(f"{name}: {ratio:.3f} (goal >= {goal}){'' if ratio >= goal else '  BELOW GOAL'}")
        print(f"bare+session / bare: {bare_session / bare if bare else 0:.3f} (goal >= 0.5)")
        if args.profile:
            for name, entry in inspected.items():
                print(f"\n--- profile: {name} (20 warm requests, in-process) ---")
                print("cache calls:", *entry.get("cache_calls", []), sep="\n  ")
                print(entry.get("profile", ""))
        if any(r["errors"] for r in results.values()):
            print("WARNING: some requests failed; see the errors column.")


if __name__ == "__main__":
    main()
