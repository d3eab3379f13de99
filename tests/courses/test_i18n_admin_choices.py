"""A translation is a way to read a course, not a course of its own: admin choices (the course a
question category is filed under, the modules a live session covers) offer the course and its
modules once."""

import pytest

from assessments.selectors import courses_for_new_categories
from cohorts.models import Session
from cohorts.wagtail_hooks import SessionViewSet
from courses.models import CoursePage, ModulePage
from tests.courses.spanish_tree import english_and_spanish
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home, course_index):
    return english_and_spanish(home, course_index, modules=2, lessons=1)


def test_a_category_is_filed_under_the_course_never_its_translation(tree):
    admin = UserFactory(is_superuser=True)
    offered = list(courses_for_new_categories(user=admin))
    assert tree.english.course in offered
    assert tree.course.pk not in {c.pk for c in offered}
    assert CoursePage.objects.count() == 2  # both exist; only one is offered


def test_the_modules_a_session_covers_are_the_modules_not_their_translations(tree):
    spanish_modules = {m.pk for m in tree.modules}
    assert ModulePage.objects.filter(pk__in=spanish_modules).count() == 2
    form_class = SessionViewSet.edit_handler.bind_to_model(Session).get_form_class()
    form = form_class(for_user=UserFactory(is_superuser=True))
    offered = {m.pk for m in form.fields["modules"].queryset}
    assert {m.pk for m in tree.english.modules} <= offered
    assert not offered & spanish_modules
