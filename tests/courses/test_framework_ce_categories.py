"""CE categories are framework data too: staff give each its Spanish name in the admin, and a
Spanish reader's transcript, CE list and CE form name the categories in Spanish (English where
no Spanish is entered); an English reader sees English."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from continuing_education.models import CECategory, category_label
from tests.continuing_education.conftest import add_ce, make_certificate
from tests.factories import UserFactory
from tests.factories.continuing_education import (
    CECategoryFactory,
    CECategoryMinimumFactory,
    CERulesFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogues")]


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
    settings.AXES_ENABLED = False  # force_login has no client address (see CE's conftest)


@pytest.fixture
def ethics():
    return CECategoryFactory(name="Ethics")


@pytest.fixture
def spanish_ethics(ethics):
    ethics.name_es = "Ética"
    ethics.save()
    return ethics


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def certificate(ethics, today):
    """Valid, mid-cycle, under CE rules asking for 20 h, 6 of them ethics."""
    rules = CERulesFactory()
    CECategoryMinimumFactory(rules=rules, category=ethics, min_hours=Decimal("6"))
    holder = UserFactory(email="holder@example.org", first_name="Sam", last_name="Okafor")
    return make_certificate(
        holder=holder, version=rules.version, issued_on=today - timedelta(days=200)
    )


def spanish(name: str) -> str:
    with translation.override("es"):
        return reverse(name)


def test_the_transcript_names_ce_categories_in_the_readers_language(
    certificate, spanish_ethics, today, client
):
    add_ce(
        certificate.holder,
        on=today - timedelta(days=5),
        hours=3,
        category=spanish_ethics,
        title="Boundaries and dual relationships",
    )
    client.force_login(certificate.holder)
    page = client.get(spanish("continuing_education:transcript")).content.decode()
    assert "Ética 3 h" in page
    assert "Ethics 3" not in page
    english = client.get("/ce/transcript/").content.decode()
    assert "Ethics 3 h" in english and "Ética" not in english
    # The CSV download names them as the page does.
    spanish_csv = client.get(spanish("continuing_education:transcript_csv")).content.decode()
    assert "Ética" in spanish_csv and "Ethics" not in spanish_csv
    english_csv = client.get("/ce/transcript.csv").content.decode()
    assert "Ethics" in english_csv and "Ética" not in english_csv


def test_the_ce_form_labels_each_category_in_spanish_or_english_when_untranslated(
    certificate, spanish_ethics, client
):
    CECategory.objects.create(name="Crisis and safety", sort_order=5)  # no Spanish yet
    client.force_login(certificate.holder)
    page = client.get(spanish("continuing_education:submit")).content.decode()
    labels = re.findall(r"<label [^>]*>([^<]*)</label>", page)
    assert "Ética:" in labels
    assert "Crisis and safety:" in labels
    assert "Ethics:" not in labels


def test_staff_type_a_ce_categorys_spanish_name_in_the_admin(ethics, client):
    assert category_label("Ethics", "es") == "Ethics"  # cached: none yet
    client.force_login(UserFactory(is_staff=True, is_superuser=True, email="admin@example.org"))
    edit = reverse("wagtailsnippets_continuing_education_cecategory:edit", args=[ethics.pk])
    response = client.post(
        edit,
        {
            "name": "Ethics",
            "name_es": "Ética",
            "description": "",
            "description_es": "",
            "sort_order": "0",
        },
    )
    assert response.status_code == 302
    assert category_label("Ethics", "es") == "Ética"
    assert category_label("Ethics", "en") == "Ethics"
