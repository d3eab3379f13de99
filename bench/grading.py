"""Grading a submitted attempt: milliseconds per submit and the query count, for attempts of 10
and 50 questions. The query count must be the same for both: grading loads every question's
revision and response in one joined query and writes all points in one bulk update.

Runs in a temporary SQLite database (migrated here), never touching the project's own data:

    .venv/bin/python bench/grading.py --rounds 30
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="peercert-bench-grading-")
os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
os.environ["PEERCERT_VAR_DIR"] = TMP
os.environ["DATABASE_URL"] = ""

import django  # noqa: E402

django.setup()

import logging  # noqa: E402

logging.disable(logging.WARNING)

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

TYPES = ["single", "multiple", "true_false", "short", "ordering", "matching"]


def build(questions: int):
    from wagtail.models import Page

    from assessments.demo import answers_for
    from tests.factories import (
        AssessmentPageFactory,
        CourseIndexPageFactory,
        CoursePageFactory,
        EnrollmentFactory,
        ModulePageFactory,
        PoolRuleFactory,
        QuestionCategoryFactory,
        QuestionFactory,
        UserFactory,
    )

    root = Page.get_first_root_node()
    index = CourseIndexPageFactory(parent=root, slug=f"courses-{questions}")
    course = CoursePageFactory(parent=index)
    module = ModulePageFactory(parent=course)
    category = QuestionCategoryFactory(name=f"Bench {questions}")
    for n in range(questions):
        QuestionFactory(category=category, type=TYPES[n % len(TYPES)], key=f"bench-{questions}-{n}")
    quiz = AssessmentPageFactory(
        parent=module, max_attempts=0, shuffle_questions=True, shuffle_options=True
    )
    PoolRuleFactory(assessment=quiz, category=category, count=questions)
    trainee = UserFactory()
    EnrollmentFactory(trainee=trainee, course=course)
    return quiz, trainee, answers_for


def measure(questions: int, rounds: int) -> dict:
    import random

    from assessments import services

    quiz, trainee, answers_for = build(questions)
    rng = random.Random(questions)
    timings, counts = [], set()
    for _ in range(rounds):
        attempt = services.attempt_start(trainee=trainee, assessment=quiz, rng=rng)
        services.attempt_save(attempt=attempt, answers=answers_for(attempt, right=True, rng=rng))
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            attempt = services.attempt_submit(attempt=attempt)
            timings.append((time.perf_counter() - started) * 1000)
        counts.add(len(queries.captured_queries))
        assert attempt.percent == 100, attempt.percent
    return {
        "questions": questions,
        "median_ms": statistics.median(timings),
        "p90_ms": sorted(timings)[int(len(timings) * 0.9) - 1],
        "queries": sorted(counts),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    import atexit
    import shutil

    atexit.register(shutil.rmtree, TMP, ignore_errors=True)
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor} (temporary, {TMP})")
    print(f"{'questions':>9} {'median ms':>10} {'p90 ms':>8} {'queries':>8}")
    results = [measure(n, args.rounds) for n in (10, 50)]
    for row in results:
        print(
            f"{row['questions']:>9} {row['median_ms']:>10.1f} {row['p90_ms']:>8.1f} "
            f"{','.join(map(str, row['queries'])):>8}"
        )
    if results[0]["queries"] != results[1]["queries"]:
        sys.exit("query count grows with the number of questions")
    print("query count does not grow with the number of questions")


if __name__ == "__main__":
    main()
