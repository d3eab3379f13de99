"""Mixed load at 50 concurrent users on gunicorn + PostgreSQL + Redis, against a bare view.

Serves the site as production would (bench/settings.py: production settings minus TLS; 4
gunicorn gthread workers × 2 threads as deploy/peercert-web.service; REDIS_URL set, so jobs go
to the queue and one `rqworker` takes them), on a database holding the demo curriculum plus a
scale data set (`seed_scale`), and drives it with locust (bench/scale/locustfile.py), headless,
from this machine, on 127.0.0.1 only:

1. mixed: lesson pages, dashboard, quiz page/start/attempt page/autosave/submit as signed-in
   trainees (sessions made beforehand), verification page and API anonymously;
2. baseline: the bare view (/bench/bare/, same middleware, no work) alone, same users.

It prints requests/s, p50/p95/p99 (as the client saw them, queueing included) and error rate
per endpoint and overall, the server's own time per request (gunicorn's access log), and the
mixed throughput as a ratio to the bare view's in the same run.

    .venv/bin/python bench/scale/load.py                       # database peercert_load
    .venv/bin/python bench/scale/load.py --seconds 60 --baseline-seconds 30 --users 50
    .venv/bin/python bench/scale/load.py --reseed --trainees 5000 --attempts 50000 \\
        --certificates 10000                                   # rebuild the database first

The database is built on first use (migrate, seed_demo, seed_scale) and reused afterwards.
Everything runs on this machine, the load generator included: on a shared 2-core machine the
absolute numbers are a floor; compare the ratio, measured in the same run.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.harness import (  # noqa: E402
    HIGH_LIMIT,
    HOST,
    ROOT,
    bench_env,
    database_exists,
    database_url,
    free_port,
    gunicorn,
    last_json,
    manage,
    percentile,
    recreate_database,
    request,
    running,
    scratch_dir,
)

PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")
# manage.py's time limit for seed_demo and seed_scale, which can take far longer than the
# other commands (harness default) on a large data set.
SEED_TIMEOUT = 1800

PREPARE = r"""
import json, os, random, secrets
from datetime import timedelta
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db.models import Count, Max, Q
from django.utils import timezone
from accounts.models import User
from assessments.models import AssessmentPage
from certificates.models import Certificate, new_verification_code
from cms.management.commands.seed_scale import SCALE_EMAIL_SUFFIX
from courses.demo import COURSE_SLUG
from courses.models import CoursePage
from courses.selectors import course_state

rng = random.Random(int(os.environ["LOAD_SEED"]))
course = CoursePage.objects.get(slug=COURSE_SLUG)
quiz = AssessmentPage.objects.live().descendant_of(course).order_by("path").first()
recent = timezone.now() - timedelta(minutes=15)
# Enrolled scale trainees who may start the module 1 quiz now: fewer than 3 attempts on it,
# none started in the last 15 minutes (its cooldown is 10).
candidates = list(
    User.objects.filter(email__endswith=SCALE_EMAIL_SUFFIX, enrollments__course=course,
                        enrollments__withdrawn_at__isnull=True)
    .annotate(on_quiz=Count("attempts", filter=Q(attempts__assessment=quiz)),
              last=Max("attempts__started_at", filter=Q(attempts__assessment=quiz)))
    .filter(on_quiz__lt=3).filter(Q(last__isnull=True) | Q(last__lt=recent))
    .order_by("pk").values_list("pk", flat=True))
rng.shuffle(candidates)
accounts, sessions = [], []
for user in User.objects.filter(pk__in=candidates[: int(os.environ["LOAD_ACCOUNTS"])]):
    state = course_state(course=course, user=user)
    lessons = [lesson.url for lesson in state.lessons if not state.is_locked(lesson)]
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    sessions.append(session.session_key)
    accounts.append({"email": user.email, "session": session.session_key,
                     "csrf": secrets.token_hex(16), "lessons": lessons})
codes = list(Certificate.objects.exclude(status="pending")
             .filter(holder__email__endswith=SCALE_EMAIL_SUFFIX)
             .order_by("?").values_list("code", flat=True)[:5000])
