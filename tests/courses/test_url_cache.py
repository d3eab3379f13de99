"""Page links are cached per content generation (courses.translation.cached_url): a page
renamed and published is linked at its new address on the next request, by every page that
links it, and the links of one host or language are never another's."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from tests.conftest import build_course
from tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["shared cache", "database"])
def mode(request, settings):
    settings.CURRICULUM_CACHE_SHARED = request.param == "shared cache"
    return request.param


@pytest.fixture
def tree(course_index):
    return build_course(course_index, modules=1, lessons=3)


@pytest.fixture
def reader(trainee, tree):
    EnrollmentFactory(trainee=trainee, course=tree.course)
    client = Client()
    client.force_login(trainee)
    return client


def test_a_renamed_lesson_is_linked_at_its_new_address_at_once(tree, reader):
    first, second, _third = tree.lessons[0]
    old_url = second.url
    for _ in range(2):  # the second request's links come from the cache
        assert f'href="{old_url}"' in reader.get(first.url).content.decode()
        assert f'href="{old_url}"' in reader.get(tree.course.url).content.decode()

    second.slug = "a-new-name"
    second.save_revision().publish()
    second.refresh_from_db()

    for page in (first, tree.course):
        html = reader.get(page.url).content.decode()
        assert f'href="{second.url}"' in html
        assert f'href="{old_url}"' not in html
    assert reader.get(second.url).status_code == 200


def test_links_follow_the_host_asked_for(tree, reader, settings):
    settings.ALLOWED_HOSTS = ["*"]
    lesson = tree.lessons[0][0]
    with translation.override("en"):
        path = lesson.url
    for host in ("testserver", "example.org"):
        html = reader.get(path, HTTP_HOST=host).content.decode()
        assert f'hreflang="en" href="http://{host}{path}"' in html
