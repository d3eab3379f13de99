"""What trainees and reviewers see: dashboard CE section, renew action, transcript, admin."""

import csv
import io
from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta

from continuing_education.models import CEActivity, RenewalApplication
from tests.factories import UserFactory

from .conftest import add_ce, make_certificate, meet_requirements

pytestmark = pytest.mark.django_db


def test_dashboard_shows_cycle_days_left_and_progress_per_category(
    certificate, ethics, today, client
):
    add_ce(certificate.holder, on=today - timedelta(days=20), hours=3, category=ethics)
    add_ce(certificate.holder, on=today - timedelta(days=10), hours=2, status="submitted")
    client.force_login(certificate.holder)
    page = client.get("/dashboard/").content.decode()
    days_left = (certificate.expires_on - today).days
    assert f"{days_left} days left" in page
    assert 'data-category="total" data-percent="15"' in page
    assert 'data-category="Ethics" data-percent="50"' in page
    assert "3 more hours in Ethics" in page and "17 more CE hours in all" in page
    assert "1 record (2 h) is waiting for review." in page
    assert "Renewal opens on" in page
    assert f"/ce/renew/{certificate.pk}/" not in page


def test_renew_appears_once_the_window_is_open_and_requirements_are_met(
    holder, ce_rules, ethics, today, client
):
    certificate = make_certificate(
        holder=holder,
        version=ce_rules.version,
        issued_on=today + timedelta(days=25) - relativedelta(months=24),
    )
    meet_requirements(holder, ethics, on=certificate.issued_on + timedelta(days=30))
    client.force_login(holder)
    page = client.get("/dashboard/").content.decode()
    assert f'action="/ce/renew/{certificate.pk}/"' in page
    response = client.post(f"/ce/renew/{certificate.pk}/")
    assert response.status_code == 302
    assert RenewalApplication.objects.get().status == "submitted"
    page = client.get("/dashboard/").content.decode()
    assert "Renewal:</strong> Waiting for review" in page
    assert f'action="/ce/renew/{certificate.pk}/"' not in page


def test_someone_elses_certificate_cannot_be_renewed(certificate, client):
    client.force_login(UserFactory())
    assert client.post(f"/ce/renew/{certificate.pk}/").status_code == 404


def test_dashboard_without_ce_rules_or_certificates_has_no_ce_section(client):
    client.force_login(UserFactory())
    assert "ce-cycle" not in client.get("/dashboard/").content.decode()


def test_grace_period_shows_the_consequence_and_late_renewal(
    holder, ce_rules, ethics, today, client
):
    ce_rules.late_fee = "Late fee: $50"
    ce_rules.save()
    certificate = make_certificate(
        holder=holder,
        version=ce_rules.version,
        status="expired",
        issued_on=today - timedelta(days=10) - relativedelta(months=24),
    )
    meet_requirements(holder, ethics, on=certificate.issued_on + timedelta(days=30))
    client.force_login(holder)
    page = client.get("/dashboard/").content.decode()
    assert "Expired — grace period" in page and "Late fee: $50" in page
    assert f'action="/ce/renew/{certificate.pk}/"' in page


# --- transcript --------------------------------------------------------------------------------


def test_transcript_page_lists_ce_by_cycle_and_category(certificate, ethics, today, client):
    add_ce(
        certificate.holder,
        on=today - timedelta(days=5),
        hours=3,
        category=ethics,
        title="Boundaries and dual relationships",
    )
    add_ce(
        certificate.holder,
        on=today - timedelta(days=5),
        hours=2,
        status="rejected",
        title="Team huddle",
    )
    client.force_login(certificate.holder)
    page = client.get("/ce/transcript/").content.decode()
    assert "Boundaries and dual relationships" in page and "Team huddle" not in page
    assert "Total: 3 / 20 h" in page and "Ethics 3 h" in page


