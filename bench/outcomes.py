"""The outcome dashboard over the seed_scale data set at several sizes: how long the full
rebuild of the pre-aggregated figures takes (set-based, outcomes/cube.py), how long the refresh
after one trainee's change takes, and milliseconds and queries per page for a few filter
combinations — the pages read pre-aggregated figures (outcomes/models.py), so neither their
queries nor their time may grow with the number of trainees.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/peercert_bench_outcomes \\
        .venv/bin/python bench/outcomes.py --sizes 2000 20000 50000
    .venv/bin/python bench/outcomes.py --sizes 500 2000      # SQLite files in a temp dir

With a DATABASE_URL the one database is migrated and seeded with the demo once (not at all
with --demo-ready), then
`seed_scale --reset --trainees N` (attempts ×10, certificates ×2, one cohort per 500 trainees,
evaluations and cycle outcomes: see its docstring) rebuilds the scale set for each size. Without
one, each size gets a fresh SQLite file. Then, in one child process per size (Django set up
once), signed in as the demo's program administrator through Django's test client (the whole
middleware stack, no network): the full rebuild (timed), the refresh after one trainee's
change (timed), and the median of --rounds warm requests of each page:

  bare                       /bench/bare/ (bench/urls.py): the same middleware, no work
  dashboard                  /programs/outcomes/
  version+year               ?version=…&year=…   (four views, suppressed against each other)
  cohort                     ?cohort=…
  version+cohort+year        ?version=…&cohort=…&year=…   (eight views)
  funder report (CSV)        /programs/outcomes/report.csv?year=…

The machine's load average (`uptime`) is printed with each size: the numbers are wall-clock.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _manage(env: dict, *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _seed(env: dict, trainees: int, *, fresh_database: bool) -> None:
    if fresh_database:
        _manage(env, "migrate", "--no-input", "-v", "0")
        _manage(env, "seed_demo")
    _manage(
        env,
        "seed_scale",
        "--reset",
        "--trainees",
        str(trainees),
        "--attempts",
        str(trainees * 10),
        "--certificates",
        str(trainees * 2),
    )


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


CHILD = """
import json, statistics, time
import django
django.setup()
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from accounts.models import User
from certificates.models import ProgramVersion
from cohorts.models import CohortEnrolment
from outcomes.models import OutcomeFact, OutcomeScope
from outcomes.services import outcomes_mark_stale, outcomes_rebuild, outcomes_refresh_stale

started = time.perf_counter()
scopes = outcomes_rebuild()
rebuild = time.perf_counter() - started
facts = OutcomeFact.objects.count()
place = CohortEnrolment.objects.filter(status="enrolled", trainee__email__endswith="@scale.example").order_by("pk").first()
started = time.perf_counter()
marked = outcomes_mark_stale(trainee_ids=[place.trainee_id])
refreshed = outcomes_refresh_stale()
refresh = time.perf_counter() - started

settings.ALLOWED_HOSTS = ["testserver"]
settings.ROOT_URLCONF = "bench.urls"  # the site's URLs plus /bench/bare/
client = Client()
client.force_login(User.objects.get(email="programs@example.org"))
version = ProgramVersion.objects.order_by("pk").first().pk
cohort = place.cohort_id
year = time.localtime().tm_year - 1
pages = [
    ("bare", "/bench/bare/"),
    ("dashboard", "/programs/outcomes/"),
    ("version+year", f"/programs/outcomes/?version={version}&year={year}"),
    ("cohort", f"/programs/outcomes/?cohort={cohort}"),
    ("version+cohort+year", f"/programs/outcomes/?version={version}&cohort={cohort}&year={year}"),
    ("funder report (CSV)", f"/programs/outcomes/report.csv?year={year}"),
]
out = []
for name, url in pages:
    assert client.get(url).status_code == 200, url  # warm
    times, queries = [], set()
    for _ in range(ROUNDS):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries.add(len(captured.captured_queries))
    assert len(queries) == 1, (url, queries)
    out.append((name, statistics.median(times), queries.pop()))
print("RESULT " + json.dumps({
    "rebuild": rebuild, "scopes": scopes, "facts": facts,
    "refresh": refresh, "marked": marked, "refreshed": refreshed, "pages": out,
}))
"""


def _measure(env: dict, rounds: int) -> dict:
    """In a child process, on this size's database."""
    result = subprocess.run(
        [sys.executable, "-c", CHILD.replace("ROUNDS", str(rounds))],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line[len("RESULT ") :])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000, 50000])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument(
        "--demo-ready",
        action="store_true",
        help="The DATABASE_URL is already migrated and seeded with the demo: skip both.",
    )
    args = parser.parse_args()
    sizes = sorted(args.sizes)
    results: dict[int, dict] = {}
    with tempfile.TemporaryDirectory(prefix="peercert-bench-outcomes-") as tmp:
        for number, size in enumerate(sizes):
            env = dict(os.environ)
            env.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
            env.pop("REDIS_URL", None)  # the rebuild and refresh run here, timed
            shared = "DATABASE_URL" in os.environ
            if not shared:
                env["DATABASE_URL"] = f"sqlite:///{tmp}/outcomes-{size}.sqlite3"
            env["ISSUER_KEY_DIR"] = f"{tmp}/issuer"
            started = time.perf_counter()
            _seed(env, size, fresh_database=not shared or (number == 0 and not args.demo_ready))
            seeded = time.perf_counter() - started
            load_before = _load()
            result = _measure(env, args.rounds)
            result |= {"seeded": seeded, "load": f"{load_before} → {_load()}"}
            results[size] = result
            print(
                f"{size:,} trainees: seeded in {seeded:.0f} s; rebuild {result['rebuild']:.1f} s "
                f"({result['scopes']} views, {result['facts']:,} figures); one trainee's "
                f"change: {result['marked']} views refreshed in {result['refresh']:.1f} s; "
                f"load average {result['load']}",
                flush=True,
            )
            for name, ms, queries in result["pages"]:
                print(f"  {name:<22}{ms:8.1f} ms {queries:4} queries", flush=True)

    small = sizes[0]
    print()
    print(
        f"{'trainees':>9}  {'load avg (1/5/15 min)':<34}{'rebuild s':>10}{'× smallest':>11}"
        f"{'refresh s':>10}"
    )
    for size in sizes:
        r = results[size]
        ratio = r["rebuild"] / results[small]["rebuild"]
        print(
            f"{size:>9,}  {r['load']:<34}{r['rebuild']:>10.1f}{ratio:>11.2f}{r['refresh']:>10.1f}"
        )
    print()
    print(f"{'trainees':>9}  {'page':<22}{'ms (median)':>12}{'× smallest':>11}{'queries':>9}")
    first = {name: ms for name, ms, _q in results[small]["pages"]}
    for size in sizes:
        for name, ms, queries in results[size]["pages"]:
            ratio = ms / first[name] if first[name] else float("nan")
            print(f"{size:>9,}  {name:<22}{ms:>12.1f}{ratio:>11.2f}{queries:>9}")
    by_page: dict[str, set[int]] = {}
    for size in sizes:
        for name, _ms, queries in results[size]["pages"]:
            by_page.setdefault(name, set()).add(queries)
    constant = all(len(counts) == 1 for counts in by_page.values())
    print()
    print("queries per page constant across sizes:", "yes" if constant else "NO")
    if not constant:
        sys.exit(1)


if __name__ == "__main__":
    main()
