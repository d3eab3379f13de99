"""Every page names the site's icon, so browsers do not ask for /favicon.ico (a 404 on every
first visit, an error in the console), and the icon is a file the site serves."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_pages_name_an_icon_the_site_has(client, home):
    html = client.get("/").content.decode()
    [href] = re.findall(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html)
    path = finders.find(href.removeprefix("/static/"))
    assert path is not None, href
    with open(path, encoding="utf-8") as icon:
        assert icon.read().startswith("<svg")


def test_favicon_ico_leads_to_the_same_icon(client, home):
    # Browsers ask for it when they show a credential's JSON or a PDF, which name no icon.
    html = client.get("/").content.decode()
    [href] = re.findall(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html)

    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == href
