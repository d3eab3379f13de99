"""/verify/ belongs to one app: every page under it resolves to verification's views (the
credential files, which verification offers next to each certificate, to credentials'), and a
word such as ``pdf`` is never taken for a code, whatever order the site's includes are in."""

import pytest
from django.urls import resolve, reverse

CODE = "K7QF3M9DXT2P8HWA0000"


@pytest.mark.parametrize(
    ("path", "name", "module"),
    [
        ("/verify/", "verify_lookup", "verification.views"),
        ("/verify/pdf/", "verify_pdf_upload", "verification.views"),
        (f"/verify/{CODE}/", "verify_detail", "verification.views"),
        (f"/verify/{CODE}/certificate.pdf", "verify_pdf", "verification.views"),
        (f"/verify/{CODE}/credential.json", "credential_json", "credentials.views"),
        (f"/verify/{CODE}/credential.jwt", "credential_jwt", "credentials.views"),
    ],
)
def test_each_verify_path_reaches_its_own_view(path, name, module):
    match = resolve(path)
    assert match.url_name == name
    assert match.func.__module__ == module


def test_every_route_under_verify_comes_from_the_one_include():
    from cms.urls import urlpatterns

    owners = [str(p.pattern) for p in urlpatterns if str(p.pattern).startswith("verify")]
    assert owners == ["verify/"]


def test_names_reverse_to_the_same_addresses_as_before():
    assert reverse("verify_lookup") == "/verify/"
    assert reverse("verify_pdf_upload") == "/verify/pdf/"
    assert reverse("verify_detail", args=[CODE]) == f"/verify/{CODE}/"
    assert reverse("verify_pdf", args=[CODE]) == f"/verify/{CODE}/certificate.pdf"
    assert reverse("credential_json", args=[CODE]) == f"/verify/{CODE}/credential.json"
