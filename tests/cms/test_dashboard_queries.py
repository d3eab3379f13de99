"""The trainee dashboard reads the holder's certificates once (with who verified them), each
version's CE rules from the cache, and their CE records, renewal applications and lapses in one
query each, whatever the number of certificates; the caches it reads (CE rules, group names,
whether the home shows applications) never show one person's data to another and never lag
behind an edit."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from applications.models import Application
from certificates.models import CourseRequirement
from continuing_education.models import CertificateLapse
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, UserFactory
from tests.factories.applications import ApplicationPolicyFactory
from tests.factories.certificates import CertificateFactory
from tests.factories.continuing_education import (
    CEActivityFactory,
    CEAllocationFactory,
    CECategoryFactory,
    CECategoryMinimumFactory,
    CERulesFactory,
    RenewalApplicationFactory,
)
from verification.models import VerificationReport

pytestmark = pytest.mark.django_db

# What a certified holder's dashboard sends (not enrolled in a course, no attempts), each read
# once whatever its size: the user (the session is cached), the certificates with their
# "verified by" lines, the enrolments (none), the attempts (none, so no accommodations), the
# CE records with their allocations, the renewal applications, the lapses, the next live
# session. CE rules, group names and "shows applications" come from the cache.
HOLDER_BUDGET = 8


@pytest.fixture(autouse=True)
def _no_lockout_bookkeeping_for_force_login(settings):
    """force_login has no client address, which django-axes cannot record on PostgreSQL."""
    settings.AXES_ENABLED = False


@pytest.fixture
def ethics(db):
    return CECategoryFactory(name="Ethics")


@pytest.fixture
def ce_rules(ethics):
    rules = CERulesFactory()
    CECategoryMinimumFactory(rules=rules, category=ethics, min_hours=Decimal("6"))
    return rules


def certify(holder, rules, *, verified_by: str = "", with_history: bool = True):
    """A valid certificate mid-cycle under these rules; with its history, a rejected renewal
    application, a recorded lapse and an approved CE record in the cycle."""
    today = timezone.localdate()
    certificate = CertificateFactory(
        holder=holder,
        version=rules.version,
        issued_on=today - timedelta(days=200),
        expires_on=today - timedelta(days=200) + timedelta(days=730),
    )
    if verified_by:
        VerificationReport.objects.create(certificate=certificate, organisation=verified_by)
    if with_history:
        RenewalApplicationFactory(certificate=certificate, status="rejected", reason="Too early")
        CertificateLapse.objects.create(certificate=certificate, lapsed_on=today)
        add_ce(holder, on=today - timedelta(days=30), hours="2", category=None)
    return certificate


def add_ce(holder, *, on, hours: str, category):
    activity = CEActivityFactory(holder=holder, date=on, hours=Decimal(hours))
    if category is not None:
        CEAllocationFactory(activity=activity, category=category, hours=Decimal(hours))
    return activity


def dashboard(user) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def dashboard_queries(user) -> list[str]:
    client = Client()
    client.force_login(user)
    client.get(reverse("dashboard"))  # warm: the first request after a change fills the caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("dashboard")).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_a_holders_dashboard_takes_the_same_queries_for_one_certificate_or_three(
    holder_pair, ce_rules, ethics
):
    holder, _other = holder_pair
    certify(holder, ce_rules, verified_by="Riverside Community Clinic")
    small = dashboard_queries(holder)
    assert len(small) <= HOLDER_BUDGET, "\n".join(small)
    for n in range(2):
        rules = CERulesFactory(total_hours=Decimal("40"))
        CECategoryMinimumFactory(rules=rules, category=ethics, min_hours=Decimal("3"))
        certificate = certify(holder, rules, verified_by=f"Clinic {n}")
        for _ in range(3):
            VerificationReport.objects.create(certificate=certificate, organisation=f"Clinic {n}")
            add_ce(
                holder, on=timezone.localdate() - timedelta(days=10), hours="1.5", category=ethics
            )
    large = dashboard_queries(holder)
    assert len(large) <= len(small), "\n".join(large)
    page = dashboard(holder)
    assert page.count('class="card stacked ce-cycle"') == 3
    assert page.count("Riverside Community Clinic") == 1


@pytest.fixture
def holder_pair(db):
    return (
        UserFactory(email="sam@example.org", first_name="Sam", last_name="Okafor"),
        UserFactory(email="riley@example.org", first_name="Riley", last_name="Park"),
    )


def test_two_holders_never_see_each_others_certificates_or_ce(holder_pair, ce_rules, ethics):
    sam, riley = holder_pair
    today = timezone.localdate()
    sams = certify(sam, ce_rules, verified_by="Riverside Community Clinic", with_history=False)
    rileys = certify(riley, ce_rules, verified_by="Lakeside Recovery Center", with_history=False)
    add_ce(sam, on=today - timedelta(days=20), hours="6", category=ethics)
    add_ce(riley, on=today - timedelta(days=20), hours="14", category=None)
    RenewalApplicationFactory(certificate=rileys, status="rejected", reason="Proof unreadable")
    # Each in turn, twice: the second round is served from warm caches.
    for _round in range(2):
        page = dashboard(sam)
        assert sams.serial in page and rileys.serial not in page
        assert "Riverside Community Clinic" in page and "Lakeside Recovery Center" not in page
        assert "All CE: 6 / 20 h" in page and "All CE: 14 / 20 h" not in page
        assert "Proof unreadable" not in page
        page = dashboard(riley)
        assert rileys.serial in page and sams.serial not in page
        assert "Lakeside Recovery Center" in page and "Riverside Community Clinic" not in page
        assert "All CE: 14 / 20 h" in page and "All CE: 6 / 20 h" not in page
        assert "Proof unreadable" in page


class _EditForm(HTMLParser):
    """The fields of the admin's edit form as a browser would submit them."""

    def __init__(self, action_part: str):
        super().__init__()
        self.action_part = action_part
        self.inside = False
        self.data: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = self.action_part in (attrs.get("action") or "")
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
            elif kind not in ("submit", "button", "file"):
                self.data[name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def test_an_admins_ce_rules_edit_shows_on_the_next_dashboard_request(holder_pair, ce_rules):
    sam, _riley = holder_pair
    certify(sam, ce_rules, with_history=False)
    add_ce(sam, on=timezone.localdate() - timedelta(days=5), hours="5", category=None)
    assert "All CE: 5 / 20 h" in dashboard(sam)
    assert "All CE: 5 / 20 h" in dashboard(sam)  # now from the cache

    admin = Client()
    admin.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = f"/admin/snippets/continuing_education/cerules/edit/{ce_rules.pk}/"
    form = _EditForm("/edit/")
    form.feed(admin.get(url).content.decode())
    assert form.data["total_hours"] in ("20", "20.00")
    form.data["total_hours"] = "30"
    saved = admin.post(url, form.data)
    assert saved.status_code == 302, saved.content.decode()[:2000]

    page = dashboard(sam)
    assert "All CE: 5 / 30 h" in page and "All CE: 5 / 20 h" not in page


def test_renaming_a_category_shows_on_the_next_dashboard_request(holder_pair, ce_rules, ethics):
    sam, _riley = holder_pair
    certify(sam, ce_rules, with_history=False)
    assert "6 more hours in Ethics<" in dashboard(sam)
    ethics.name = "Ethics and boundaries"
    ethics.save()
    assert "6 more hours in Ethics and boundaries" in dashboard(sam)


def test_joining_or_leaving_a_role_shows_on_the_next_request_for_that_person_only(holder_pair):
    sam, riley = holder_pair
    supervisors, _ = Group.objects.get_or_create(name=roles.SUPERVISORS)
    assert 'id="home-supervisor"' not in dashboard(sam)
    sam.groups.add(supervisors)
    assert 'id="home-supervisor"' in dashboard(sam)
    assert 'id="home-supervisor"' not in dashboard(riley)
    supervisors.user_set.remove(sam)  # from the group's side, as the admin's group form does
    assert 'id="home-supervisor"' not in dashboard(sam)


def test_the_applications_link_follows_enrolment_and_the_decision(holder_pair, course_index):
    sam, riley = holder_pair
    policy = ApplicationPolicyFactory()
    tree = build_course(course_index, modules=1, lessons=1)
    CourseRequirement.objects.create(version=policy.version, course=tree.course)
    assert 'id="home-applicant"' not in dashboard(sam)
    EnrollmentFactory(trainee=sam, course=tree.course)
    assert 'id="home-applicant"' in dashboard(sam)
    assert 'id="home-applicant"' not in dashboard(riley)
    Application.objects.create(
        applicant=sam, version=policy.version, status=Application.Status.APPROVED
    )
    assert 'id="home-applicant"' not in dashboard(sam)
