"""Security headers on every public page, private caching for signed-in pages."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_public_pages_send_a_strict_content_security_policy(client, course_tree):
    for url in ["/", course_tree.course.url, reverse("login"), reverse("verify_lookup")]:
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp, url
        assert "frame-ancestors 'none'" in csp, url
        assert "unsafe-inline" not in csp, url
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert "camera=()" in response["Permissions-Policy"]


def test_public_templates_have_no_inline_script_or_style(
    client, course_tree, trainee_client, trainee
):
    from tests.factories import EnrollmentFactory

    EnrollmentFactory(trainee=trainee, course=course_tree.course)
    for url in [course_tree.course.url, course_tree.lessons[0][0].url, reverse("dashboard")]:
        html = trainee_client.get(url).content.decode()
        body = html.split("<main", 1)[1]
        assert ' style="' not in body, url
        assert " onclick=" not in html and " onfocus=" not in html, url
        assert "<script>" not in body, url


def test_signed_in_pages_are_not_stored_by_caches(trainee_client, course_tree):
    response = trainee_client.get(course_tree.course.url)
    assert "no-store" in response["Cache-Control"]


def test_anonymous_public_pages_are_cacheable(client, course_tree):
    response = client.get(course_tree.course.url)
    assert "no-store" not in response.get("Cache-Control", "")


def test_the_admin_calls_and_posts_nowhere_else(client):
    """The admin keeps its inline scripts, but its pages may fetch and submit to this site only,
    and a superuser's dashboard no longer asks releases.wagtail.org for the latest version."""
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(reverse("wagtailadmin_home"))
    csp = response["Content-Security-Policy"]
    assert "connect-src 'self'" in csp and "form-action 'self'" in csp
    assert "frame-ancestors 'self'" in csp
    assert "w-upgrade" not in response.content.decode()