print(json.dumps({
    "accounts": accounts, "codes": codes,
    "unknown_codes": [new_verification_code() for _ in range(200)],
    "quiz_id": quiz.pk, "quiz_url": quiz.url, "course_url": course.url,
    "scale": {"trainees": User.objects.filter(email__endswith=SCALE_EMAIL_SUFFIX).count(),
              "certificates": Certificate.objects.count()},
}))
"""

CLEANUP = r"""
import json, os
from django.contrib.sessions.models import Session
keys = json.load(open(os.environ["PEERCERT_LOAD_DATA"]))["accounts"]
Session.objects.filter(session_key__in=[a["session"] for a in keys]).delete()
"""

SIZES = r"""
import json
from django.db import connection
with connection.cursor() as c:
    c.execute("SELECT relname, reltuples::bigint FROM pg_class WHERE relname = ANY(%s)",
              [["accounts_user", "assessments_attempt", "certificates_certificate",
                "assessments_attemptquestion", "courses_lessoncompletion"]])
    print(json.dumps(dict(c.fetchall())))
"""


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()  # our own database number: see BENCH_REDIS_URL


def queue_depth() -> int:
    import redis

    return redis.Redis.from_url(REDIS_URL).llen("rq:queue:default")


def build(env: dict, args) -> None:
    seed_env = {k: v for k, v in env.items() if k != "REDIS_URL"}  # seed jobs run in-process
    print("Preparing the database …", flush=True)
    manage(seed_env, "migrate", "--noinput")
    has_demo = (
        manage(
            seed_env,
            "shell",
            "-c",
            "from courses.demo import COURSE_SLUG\nfrom courses.models import "
            "CoursePage\nprint(CoursePage.objects.filter(slug=COURSE_SLUG).exists())",
        )
        .strip()
        .endswith("True")
    )
    if not has_demo:
        started = time.perf_counter()
        manage(seed_env, "seed_demo", "--force", timeout=SEED_TIMEOUT)
        print(f"  seed_demo {time.perf_counter() - started:.0f} s", flush=True)
    has_scale = (
        manage(
            seed_env,
            "shell",
            "-c",
            "from cms.management.commands.seed_scale import scale_users\n"
            "print(scale_users().exists())",
        )
        .strip()
        .endswith("True")
    )
    if not has_scale:
        started = time.perf_counter()
        out = manage(
            seed_env,
            "seed_scale",
            "--trainees",
            str(args.trainees),
            "--attempts",
            str(args.attempts),
            "--certificates",
            str(args.certificates),
            timeout=SEED_TIMEOUT,
        )
        print(
            "  seed_scale "
            + f"{time.perf_counter() - started:.0f} s: "
            + out.strip().splitlines()[-1],
            flush=True,
        )


def warm_up(port: int, data: dict) -> None:
    """A few requests of each kind per worker, so no measurement pays first-request costs."""
    account = data["accounts"][-1]
    cookie = f"sessionid={account['session']}; csrftoken={account['csrf']}"
    for _ in range(12):
        request(port, "/bench/bare/")
        request(port, account["lessons"][0], cookie=cookie)
        request(port, "/dashboard/", cookie=cookie)
        request(port, f"/verify/{data['codes'][0]}/")
        request(port, f"/api/v1/verify/{data['codes'][0]}")


def run_locust(env: dict, user_class: str, args, seconds: float, port: int, prefix: Path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(ROOT / "bench/scale/locustfile.py"),
            "--headless",
            "--users",
            str(args.users),
            "--spawn-rate",
            str(args.users),
            "--run-time",
            f"{int(seconds)}s",
            "--host",
            f"http://{HOST}:{port}",
            "--csv",
            str(prefix),
            "--only-summary",
            "--stop-timeout",
            "10",
            "--loglevel",
            "WARNING",
            user_class,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=seconds + 120,
    )
    if not Path(f"{prefix}_stats.csv").exists():
        sys.exit(f"locust failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    with open(f"{prefix}_stats.csv") as handle:
        return list(csv.DictReader(handle)), result


def endpoint_of(path: str, data: dict) -> str:
    """The locust name of a request path, to read the server's own time from its access log."""
    if path == "/bench/bare/":
        return "bare view"
    if path.startswith("/api/v1/verify/"):
        return "verify API"
    if path.startswith("/verify/"):
        return "verify page"
    if path == "/dashboard/":
        return "dashboard"
    if path == data["quiz_url"]:
        return "quiz page"
    if path.startswith("/assessments/"):
        for suffix, name in (
            ("/autosave/", "autosave"),
            ("/submit/", "submit"),
            ("/start/", "quiz start"),
        ):
            if path.endswith(suffix):
                return name
        return "attempt page"
    return "lesson page" if path.startswith(data["course_url"]) else "other"


