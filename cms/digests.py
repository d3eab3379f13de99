"""The "work waiting for you" e-mail: at most one a day per staff member whose queues hold
something new since their last one. Instructors: essays to grade in their own courses;
reviewers: CE records and renewals to decide; certificate managers: name changes and
certificates whose issuing keeps failing; user managers: requests for the employer tools.
Counts and links only: no trainee's name, no titles, nothing from the records. Queues that only
hold what the last digest already announced send nothing, so a backlog is not mailed every
day; anything new brings the whole count again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from accounts.models import User
from assessments.selectors import grading_queue
from certificates.models import Certificate, NameChangeRequest
from continuing_education.models import CEActivity, RenewalApplication
from continuing_education.selectors import can_review
from core import jobs
from core.mail_language import in_language_of
from employers.models import EmployerAccessRequest

from .models import StaffDigest

SUBJECT = "Work waiting for you in PeerCert"


@dataclass(frozen=True)
class Queue:
    label: str
    count: int
    newest: datetime | None
    url: str


def digest_due(queues: list[Queue], last_sent_at: datetime | None) -> bool:
    """Send when something waits and at least one item arrived after the last digest."""
    return any(
        q.count and q.newest and (last_sent_at is None or q.newest > last_sent_at) for q in queues
    )


def _queue(label: str, queryset, field: str, url: str) -> Queue:
    row = queryset.aggregate(count=Count("pk"), newest=Max(field))
    return Queue(label=label, count=row["count"], newest=row["newest"], url=url)


def queues_for(user: User) -> list[Queue]:
    """The queues this person works, with how much waits in each."""
    base = settings.SITE_URL
    queues = []
    if user.is_superuser or roles.has_role(user, roles.INSTRUCTORS):
        queues.append(
            _queue(
                _("Essays to grade"),
                grading_queue(user=user).order_by(),
                "submitted_at",
                base + reverse("assessments_admin:queue"),
            )
        )
    if can_review(user):
        review_url = base + reverse("ce_review_queue")
        queues.append(
            _queue(
                _("Continuing education records to review"),
                CEActivity.objects.awaiting_review().exclude(holder=user),
                "submitted_at",
                review_url,
            )
        )
        queues.append(
            _queue(
                _("Renewal applications to decide"),
                RenewalApplication.objects.filter(status__in=RenewalApplication.OPEN).exclude(
                    holder=user
                ),
                "submitted_at",
                review_url,
            )
        )
    if user.is_superuser or user.has_perm("certificates.change_certificate"):
        queues.append(
            _queue(
                _("Name changes to check"),
                NameChangeRequest.objects.filter(status=NameChangeRequest.Status.PENDING),
                "requested_at",
                base + reverse("certificates_name_changes"),
            )
        )
        queues.append(
            _queue(
                _("Certificates whose issuing keeps failing"),
                Certificate.objects.filter(
                    status=Certificate.Status.PENDING, job_attempts__gte=1
                ).exclude(last_error=""),
                "requested_at",
                base + reverse("certificates_admin_list") + "?status=pending",
            )
        )
    if user.is_superuser or user.has_perm("auth.change_user"):
        queues.append(
            _queue(
                _("Requests for the employer tools to check"),
                EmployerAccessRequest.objects.filter(status=EmployerAccessRequest.Status.PENDING),
                "requested_at",
                base + reverse("employer_access_requests"),
            )
        )
    return queues


def staff():
    return (
        User.objects.filter(is_active=True, work_digest=True)
        .filter(Q(is_superuser=True) | Q(groups__name__in=[roles.INSTRUCTORS, roles.REVIEWERS]))
        .distinct()
    )


def staff_digests_due(*, today: date | None = None) -> int:
    """For the daily run: one job per staff member; each decides for itself whether to send."""
    today = today or timezone.localdate()
    count = 0
    for user_id in staff().values_list("pk", flat=True):
        jobs.enqueue(send_staff_digest_job, user_id, today.isoformat())
        count += 1
    return count


def send_staff_digest(*, user_id: int, day: date) -> bool:
    user = User.objects.filter(pk=user_id).first()
    if user is None or not (user.is_active and user.work_digest):
        return False  # gone, closed or switched off since the job was enqueued
    last = StaffDigest.objects.filter(user=user, day__lt=day).order_by("-day").first()
    queues = queues_for(user)
    if not digest_due(queues, last.sent_at if last else None):
        return False
    try:
        with transaction.atomic():
            claim = StaffDigest.objects.create(user=user, day=day, sent_at=timezone.now())
    except IntegrityError:
        return False  # this day's digest was already sent
    try:
        with in_language_of(user):
            send_mail(
                subject=_(SUBJECT),
                message=render_to_string(
                    "emails/staff_digest.txt",
                    {
                        "queues": [q for q in queues if q.count],
                        "site_url": settings.SITE_URL,
                    },
                ),
                from_email=None,
                recipient_list=[user.email],
            )
    except Exception:
        claim.delete()
        raise
    return True


def send_staff_digest_job(user_id: int, day: str) -> bool:
    return send_staff_digest(user_id=user_id, day=date.fromisoformat(day))
