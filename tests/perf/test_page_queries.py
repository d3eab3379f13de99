"""The pages a trainee opens most send a fixed, small number of queries, whatever the size of
the course: lesson ≤ 6, course ≤ 5, dashboard as budgeted below, at 5 and at 50 lessons. What is
the same for everyone (routing, the outline's pages, a lesson's body) comes from the cache per
content generation (courses/cache.py); the trainee's own state is read on top."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrollment
from tests.assessments.conftest import make_assessment
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, LessonCompletionFactory
from tests.perf.test_query_counts_scale import signed_in

pytestmark = pytest.mark.django_db

# Measured (shared cache, as in tests): lesson 2 (the user, the enrolment), dashboard 4–5 (the
# user, the certificates, the enrolments, the next live session; no attempt history query once
# it is cached), course at most 5. What is the same for everyone comes from
# the cache per content generation; what is the trainee's own (completions, module requirements,
# the outline's attempts, the attempt history) per their own generation (core/generations.py,
# cms/dashboard_state.py). With per-process caches, one query more: the generations.
BUDGETS = {"lesson": 6, "course": 5, "dashboard": 8}


def queries(client, url: str) -> int:
    client.get(url)  # warm: the first request after a change fills the cache
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", BUDGETS)
def test_page_queries_are_few_and_do_not_grow_with_the_course(
    course_index, trainee, client, page, record_property
):
    counts = []
    for lessons in (5, 50):
        tree = build_course(course_index, modules=1, lessons=lessons)
        make_assessment(tree.modules[0], types=["single"], max_attempts=0, cooldown_minutes=0)
        enrollment = EnrollmentFactory(trainee=trainee, course=tree.course)
        LessonCompletionFactory(trainee=trainee, lesson=tree.lessons[0][0])
        signed_in(client, trainee)
        url = {
            "lesson": tree.lessons[0][1].url,
            "course": tree.course.url,
            "dashboard": reverse("dashboard"),
        }[page]
        counts.append(queries(client, url))
        # One course more on the dashboard is one enrolment more: compare like with like.
        Enrollment.objects.filter(pk=enrollment.pk).update(withdrawn_at=timezone.now())
    record_property("queries", f"{counts[0]} → {counts[1]}")
    assert counts[1] <= counts[0], f"{page}: {counts[0]} queries at 5 lessons, {counts[1]} at 50"
    assert counts[0] <= BUDGETS[page], f"{page}: {counts[0]} queries, budget {BUDGETS[page]}"