def test_transcript_csv_has_one_row_per_counted_record_and_neutralises_formulas(
    certificate, ethics, today, client
):
    add_ce(
        certificate.holder,
        on=today - timedelta(days=5),
        hours=3,
        category=ethics,
        title='=HYPERLINK("http://evil")',
    )
    client.force_login(certificate.holder)
    response = client.get("/ce/transcript.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    ce = [row for row in rows if row[0] == "ce"]
    assert len(ce) == 1 and ce[0][4].startswith("'=")
    assert ce[0][8] == "3" and ce[0][9] == "Ethics 3"
    assert ["ce total", ce[0][1], ce[0][2], "", "Ethics", "", "", "", "3", "", ""] in rows


def test_transcript_pdf_renders_without_the_name_in_its_metadata(
    certificate, ethics, today, client
):
    add_ce(certificate.holder, on=today - timedelta(days=5), hours=3, category=ethics)
    client.force_login(certificate.holder)
    response = client.get("/ce/transcript.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(response.content))
    info = reader.trailer["/Info"]
    assert info["/Title"] == "PeerCert transcript"
    assert "/Author" not in info and "/Subject" not in info
    assert certificate.holder.last_name not in str(info)


def test_assessment_results_appear_only_when_chosen(certificate, course_tree, client):
    from decimal import Decimal

    from assessments.models import Attempt, AttemptState
    from tests.factories import AssessmentPageFactory

    quiz = AssessmentPageFactory(parent=course_tree.modules[0], title="Crisis quiz")
    Attempt.objects.create(
        trainee=certificate.holder,
        assessment=quiz,
        number=1,
        state=AttemptState.GRADED,
        percent=Decimal("85"),
        passed=True,
    )
    client.force_login(certificate.holder)
    page = client.get("/ce/transcript/")
    assert "85% passed" not in page.content.decode()
    assert "Crisis quiz" in page.content.decode()  # offered as a choice
    chosen = client.get(f"/ce/transcript/?assessment={quiz.pk}").content.decode()
    assert "85% passed" in chosen
    csv_body = client.get(f"/ce/transcript.csv?assessment={quiz.pk}").content.decode()
    assert "85% passed" in csv_body


# --- reviewers in the admin --------------------------------------------------------------------


def test_reviewers_see_the_queue_and_approve_in_the_admin(holder, reviewer, ethics, today, client):
    activity = add_ce(
        holder,
        on=today - timedelta(days=3),
        hours=3,
        category=ethics,
        status="submitted",
        title="Ethics in digital peer support",
    )
    client.force_login(reviewer)
    queue = client.get("/admin/ce/review/").content.decode()
    assert "Ethics in digital peer support" in queue
    detail = client.get(f"/admin/ce/review/records/{activity.pk}/").content.decode()
    assert f"/ce/records/{activity.pk}/proof/" in detail
    response = client.post(
        f"/admin/ce/review/records/{activity.pk}/", {"decision": "approve", "reason": ""}
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == "approved" and activity.reviewer == reviewer


def test_rejecting_in_the_admin_needs_a_reason(holder, reviewer, today, client):
    activity = add_ce(holder, on=today, hours=1, status="submitted")
    client.force_login(reviewer)
    response = client.post(f"/admin/ce/review/records/{activity.pk}/", {"decision": "reject"})
    assert response.status_code == 200
    assert CEActivity.objects.get(pk=activity.pk).status == "submitted"


def test_the_review_queue_is_for_reviewers_only(holder, today, client):
    from django.contrib.auth.models import Permission

    activity = add_ce(holder, on=today, hours=1, status="submitted")
    staff = UserFactory()
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    assert client.get("/admin/ce/review/").status_code in (302, 403)
    assert client.get(f"/admin/ce/review/records/{activity.pk}/").status_code in (302, 403)
    assert client.get(f"/ce/records/{activity.pk}/proof/").status_code == 404


def test_admins_edit_ce_rules_as_a_snippet(ce_rules, client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    listing = client.get("/admin/snippets/continuing_education/cerules/")
    assert listing.status_code == 200
    edit = client.get(f"/admin/snippets/continuing_education/cerules/edit/{ce_rules.pk}/")
    assert edit.status_code == 200
    assert "category_minimums" in edit.content.decode()


def test_a_reviewers_own_submissions_stay_out_of_their_queue(reviewer, today, client):
    add_ce(reviewer, on=today, hours=1, status="submitted", title="My own workshop")
    client.force_login(reviewer)
    assert "My own workshop" not in client.get("/admin/ce/review/").content.decode()
