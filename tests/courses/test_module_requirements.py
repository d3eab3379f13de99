"""What a module needs beyond its lessons comes from the apps above courses through the
course_module_requirements hook (courses/selectors.py); assessments answers "its assessments
passed". courses itself imports none of them."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from wagtail import hooks

from assessments.selectors import modules_assessment_passed
from courses.selectors import MODULE_REQUIREMENTS_HOOK, course_state
from courses.services import lesson_mark_complete
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_modules(course_index):
    tree = build_course(course_index, modules=2, lessons=1, sequential=True)
    trainee = UserFactory()
    EnrollmentFactory(trainee=trainee, course=tree.course)
    lesson_mark_complete(trainee=trainee, lesson=tree.lessons[0][0])
    return tree, trainee


def test_the_assessments_app_answers_the_hook():
    assert modules_assessment_passed in hooks.get_hooks(MODULE_REQUIREMENTS_HOOK)


def test_an_unmet_answer_keeps_the_module_incomplete_and_the_next_locked(two_modules):
    tree, trainee = two_modules
    first = tree.modules[0]

    def first_module_not_met(*, user, modules):
        return {first.pk: False}

    with hooks.register_temporarily(MODULE_REQUIREMENTS_HOOK, first_module_not_met):
        state = course_state(course=tree.course, user=trainee)

    assert not state.progress.module(first.pk).complete
    assert state.is_locked(tree.lessons[1][0])
    # The answers are cached per person (core/generations.py); in production the hooks are
    # fixed at start-up, here one was just unregistered, so the cached answer goes too.
    cache.clear()
    state = course_state(course=tree.course, user=trainee)  # no assessment: lessons suffice
    assert state.progress.module(first.pk).complete
    assert not state.is_locked(tree.lessons[1][0])


def test_no_app_answering_is_a_configuration_error_not_an_open_course(two_modules, monkeypatch):
    tree, trainee = two_modules
    hooks.get_hooks(MODULE_REQUIREMENTS_HOOK)  # every app's wagtail_hooks loaded
    monkeypatch.setitem(hooks._hooks, MODULE_REQUIREMENTS_HOOK, [])

    with pytest.raises(ImproperlyConfigured, match="course_module_requirements"):
        course_state(course=tree.course, user=trainee)
