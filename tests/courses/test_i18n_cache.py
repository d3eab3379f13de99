"""Cached pages never cross languages, and a publish in either language shows at once
(courses/cache.py keys what depends on the language by it; a publish bumps the generation)."""

import re

import pytest
from django.utils import translation

from tests.courses.spanish_tree import english_and_spanish, spanish_body
from tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home, course_index):
    return english_and_spanish(home, course_index, modules=1, lessons=2)


def url(page, language):
    with translation.override(language):
        return page.url


def article(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200
    text = response.content.decode().split("<article", 1)[1].split("</article>", 1)[0]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)  # one per response


def test_the_cache_never_shows_one_language_to_a_reader_of_the_other(trainee_client, trainee, tree):
    EnrollmentFactory(trainee=trainee, course=tree.english.course)
    english, spanish = tree.english.lessons[0][0], tree.lessons[0][0]
    for _round in range(2):  # the second round is served from the cache
        english_text = article(trainee_client, url(english, "en"))
        spanish_text = article(trainee_client, url(spanish, "es"))
        assert "Peer support rests on mutuality" in english_text
        assert "Escuchar de forma activa" not in english_text
        assert "Escuchar de forma activa" in spanish_text
        assert "Peer support rests on mutuality" not in spanish_text
        # The same course, cached once per language: titles in the reader's language.
        assert "Escucha activa" in article(trainee_client, url(tree.course, "es"))
        assert "Escucha activa" not in article(trainee_client, url(tree.english.course, "en"))


def test_publishing_the_spanish_lesson_shows_its_new_text_at_once(trainee_client, trainee, tree):
    EnrollmentFactory(trainee=trainee, course=tree.english.course)
    spanish = tree.lessons[0][0]
    english_before = article(trainee_client, url(tree.english.lessons[0][0], "en"))
    assert "Escuchar de forma activa" in article(trainee_client, url(spanish, "es"))

    spanish.title = "Escucha activa y reflexiva"
    spanish.body = spanish_body("<p>Refleje lo que oyó con sus propias palabras.</p>")
    spanish.save_revision().publish()

    page = article(trainee_client, url(spanish, "es"))
    assert "Escucha activa y reflexiva" in page
    assert "Refleje lo que oyó" in page
    assert "Escuchar de forma activa" not in page
    # The course outline in Spanish has the new title; the English lesson is untouched.
    assert "Escucha activa y reflexiva" in article(trainee_client, url(tree.course, "es"))
    assert article(trainee_client, url(tree.english.lessons[0][0], "en")) == english_before


def test_publishing_the_english_lesson_changes_only_the_english_text(trainee_client, trainee, tree):
    EnrollmentFactory(trainee=trainee, course=tree.english.course)
    english, spanish = tree.english.lessons[0][0], tree.lessons[0][0]
    spanish_before = article(trainee_client, url(spanish, "es"))
    article(trainee_client, url(english, "en"))

    english.body = [("paragraph", "<p>Mutuality means both people learn.</p>")]
    english.save_revision().publish()

    assert "Mutuality means both people learn." in article(trainee_client, url(english, "en"))
    assert article(trainee_client, url(spanish, "es")) == spanish_before
