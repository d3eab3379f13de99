"""The demo's search index. Seeding indexes each model's objects in one batch when it is done
(cms/demo.py, indexing_at_the_end), not object by object as they are saved: every question
and page it makes is in the index, as seeding left it, and the admin's searches find them."""

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from assessments.models import Question
from courses.models import LessonPage

pytestmark = pytest.mark.django_db


def indexed() -> set[tuple[int, str]]:
    """(content type, object id) of every index entry, read once."""
    return set(IndexEntry.objects.values_list("content_type_id", "object_id"))


def test_every_question_and_page_the_demo_makes_is_indexed(seeded_demo):
    entries = indexed()
    question_type = ContentType.objects.get_for_model(Question).pk
    questions = {str(pk) for pk in Question.objects.values_list("pk", flat=True)}
    assert len(questions) > 300
    assert {pk for type_id, pk in entries if type_id == question_type} == questions
    # Each page under its own class (the index holds a page's specific row), the Spanish
    # translations among them; Wagtail's root is not a page anyone searches for.
    pages = Page.objects.filter(depth__gt=1)
    assert set(pages.values_list("locale__language_code", flat=True)) == {"en", "es"}
    for page in pages.specific():
        page_type = ContentType.objects.get_for_model(type(page)).pk
        assert (page_type, str(page.pk)) in entries, f"{page.title!r} is not in the index"


def test_the_admin_search_finds_a_question_by_its_key_and_text_and_a_lesson_in_each_language(
    seeded_demo,
):
    backend = get_search_backend()
    question = Question.objects.get(key="m5-confidentiality-limits-matching")
    assert "procedure" in question.text and "confidentiality" not in question.text
    assert question in list(backend.search("confidentiality", Question))  # its key
    assert question in list(backend.search("procedure", Question))  # its text

    for language in ("en", "es"):
        lesson = LessonPage.objects.filter(locale__language_code=language).first()
        word = max(lesson.title.split(), key=len).strip(":,.")
        found = backend.search(word, LessonPage.objects.filter(locale=lesson.locale))
        assert lesson.pk in {page.pk for page in found}, (language, word)
