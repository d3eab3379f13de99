"""Each course keeps its images and documents in its own collection: its instructors upload there
and their choosers list that course's uploads only; reviewers see every course's."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission, ReferenceIndex

from courses.models import CoursePage
from courses.permissions import INSTRUCTORS_GROUP, ensure_role_groups
from tests.assessments.conftest import make_instructor
from tests.conftest import build_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def png() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (2, 2), "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def school(course_index):
    x = build_course(course_index, modules=1, lessons=1, title="Course X", slug="course-x")
    y = build_course(course_index, modules=1, lessons=1, title="Course Y", slug="course-y")
    groups = ensure_role_groups(course_index=course_index)
    people = {
        "instructor_x": make_instructor(x.course),
        "instructor_y": make_instructor(y.course),
        "reviewer": UserFactory(groups=[groups["Reviewers"]]),
    }
    courses = {key: CoursePage.objects.get(pk=tree.course.pk) for key, tree in (("x", x), ("y", y))}
    images = {
        key: get_image_model().objects.create(
            title=f"{key.upper()}-IMAGE-TITLE",
            collection=course.media_collection,
            file=ContentFile(png(), name=f"{key}.png"),
        )
        for key, course in courses.items()
    }
    documents = {
        key: get_document_model().objects.create(
            title=f"{key.upper()}-DOCUMENT-TITLE",
            collection=course.media_collection,
            file=ContentFile(b"%PDF-1.4", name=f"{key}.pdf"),
        )
        for key, course in courses.items()
    }
    return {"courses": courses, "images": images, "documents": documents, **people}


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_every_course_gets_its_own_collection(school):
    x, y = school["courses"]["x"], school["courses"]["y"]
    assert x.media_collection.name == "Course: Course X"
    assert x.media_collection != y.media_collection
    assert x.media_collection.get_parent() == Collection.get_first_root_node()


def test_the_admin_knows_each_course_uses_its_collection(school):
    x = school["courses"]["x"]
    users = ReferenceIndex.get_references_to(x.media_collection)
    assert (CoursePage, x.pk) in [
        (ref.content_type.model_class(), int(ref.object_id)) for ref in users
    ]


@pytest.mark.parametrize("chooser", ["wagtailimages_chooser:choose", "wagtaildocs_chooser:choose"])
def test_an_instructors_chooser_lists_their_courses_uploads_only(school, chooser):
    page = logged_in(school["instructor_x"]).get(reverse(chooser)).content.decode()
    kind = "IMAGE" if "images" in chooser else "DOCUMENT"
    assert f"X-{kind}-TITLE" in page
    assert f"Y-{kind}-TITLE" not in page
    everything = logged_in(school["reviewer"]).get(reverse(chooser)).content.decode()
    assert f"X-{kind}-TITLE" in everything and f"Y-{kind}-TITLE" in everything


def test_an_instructor_cannot_open_or_edit_another_courses_upload(school):
    client = logged_in(school["instructor_x"])
    for name, obj in (
        ("wagtailimages:edit", school["images"]["y"]),
        ("wagtaildocs:edit", school["documents"]["y"]),
    ):
        response = client.get(reverse(name, args=[obj.pk]))
        assert response.status_code in (302, 403), name
    # A co-instructor's upload in their own course is theirs to fix.
    response = client.get(reverse("wagtailimages:edit", args=[school["images"]["x"].pk]))
    assert response.status_code == 200


def test_an_upload_goes_into_the_course_collection(school):
    client = logged_in(school["instructor_x"])
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Warm hand-off checklist",
            "file": ContentFile(b"%PDF-1.4 checklist", name="checklist.pdf"),
            "collection": school["courses"]["x"].media_collection.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document = get_document_model().objects.get(title="Warm hand-off checklist")
    assert document.collection == school["courses"]["x"].media_collection
    # A posted collection of another course is not taken.
    client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Misfiled",
            "file": ContentFile(b"%PDF-1.4", name="misfiled.pdf"),
            "collection": school["courses"]["y"].media_collection.pk,
        },
    )
    assert (
        not get_document_model()
        .objects.filter(title="Misfiled", collection=school["courses"]["y"].media_collection)
        .exists()
    )


def test_setup_takes_back_the_old_grant_on_the_root_collection(school):
    from django.contrib.auth.models import Group, Permission

    instructors = Group.objects.get(name=INSTRUCTORS_GROUP)
    root = Collection.get_first_root_node()
    GroupCollectionPermission.objects.create(
        group=instructors,
        collection=root,
        permission=Permission.objects.get(codename="choose_image"),
    )
    ensure_role_groups()
    assert not GroupCollectionPermission.objects.filter(group=instructors, collection=root).exists()
