"""What one test cached is never read by the next.

A test's database changes are rolled back when it ends, but the cache and the generation counters
(core/generations.py) live in the process and are not: an entry stored under the current
generation would still be current for the next test, and describe rows that are gone. The run's
own conftest empties them after every test. These two tests run in this order in one process
(one xdist group): the first caches the site with its home page, the second has no home page and
must not be handed the first one's (CI once answered it with a 500: HomePage does not exist)."""

import pytest
from django.core.cache import cache
from wagtail.models import Locale

from courses.cache import site_key
from courses.demo import translate_page

pytestmark = pytest.mark.xdist_group("caches-between-tests")


def cached_site():
    return cache.get(site_key("testserver", 80))


def test_a_request_caches_the_site_and_its_home_page(client, home):
    translate_page(home, Locale.objects.get(language_code="es"), hero_heading="Formación")
    assert client.get("/es/").status_code == 200
    assert cached_site() is not None


def test_the_next_test_finds_no_site_cached_by_the_one_before(client, db):
    assert cached_site() is None
    assert client.get("/es/healthz/").status_code == 404
