"""The demo CE story seed_demo tells (one seeding, several checks, then a second run)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from certificates.models import Certificate
from continuing_education import selectors
from continuing_education.demo import seed_ce
from continuing_education.models import CEActivity, CERules

pytestmark = pytest.mark.django_db


def test_demo_ce_story_and_a_second_run_adds_nothing(seeded_demo):
    lines = seeded_demo.lines
    today = timezone.localdate()

    rules = CERules.objects.get()
    assert (
        rules.cycle_months,
        rules.total_hours,
        rules.daily_cap_hours,
        rules.window_days,
        rules.grace_days,
        rules.audit_rate_percent,
    ) == (24, 20, 8, 90, 90, 5)
    assert [(m.category.name, m.min_hours) for m in rules.category_minimums.all()] == [
        ("Ethics", 6)
    ]
    # PeerCert's own choices are labelled as demo values where trainees read them, apart from
    # IC&RC's 20 h / 6 ethics.
    assert "Demo values" in rules.grace_consequence and "not IC&RC's" in rules.grace_consequence
    assert "20 CE hours every two years, 6 of them in ethics" in rules.grace_consequence
    assert rules.late_fee.endswith("a demo value")

    from accounts.models import User

    certified = User.objects.get(email="certified@example.org")
    [row] = selectors.dashboard_ce(user=certified, today=today)
    assert row.cycle.start < today < row.cycle.end  # mid-cycle
    assert 0 < row.checklist.total_counted < 20
    assert [r.category for r in row.checklist.short_categories] == ["Ethics"]
    assert CEActivity.objects.filter(holder=certified, status="submitted").count() == 1
    assert row.pending_count == 1

    renewal = User.objects.get(email="renewal@example.org")
    assert renewal.get_full_name() == "Jamie Ortiz"
    # seed_demo's password, like every other demo account (the run passed its own).
    assert seeded_demo.password == "demo-password-1"
    assert renewal.check_password("demo-password-1")
    [due] = selectors.dashboard_ce(user=renewal, today=today)
    assert 0 < (due.certificate.expires_on - today).days <= 30
    assert due.certificate.status == "valid" and due.can_renew
    assert any(line.startswith("Demo login: renewal@example.org") for line in lines)

    counts = (Certificate.objects.count(), CEActivity.objects.count())
    users = {u.email: u for u in User.objects.all()}
    seed_ce(users=users)
    assert (Certificate.objects.count(), CEActivity.objects.count()) == counts
    assert CEActivity.objects.filter(holder=certified, date__gt=today).count() == 0
    assert row.cycle.end - row.cycle.start > timedelta(days=700)
