"""Each version's CE rules come from the cache until an administrator changes them
(continuing_education/cache.py): no query once cached, and every kind of edit — the rules, a
category minimum, a mode cap, a CE course, a category's name or order, the rules deleted — is
what the next read returns."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from continuing_education import cache as rules_cache
from continuing_education.models import CECourse, CERules, DeliveryMode
from continuing_education.selectors import ce_course_ids, ce_rules_by_version, ce_rules_for
from continuing_education.selectors import rules_data as evaluated
from tests.conftest import build_course
from tests.factories.certificates import ProgramVersionFactory
from tests.factories.continuing_education import (
    CECategoryFactory,
    CECategoryMinimumFactory,
    CEModeCapFactory,
    CERulesFactory,
)

pytestmark = pytest.mark.django_db


def read(version):
    """The rules as the dashboard evaluates them, and the courses that earn CE under them."""
    rules = ce_rules_for(version)
    return evaluated(rules), ce_course_ids(rules)


def test_rules_are_read_once_then_served_without_a_query(ce_rules):
    with CaptureQueriesContext(connection) as first:
        cached = read(ce_rules.version)
    assert len(first) == 4  # rules, category minimums (with categories), mode caps, CE courses
    with CaptureQueriesContext(connection) as again:
        assert read(ce_rules.version) == cached
    assert len(again) == 0
    assert cached[0].total_hours == Decimal("20")
    assert cached[0].category_minimums == (("Ethics", Decimal("6.00")),)


def test_several_versions_are_read_together(ce_rules):
    other = CERulesFactory(total_hours=Decimal("40"))
    bare = ProgramVersionFactory()  # no CE rules
    with CaptureQueriesContext(connection) as first:
        rules = ce_rules_by_version([ce_rules.version_id, other.version_id, bare.pk])
    assert len(first) == 4
    assert rules[ce_rules.version_id].total_hours == Decimal("20")
    assert rules[other.version_id].total_hours == Decimal("40")
    assert rules[bare.pk] is None
    with CaptureQueriesContext(connection) as again:
        assert ce_rules_by_version([bare.pk, other.version_id])[bare.pk] is None
    assert len(again) == 0


def test_changing_the_hours_shows_at_once(ce_rules):
    read(ce_rules.version)
    ce_rules.total_hours = Decimal("30")
    ce_rules.save()
    assert read(ce_rules.version)[0].total_hours == Decimal("30")


def test_a_category_minimum_added_changed_and_removed_shows_at_once(ce_rules, ethics):
    read(ce_rules.version)
    minimum = CECategoryMinimumFactory(
        rules=ce_rules, category=CECategoryFactory(name="Cultural competency", sort_order=5)
    )
    assert ("Cultural competency", Decimal("6.00")) in read(ce_rules.version)[0].category_minimums
    minimum.min_hours = Decimal("3")
    minimum.save()
    assert ("Cultural competency", Decimal("3.00")) in read(ce_rules.version)[0].category_minimums
    minimum.delete()
    assert read(ce_rules.version)[0].category_minimums == (("Ethics", Decimal("6.00")),)


def test_renaming_or_reordering_a_category_shows_at_once(ce_rules, ethics):
    CECategoryMinimumFactory(
        rules=ce_rules, category=CECategoryFactory(name="Confidentiality", sort_order=9)
    )
    assert [name for name, _ in read(ce_rules.version)[0].category_minimums] == [
        "Ethics",
        "Confidentiality",
    ]
    ethics.name = "Ethics and boundaries"
    ethics.sort_order = 10
    ethics.save()
    assert [name for name, _ in read(ce_rules.version)[0].category_minimums] == [
        "Confidentiality",
        "Ethics and boundaries",
    ]


def test_a_mode_cap_shows_at_once(ce_rules):
    read(ce_rules.version)
    cap = CEModeCapFactory(rules=ce_rules, mode=DeliveryMode.SELF_STUDY_OTHER)
    assert read(ce_rules.version)[0].mode_caps == (
        (DeliveryMode.SELF_STUDY_OTHER, Decimal("10.00")),
    )
    cap.delete()
    assert read(ce_rules.version)[0].mode_caps == ()


def test_a_course_listed_for_ce_counts_at_once(ce_rules, course_index):
    course = build_course(course_index, modules=1, lessons=1).course
    assert read(ce_rules.version)[1] == frozenset()
    listed = CECourse.objects.create(rules=ce_rules, course=course)
    assert read(ce_rules.version)[1] == frozenset({course.pk})
    listed.delete()
    assert read(ce_rules.version)[1] == frozenset()


def test_rules_created_for_a_version_or_deleted_show_at_once():
    version = ProgramVersionFactory()
    assert ce_rules_for(version) is None  # cached as "none" too
    rules = CERulesFactory(version=version)
    assert ce_rules_for(version).pk == rules.pk
    CERules.objects.filter(pk=rules.pk).delete()
    assert ce_rules_for(version) is None


def test_an_edit_moves_the_generation_on_again_when_it_commits(
    ce_rules, django_capture_on_commit_callbacks
):
    before = rules_cache.generation()
    with django_capture_on_commit_callbacks(execute=True):
        ce_rules.save()
        at_once = rules_cache.generation()
    assert before < at_once < rules_cache.generation()


def test_without_a_shared_cache_the_rules_wait_under_the_generation_in_the_database(
    ce_rules, settings
):
    """A per-process cache cannot hear another worker's edit: the generation is then a row in
    the database (core/generations.py), one small query a read, moved on by the edit itself."""
    settings.CURRICULUM_CACHE_SHARED = False
    read(ce_rules.version)  # fills this process's cache
    with CaptureQueriesContext(connection) as queries:
        assert read(ce_rules.version)[0].total_hours == Decimal("20")
    assert len(queries) == 1  # the generation, not the four reads of the rules
    ce_rules.total_hours = Decimal("24")
    ce_rules.save()
    assert read(ce_rules.version)[0].total_hours == Decimal("24")
