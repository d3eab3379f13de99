"""A lesson's handout opens for the trainees who may open the lesson, not for anyone who guesses
the document's number: Wagtail numbers documents one by one."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import ReferenceIndex

from tests.assessments.conftest import make_instructor
from tests.factories import EnrollmentFactory, UserFactory

pytestmark = pytest.mark.django_db

HANDOUT = b"%PDF-1.4\nStanley-Brown safety plan worksheet\n%%EOF\n"


def attach(page, document):
    page.body.append(("document", {"document": document, "description": "Worksheet"}))
    page.save_revision().publish()
    ReferenceIndex.create_or_update_for_object(page)


@pytest.fixture
def handout(course_tree):
    document = get_document_model().objects.create(
        title="Safety plan worksheet", file=ContentFile(HANDOUT, name="safety-plan.pdf")
    )
    attach(course_tree.lessons[1][0].specific, document)  # module 2, locked until module 1 is done
    return document


def url(document):
    return reverse("wagtaildocs_serve", args=[document.pk, document.filename])


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_strangers_and_unenrolled_trainees_are_refused(client, handout, trainee):
    response = client.get(url(handout))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(trainee)
    assert client.get(url(handout)).status_code == 403


def test_an_enrolled_trainee_gets_it_once_the_lesson_is_open(client, handout, trainee, course_tree):
    course_tree.course.sequential = True
    course_tree.course.save_revision().publish()
    EnrollmentFactory(trainee=trainee, course=course_tree.course)
    client.force_login(trainee)
    assert client.get(url(handout)).status_code == 403  # module 2 is still locked
    for lesson in course_tree.lessons[0]:
        client.post(reverse("courses:lesson_complete", args=[lesson.pk]))
    response = client.get(url(handout))
    assert response.status_code == 200
    assert body(response) == HANDOUT


def test_editors_and_public_pages_open_it(client, handout, course_tree):
    client.force_login(make_instructor(course_tree.course))
    assert client.get(url(handout)).status_code == 200
    # A syllabus linked from the course's public overview is for anyone.
    syllabus = get_document_model().objects.create(
        title="Syllabus", file=ContentFile(b"%PDF-1.4 syllabus", name="syllabus.pdf")
    )
    course = course_tree.course.specific
    course.introduction = (
        f'<p>Read the <a linktype="document" id="{syllabus.pk}">syllabus</a> first.</p>'
    )
    course.save_revision().publish()
    ReferenceIndex.create_or_update_for_object(course)
    client.logout()
    assert client.get(url(syllabus)).status_code == 200
    # Linked from nowhere: editors only.
    draft = get_document_model().objects.create(
        title="Unlinked", file=ContentFile(b"draft", name="draft.pdf")
    )
    client.force_login(UserFactory())
    assert client.get(url(draft)).status_code == 403


def test_another_courses_instructor_is_refused_it(client, handout, course_index):
    """Being an admin user is not enough: the handout is neither in the instructor's course's
    collection nor linked from a page they may edit."""
    from tests.conftest import build_course

    other = build_course(course_index, modules=1, lessons=1, title="Other", slug="other")
    client.force_login(make_instructor(other.course))
    assert client.get(url(handout)).status_code == 403
