"""The header offers the admin to those who may open it and employer tools to employers, from
one query however many groups and permissions there are."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from courses.permissions import EMPLOYERS_GROUP, ensure_role_groups
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "who, admin, employer",
    [
        ("trainee", False, False),
        ("instructor", True, False),
        ("employer", False, True),
        ("direct_permission", True, False),
        ("superuser", True, False),
    ],
)
def test_header_links_follow_roles(client, course_index, who, admin, employer):
    groups = ensure_role_groups(course_index=course_index)
    user = {
        "trainee": lambda: UserFactory(),
        "instructor": lambda: UserFactory(groups=[groups["Instructors"]]),
        "employer": lambda: UserFactory(groups=[Group.objects.get(name=EMPLOYERS_GROUP)]),
        "direct_permission": lambda: UserFactory(),
        "superuser": lambda: UserFactory(is_superuser=True, is_staff=True),
    }[who]()
    if who == "direct_permission":
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    page = client.get(reverse("dashboard")).content.decode()
    assert ('href="/admin/"' in page) is admin
    assert ("Employer tools" in page) is employer
    # Wagtail's editing bar on public pages is for the same people.
    home = client.get("/").content.decode()
    assert ("wagtail-userbar" in home) is admin


def test_the_editing_bar_is_on_wagtail_pages_only(client, course_index):
    """Wagtail's userbar edits the page it sits on: an editor sees it on the home page, and not
    on views that have no page to edit (their dashboard, their account, a page that is not
    there), where the header's "Admin" link is the way in."""
    groups = ensure_role_groups(course_index=course_index)
    client.force_login(UserFactory(groups=[groups["Instructors"]]))
    assert "wagtail-userbar" in client.get("/").content.decode()
    for url in (reverse("dashboard"), reverse("account"), "/no-such-page/"):
        response = client.get(url)
        page = response.content.decode()
        assert 'href="/admin/"' in page, url
        assert "wagtail-userbar" not in page, url
