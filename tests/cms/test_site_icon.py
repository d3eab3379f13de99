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
