"""A closed account's enrolments are withdrawn (courses/receivers.py); its training record stays."""

import pytest

from accounts.services import account_close
from courses.models import Enrollment, LessonCompletion
from tests.factories import EnrollmentFactory, LessonCompletionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_closing_an_account_withdraws_its_enrolments_and_keeps_its_completions(course_tree):
    trainee, other = UserFactory(), UserFactory()
    EnrollmentFactory(trainee=trainee, course=course_tree.course)
    EnrollmentFactory(trainee=other, course=course_tree.course)
    LessonCompletionFactory(trainee=trainee, lesson=course_tree.all_lessons[0])

    account_close(user=trainee)

    assert Enrollment.objects.get(trainee=trainee).withdrawn_at is not None
    assert Enrollment.objects.get(trainee=other).withdrawn_at is None
    assert LessonCompletion.objects.filter(trainee=trainee).count() == 1
