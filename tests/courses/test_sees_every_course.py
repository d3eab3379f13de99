"""Who sees every course (courses/permissions.sees_every_course) is read from the person's cached
group names: no query once cached, and joining or leaving the reviewers is seen at the next read,
in either place the counters live."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import roles
from accounts.models import User
from courses.permissions import sees_every_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["shared cache", "per-process cache"])
def cache_kind(request, settings):
    settings.CURRICULUM_CACHE_SHARED = request.param == "shared cache"
    return request.param


def fresh(user: User) -> User:
    """The account as the next request loads it (nothing remembered on the object)."""
    return User.objects.get(pk=user.pk)


def test_joining_and_leaving_the_reviewers_is_seen_at_once(cache_kind):
    person = UserFactory()
    person.groups.add(Group.objects.get_or_create(name=roles.INSTRUCTORS)[0])
    assert not sees_every_course(fresh(person))
    reviewers, _ = Group.objects.get_or_create(name=roles.REVIEWERS)
    person.groups.add(reviewers)
    assert sees_every_course(fresh(person))
    person.groups.remove(reviewers)
    assert not sees_every_course(fresh(person))


def test_a_cached_answer_sends_no_query(settings):
    settings.CURRICULUM_CACHE_SHARED = True  # the counters in the cache, as with Redis
    person = UserFactory()
    person.groups.add(Group.objects.get_or_create(name=roles.REVIEWERS)[0])
    assert sees_every_course(fresh(person))
    account = fresh(person)
    with CaptureQueriesContext(connection) as queries:
        assert sees_every_course(account)
    assert len(queries) == 0
