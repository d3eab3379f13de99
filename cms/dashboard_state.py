"""Which writes change a person's own state, so that every entry cached for them is out of date.

The lesson and course pages and the dashboard cache what they read of one person — enrolments,
lessons completed, attempts and accommodations, whether their home shows applications, their
certificates and CE cycles, their next live session — under that person's generation
(core/generations.py, ``user_name(pk)``) together with the global ones (published content,
programs, CE rules). Every save or delete of a row that belongs to a person moves their
generation on; a row of someone else's never touches it. The list is here, at the top of the
stack, because the rows live in apps at every layer.

Three kinds of row:

- a row that names its person (an enrolment, a certificate, a CE record): that person;
- a row of one certificate (its status events, endorsements, public actions, verification
  reports, a recorded lapse) or one CE record (its allocations): the holder, read with one query
  at the write;
- a cohort or one of its sessions (moved, cancelled, its time zone or language changed): every
  trainee with a row in that cohort, read with one query at the write.

What every holder of a program sees (a program's credential name, its certifying body, an
endorsement's name) moves the global PROGRAMS generation (cms/application_home.py) on.

Writes that bypass signals (``QuerySet.update``) bump by hand where they happen
(courses.services.enrollment_touch), or happen in the same transaction as a write that does
(a certificate issued or renewed writes its status event; CE allocations are bulk-created with
their record): a bump takes effect when that transaction commits (core/generations.py).
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from core import generations

from .application_home import PROGRAMS

# (app label, model name, the field naming the person)
PERSONAL_ROWS = (
    ("courses", "Enrollment", "trainee_id"),
    ("courses", "LessonCompletion", "trainee_id"),
    ("assessments", "Attempt", "trainee_id"),
    ("assessments", "Accommodation", "trainee_id"),
    ("applications", "Application", "applicant_id"),
    ("certificates", "Certificate", "holder_id"),
    ("continuing_education", "CEActivity", "holder_id"),
    ("continuing_education", "RenewalApplication", "holder_id"),
    ("cohorts", "CohortEnrolment", "trainee_id"),
)
# (app label, model name): rows of one certificate, shown on its holder's dashboard
CERTIFICATE_ROWS = (
    ("certificates", "CertificateEvent"),
    ("certificates", "CertificateEndorsement"),
    ("certificates", "PublicAction"),
    ("verification", "VerificationReport"),
    ("continuing_education", "CertificateLapse"),
)
# (app label, model name): rows every holder of a program sees the same
PROGRAM_ROWS = (
    ("certificates", "CertifyingBody"),
    ("certificates", "CertificationProgram"),
    ("certificates", "Endorsement"),
)


def _receiver(field: str):
    def changed(sender, instance, **kwargs) -> None:
        generations.bump_users([getattr(instance, field, None)])

    return changed


def _certificate_row_changed(sender, instance, **kwargs) -> None:
    from certificates.models import Certificate

    # After a certificate's own delete its rows go with it: the certificate's delete bumped.
    generations.bump_users(
        Certificate.objects.filter(pk=instance.certificate_id).values_list("holder_id", flat=True)
    )


def _allocation_changed(sender, instance, **kwargs) -> None:
    from continuing_education.models import CEActivity

    generations.bump_users(
        CEActivity.objects.filter(pk=instance.activity_id).values_list("holder_id", flat=True)
    )


def _cohort_changed(sender, instance, **kwargs) -> None:
    from cohorts.models import Cohort, CohortEnrolment

    cohort_id = instance.pk if isinstance(instance, Cohort) else instance.cohort_id
    # Anyone with a row in the cohort, whatever its status (a withdrawal is a row too).
    generations.bump_users(
        CohortEnrolment.objects.filter(cohort_id=cohort_id).values_list("trainee_id", flat=True)
    )


def _programs_changed(sender, **kwargs) -> None:
    generations.bump(PROGRAMS)


_RECEIVERS = []


def _connect(receiver, model, uid: str) -> None:
    post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}-saved")
    post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}-deleted")


def connect() -> None:
    from django.apps import apps

    for app_label, model_name, field in PERSONAL_ROWS:
        model = apps.get_model(app_label, model_name)
        receiver = _receiver(field)
        _RECEIVERS.append(receiver)  # signals keep weak references
        _connect(receiver, model, f"person-state-{app_label}.{model_name}")
    for app_label, model_name in CERTIFICATE_ROWS:
        _connect(
            _certificate_row_changed,
            apps.get_model(app_label, model_name),
            f"person-state-{app_label}.{model_name}",
        )
    _connect(
        _allocation_changed,
        apps.get_model("continuing_education", "CEAllocation"),
        "person-state-continuing_education.CEAllocation",
    )
    for model_name in ("Cohort", "Session"):
        _connect(
            _cohort_changed,
            apps.get_model("cohorts", model_name),
            f"person-state-cohorts.{model_name}",
        )
    for app_label, model_name in PROGRAM_ROWS:
        _connect(
            _programs_changed,
            apps.get_model(app_label, model_name),
            f"person-state-programs-{app_label}.{model_name}",
        )


__all__ = ["CERTIFICATE_ROWS", "PERSONAL_ROWS", "PROGRAM_ROWS", "connect"]
