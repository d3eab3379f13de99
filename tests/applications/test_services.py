"""An application from draft to decision: what it must hold, letters by one-use links, the
board's decisions with the clock, appeals, the external exam and retention."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from applications import notifications, selectors, services, tokens
from applications.models import (
    Application,
    ApplicationDocument,
    ApplicationEvent,
    ClockPause,
    ExamResult,
    Referee,
)
from certificates.models import Certificate
from certificates.selectors import checklist_for
from tests.applications.conftest import PNG, pdf, ready_draft

pytestmark = pytest.mark.django_db


def letter_link(referee: Referee) -> str:
    referee.refresh_from_db()
    return tokens.make(referee_id=referee.pk, nonce=referee.nonce)


def submitted(applicant, policy, callbacks) -> Application:
    application = ready_draft(applicant, policy)
    with callbacks(execute=True):
        services.application_submit(application_id=application.pk, applicant=applicant)
    return application


def under_review(applicant, policy, callbacks) -> Application:
    application = submitted(applicant, policy, callbacks)
    referee = application.referees.get()
    with callbacks(execute=True):
        services.letter_submit(token=letter_link(referee), text="Alex runs our peer group well.")
    application.refresh_from_db()
    return application


# --- documents ---------------------------------------------------------------------------------


def test_a_document_of_the_wrong_type_is_refused_and_nothing_is_stored(
    applicant, policy, private_media
):
    application = services.application_start(applicant=applicant, version=policy.version)
    fake = SimpleUploadedFile("id.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError, match="Only PDF, PNG or JPEG"):
        services.document_add(
            application_id=application.pk, applicant=applicant, kind="identity", uploaded=fake
        )
    assert not ApplicationDocument.objects.exists()
    assert not any(private_media.rglob("*.*")) if private_media.exists() else True


def test_a_document_over_five_megabytes_is_refused(applicant, policy, private_media):
    application = services.application_start(applicant=applicant, version=policy.version)
    big = pdf(data=b"%PDF-1.4\n" + b"0" * (services.MAX_DOCUMENT_BYTES + 1))
    with pytest.raises(ValidationError, match="larger than 5 MB"):
        services.document_add(
            application_id=application.pk, applicant=applicant, kind="diploma", uploaded=big
        )
    assert not ApplicationDocument.objects.exists()


def test_a_new_upload_of_a_kind_replaces_the_old_one(applicant, policy, private_media):
    application = services.application_start(applicant=applicant, version=policy.version)
    first = services.document_add(
        application_id=application.pk, applicant=applicant, kind="identity", uploaded=pdf()
    )
    second = services.document_add(
        application_id=application.pk,
        applicant=applicant,
        kind="identity",
        uploaded=SimpleUploadedFile("id.png", PNG),
    )
    assert list(application.documents.all()) == [second]
    assert second.content_type == "image/png"
    assert not first.file.storage.exists(first.file.name)


# --- submitting --------------------------------------------------------------------------------


def test_submitting_lists_everything_missing(applicant, policy, private_media):
    application = services.application_start(applicant=applicant, version=policy.version)
    with pytest.raises(ValidationError) as caught:
        services.application_submit(application_id=application.pk, applicant=applicant)
    text = " ".join(caught.value.messages)
    assert "identity document" in text and "diploma" in text.lower()
    assert "Name 1 referees" in text
    assert "supervisor" in text
    assert "18 months" in text
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def test_lived_experience_keeps_no_months_without_a_yes(applicant, policy):
    application = services.application_start(applicant=applicant, version=policy.version)
    services.application_update(
        application_id=application.pk,
        applicant=applicant,
        lived_experience=False,
        lived_experience_months=40,
    )
    application.refresh_from_db()
    assert application.lived_experience is False and application.lived_experience_months is None


def test_submitting_invites_each_referee_once_and_waits_for_their_letters(
    applicant, policy, private_media, django_capture_on_commit_callbacks
):
    application = submitted(applicant, policy, django_capture_on_commit_callbacks)
    application.refresh_from_db()
    assert application.status == Application.Status.AWAITING_REFEREES
    assert application.clock_started_on is None
    [invitation] = [m for m in mail.outbox if m.to == ["supervisor.ref@example.org"]]
    assert "Alex Moreno" not in invitation.subject
    referee = application.referees.get()
    assert letter_link(referee) in invitation.body
    notifications.send_referee_invitation(referee_id=referee.pk)
    assert len([m for m in mail.outbox if m.to == ["supervisor.ref@example.org"]]) == 1


def test_a_submitted_application_cannot_be_changed(
    applicant, policy, private_media, django_capture_on_commit_callbacks
):
    application = submitted(applicant, policy, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.document_add(
            application_id=application.pk, applicant=applicant, kind="identity", uploaded=pdf()
        )


def test_nobody_acts_on_someone_elses_application(applicant, policy, board):
    application = services.application_start(applicant=applicant, version=policy.version)
    with pytest.raises(PermissionDenied):
        services.referee_add(
            application_id=application.pk, applicant=board, name="X", email="x@example.org"
        )


# --- referees ----------------------------------------------------------------------------------


def test_the_last_letter_starts_the_review_and_its_clock(
    applicant, policy, private_media, django_capture_on_commit_callbacks
):
    application = under_review(applicant, policy, django_capture_on_commit_callbacks)
    assert application.status == Application.Status.UNDER_REVIEW
    assert application.clock_started_on == timezone.localdate()
    application = Application.objects.select_related("version__application_policy").get(
        pk=application.pk
    )
    assert selectors.deadline(application) == timezone.localdate() + timedelta(days=60)


def test_a_used_link_is_refused_and_the_letter_stays_as_written(
    applicant, policy, private_media, django_capture_on_commit_callbacks
):
    application = submitted(applicant, policy, django_capture_on_commit_callbacks)
    referee = application.referees.get()
    link = letter_link(referee)
    services.letter_submit(token=link, text="First and only letter.")
    with pytest.raises(ValidationError, match="already been sent") as caught:
        services.letter_submit(token=link, text="Overwritten?")
    assert caught.value.code == "used"
    referee.refresh_from_db()
    assert referee.letter_text == "First and only letter."


def test_an_expired_link_is_refused(
    applicant, policy, private_media, django_capture_on_commit_callbacks
):
    application = submitted(applicant, policy, django_capture_on_commit_callbacks)
    referee = application.referees.get()
    link = letter_link(referee)
    Referee.objects.filter(pk=referee.pk).update(
        link_expires_at=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(ValidationError, match="expired"):
        services.letter_submit(token=link, text="Too late")
    assert not Referee.objects.get(pk=referee.pk).has_letter


def test_a_forged_or_garbled_link_is_invalid(
    applicant, policy, private_media, django_capture_on_commit_callbacks
):
    application = submitted(applicant, policy, django_capture_on_commit_callbacks)
    referee = application.referees.get()
    forged = tokens.make(referee_id=referee.pk, nonce="0" * 32)
    for token in (forged, "garbage", letter_link(referee)[:-3] + "abc"):
        with pytest.raises(ValidationError, match="not valid"):
            services.referee_for_token(token)


# --- decisions ---------------------------------------------------------------------------------


def test_no_certificate_before_the_board_approves_then_one_on_approval(
    applicant, policy, board, private_media, issuer_keys, django_capture_on_commit_callbacks
):
    application = under_review(applicant, policy, django_capture_on_commit_callbacks)
    checklist = checklist_for(trainee=applicant, version=policy.version)
    assert [item.label for item in checklist.unmet] == ["Application approved by the board"]
    from certificates import services as certificate_services

    assert certificate_services.requirements_changed(trainee=applicant) == []
    assert not Certificate.objects.filter(holder=applicant).exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(application_id=application.pk, reviewer=board, approve=True)
    certificate = Certificate.objects.get(holder=applicant, version=policy.version)
    assert certificate.status == Certificate.Status.VALID
    decision_mails = [m for m in mail.outbox if m.subject == notifications.DECISION_SUBJECT]
    assert len(decision_mails) == 1 and "Approved" in decision_mails[0].body


def test_approval_before_the_rest_is_met_grants_the_provisional_stage_where_there_is_one(
    applicant, policy, board, private_media, issuer_keys, django_capture_on_commit_callbacks
):
    version = policy.version
    version.min_total_hours = Decimal("46")  # not met: no training counted
    version.provisional_validity_months = 6  # Texas: a 6-month provisional certificate
    version.save()
    application = under_review(applicant, policy, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(application_id=application.pk, reviewer=board, approve=True)
    certificate = Certificate.objects.get(holder=applicant, version=version)
    assert certificate.stage == Certificate.Stage.PROVISIONAL
    assert certificate.status == Certificate.Status.VALID


def test_approval_before_the_rest_is_met_issues_nothing_without_a_provisional_stage(
    applicant, policy, board, private_media, django_capture_on_commit_callbacks
):
    policy.version.min_total_hours = Decimal("46")
    policy.version.save()
    application = under_review(applicant, policy, django_capture_on_commit_callbacks)
    services.application_decide(application_id=application.pk, reviewer=board, approve=True)
    assert not Certificate.objects.filter(holder=applicant).exists()


def test_asking_for_more_information_stops_the_clock_until_the_answer(
    applicant, policy, board, private_media, django_capture_on_commit_callbacks
):
    application = under_review(applicant, policy, django_capture_on_commit_callbacks)
    start = timezone.localdate()
    services.request_information(
        application_id=application.pk,
        reviewer=board,
        text="Send the second page of your diploma.",
        today=start + timedelta(days=10),
    )
    with pytest.raises(ValidationError, match="under review"):
        services.application_decide(application_id=application.pk, reviewer=board, approve=True)
    with pytest.raises(ValidationError, match="Write your answer"):
        services.answer_information(application_id=application.pk, applicant=applicant, text=" ")
    services.answer_information(
        application_id=application.pk,
        applicant=applicant,
        text="Attached.",
        today=start + timedelta(days=17),
    )
    application = Application.objects.select_related("version__application_policy").get(
        pk=application.pk
    )
    assert application.status == Application.Status.UNDER_REVIEW
    assert ClockPause.objects.get(application=application).ended_on == start + timedelta(days=17)
    assert selectors.deadline(application) == start + timedelta(days=67)


def test_a_denial_needs_reasons_from_the_programs_list(
    applicant, policy, board, private_media, django_capture_on_commit_callbacks
):
    application = under_review(applicant, policy, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="at least one reason"):
        services.application_decide(application_id=application.pk, reviewer=board, approve=False)
    other = policy.reasons[0].pk + 1000
    with pytest.raises(ValidationError, match="this program's list"):
        services.application_decide(
            application_id=application.pk, reviewer=board, approve=False, reason_ids=[other]
        )
    services.application_decide(
        application_id=application.pk,
        reviewer=board,
        approve=False,
        reason_ids=[policy.reasons[0].pk],
        text="The scan shows a transcript, not the diploma.",
    )
    event = application.events.get(kind=ApplicationEvent.Kind.DENIED)
    assert event.reasons == ["Diploma or GED not shown"]


def test_only_board_reviewers_decide_and_never_their_own(applicant, policy, board):
    application = services.application_start(applicant=applicant, version=policy.version)
    with pytest.raises(PermissionDenied):
        services.application_decide(application_id=application.pk, reviewer=applicant, approve=True)
    own = services.application_start(applicant=board, version=policy.version)
    with pytest.raises(PermissionDenied):
        services.application_decide(application_id=own.pk, reviewer=board, approve=True)


# --- appeals -----------------------------------------------------------------------------------


def denied(applicant, policy, board, callbacks) -> Application:
    application = under_review(applicant, policy, callbacks)
    services.application_decide(
        application_id=application.pk,
        reviewer=board,
        approve=False,
        reason_ids=[policy.reasons[1].pk],
    )
    application.refresh_from_db()
    return application


def test_an_appeal_after_the_window_is_refused(
    applicant, policy, board, private_media, django_capture_on_commit_callbacks
):
    application = denied(applicant, policy, board, django_capture_on_commit_callbacks)
    late = timezone.localdate(application.decided_at) + timedelta(days=policy.appeal_days + 1)
    with pytest.raises(ValidationError, match="appeal window closed"):
        services.appeal_file(
            application_id=application.pk, applicant=applicant, grounds="Please", today=late
        )
    assert not hasattr(Application.objects.get(pk=application.pk), "appeal")


def test_an_appeal_is_decided_by_a_different_reviewer_and_granting_it_issues(
    applicant,
    policy,
    board,
    board2,
    private_media,
    issuer_keys,
    django_capture_on_commit_callbacks,
):
    application = denied(applicant, policy, board, django_capture_on_commit_callbacks)
    services.appeal_file(
        application_id=application.pk,
        applicant=applicant,
        grounds="My supervisor's letter was sent for another applicant by mistake.",
    )
    with pytest.raises(PermissionDenied, match="different board reviewer"):
        services.appeal_decide(
            application_id=application.pk, reviewer=board, grant=True, text="Checked."
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.appeal_decide(
            application_id=application.pk, reviewer=board2, grant=True, text="Letter confirmed."
        )
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED
    assert application.appeal.outcome == "granted"
    assert Certificate.objects.get(holder=applicant).status == Certificate.Status.VALID
    kinds = list(application.events.values_list("kind", flat=True))
    assert kinds[-3:] == ["denied", "appealed", "appeal_granted"]


# --- external exams ----------------------------------------------------------------------------

HEADER = "candidate_id,date,scaled_score,result\n"


@pytest.fixture
def exam_policy(policy):
    policy.external_exam_name = "IC&RC Peer Recovery exam"
    policy.external_exam_pass_score = 500
    policy.save()
    return policy


def test_a_file_with_one_broken_line_imports_nothing(
    applicant, exam_policy, board, private_media, django_capture_on_commit_callbacks
):
    application = under_review(applicant, exam_policy, django_capture_on_commit_callbacks)
    services.exam_approve(application_id=application.pk, reviewer=board, candidate_id="TX-1001")
    text = HEADER + "TX-1001,2026-05-02,612,pass\nTX-9999,2026-05-02,480,fail\nTX-1001,bad,1,x\n"
    with pytest.raises(services.ImportRejected) as caught:
        services.exam_results_import(text=text, actor=board, today=timezone.localdate())
    assert [line for line, _message in caught.value.lines] == [3, 4]
    assert "TX-9999" in caught.value.lines[0][1]
    assert not ExamResult.objects.exists()


def test_a_pass_below_the_pass_mark_is_inconsistent(
    applicant, exam_policy, board, private_media, django_capture_on_commit_callbacks
):
    application = under_review(applicant, exam_policy, django_capture_on_commit_callbacks)
    services.exam_approve(application_id=application.pk, reviewer=board, candidate_id="TX-1001")
    with pytest.raises(services.ImportRejected, match="below the pass mark"):
        services.exam_results_import(
            text=HEADER + "TX-1001,2026-05-02,480,pass\n", actor=board, today=timezone.localdate()
        )


def test_an_imported_pass_counts_toward_the_requirements(
    applicant, exam_policy, board, private_media, django_capture_on_commit_callbacks
):
    application = under_review(applicant, exam_policy, django_capture_on_commit_callbacks)
    exam = "Pass the IC&RC Peer Recovery exam"
    labels = [i.label for i in checklist_for(trainee=applicant, version=exam_policy.version).unmet]
    assert exam in labels
    services.exam_approve(application_id=application.pk, reviewer=board, candidate_id="TX-1001")
    batch = services.exam_results_import(
        text=HEADER + "TX-1001,2026-05-02,612,pass\n", actor=board, today=timezone.localdate()
    )
    assert batch.rows == 1
    labels = [i.label for i in checklist_for(trainee=applicant, version=exam_policy.version).unmet]
    assert exam not in labels


# --- retention ---------------------------------------------------------------------------------


def test_documents_and_letters_are_purged_after_the_retention_period(
    applicant, policy, board, private_media, django_capture_on_commit_callbacks
):
    application = under_review(applicant, policy, django_capture_on_commit_callbacks)
    services.application_decide(application_id=application.pk, reviewer=board, approve=True)
    names = [d.file.name for d in application.documents.all()]
    storage = application.documents.first().file.storage
    decided = timezone.localdate()
    assert services.purge_due(today=decided.replace(year=decided.year + 5)) == 0
    assert services.purge_due(today=decided.replace(year=decided.year + 6)) == 1
    assert not application.documents.exists()
    assert not any(storage.exists(name) for name in names)
    assert application.referees.get().letter_text == ""
    assert application.events.filter(kind="approved").exists()  # the history stays
    assert services.purge_due(today=decided.replace(year=decided.year + 7)) == 0
