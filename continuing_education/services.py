"""Writes for continuing education: CE records, reviews, platform credit and renewals.

Renewal never touches certificates directly: an approved renewal asks the issuance pipeline
(`certificates.services.certificate_request`) for the next period's certificate, which
supersedes the current one once it is issued.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.models import Certificate, ProgramVersion, private_storage
from certificates.services import certificate_request
from core import uploads
from core.jobs import enqueue
from courses.models import CoursePage, ModuleDomainHours, ModulePage
from courses.selectors import course_state

from . import rules, selectors
from .jobs import send_ce_decision as send_ce_decision_job
from .jobs import send_renewal_decision as send_renewal_decision_job
from .models import (
    APPROVED_IMMUTABLE,
    CEActivity,
    CEAllocation,
    CECategory,
    CECourse,
    DeliveryMode,
    DomainCECategory,
    RenewalApplication,
)

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)

FUTURE_DATE = "The date cannot be in the future."
ALLOCATION_EXCEEDS_HOURS = "The category hours add up to more than the activity's hours."
PROOF_REQUIRED = "Attach a certificate of completion or attendance (PDF, PNG or JPEG)."
PROOF_TOO_LARGE = "The file is larger than 5 MB."
PROOF_WRONG_TYPE = uploads.WRONG_TYPE
PROOF_EXPIRED = "Attach the proof again, please: the earlier upload has expired."
REASON_REQUIRED = "Give a reason; the trainee sees it."
NOT_A_REVIEWER = "Only reviewers can decide."
OWN_RECORD = "You cannot review your own submission."
NOT_WAITING = "This has already been decided."
ONLY_PENDING_WITHDRAWN = "Only a record waiting for review can be withdrawn."
REISSUE_IN_PROGRESS = "A reissue of this certificate is in progress; renew once it is issued."

MAX_PROOF_BYTES = uploads.MAX_UPLOAD_BYTES
PROOF_EXTENSIONS = uploads.EXTENSIONS
TEMP_PROOF_DIR = "ce-proofs/tmp"
TEMP_PROOF_MAX_AGE = 2 * 24 * 3600  # seconds a stashed upload waits for its form


# --- proofs ----------------------------------------------------------------------------------


proof_content_type = uploads.content_type_of


def check_proof(uploaded) -> tuple[bytes, str]:
    """Read an upload once and check it as every upload is checked (core.uploads: size, type
    by its first bytes, PDF active content, the virus scan where one is configured)."""
    return uploads.check_upload(uploaded, field="proof", max_bytes=MAX_PROOF_BYTES)


def proof_stash(*, holder: User, data: bytes, content_type: str) -> str:
    """Keep a checked upload while the rest of the form is corrected: nothing the trainee gave
    is lost to a typo elsewhere. Returns a signed token naming the stashed file."""
    name = private_storage().save(
        f"{TEMP_PROOF_DIR}/{hashlib.sha256(data).hexdigest()[:32]}."
        f"{PROOF_EXTENSIONS[content_type]}",
        ContentFile(data),
    )
    return signing.dumps(
        {"name": name, "type": content_type, "holder": holder.pk}, salt="ce-proof-stash"
    )


def proof_unstash(*, holder: User, token: str) -> tuple[bytes, str]:
    try:
        payload = signing.loads(token, salt="ce-proof-stash", max_age=TEMP_PROOF_MAX_AGE)
    except signing.BadSignature as error:
        raise ValidationError({"proof": _(PROOF_EXPIRED)}) from error
    storage = private_storage()
    if payload.get("holder") != holder.pk or not storage.exists(payload["name"]):
        raise ValidationError({"proof": _(PROOF_EXPIRED)})
    with storage.open(payload["name"], "rb") as handle:
        return handle.read(), payload["type"]


def proof_discard(*, token: str) -> None:
    """Remove a stashed upload once its record is saved (the record keeps its own copy)."""
    if not token:
        return
    try:
        payload = signing.loads(token, salt="ce-proof-stash", max_age=TEMP_PROOF_MAX_AGE)
    except signing.BadSignature:
        return
    name = payload.get("name", "")
    if name.startswith(f"{TEMP_PROOF_DIR}/"):
        transaction.on_commit(lambda: private_storage().delete(name))


def temp_proofs_cleanup(*, now=None) -> int:
    storage = private_storage()
    now = now or timezone.now()
    try:
        _dirs, files = storage.listdir(TEMP_PROOF_DIR)
    except FileNotFoundError:
        return 0
    removed = 0
    for name in files:
        path = f"{TEMP_PROOF_DIR}/{name}"
        try:
            if (now - storage.get_modified_time(path)).total_seconds() > TEMP_PROOF_MAX_AGE:
                storage.delete(path)
                removed += 1
        except (FileNotFoundError, NotImplementedError):
            # Gone already, or a storage backend that cannot report modification times
            # (Django's Storage base raises NotImplementedError): skip that file.
            continue
    return removed


# --- CE records ------------------------------------------------------------------------------


@transaction.atomic
def ce_activity_submit(
    *,
    holder: User,
    title: str,
    provider: str,
    date: date,
    hours: Decimal,
    delivery_mode: str,
    allocations: Mapping[CECategory, Decimal],
    proof_data: bytes,
    proof_type: str,
    provider_approval_number: str = "",
    today: date | None = None,
) -> CEActivity:
    """An external CE record, waiting for a reviewer. The proof must already be checked
    (`check_proof`); it is stored privately under a random name."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if date > today:
        errors.setdefault("date", []).append(_(FUTURE_DATE))
    allocations = {category: amount for category, amount in allocations.items() if amount}
    if hours is not None and sum(allocations.values(), Decimal("0")) > hours:
        errors.setdefault("__all__", []).append(_(ALLOCATION_EXCEEDS_HOURS))
    if not proof_data:
        errors.setdefault("proof", []).append(_(PROOF_REQUIRED))
    elif proof_content_type(proof_data[:16]) != proof_type:
        errors.setdefault("proof", []).append(_(PROOF_WRONG_TYPE))
    activity = CEActivity(
        holder=holder,
        title=title.strip(),
        provider=provider.strip(),
        provider_approval_number=provider_approval_number.strip(),
        date=date,
        hours=hours,
        delivery_mode=delivery_mode,
        source=CEActivity.Source.EXTERNAL,
        status=CEActivity.Status.SUBMITTED,
        proof_content_type=proof_type,
    )
    try:
        activity.full_clean(exclude=["proof"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    activity.proof.save("proof", ContentFile(proof_data), save=False)
    activity.save()
    CEAllocation.objects.bulk_create(
        CEAllocation(activity=activity, category=category, hours=amount)
        for category, amount in allocations.items()
    )
    return activity


@transaction.atomic
def ce_activity_withdraw(*, activity_id: int, holder: User) -> None:
    activity = CEActivity.objects.select_for_update().get(pk=activity_id, holder=holder)
    if activity.status != CEActivity.Status.SUBMITTED:
        raise ValidationError(_(ONLY_PENDING_WITHDRAWN))
    proof = activity.proof.name
    activity.delete()
    if proof:
        transaction.on_commit(lambda: private_storage().delete(proof))


def _require_reviewer(reviewer: User, holder_id: int) -> None:
    if not selectors.can_review(reviewer):
        raise PermissionDenied(_(NOT_A_REVIEWER))
    if reviewer.pk == holder_id:
        raise PermissionDenied(_(OWN_RECORD))


@transaction.atomic
def ce_activity_review(
    *, activity_id: int, reviewer: User, approve: bool, reason: str = ""
) -> CEActivity:
    activity = CEActivity.objects.select_for_update().get(pk=activity_id)
    _require_reviewer(reviewer, activity.holder_id)
    if activity.status == CEActivity.Status.APPROVED:
        raise ValidationError(_(APPROVED_IMMUTABLE))
    if activity.status != CEActivity.Status.SUBMITTED:
        raise ValidationError(_(NOT_WAITING))
    if not approve and not reason.strip():
        raise ValidationError({"reason": _(REASON_REQUIRED)})
    activity.status = CEActivity.Status.APPROVED if approve else CEActivity.Status.REJECTED
    activity.rejection_reason = "" if approve else reason.strip()
    activity.reviewer = reviewer
    activity.reviewed_at = timezone.now()
    activity.save(update_fields=["status", "rejection_reason", "reviewer", "reviewed_at"])
    enqueue(send_ce_decision_job, activity.pk)
    return activity


# --- platform credit -------------------------------------------------------------------------


def _credit_cycle(*, trainee: User, day: date, course_id: int) -> rules.Cycle | None:
    """The earliest current cycle containing ``day`` of the trainee's certificates whose CE
    rules list the course: a course no credential of theirs lists (their own initial training
    above all) earns no CE."""
    earning = set(
        CECourse.objects.filter(course_id=course_id).values_list("rules__version_id", flat=True)
    )
    cycles = []
    for certificate in selectors.current_certificates(user=trainee):
        if certificate.version_id not in earning:
            continue
        cycle = selectors.cycle_for(certificate)
        if cycle is not None and cycle.contains(day):
            cycles.append(cycle)
    return min(cycles, key=lambda c: c.start) if cycles else None


def platform_credit_for_module(
    *, trainee: User, module, state=None, today: date | None = None
) -> CEActivity | None:
    """An approved CE record for a completed module, for someone who already holds a
    certificate whose CE rules list the module's course (CECourse). Idempotent: one record per
    module and cycle, however often it is triggered."""
    today = today or timezone.localdate()
    course = state.course if state is not None else CoursePage.objects.ancestor_of(module).first()
    if course is None:
        return None
    cycle = _credit_cycle(trainee=trainee, day=today, course_id=course.pk)
    if cycle is None:
        return None
    if state is None:
        state = course_state(course=course, user=trainee)
    progress = state.progress.module(module.pk) if state.progress else None
    if progress is None or not progress.complete:
        return None
    key = f"module:{module.pk}:{cycle.start.isoformat()}"
    existing = CEActivity.objects.filter(holder=trainee, platform_key=key).first()
    if existing is not None:
        return existing
    by_category: dict[int, Decimal] = {}
    mapping = dict(DomainCECategory.objects.values_list("domain_id", "category_id"))
    for domain_id, hours in ModuleDomainHours.objects.filter(module=module).values_list(
        "domain_id", "hours"
    ):
        if domain_id in mapping and hours > 0:
            by_category[mapping[domain_id]] = by_category.get(mapping[domain_id], 0) + hours
    try:
        with transaction.atomic():
            activity = CEActivity.objects.create(
                holder=trainee,
                title=module.title,
                provider=settings.PEERCERT_ISSUER_NAME,
                date=today,
                hours=module.contact_hours,
                delivery_mode=DeliveryMode.SELF_STUDY_ONLINE,
                source=CEActivity.Source.PLATFORM,
                source_module=module,
                source_course=course,
                platform_key=key,
                status=CEActivity.Status.APPROVED,
                reviewed_at=timezone.now(),
            )
            left = module.contact_hours
            allocations = []
            for category_id, hours in sorted(by_category.items()):
                share = min(hours, left)
                if share > 0:
                    allocations.append(
                        CEAllocation(activity=activity, category_id=category_id, hours=share)
                    )
                    left -= share
            CEAllocation.objects.bulk_create(allocations)
    except IntegrityError:
        # A concurrent trigger created it first.
        return CEActivity.objects.filter(holder=trainee, platform_key=key).first()
    return activity


def platform_credit_after_lesson(*, trainee: User, lesson, today: date | None = None):
    if not selectors.current_certificates(user=trainee).exists():
        return None  # the common case: a trainee not yet certified earns no CE
    module = ModulePage.objects.ancestor_of(lesson).first()
    course = CoursePage.objects.ancestor_of(lesson).first()
    if module is None or course is None:
        return None
    if not CECourse.objects.filter(course=course).exists():
        return None  # no credential counts this course as CE (initial training, for one)
    state = course_state(course=course, user=trainee)
    return platform_credit_for_module(trainee=trainee, module=module, state=state, today=today)


# --- renewal ---------------------------------------------------------------------------------


def _snapshot(status: selectors.CertificateCE) -> dict:
    checklist = status.checklist
    return {
        "total_required": str(checklist.total_required),
        "total_counted": str(checklist.total_counted),
        "categories": [
            [row.category, str(row.required), str(row.counted)] for row in checklist.categories
        ],
        "counted": {str(c.activity_id): str(c.hours) for c in checklist.counted},
        "phase": str(status.phase),
    }


def audit_key(certificate: Certificate, cycle: rules.Cycle) -> str:
    """Per certificate and cycle, so resubmitting cannot re-roll the audit sample."""
    return f"renewal:{certificate.code}:{cycle.start.isoformat()}"


@transaction.atomic
def renewal_submit(
    *, certificate_id: int, holder: User, today: date | None = None
) -> RenewalApplication:
    today = today or timezone.localdate()
    certificate = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("version__program")
        .get(pk=certificate_id)
    )
    if certificate.holder_id != holder.pk:
        raise PermissionDenied
    status = selectors.certificate_ce(certificate, today=today)
    if status is None:
        raise ValidationError(_(selectors.NO_RULES))
    refusal = status.renewal_refusal
    if refusal is not None:
        raise ValidationError(refusal)
    sampled = rules.sampled_for_audit(
        audit_key(certificate, status.cycle), status.ce_rules.audit_rate_percent
    )
    try:
        with transaction.atomic():
            application = RenewalApplication.objects.create(
                certificate=certificate,
                holder=holder,
                cycle_start=status.cycle.start,
                cycle_end=status.cycle.end,
                sampled_for_audit=sampled,
                status=(
                    RenewalApplication.Status.AUDIT
                    if sampled
                    else RenewalApplication.Status.SUBMITTED
                ),
                late=status.phase == rules.Phase.GRACE,
                snapshot=_snapshot(status),
            )
    except IntegrityError as error:
        raise ValidationError(_(selectors.ALREADY_APPLIED)) from error
    if not sampled and status.ce_rules.auto_approve:
        _approve(application=application, decided_by=None, today=today)
    return application


@transaction.atomic
def renewal_decide(
    *,
    application_id: int,
    reviewer: User,
    approve: bool,
    reason: str = "",
    today: date | None = None,
) -> RenewalApplication:
    """A reviewer's (or, for a sampled renewal, an auditor's) decision."""
    today = today or timezone.localdate()
    application = RenewalApplication.objects.select_for_update().get(pk=application_id)
    _require_reviewer(reviewer, application.holder_id)
    if not application.is_open:
        raise ValidationError(_(NOT_WAITING))
    if not approve:
        if not reason.strip():
            raise ValidationError({"reason": _(REASON_REQUIRED)})
        application.status = RenewalApplication.Status.REJECTED
        application.reason = reason.strip()
        application.decided_by = reviewer
        application.decided_at = timezone.now()
        application.save(update_fields=["status", "reason", "decided_by", "decided_at"])
        # An approval needs no letter of its own: the new certificate's e-mail is that news.
        enqueue(send_renewal_decision_job, application.pk)
        return application
    return _approve(
        application=application, decided_by=reviewer, today=today, reason=reason.strip()
    )


def _renewal_version(old: Certificate, today: date) -> ProgramVersion:
    """Renew under the rules in effect today (boards change them); the old version if the
    program has none in effect."""
    return (
        ProgramVersion.objects.in_effect(today)
        .filter(program_id=old.version.program_id)
        .order_by("-effective_from")
        .first()
        or old.version
    )


def _approve(
    *, application: RenewalApplication, decided_by, today: date, reason: str = ""
) -> RenewalApplication:
    old = (
        Certificate.objects.select_for_update()
        .select_related("holder", "version")
        .get(pk=application.certificate_id)
    )
    if old.status not in selectors.RENEWABLE_STATUSES:
        raise ValidationError(_(selectors.NOT_RENEWABLE))
    if Certificate.objects.filter(supersedes=old).exists():
        raise ValidationError(_(REISSUE_IN_PROGRESS))
    version = _renewal_version(old, today)
    cycle = selectors.cycle_for(old)
    new = certificate_request(
        trainee=old.holder,
        version=version,
        cycle=old.cycle + 1,
        supersedes=old,
        holder_name=old.holder_name,
        issued_on=today,
    )
    # The next period keeps the anniversary: it starts the day after the old expiry, however
    # early or late the renewal was approved (the same way a reissue keeps its expiry).
    Certificate.objects.filter(pk=new.pk).update(
        expires_on=rules.next_cycle(cycle, version.validity_months).end
    )
    application.status = RenewalApplication.Status.APPROVED
    application.decided_by = decided_by
    application.decided_at = timezone.now()
    application.reason = reason
    application.new_certificate = new
    application.save(
        update_fields=["status", "decided_by", "decided_at", "reason", "new_certificate"]
    )
    return application
