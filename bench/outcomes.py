"""Milliseconds and queries per page of the outcome dashboard over seed_scale data, against a
bare view in the same run, at two data sizes: the pages read pre-aggregated figures
(outcomes/models.py), so neither the number of queries nor the time may grow with the number
of trainees; the full rebuild that computes those figures (the daily run's, here after
seed_scale's bulk load, which sends no signals) is timed too, and it does grow.

    .venv/bin/python bench/outcomes.py                            # 2,000 and 20,000 trainees
    .venv/bin/python bench/outcomes.py --sizes 2000 8000 --rounds 5
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/peercert_bench_outcomes \\
        .venv/bin/python bench/outcomes.py --sizes 50000

Each size gets a fresh SQLite file in a temporary directory (or the DATABASE_URL given, which
is flushed by seed_scale --reset between sizes): migrate, seed_demo, seed_scale --trainees N
(attempts and certificates in seed_scale's proportions), manage.py outcomes_rebuild, then,
signed in as the demo's program administrator through Django's test client (the whole middleware stack, no network), the
median of --rounds requests of each page:

  bare                 /bench/bare/ (bench/urls.py): the same middleware, no work
  dashboard            /programs/outcomes/
  dashboard+filters    /programs/outcomes/?version=…&year=… (four views: itself and the three
                       with fewer filters, each suppressed against the others)
  funder report (CSV)  /programs/outcomes/report.csv?year=…

Rows of seed_scale have no cohorts or live sessions; the cohort table is then one row.
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


def _seed(env: dict, trainees: int) -> None:
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
        "--batch",
        "2000",
    )


def _rebuild(env: dict) -> float:
    started = time.perf_counter()
    _manage(env, "outcomes_rebuild")
    return time.perf_counter() - started


def _measure(env: dict, rounds: int) -> list[tuple[str, float, int]]:
    """In a child process (Django set up once, on this size's database)."""
    code = f"""
import json, statistics, time
import django
django.setup()
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from accounts.models import User
from certificates.models import ProgramVersion
settings.ALLOWED_HOSTS = ["testserver"]
settings.ROOT_URLCONF = "bench.urls"  # the site's URLs plus /bench/bare/
client = Client()
client.force_login(User.objects.get(email="programs@example.org"))
version = ProgramVersion.objects.order_by("pk").first()
year = time.localtime().tm_year
pages = [
    ("bare", "/bench/bare/"),
    ("dashboard", "/programs/outcomes/"),
    ("dashboard+filters", f"/programs/outcomes/?version={{version.pk}}&year={{year}}"),
    ("funder report (CSV)", f"/programs/outcomes/report.csv?year={{year}}"),
]
out = []
for name, url in pages:
    assert client.get(url).status_code == 200, url  # warm
    times, queries = [], 0
    for _ in range({rounds}):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured.captured_queries)
    out.append((name, statistics.median(times), queries))
print("RESULT " + json.dumps(out))
"""
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT "))
    return [tuple(row) for row in json.loads(line[len("RESULT ") :])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    table = []
    with tempfile.TemporaryDirectory(prefix="peercert-bench-outcomes-") as tmp:
        for size in args.sizes:
            env = dict(os.environ)
            env.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
            if "DATABASE_URL" not in os.environ:
                env["DATABASE_URL"] = f"sqlite:///{tmp}/outcomes-{size}.sqlite3"
            env["ISSUER_KEY_DIR"] = f"{tmp}/issuer"
            started = time.perf_counter()
            _seed(env, size)
            seeded = time.perf_counter() - started
            print(f"{size:,} trainees seeded in {seeded:.0f} s", flush=True)
            rebuilt = _rebuild(env)
            print(f"{size:,} trainees: outcome views rebuilt in {rebuilt:.0f} s", flush=True)
            for name, ms, queries in _measure(env, args.rounds):
                table.append((size, name, ms, queries))
                print(f"  {name}: {ms:.1f} ms, {queries} queries", flush=True)
    print()
    print(f"{'trainees':>9}  {'page':<22}{'ms (median)':>12}{'× bare':>9}{'queries':>9}")
    bare = {size: ms for size, name, ms, _q in table if name == "bare"}
    for size, name, ms, queries in table:
        ratio = ms / bare[size] if bare[size] else float("nan")
        print(f"{size:>9,}  {name:<22}{ms:>12.1f}{ratio:>9.1f}{queries:>9}")
    if len(args.sizes) > 1:
        small, large = min(args.sizes), max(args.sizes)
        ms_at = {(size, name): ms for size, name, ms, _q in table}
        print()
        print(
            f"largest / smallest ({large:,} / {small:,} trainees, {large / small:.0f}× the data):"
        )
        for name in dict.fromkeys(name for _size, name, _ms, _q in table):
            ratio = ms_at[(large, name)] / ms_at[(small, name)]
            print(f"  {name:<22} time × {ratio:.2f}")
    by_page: dict[str, set[int]] = {}
    for _size, name, _ms, queries in table:
        by_page.setdefault(name, set()).add(queries)
    constant = all(len(counts) == 1 for counts in by_page.values())
    print()
    print("queries per page constant across sizes:", "yes" if constant else "NO")
    if not constant:
        sys.exit(1)


if __name__ == "__main__":
    main()
