"""The demo in Spanish: seed_demo translates the home page, the course index, the course and every
module whose demo/curriculum/es/module-N.json exists (they arrive module by module), with
Wagtail's translation API, and says which modules are left in English."""

import json
import shutil

import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Locale

from cms.demo import seed_site, seed_spanish_site
from courses import demo as course_demo
from courses.models import CoursePage, LessonPage, ModulePage

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def only_module_1_in_spanish(tmp_path_factory):
    """A curriculum folder whose Spanish half has module 1 only (the real file)."""
    real = settings.BASE_DIR / "demo" / "curriculum"
    folder = tmp_path_factory.mktemp("curriculum")
    (folder / "es").mkdir(parents=True)
    for number in range(1, course_demo.MODULE_COUNT + 1):
        shutil.copy(real / f"module-{number}.json", folder)
    spanish = real / "es" / "module-1.json"
    if not spanish.exists():
        pytest.skip("demo/curriculum/es/module-1.json is not there yet")
    shutil.copy(spanish, folder / "es")
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(
            course_demo,
            "curriculum_folder",
            lambda language=None: folder / language if language else folder,
        )
        yield json.loads(spanish.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seeded(only_module_1_in_spanish, django_db_setup, django_db_blocker):
    """The demo's site and curriculum with only module 1 in Spanish, seeded once for the module
    (a page at a time, the slow part) and rolled back after it: (home, course, Spanish home,
    what seed_spanish_curriculum reported)."""
    from django.core.cache import cache
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        home = seed_site()
        course = course_demo.seed_curriculum(home=home)
        home_es = seed_spanish_site(home=home)
        left = course_demo.seed_spanish_curriculum(course=course)
        yield home, course, home_es, left
        transaction.set_rollback(True)
    cache.clear()  # Wagtail's site root paths name the rolled-back home page


def test_the_demo_translates_each_module_whose_spanish_file_is_there(
    only_module_1_in_spanish, seeded
):
    data = only_module_1_in_spanish
    _home, course, home_es, left = seeded

    spanish = Locale.objects.get(language_code="es")
    course_es = CoursePage.objects.get(locale=spanish)
    assert course_es.translation_key == course.translation_key
    assert course_es.live and home_es.live
    assert course_es.title == course_demo.COURSE_TITLE_ES
    assert "especialista en recuperación entre pares" in course_es.introduction

    english_modules = list(ModulePage.objects.child_of(course).order_by("path"))
    (module_es,) = ModulePage.objects.filter(locale=spanish)
    assert module_es.translation_key == english_modules[0].translation_key
    assert module_es.title == data["title"]
    assert module_es.contact_hours == english_modules[0].contact_hours
    lessons_es = list(LessonPage.objects.child_of(module_es).order_by("path"))
    assert [lesson.title for lesson in lessons_es] == [row["title"] for row in data["lessons"]]
    assert all(lesson.live for lesson in lessons_es)
    english_lessons = LessonPage.objects.child_of(english_modules[0]).order_by("path")
    assert [lesson.translation_key for lesson in lessons_es] == [
        lesson.translation_key for lesson in english_lessons
    ]
    # The other five are reported, by number, as read in English.
    assert len(left) == course_demo.MODULE_COUNT - 1
    assert left[0].startswith("Spanish curriculum: module 2 (")
    with translation.override("es"):
        assert course_es.url == (f"/es/cursos/{course_demo.COURSE_SLUG_ES}/")

    # A second run adds nothing and reports the same.
    assert course_demo.seed_spanish_curriculum(course=course) == left
    assert ModulePage.objects.filter(locale=spanish).count() == 1


def test_the_spanish_demo_home_page_is_at_es(client, seeded):
    page = client.get("/es/").content.decode()
    assert '<html lang="es">' in page
    assert "Formación y certificación para especialistas en recuperación entre pares" in page
    assert course_demo.COURSE_TITLE_ES in page
