"""Renewal: the window, requirements, review, audit, and issuance of the next period."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from certificates.models import Certificate
from continuing_education import rules, selectors, services
from continuing_education.models import RenewalApplication
from tests.factories import UserFactory
from tests.factories.certificates import ProgramVersionFactory
from tests.factories.continuing_education import CECategoryMinimumFactory, CERulesFactory

from .conftest import add_ce, make_certificate, meet_requirements

pytestmark = pytest.mark.django_db


@pytest.fixture
def due(holder, ce_rules, ethics, today):
    """A certificate 30 days before expiry with every CE requirement met."""
    from dateutil.relativedelta import relativedelta

    issued = today + timedelta(days=30) - relativedelta(months=24)
    certificate = make_certificate(holder=holder, version=ce_rules.version, issued_on=issued)
    meet_requirements(holder, ethics, on=issued + timedelta(days=100))
    return certificate


def submit(certificate, today, **kwargs):
    return services.renewal_submit(
        certificate_id=certificate.pk, holder=certificate.holder, today=today, **kwargs
    )


def test_renewal_is_refused_before_the_window_opens(due, today):
    too_early = due.expires_on - timedelta(days=91)
    with pytest.raises(ValidationError) as error:
        submit(due, too_early)
    assert "Renewal opens on" in error.value.messages[0]
    assert submit(due, due.expires_on - timedelta(days=90)).status == "submitted"


def test_renewal_is_refused_while_a_category_is_short(holder, ce_rules, ethics, today):
    from dateutil.relativedelta import relativedelta

    certificate = make_certificate(
        holder=holder,
        version=ce_rules.version,
        issued_on=today + timedelta(days=30) - relativedelta(months=24),
    )
    add_ce(holder, on=certificate.issued_on + timedelta(days=10), hours=20)  # no ethics
    with pytest.raises(ValidationError, match=selectors.REQUIREMENTS_SHORT):
        submit(certificate, today)


def test_hours_from_the_previous_cycle_do_not_count(holder, ce_rules, ethics, today):
    from dateutil.relativedelta import relativedelta

    certificate = make_certificate(
        holder=holder,
        version=ce_rules.version,
        issued_on=today + timedelta(days=30) - relativedelta(months=24),
    )
    meet_requirements(holder, ethics, on=certificate.issued_on - timedelta(days=1))
    status = selectors.certificate_ce(certificate, today=today)
    assert status.checklist.total_counted == 0 and not status.can_renew


def test_a_second_submission_is_refused(due, today):
    submit(due, today)
    with pytest.raises(ValidationError, match=selectors.ALREADY_APPLIED):
        submit(due, today)
    assert RenewalApplication.objects.count() == 1


def test_only_the_holder_can_submit(due, today):
    with pytest.raises(PermissionDenied):
        services.renewal_submit(certificate_id=due.pk, holder=UserFactory(), today=today)


def test_the_application_snapshots_what_counted(due, today):
    application = submit(due, today)
    assert application.snapshot["total_counted"] == "20.00"
    assert application.snapshot["categories"][0] == ["Ethics", "6.00", "6.00"]
    assert len(application.snapshot["counted"]) == 2
    assert (application.cycle_start, application.cycle_end) == (due.issued_on, due.expires_on)


def test_reviewer_approval_issues_the_next_period_which_supersedes_the_current_one(
    due, reviewer, today, issuer_keys, django_capture_on_commit_callbacks, client
):
    application = submit(due, today)
    with django_capture_on_commit_callbacks(execute=True):
        services.renewal_decide(
            application_id=application.pk, reviewer=reviewer, approve=True, today=today
        )
    application.refresh_from_db()
    due.refresh_from_db()
    new = application.new_certificate
    new.refresh_from_db()
    assert application.status == "approved" and application.decided_by == reviewer
    assert (new.status, new.cycle, new.supersedes_id) == ("valid", 2, due.pk)
    assert new.issued_on == today
    # The anniversary is kept: the new period starts the day after the old expiry.
    assert new.expires_on == rules.next_cycle(selectors.cycle_for(due), 24).end
    assert selectors.cycle_for(new).start == due.expires_on + timedelta(days=1)
    assert due.status == Certificate.Status.SUPERSEDED
    assert due.events.filter(to_status="superseded", reason_public=True).exists()
    # The verification pages show the chain both ways.
    assert due.serial in client.get(f"/verify/{new.code}/").content.decode()
    assert new.serial in client.get(f"/verify/{due.code}/").content.decode()


def test_rejection_needs_a_reason_and_allows_a_new_submission(due, reviewer, today):
    application = submit(due, today)
    with pytest.raises(ValidationError):
        services.renewal_decide(application_id=application.pk, reviewer=reviewer, approve=False)
    services.renewal_decide(
        application_id=application.pk,
        reviewer=reviewer,
        approve=False,
        reason="The ethics course provider is not approved.",
    )
    application.refresh_from_db()
    assert application.status == "rejected"
    again = submit(due, today)
    assert again.pk != application.pk and again.status == "submitted"


def test_reviewers_cannot_decide_their_own_renewal(reviewer, ce_rules, ethics, today):
    from dateutil.relativedelta import relativedelta

    certificate = make_certificate(
        holder=reviewer,
        version=ce_rules.version,
        issued_on=today + timedelta(days=30) - relativedelta(months=24),
    )
    meet_requirements(reviewer, ethics, on=certificate.issued_on + timedelta(days=5))
    application = submit(certificate, today)
    with pytest.raises(PermissionDenied):
        services.renewal_decide(application_id=application.pk, reviewer=reviewer, approve=True)
    with pytest.raises(PermissionDenied):
        services.renewal_decide(application_id=application.pk, reviewer=UserFactory(), approve=True)


def test_automatic_approval_when_the_rules_say_so_and_it_is_not_sampled(
    due, ce_rules, today, issuer_keys, django_capture_on_commit_callbacks
):
    ce_rules.auto_approve = True
    ce_rules.save()
    with django_capture_on_commit_callbacks(execute=True):
        application = submit(due, today)
    assert application.status == "approved" and application.decided_by is None
    assert application.new_certificate.cycle == 2
    due.refresh_from_db()
    assert due.status == "superseded"


def test_a_sampled_renewal_goes_to_audit_even_when_auto_approval_is_on(due, ce_rules, today):
    ce_rules.auto_approve = True
    ce_rules.audit_rate_percent = Decimal("100")
    ce_rules.save()
    application = submit(due, today)
    assert (application.status, application.sampled_for_audit) == ("audit", True)
    assert application.new_certificate is None


def test_the_audit_sample_is_fixed_per_certificate_and_cycle(
    due, ce_rules, reviewer, today, monkeypatch
):
    calls = []

    def sample(key, rate):
        calls.append(key)
        return True

    monkeypatch.setattr(rules, "sampled_for_audit", sample)
    first = submit(due, today)
    services.renewal_decide(
        application_id=first.pk,
        reviewer=reviewer,
        approve=False,
        reason="Proof missing for one record.",
    )
    second = submit(due, today)
    assert second.status == "audit"
    assert calls[0] == calls[1] == services.audit_key(due, selectors.cycle_for(due))


def test_the_auditor_sees_every_counted_record_with_its_proof_and_decides(
    due, ce_rules, reviewer, today, client, issuer_keys, django_capture_on_commit_callbacks
):
    ce_rules.audit_rate_percent = Decimal("100")
    ce_rules.save()
    application = submit(due, today)
    client.force_login(reviewer)
    page = client.get(f"/admin/ce/review/renewals/{application.pk}/").content.decode()
    for activity in due.holder.ce_activities.all():
        assert f"/ce/records/{activity.pk}/proof/" in page
        assert client.get(f"/ce/records/{activity.pk}/proof/").status_code == 200
    assert "sampled for audit" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/ce/review/renewals/{application.pk}/", {"decision": "approve", "reason": ""}
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "approved" and application.decided_by == reviewer


def test_late_renewal_in_the_grace_period_keeps_the_anniversary(
    due, reviewer, issuer_keys, django_capture_on_commit_callbacks
):
    late = due.expires_on + timedelta(days=30)
    Certificate.objects.filter(pk=due.pk).update(status="expired")
    application = submit(due, late)
    assert application.late
    with django_capture_on_commit_callbacks(execute=True):
        services.renewal_decide(
            application_id=application.pk, reviewer=reviewer, approve=True, today=late
        )
    application.refresh_from_db()
    new = Certificate.objects.get(pk=application.new_certificate_id)
    assert new.issued_on == late
    assert new.expires_on == rules.next_cycle(selectors.cycle_for(due), 24).end
    assert Certificate.objects.get(pk=due.pk).status == "superseded"


def test_after_the_grace_period_the_credential_has_lapsed(due):
    after = due.expires_on + timedelta(days=91)
    Certificate.objects.filter(pk=due.pk).update(status="expired")
    with pytest.raises(ValidationError, match="lapsed"):
        submit(due, after)


def test_revoked_or_suspended_certificates_cannot_be_renewed(due, today):
    Certificate.objects.filter(pk=due.pk).update(status="suspended")
    with pytest.raises(ValidationError, match=selectors.NOT_RENEWABLE):
        submit(due, today)


def test_a_revocation_while_under_review_blocks_approval(due, reviewer, today):
    application = submit(due, today)
    Certificate.objects.filter(pk=due.pk).update(status="revoked")
    with pytest.raises(ValidationError, match=selectors.NOT_RENEWABLE):
        services.renewal_decide(
            application_id=application.pk, reviewer=reviewer, approve=True, today=today
        )


def test_renewal_uses_the_program_version_in_effect(
    due, reviewer, today, issuer_keys, django_capture_on_commit_callbacks
):
    newer = ProgramVersionFactory(
        program=due.version.program,
        label="next",
        effective_from=today - timedelta(days=1),
        validity_months=24,
    )
    application = submit(due, today)
    with django_capture_on_commit_callbacks(execute=True):
        services.renewal_decide(
            application_id=application.pk, reviewer=reviewer, approve=True, today=today
        )
    application.refresh_from_db()
    assert application.new_certificate.version == newer


def test_one_activity_counts_toward_two_credentials_inside_both_windows(holder, ethics, today):
    first_rules = CERulesFactory()
    CECategoryMinimumFactory(rules=first_rules, category=ethics)
    second_rules = CERulesFactory()
    CECategoryMinimumFactory(rules=second_rules, category=ethics)
    a = make_certificate(
        holder=holder, version=first_rules.version, issued_on=today - timedelta(days=300)
    )
    b = make_certificate(
        holder=holder, version=second_rules.version, issued_on=today - timedelta(days=100)
    )
    add_ce(holder, on=today - timedelta(days=50), hours=6, category=ethics)
    add_ce(holder, on=today - timedelta(days=200), hours=4)  # only inside the first
    rows = {row.certificate.pk: row for row in selectors.dashboard_ce(user=holder, today=today)}
    assert rows[a.pk].checklist.total_counted == Decimal("10")
    assert rows[b.pk].checklist.total_counted == Decimal("6")
    assert rows[a.pk].checklist.categories[0].met and rows[b.pk].checklist.categories[0].met


def test_cycle_rules_must_match_the_version_validity(ce_rules):
    ce_rules.cycle_months = 12
    with pytest.raises(ValidationError) as error:
        ce_rules.full_clean()
    assert "cycle_months" in error.value.message_dict
