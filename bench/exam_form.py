"""Assembling a 50-item blueprint exam form from a 300-item pool: milliseconds per form and the
query count, against a plain "draw 50 from one category" quiz over the same 300 items in the
same run (the baseline), plus the pure assembly alone.

Runs in a temporary SQLite database (migrated here), never touching the project's own data:

    .venv/bin/python bench/exam_form.py --rounds 30
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="peercert-bench-exam-")
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

WEIGHTS = {
    "Advocacy": 24,
    "Mentoring/Education": 24,
    "Recovery/Wellness Support": 31,
    "Ethical Responsibility": 21,
}
POOL, LENGTH = 300, 50


def build():
    from wagtail.models import Page

    from assessments.models import BlueprintWeight
    from courses.models import TrainingDomain
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
    course = CoursePageFactory(parent=CourseIndexPageFactory(parent=root, slug="bench-courses"))
    module = ModulePageFactory(parent=course)
    exam = AssessmentPageFactory(parent=module, max_attempts=0, blueprint_length=LENGTH)
    plain = AssessmentPageFactory(parent=module, max_attempts=0)
    everything = QuestionCategoryFactory(name="Bench: one category")
    difficulties = ("easy", "medium", "medium", "hard")
    for order, (name, weight) in enumerate(WEIGHTS.items()):
        domain = TrainingDomain.objects.create(name=name, framework="IC&RC", sort_order=order)
        category = QuestionCategoryFactory(name=f"Bench: {name}")
        for n in range(POOL // len(WEIGHTS)):
            for target, prefix in ((category, "bp"), (everything, "pl")):
                QuestionFactory(
                    category=target,
                    domain=domain,
                    difficulty=difficulties[n % 4],
                    key=f"{prefix}-{order}-{n}",
                )
        PoolRuleFactory(assessment=exam, category=category, count=0)
        BlueprintWeight.objects.create(assessment=exam, domain=domain, weight=weight)
    PoolRuleFactory(assessment=plain, category=everything, count=LENGTH)
    trainee = UserFactory()
    EnrollmentFactory(trainee=trainee, course=course)
    return exam, plain, trainee


def measure(assessment, trainee, rounds: int) -> dict:
    from assessments import services
    from assessments.models import Attempt

    rng = random.Random(7)
    timings, counts = [], set()
    for _ in range(rounds):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            attempt = services.attempt_start(trainee=trainee, assessment=assessment, rng=rng)
            timings.append((time.perf_counter() - started) * 1000)
        counts.add(len(queries.captured_queries))
        assert attempt.questions.count() == LENGTH
        Attempt.objects.filter(pk=attempt.pk).delete()  # the next round starts afresh
    return {"median_ms": statistics.median(timings), "queries": sorted(counts)}


def pure(rounds: int) -> float:
    from assessments.blueprint import PoolItem, assemble

    names = list(WEIGHTS)
    pool = [PoolItem(i, names[i % 4], ("easy", "medium", "hard")[i % 3]) for i in range(POOL)]
    rng = random.Random(1)
    started = time.perf_counter()
    for _ in range(rounds):
        assemble(pool, WEIGHTS, LENGTH, rng=rng)
    return (time.perf_counter() - started) * 1000 / rounds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    import atexit
    import shutil

    atexit.register(shutil.rmtree, TMP, ignore_errors=True)
    call_command("migrate", verbosity=0)
    exam, plain, trainee = build()
    base = measure(plain, trainee, args.rounds)
    form = measure(exam, trainee, args.rounds)
    print(f"database: {connection.vendor} (temporary); pool {POOL} items, form {LENGTH} items")
    print(f"{'start an attempt':<34} {'median ms':>10} {'queries':>8}")
    print(f"{'plain draw (baseline)':<34} {base['median_ms']:>10.1f} {base['queries']}")
    print(f"{'blueprint form':<34} {form['median_ms']:>10.1f} {form['queries']}")
    print(f"blueprint / plain: {form['median_ms'] / base['median_ms']:.2f}")
    print(f"pure assembly alone: {pure(args.rounds * 10):.2f} ms per form")


if __name__ == "__main__":
    main()
