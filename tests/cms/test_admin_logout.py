"""Signing out of the admin ends the session, and only a POST does it: a GET (a link or an
image on another site) neither signs anyone out nor touches the session cookie."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client():
    client = Client(enforce_csrf_checks=False)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_a_get_to_the_admin_logout_changes_nothing(editor_client):
    session_key = editor_client.cookies[settings.SESSION_COOKIE_NAME].value
    response = editor_client.get("/admin/logout/")
    assert response.status_code == 405
    assert settings.SESSION_COOKIE_NAME not in response.cookies  # not deleted, not replaced
    assert Session.objects.filter(session_key=session_key).exists()
    assert editor_client.get(reverse("wagtailadmin_home")).status_code == 200


def test_posting_the_admin_logout_flushes_the_session(editor_client):
    session_key = editor_client.cookies[settings.SESSION_COOKIE_NAME].value
    response = editor_client.post(reverse("wagtailadmin_logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_login")
    assert not Session.objects.filter(session_key=session_key).exists()
    # The old cookie, replayed, opens nothing.
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = session_key
    assert replay.get(reverse("wagtailadmin_home")).status_code == 302


def test_the_admin_sign_out_item_leads_to_the_flushing_logout(editor_client):
    from django.contrib.auth.views import LogoutView
    from django.urls import resolve

    page = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailadmin_logout") == "/admin/logout/" and "/admin/logout/" in page
    assert resolve("/admin/logout/").func.view_class is LogoutView
