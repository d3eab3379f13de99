"""What the outcome figures follow in the apps below them. Each receiver does no query of its
own: it notes the trainee's id, and once the transaction commits one
outcomes.jobs.trainees_changed job (core.jobs) marks every view those trainees count in stale
and recomputes them.

Domain signals where the apps send them (a lesson completed, an attempt graded, an evaluation
final, a certificate's status changed, training hours credited); model signals for the rows
written without one (an enrolment, a cohort place, a certificate issued, a CE cycle closed by
a lapse or a renewal decided, a version's requirements). Rows written in bulk (seed_scale)
send neither: the daily rebuild counts them."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from assessments.signals import attempt_graded
from certificates.models import (
    AssessmentRequirement,
    Certificate,
    CourseRequirement,
    EvaluationRequirement,
)
from certificates.signals import certificate_status_changed
from cohorts.models import CohortEnrolment
from cohorts.signals import training_hours_credited
from continuing_education.models import CertificateLapse, RenewalApplication
from core import jobs
from courses.models import Enrollment
from courses.signals import lesson_completed
from evaluations.signals import evaluation_completed

from .jobs import trainees_changed, versions_changed


class _Batch:
    """The trainees one transaction changed: one job for all of them after it commits (a
    regrade or the demo's seeding changes hundreds; one refresh counts them all)."""

    def __init__(self):
        self.trainee_ids: set[int] = set()
        self.certificate_ids: set[int] = set()
        self.done = False

    def flush(self) -> None:
        self.done = True
        jobs.enqueue(
            trainees_changed, sorted(self.trainee_ids), certificate_ids=sorted(self.certificate_ids)
        )


def _batch() -> _Batch:
    connection = transaction.get_connection()
    batch = getattr(connection, "_outcomes_batch", None)
    # A batch whose flush is no longer waiting (committed, or rolled back with its savepoint)
    # is done: start another.
    waiting = (
        batch is not None
        and not batch.done
        and any(entry[1] == batch.flush for entry in connection.run_on_commit)
    )
    if not waiting:
        batch = _Batch()
        connection._outcomes_batch = batch
        transaction.on_commit(batch.flush)
    return batch


def _changed(trainee_id: int | None = None, *, certificate_id: int | None = None) -> None:
    if not transaction.get_connection().in_atomic_block:
        jobs.enqueue(
            trainees_changed,
            [trainee_id] if trainee_id is not None else [],
            certificate_ids=[certificate_id] if certificate_id is not None else [],
        )
        return
    batch = _batch()
    if trainee_id is not None:
        batch.trainee_ids.add(trainee_id)
    if certificate_id is not None:
        batch.certificate_ids.add(certificate_id)


@receiver(lesson_completed)
def lesson_done(sender, *, trainee, **kwargs):
    _changed(trainee.pk)


@receiver(attempt_graded)
def attempt_done(sender, *, attempt, **kwargs):
    _changed(attempt.trainee_id)


@receiver(evaluation_completed)
def evaluation_done(sender, *, evaluation, **kwargs):
    _changed(evaluation.trainee_id)


@receiver(certificate_status_changed)
def certificate_moved(sender, *, certificate, **kwargs):
    _changed(certificate.holder_id)


@receiver(training_hours_credited)
def hours_credited(sender, *, trainee, **kwargs):
    _changed(trainee.pk)


@receiver(post_save, sender=Certificate)
def certificate_saved(sender, *, instance, created, update_fields=None, **kwargs):
    # Issued (or its dates or status set) — not a save of its PDF or its other fields.
    fields = set(update_fields or ())
    if created or update_fields is None or fields & {"status", "issued_on", "expires_on"}:
        _changed(instance.holder_id)


@receiver(post_save, sender=Enrollment)
@receiver(post_delete, sender=Enrollment)
@receiver(post_save, sender=CohortEnrolment)
@receiver(post_delete, sender=CohortEnrolment)
def place_changed(sender, *, instance, **kwargs):
    _changed(instance.trainee_id)


@receiver(post_save, sender=CertificateLapse)
def cycle_lapsed(sender, *, instance, **kwargs):
    _changed(certificate_id=instance.certificate_id)


@receiver(post_save, sender=RenewalApplication)
def renewal_decided(sender, *, instance, **kwargs):
    _changed(instance.holder_id)


@receiver(post_save, sender=CourseRequirement)
@receiver(post_delete, sender=CourseRequirement)
@receiver(post_save, sender=AssessmentRequirement)
@receiver(post_delete, sender=AssessmentRequirement)
@receiver(post_save, sender=EvaluationRequirement)
@receiver(post_delete, sender=EvaluationRequirement)
def requirements_changed(sender, *, instance, **kwargs):
    jobs.enqueue(versions_changed, [instance.version_id])
