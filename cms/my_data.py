"""'Download my data': everything PeerCert keeps about one person, read from every app that
keeps something. It lives in the roof because it reads seven apps; each app's own reads stay in
its selectors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from assessments.selectors import trainee_history
from certificates.models import Attestation, Certificate, NameChangeRequest, SupervisionEntry
from cohorts.selectors import personal_data as cohorts_personal_data
from continuing_education.models import CEActivity, RenewalApplication
from courses.models import Enrollment, LessonCompletion
from employers.models import ShareLink
from evaluations.selectors import personal_data as evaluations_personal_data

if TYPE_CHECKING:
    from accounts.models import User


def _when(value) -> str | None:
    return value.isoformat() if value else None


def personal_data(*, user: User) -> dict:
    """Everything PeerCert keeps about one person, in plain JSON, for the person themselves.

    Assessment scores appear only where the review policy already shows them (the export must
    not reveal what the attempt history hides); answers, other people's data and internal
    numbering stay out. Queries: a fixed dozen, one per kind of record."""
    attempts = []
    for row in trainee_history(user=user):
        attempt, shows_score = row["attempt"], "score" in row["review"]
        attempts.append(
            {
                "assessment": attempt.assessment.title,
                "attempt": attempt.number,
                "started": _when(attempt.started_at),
                "submitted": _when(attempt.submitted_at),
                "state": attempt.get_state_display(),
                "percent": float(attempt.percent)
                if shows_score and attempt.percent is not None
                else None,
                "passed": attempt.passed if shows_score else None,
                "language": attempt.language,
            }
        )
    return {
        "exported_at": _when(timezone.now()),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "joined": _when(user.date_joined),
            "last_sign_in": _when(user.last_login),
            "daily_work_email": user.work_digest,
            # Empty until the person picks a language: their e-mails follow the site's default.
            "language": user.preferred_language or None,
        },
        "sign_in_address_changes": [
            {
                "from": change.old_email,
                "to": change.new_email,
                "requested": _when(change.requested_at),
                "confirmed": _when(change.confirmed_at),
            }
            for change in user.email_changes.all()
        ],
        "name_change_requests": [
            {
                "requested_name": change.full_name,
                "requested": _when(change.requested_at),
                "status": change.get_status_display(),
                "reason": change.reason,
            }
            for change in NameChangeRequest.objects.filter(holder=user)
        ],
        "enrolments": [
            {
                "course": enrolment.course.title,
                "enrolled": _when(enrolment.enrolled_at),
                "withdrawn": _when(enrolment.withdrawn_at),
            }
            for enrolment in Enrollment.objects.filter(trainee=user).select_related("course")
        ],
        "lessons_completed": [
            {"lesson": completion.lesson.title, "completed": _when(completion.completed_at)}
            for completion in LessonCompletion.objects.filter(trainee=user)
            .select_related("lesson")
            .order_by("completed_at")
        ],
        "assessment_attempts": attempts,
        "practical_evaluations": evaluations_personal_data(trainee=user),
        "live_training": cohorts_personal_data(user=user),
        "supervised_hours": [
            {
                "date": entry.date.isoformat(),
                "kind": entry.get_kind_display(),
                "minutes": entry.minutes,
                "domain": entry.domain.name,
                "format": entry.get_format_display(),
                "supervisor": entry.supervisor.get_full_name(),
                "status": entry.get_status_display(),
                "reason": entry.rejection_reason,
            }
            for entry in SupervisionEntry.objects.filter(trainee=user).select_related(
                "domain", "supervisor"
            )
        ],
        "attestations": [
            {
                "program": str(attestation.version),
                "attested": _when(attestation.attested_at),
                "statement_sha256": attestation.text_sha256,
                # Attestations made before statements had Spanish words kept no language: they
                # could only be of the English.
                "language": attestation.language or "en",
            }
            for attestation in Attestation.objects.filter(trainee=user).select_related(
                "version__program"
            )
        ],
        "certificates": [
            {
                "credential": certificate.version.program.credential_name,
                "serial": certificate.serial,
                "verification_code": certificate.display_code,
                "name_on_certificate": certificate.holder_name,
                "status": certificate.get_status_display(),
                "issued": certificate.issued_on.isoformat() if certificate.issued_on else None,
                "expires": certificate.expires_on.isoformat() if certificate.expires_on else None,
                "hours": float(certificate.hours_total),
                "pdf_language": certificate.pdf_language,
                "pdfs_in_other_languages": sorted(
                    pdf.language for pdf in certificate.language_pdfs.all()
                ),
            }
            for certificate in Certificate.objects.filter(holder=user)
            .select_related("version__program")
            .prefetch_related("language_pdfs")
            .order_by("requested_at")
        ],
        "continuing_education": [
            {
                "title": activity.title,
                "provider": activity.provider,
                "date": activity.date.isoformat(),
                "hours": float(activity.hours),
                "delivery_mode": activity.get_delivery_mode_display(),
                "source": activity.get_source_display(),
                "status": activity.get_status_display(),
                "reason": activity.rejection_reason,
                "proof_uploaded": bool(activity.proof),
            }
            for activity in CEActivity.objects.filter(holder=user).order_by("date")
        ],
        "renewal_applications": [
            {
                "certificate": application.certificate.serial,
                "submitted": _when(application.submitted_at),
                "status": application.get_status_display(),
                "reason": application.reason,
            }
            for application in RenewalApplication.objects.filter(holder=user).select_related(
                "certificate"
            )
        ],
        "employer_access_requests": [
            {
                "organisation": access.organisation,
                "requested": _when(access.requested_at),
                "status": access.get_status_display(),
                "reason": access.reason,
            }
            for access in user.employer_access_requests.all()
        ],
        "share_links": [
            {
                "label": link.label,
                "created": _when(link.created_at),
                "expires": _when(link.expires_at),
                "revoked": _when(link.revoked_at),
                "includes_transcript": link.include_transcript,
                "times_viewed": link.view_count,
            }
            for link in ShareLink.objects.filter(holder=user)
        ],
    }
