"""A Spanish page costs what its English source costs: lesson ≤ 6 queries, course ≤ 5, at 5 and
at 50 lessons (the English budgets are in tests/perf/test_page_queries.py). The Spanish view of
a course is read once per content generation (courses/translation.py), like the English."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from courses.models import Enrollment, LessonCompletion
from tests.assessments.conftest import make_assessment
from tests.courses.spanish_tree import english_and_spanish
from tests.factories import CourseIndexPageFactory, EnrollmentFactory
from tests.module_data import home_page, module_data
from tests.perf.test_query_counts_scale import signed_in

pytestmark = pytest.mark.django_db

BUDGETS = {"lesson": 6, "course": 5}
SIZES = (5, 50)


def build_trees():
    """A course of 5 lessons and one of 50, each translated, with a quiz in its module."""
    home = home_page()
    index = CourseIndexPageFactory(parent=home)
    trees = {}
    for lessons in SIZES:
        tree = english_and_spanish(
            home, index, modules=1, lessons=lessons, spanish_slug=f"curso-{lessons}"
        )
        make_assessment(tree.english.modules[0], types=["single"], max_attempts=0)
        trees[lessons] = tree
    return trees


# Built once for the module (both pages' tests read the same two courses) and copied back
# into each test's transaction.
trees_rows, trees = module_data(build_trees)


def queries(client, url: str) -> int:
    client.get(url)  # warm: the first request after a change fills the cache
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200
    assert '<html lang="es">' in response.content.decode()
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", BUDGETS)
def test_spanish_pages_cost_what_english_ones_do(trees, trainee, client, page):
    counts = []
    for lessons in SIZES:
        tree = trees[lessons]
        enrollment = EnrollmentFactory(trainee=trainee, course=tree.english.course)
        LessonCompletion.objects.create(trainee=trainee, lesson=tree.english.lessons[0][0])
        signed_in(client, trainee)
        with translation.override("es"):
            url = {"lesson": tree.lessons[0][1].url, "course": tree.course.url}[page]
        counts.append(queries(client, url))
        # One course more on the dashboard is one enrolment more: compare like with like.
        Enrollment.objects.filter(pk=enrollment.pk).update(withdrawn_at=timezone.now())
    assert counts[1] <= counts[0], f"{page}: {counts[0]} queries at 5 lessons, {counts[1]} at 50"
    assert counts[0] <= BUDGETS[page], f"{page}: {counts[0]} queries, budget {BUDGETS[page]}"
