from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from certificates.keys import clear_issuer_keys_cache, init_issuer_keys
from courses.permissions import REVIEWERS_GROUP
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory
from tests.factories.continuing_education import (
    PDF_BYTES,
    CEActivityFactory,
    CEAllocationFactory,
    CECategoryFactory,
    CECategoryMinimumFactory,
    CERulesFactory,
)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Proofs and certificate PDFs go to a per-test private directory."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }


@pytest.fixture(autouse=True)
def _no_lockout_bookkeeping_for_force_login(settings):
    """client.force_login has no client address; django-axes records it as 'unknown', which
    PostgreSQL's inet column refuses. Lockout has its own tests; these are about CE."""
    settings.AXES_ENABLED = False


@pytest.fixture
def issuer_keys(settings, tmp_path):
    settings.ISSUER_KEY_DIR = tmp_path / "issuer"
    keys = init_issuer_keys(settings.ISSUER_KEY_DIR, organisation="PeerCert Test Institute")
    yield keys
    clear_issuer_keys_cache()


@pytest.fixture
def today():
    """Tests move time by passing dates; this is only the anchor they move from."""
    return timezone.localdate()


@pytest.fixture
def ethics(db):
    return CECategoryFactory(name="Ethics")


@pytest.fixture
def ce_rules(ethics):
    """IC&RC-style: 20 h per 24 months, 6 of them ethics, 8 h/day self-study, 90/90 days."""
    rules = CERulesFactory()
    CECategoryMinimumFactory(rules=rules, category=ethics, min_hours=Decimal("6"))
    return rules


@pytest.fixture
def reviewer(db):
    from django.contrib.auth.models import Permission

    group, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return UserFactory(
        email="reviewer@example.org", first_name="Avery", last_name="Chen", groups=[group]
    )


@pytest.fixture
def holder(db):
    return UserFactory(email="holder@example.org", first_name="Sam", last_name="Okafor")


def make_certificate(*, holder, version, issued_on, **kwargs):
    from dateutil.relativedelta import relativedelta

    return CertificateFactory(
        holder=holder,
        version=version,
        issued_on=issued_on,
        expires_on=issued_on + relativedelta(months=version.validity_months),
        **kwargs,
    )


@pytest.fixture
def certificate(holder, ce_rules, today):
    """Valid, issued 200 days ago: mid-cycle."""
    return make_certificate(
        holder=holder, version=ce_rules.version, issued_on=today - timedelta(days=200)
    )


def add_ce(
    holder,
    *,
    on,
    hours,
    category=None,
    category_hours=None,
    status="approved",
    mode="live_in_person",
    proof=True,
    **kwargs,
):
    activity = CEActivityFactory(
        holder=holder,
        date=on,
        hours=Decimal(str(hours)),
        status=status,
        delivery_mode=mode,
        **kwargs,
    )
    if proof:
        # Saved after the record exists: an approved record refuses further saves.
        from continuing_education.models import CEActivity

        name = activity.proof.storage.save("ce-proofs/test.pdf", ContentFile(PDF_BYTES))
        CEActivity.objects.filter(pk=activity.pk).update(proof=name)
        activity.refresh_from_db()
    if category is not None:
        CEAllocationFactory(
            activity=activity, category=category, hours=Decimal(str(category_hours or hours))
        )
    return activity


def meet_requirements(holder, ethics, *, on):
    """20 h in the cycle, 6 of them ethics."""
    add_ce(holder, on=on, hours=6, category=ethics)
    add_ce(holder, on=on, hours=14)
