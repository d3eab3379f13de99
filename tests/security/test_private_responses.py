"""Private responses stay private: nothing built for a signed-in person (pages, CSV, PDFs,
uploaded proofs) may be stored by a cache, and uploaded files are never reachable at a public
media URL — they live in the "private" storage and are streamed by permission-checked views."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.files.storage import storages
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from tests.cms.test_settings import REPO
from tests.security.conftest import ROLES
from tests.security.production import production_settings, run_with_production_settings
from tests.security.routes import ADMIN_LISTS, GUARDED
from tests.security.test_authorization_matrix import (
    OWN_PAGES,
    body,
    clients_for,
    no_store_checked_here,
    no_store_problem,
    url_for,
)

pytestmark = pytest.mark.django_db


# --- no-store ----------------------------------------------------------------------------------


# One test per role rather than one for all (31 s in one test): the same requests, in pieces
# that pytest-xdist can hand to either process.
@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"] + ["superuser"])
def test_every_response_to_a_signed_in_person_is_no_store(world, role):
    """Every page for a signed-in person, entitled or refused. Most of these requests are sent
    by the authorisation matrix's tests too (the refused and the entitled GETs, one's own pages,
    the admin lists), which check the same header on the same response as they get it
    (test_authorization_matrix.no_store_problem): this test sends only the rest, so that each
    request is sent once (half of these tests' time was sending them twice)."""
    client = Client()
    client.force_login(world.users[role])
    problems, checked = [], 0
    urls = [reverse(name) for name in OWN_PAGES]
    urls += [reverse(name) for name in ADMIN_LISTS]
    for name, guard in GUARDED.items():
        if "GET" in guard.methods:
            # Entitled or not: a refusal is a page for a signed-in person too.
            urls += [
                url_for(name, obj) + query
                for obj in world.of_kind(guard.kind)
                for query in guard.queries
            ]
    # Every role: its own pages, the admin lists, the guarded GETs (150 in this world).
    assert len(urls) > 100
    checked_there = no_store_checked_here(world, role)
    for url in urls:
        if url in checked_there:
            continue
        response = client.get(url)
        checked += 1
        problem = no_store_problem(response, role=role)
        if problem:
            problems.append(f"{role} GET {url}: {problem}")
    print(
        f"no-store: {checked} responses checked for {role} here, "
        f"{len(set(urls) & checked_there)} by the authorisation matrix's tests"
    )
    assert not problems, "\n".join(problems)


def test_private_files_are_no_store_and_not_sniffable(world):
    clients = clients_for(world)
    activity = next(o for o in world.of_kind("ce_activity") if o.owner == "trainee_a")
    assessment = next(o for o in world.of_kind("assessment") if o.course == "x")
    for role, url in [
        ("trainee_a", reverse("continuing_education:proof", args=[activity.value])),
        ("reviewer", reverse("continuing_education:proof", args=[activity.value])),
        ("trainee_a", reverse("continuing_education:transcript_csv")),
        ("trainee_a", reverse("continuing_education:transcript_pdf")),
        (
            "instructor_x",
            reverse("assessments_admin:results", args=[assessment.value]) + "?format=csv",
        ),
    ]:
        response = clients[role].get(url)
        assert response.status_code == 200, (role, url)
        assert "no-store" in response["Cache-Control"], (role, url)
        assert response["X-Content-Type-Options"] == "nosniff", (role, url)
        assert not response["Content-Type"].startswith("text/html"), (role, url)


def test_pages_opened_by_secret_links_are_no_store(world):
    """A restricted share link (opened by its employer) and the public certificate PDF."""
    clients = clients_for(world)
    token = next(o for o in world.of_kind("share_token") if o.owner == "trainee_a")
    response = clients["employer_1"].get(reverse("employers:shared", args=[token.value]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"


# --- uploaded files ----------------------------------------------------------------------------


def test_uploaded_proofs_and_certificate_pdfs_use_the_private_storage():
    from certificates.models import Certificate
    from continuing_education.models import CEActivity

    private = storages["private"]
    for model, field_name in ((CEActivity, "proof"), (Certificate, "pdf")):
        storage = model._meta.get_field(field_name).storage
        assert type(storage) is type(private), (model, field_name)
        assert storage.location == private.location, (model, field_name)
        assert storage.location != storages["default"].location


def test_the_private_directory_is_inside_no_public_one():
    private = Path(storages["private"].location).resolve()
    for public in (settings.MEDIA_ROOT, settings.STATIC_ROOT, storages["default"].location):
        public = Path(public).resolve()
        assert not private.is_relative_to(public), public
        assert not public.is_relative_to(private), public


def test_a_proofs_storage_url_is_served_by_nothing(world):
    """FileSystemStorage falls back to MEDIA_URL for `.url`; the address it makes up must not
    lead anywhere, in any role."""
    activity = next(o for o in world.of_kind("ce_activity") if o.owner == "trainee_a").instance
    activity.refresh_from_db()
    path = urlsplit(activity.proof.url).path
    with pytest.raises(Resolver404):
        resolve(path)
    clients = clients_for(world)
    for role in ("anonymous", "trainee_a", "reviewer", "superuser"):
        response = clients[role].get(path)
        assert response.status_code == 404, role
        assert b"%PDF" not in body(response).encode(), role


def test_no_template_or_view_links_to_a_private_file():
    pattern = re.compile(r"\b(proof|pdf)\.url\b")
    offenders = []
    for folder in (
        "templates",
        "certificates",
        "continuing_education",
        "employers",
        "verification",
        "credentials",
        "cms",
        "assessments",
        "courses",
        "accounts",
    ):
        for path in (Path(REPO) / folder).rglob("*"):
            if (
                path.suffix in (".html", ".txt", ".py")
                and "migrations" not in path.parts
                and pattern.search(path.read_text(errors="replace"))
            ):
                offenders.append(str(path.relative_to(REPO)))
    assert not offenders


def test_media_is_not_served_by_django_when_debug_is_off():
    assert settings.DEBUG is False
    with pytest.raises(Resolver404):
        resolve(settings.MEDIA_URL + "ce-proofs/anything.pdf")


def test_production_serves_no_media_url_and_keeps_private_files_out_of_public_directories():
    result = run_with_production_settings(
        "from django.conf import settings\n"
        "from django.urls import Resolver404, resolve\n"
        "from django.core.files.storage import storages\n"
        "assert settings.DEBUG is False\n"
        "try:\n"
        "    resolve(settings.MEDIA_URL + 'ce-proofs/x.pdf')\n"
        "except Resolver404:\n"
        "    print('media: not served')\n"
        "print('private:', storages['private'].location)\n"
        "print('media:', settings.MEDIA_ROOT)\n"
    )
    assert result.returncode == 0, result.stderr
    assert "media: not served" in result.stdout
    values = production_settings()
    assert values["DEBUG"] is False
    private = Path(values["PRIVATE_MEDIA_ROOT"]).resolve()
    assert not private.is_relative_to(Path(values["MEDIA_ROOT"]).resolve())
    assert not private.is_relative_to(Path(values["STATIC_ROOT"]).resolve())


def test_on_object_storage_the_private_bucket_is_private_and_its_links_short_lived():
    values = production_settings(PEERCERT_S3_BUCKET="peercert-media")
    public = values["STORAGES"]["default"]["OPTIONS"]
    private = values["STORAGES"]["private"]["OPTIONS"]
    assert private["bucket_name"] != public["bucket_name"]
    assert private["default_acl"] == "private"
    assert private["querystring_auth"] is True
    assert 0 < private["querystring_expire"] <= 300