def server_times(access_log: Path, data: dict) -> dict[str, list[float]]:
    """Seconds gunicorn spent per request (%(L)s), by endpoint: service time without the
    queueing in front of the workers that the client-side latencies include."""
    times: dict[str, list[float]] = {}
    for line in access_log.read_text().splitlines():
        try:
            _status, _method, path, seconds = line.replace('"', "").split()
        except ValueError:
            continue
        times.setdefault(endpoint_of(path, data), []).append(float(seconds))
    return times


def percentile_ms(values: list[float], pct: float = 50) -> str:
    return f"{percentile(values, pct) * 1000:.0f}" if values else "-"


def fmt_row(name: str, row: dict, seconds: float, served: list[float]) -> str:
    count, failures = int(row["Request Count"]), int(row["Failure Count"])
    rate = count / seconds if seconds else 0.0
    error = 100 * failures / count if count else 0.0
    return (
        f"{name:<16}{count:>9}{rate:>9.1f}{row['50%']:>8}{row['95%']:>8}{row['99%']:>8}"
        f"{failures:>8}{error:>8.2f}%{percentile_ms(served):>9}{percentile_ms(served, 95):>9}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="peercert_load")
    parser.add_argument("--reseed", action="store_true", help="recreate the database first")
    parser.add_argument("--trainees", type=int, default=5_000)
    parser.add_argument("--attempts", type=int, default=50_000)
    parser.add_argument("--certificates", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=50, help="concurrent locust users")
    parser.add_argument("--seconds", type=float, default=60, help="mixed phase")
    parser.add_argument("--baseline-seconds", type=float, default=30, help="bare-view phase")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker")
    parser.add_argument(
        "--accounts",
        type=int,
        default=1500,
        help="trainees prepared with a session (one per quiz submitted)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    var_dir = ROOT / "var" / "bench" / args.database
    with scratch_dir("peercert-load-", keep=args.keep) as tmp:
        port = free_port()
        env = bench_env(
            database_url=database_url(PG, args.database),
            port=port,
            tmp=tmp,
            var_dir=var_dir,
            REDIS_URL=REDIS_URL,
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            # Verification rate limits still count (in Redis), never refuse.
            RATELIMIT_VERIFY_API_ANON=HIGH_LIMIT,
            RATELIMIT_VERIFY_PAGE=HIGH_LIMIT,
            LOAD_SEED="7",
            LOAD_ACCOUNTS=str(args.accounts),
            PEERCERT_LOAD_DATA=str(tmp / "load.json"),
        )
        try:
            measure_and_report(env, args, tmp, port)
        finally:
            if (tmp / "load.json").exists():
                manage({k: v for k, v in env.items() if k != "REDIS_URL"}, "shell", "-c", CLEANUP)


def measure_and_report(env: dict[str, str], args: argparse.Namespace, tmp: Path, port: int) -> None:
    """Build or reuse the database, serve it, run both phases and print the report."""
    if args.reseed or not database_exists(PG, args.database):
        recreate_database(PG, args.database)
    build(env, args)
    manage(env, "collectstatic", "--noinput")
    flush_redis()
    data = last_json(
        manage({k: v for k, v in env.items() if k != "REDIS_URL"}, "shell", "-c", PREPARE)
    )
    (tmp / "load.json").write_text(json.dumps(data))
    sizes = last_json(manage(env, "shell", "-c", SIZES))
    print(
        f"Data: {', '.join(f'{k} {v:,}' for k, v in sizes.items())}; "
        f"{len(data['accounts'])} trainee sessions, {len(data['codes'])} codes",
        flush=True,
    )

    server_options = [
        "--threads",
        str(args.threads),
        "--timeout",
        "30",
        "--access-logfile",
        str(tmp / "access.log"),
        "--access-logformat",
        '%(s)s "%(m)s %(U)s" %(L)s',
    ]
    with (
        running([sys.executable, "manage.py", "rqworker", "default"], env, tmp / "rqworker.log"),
        gunicorn(env, port, tmp, workers=args.workers, options=server_options, ready_timeout=60),
    ):
        warm_up(port, data)
        load_before = os.getloadavg()
        print(
            f"gunicorn {args.workers} workers × {args.threads} threads + 1 rqworker on "
            f"{HOST}:{port}; locust {args.users} users, no think time; load average before "
            f"{load_before[0]:.1f} ({os.cpu_count()} cores, shared)\n",
            flush=True,
        )

        mixed, mixed_run = run_locust(env, "MixedUser", args, args.seconds, port, tmp / "mixed")
        depth = queue_depth()
        drained = time.time() + 60  # let the worker finish what the mixed phase enqueued
        while queue_depth() and time.time() < drained:
            time.sleep(1)
        load_between = os.getloadavg()
        bare, bare_run = run_locust(
            env, "BareUser", args, args.baseline_seconds, port, tmp / "bare"
        )
        load_after = os.getloadavg()

    served = server_times(tmp / "access.log", data)
    everything = [t for name, values in served.items() if name != "bare view" for t in values]
    print(f"{'':<16}{'':>9}{'':>9}{'client latency':^24}{'':>16}{'server time':^18}")
    print(
        f"{'endpoint':<16}{'requests':>9}{'req/s':>9}{'p50 ms':>8}{'p95 ms':>8}"
        f"{'p99 ms':>8}{'errors':>8}{'error':>9}{'p50 ms':>9}{'p95 ms':>9}"
    )
    total = next(r for r in mixed if r["Name"] == "Aggregated")
    for row in sorted(
        (r for r in mixed if r["Name"] != "Aggregated"), key=lambda r: -int(r["Request Count"])
    ):
        print(fmt_row(row["Name"], row, args.seconds, served.get(row["Name"], [])))
    print(fmt_row("mixed, all", total, args.seconds, everything))
    bare_total = next(r for r in bare if r["Name"] == "Aggregated")
    print(fmt_row("bare view", bare_total, args.baseline_seconds, served.get("bare view", [])))
    mixed_rate = int(total["Request Count"]) / args.seconds
    bare_rate = int(bare_total["Request Count"]) / args.baseline_seconds
    print(
        f"\nThroughput ratio mixed / bare view (same run): {mixed_rate / bare_rate:.2f} "
        f"({mixed_rate:.1f} vs {bare_rate:.1f} req/s)"
    )
    print(
        f"Jobs left in the queue after the mixed phase: {depth}; 1-minute load average "
        f"after the mixed phase {load_between[0]:.1f}, after the bare one "
        f"{load_after[0]:.1f} (PostgreSQL and the cores are shared with other work)"
    )
    failures = Path(f"{tmp / 'mixed'}_failures.csv")
    if failures.exists():
        rows = list(csv.DictReader(failures.open()))
        for row in rows[:10]:
            print(f"  failure: {row['Name']}: {row['Error']} × {row['Occurrences']}")
    errors = [
        line
        for line in (tmp / "gunicorn.log").read_text().splitlines()
        if "Traceback" in line or "ERROR" in line
    ]
    if errors:
        print(f"gunicorn log: {len(errors)} error lines, e.g. {errors[0][:200]}")
    for locust_run in (mixed_run, bare_run):
        for line in locust_run.stderr.splitlines():
            if "CPU usage" in line:  # locust's own warning: the load generator saturated
                print(f"locust: {line.strip()[:160]}")


if __name__ == "__main__":
    main()
