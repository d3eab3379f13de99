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
import os
import re
import sys
import time
from contextlib import nullcontext
from http.client import HTTPResponse
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (  # noqa: E402
    HOST,
    Target,
    add_load_options,
    bench_env,
    check_and_warm,
    free_port,
    gunicorn,
    has_command,
    last_json,
    manage,
    measure,
    print_table,
    request,
    scratch_database,
    scratch_dir,
)

BENCH_DB = "peercert_bench"
TRAINEE = "trainee@example.org"

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


def cookies_from(response: HTTPResponse) -> dict[str, str]:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_load_options(parser)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    source_db = os.environ.get("DATABASE_URL", "")
    with (
        scratch_dir("peercert-bench-", keep=args.keep) as tmp,
        (
            scratch_database(source_db, BENCH_DB)
            if source_db
            else nullcontext(f"sqlite:///{tmp / 'bench.sqlite3'}")
        ) as database_url,
    ):
        port = free_port()
        env = bench_env(database_url=database_url, port=port, tmp=tmp, BENCH_TRAINEE=TRAINEE)
        password = env.setdefault("DEMO_PASSWORD", "peer-demo-pass")
        engine = "PostgreSQL" if source_db else "SQLite"
        print(f"Setting up ({engine}, {tmp}) ...", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        if has_command(env, "issuer_keys"):
            manage(env, "issuer_keys", "init")
        started = time.perf_counter()
        manage(env, "seed_demo", "--force")
        print(f"seed_demo took {time.perf_counter() - started:.1f} s", flush=True)
        pages = last_json(manage(env, "shell", "-c", FIND_PAGES))

        with gunicorn(env, port, tmp, workers=args.workers):
            session = sign_in(port, TRAINEE, password)
            targets = [
                Target("bare", "/bench/bare/", "ok"),
                Target("course", pages["course"], pages["course_title"]),
                Target("bare+session", "/bench/bare/", "ok", cookie=session),
                Target("lesson+session", pages["lesson"], pages["lesson_title"], cookie=session),
            ]
            check_and_warm(port, targets)
            print(
                f"gunicorn {args.workers} sync workers on {HOST}:{port}; {args.concurrency} "
                f"client threads; {args.rounds} rounds x {args.seconds:g} s per target\n"
                f"course: {pages['course']}\nlesson: {pages['lesson']} (as {TRAINEE})\n",
                flush=True,
            )
            measure(targets, port, args.rounds, args.seconds, args.concurrency)

        # Signed-in targets are compared with the bare view signed in, so that loading the
        # session is on both sides of the ratio.
        by_name = {target.name: target for target in targets}
        print_table(targets, baseline=lambda t: by_name["bare+session" if t.cookie else "bare"])
        print(
            f"\nRatio course page / bare view (anonymous): "
            f"{by_name['course'].rate / by_name['bare'].rate:.2f}"
        )
        print(
            f"Ratio lesson page / bare view (signed in): "
            f"{by_name['lesson+session'].rate / by_name['bare+session'].rate:.2f}"
        )


if __name__ == "__main__":
    main()
