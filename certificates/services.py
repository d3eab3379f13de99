"""Writes for certification. Issuance is split in two: `certificate_request` records a pending
certificate in the caller's transaction and enqueues the job on commit; `certificate_issue`
(run by the job) renders, signs, stores and e-mails exactly once."""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from wagtail import hooks

from accounts import roles
from accounts.models import User
from core import jobs
from core.decisions import send_once, without_live_lease
from core.mail_language import language_of

from . import lifecycle, stages
from .endorsements import NOT_MET as ENDORSEMENT_NOT_MET
from .endorsements import endorsement_missing
from .jobs import issue_certificate as issue_certificate_job
from .jobs import send_entry_returned as send_entry_returned_job
from .jobs import send_name_change_decision as send_name_change_decision_job
from .jobs import send_status_notice as send_status_notice_job
from .keys import get_issuer_keys
from .models import (
    CODE_ALPHABET,
    Attestation,
    AttestationRequirement,
    Certificate,
    CertificateEndorsement,
    CertificateEvent,
    CertificatePdf,
    Endorsement,
    NameChangeRequest,
    ProgramVersion,
    PublicAction,
    ReciprocityTransfer,
    SupervisionEntry,
)
from .selectors import (
    checklist_for,
    facts_for,
    sign_off_blocker,
    supervision_totals,
    versions_pursued_by,
)
from .signals import certificate_status_changed
from .signing import sign_pdf

logger = logging.getLogger(__name__)

SIGNED_ENTRY_IMMUTABLE = "A signed-off entry cannot be changed."
NOT_YOUR_ENTRY = "Only the named supervisor can sign off this entry."
SUPERVISOR_REQUIRED = "Choose a supervisor from the list."
STATEMENT_CHANGED = gettext_noop(
    "These are not the statement's current words: it may have changed since you opened the "
    "page. Read it again below and attest what it says now."
)
# The files a certificate PDF carries inside its signature come from the apps that make them:
# a function registered under this name takes the certificate and returns
# [(file name, content, media type), ...]. credentials registers the signed credential.
PDF_ATTACHMENTS_HOOK = "certificate_pdf_attachments"
NO_PDF_ATTACHMENTS = (
    "No app answers the 'certificate_pdf_attachments' hook, so the PDF would be signed without "
    "its credential. credentials/wagtail_hooks.py registers it; is the credentials app installed?"
)
# Every change anyone may make, by status: read from the one status machine
# (certificates/lifecycle.py), which also says who may make each change.
ALLOWED_TRANSITIONS = {
    status: lifecycle.allowed_transitions(status, by="staff")
    | lifecycle.allowed_transitions(status, by="system")
    for status in lifecycle.STATUSES
}


def _new_serial(abbreviation: str, on: date) -> str:
    suffix = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{abbreviation}-{on:%Y}-{suffix}"


# --- supervision ---------------------------------------------------------------------------


def supervisors():
    return User.objects.filter(groups__name=roles.SUPERVISORS, is_active=True)


@transaction.atomic
def supervision_entry_create(
    *, trainee: User, supervisor: User, kind: str, date: date, minutes: int, domain, format: str
) -> SupervisionEntry:
    if not supervisors().filter(pk=supervisor.pk).exists() or supervisor.pk == trainee.pk:
        raise ValidationError({"supervisor": _(SUPERVISOR_REQUIRED)})
    entry = SupervisionEntry(
        trainee=trainee,
        supervisor=supervisor,
        kind=kind,
        date=date,
        minutes=minutes,
        domain=domain,
        format=format,
    )
    entry.full_clean()
    if date > timezone.localdate():
        raise ValidationError({"date": _("The date cannot be in the future.")})
    entry.save()
    return entry


@transaction.atomic
def supervision_entry_review(
    *, entry_id: int, supervisor: User, approve: bool, reason: str = ""
) -> SupervisionEntry:
    entry = SupervisionEntry.objects.select_for_update().get(pk=entry_id)
    if entry.supervisor_id != supervisor.pk:
        raise PermissionDenied(_(NOT_YOUR_ENTRY))
    if entry.status == SupervisionEntry.Status.SIGNED:
        raise ValidationError(_(SIGNED_ENTRY_IMMUTABLE))
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Say why the entry is returned.")})
    if approve and (blocker := sign_off_blocker(entry)):
        # Boards want hours signed by a supervisor documented and current on that day.
        raise ValidationError(blocker)
    entry.status = SupervisionEntry.Status.SIGNED if approve else SupervisionEntry.Status.REJECTED
    entry.rejection_reason = "" if approve else reason.strip()
    entry.reviewed_at = timezone.now()
    entry.save(update_fields=["status", "rejection_reason", "reviewed_at"])
    if approve:
        requirements_changed(trainee=entry.trainee)
    else:
        jobs.enqueue(send_entry_returned_job, entry.pk)
    return entry


@transaction.atomic
def supervision_entry_delete(*, entry_id: int, trainee: User) -> None:
    entry = SupervisionEntry.objects.select_for_update().get(pk=entry_id, trainee=trainee)
    if entry.status == SupervisionEntry.Status.SIGNED:
        raise ValidationError(_(SIGNED_ENTRY_IMMUTABLE))
    entry.delete()


# --- attestation ---------------------------------------------------------------------------


@transaction.atomic
def attestation_create(
    *, trainee: User, requirement: AttestationRequirement, sha256: str | None = None
) -> Attestation:
    """The trainee's yes to one statement, as its words read now, in the language they were
    shown: ``sha256`` is the hash of the words on their page (default: the English). Words that
    are not the statement's current words in any language (changed since the page was shown,
    or never its words) are refused with a ValidationError on ``sha256``. Idempotent."""
    by_hash = {digest: language for language, digest in requirement.sha256s().items()}
    sha256 = requirement.sha256 if sha256 is None else sha256
    if sha256 not in by_hash:
        raise ValidationError({"sha256": _(STATEMENT_CHANGED)})
    attestation, _created = Attestation.objects.get_or_create(
        trainee=trainee,
        version_id=requirement.version_id,
        text_sha256=sha256,
        defaults={"language": by_hash[sha256]},
    )
    requirements_changed(trainee=trainee)
    return attestation


# --- issuance ------------------------------------------------------------------------------


def requirements_changed(*, trainee: User) -> list[Certificate]:
    """Called whenever something a requirement counts has changed for this trainee."""
    requested = []
    for version in versions_pursued_by(trainee):
        if not version.auto_issue:
            continue
        certificate = certificate_request_if_eligible(trainee=trainee, version=version)
        if certificate is not None:
            requested.append(certificate)
    return requested


def certificate_request_if_eligible(
    *, trainee: User, version: ProgramVersion
) -> Certificate | None:
    latest = (
        Certificate.objects.filter(holder=trainee, version=version, cycle=1)
        .order_by("-reissue")
        .first()
    )
    if latest is not None:
        # A provisional certificate becomes full once the rest is met (a new certificate).
        if (
            latest.stage == Certificate.Stage.PROVISIONAL
            and latest.status == Certificate.Status.VALID
            and checklist_for(trainee=trainee, version=version).met
        ):
            return provisional_convert(certificate_id=latest.pk, actor=None)
        return None
    if not checklist_for(trainee=trainee, version=version).met:
        return None
    return certificate_request(trainee=trainee, version=version)


def stage_rules(version: ProgramVersion) -> stages.StageRules:
    return stages.StageRules(
        provisional_months=version.provisional_validity_months,
        extensions_allowed=version.provisional_extensions_allowed,
        extension_months=version.provisional_extension_months,
        full_months=version.validity_months,
    )


def certificate_grant(
    *,
    trainee: User,
    version: ProgramVersion,
    stage: str = Certificate.Stage.FULL,
    issued_on: date | None = None,
) -> Certificate:
    """Issue a certificate of ``stage`` (provisional or full) for ``version``: for callers that
    decided it themselves (a board's approval of an application). Records it pending and
    enqueues its issuance on commit; idempotent like certificate_request. A provisional stage
    needs the version to have one; a full certificate replaces a valid provisional one."""
    if stage not in Certificate.Stage.values:
        raise ValidationError({"stage": _("Choose provisional or full.")})
    if stage == Certificate.Stage.PROVISIONAL and not version.has_provisional_stage:
        raise ValidationError({"stage": _(stages.NO_PROVISIONAL_STAGE)})
    provisional = Certificate.objects.filter(
        holder=trainee,
        version=version,
        cycle=1,
        stage=Certificate.Stage.PROVISIONAL,
        status=Certificate.Status.VALID,
    ).first()
    if stage == Certificate.Stage.FULL and provisional is not None:
        return provisional_convert(certificate_id=provisional.pk, actor=None, check=False)
    return certificate_request(trainee=trainee, version=version, stage=stage, issued_on=issued_on)


def certificate_request(
    *,
    trainee: User,
    version: ProgramVersion,
    cycle: int = 1,
    reissue: int = 0,
    supersedes: Certificate | None = None,
    holder_name: str | None = None,
    issued_on: date | None = None,
    stage: str = Certificate.Stage.FULL,
) -> Certificate:
    """Record a pending certificate and enqueue its issuance after commit. Idempotent: the
    unique constraint turns a second trigger into a no-op returning the existing row."""
    issued_on = issued_on or timezone.localdate()
    expires_on = stages.expiry_for(stage=stage, issued_on=issued_on, rules=stage_rules(version))
    facts = facts_for(trainee=trainee, version=version)
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                holder=trainee,
                version=version,
                cycle=cycle,
                reissue=reissue,
                serial=_new_serial(version.program.abbreviation, issued_on),
                holder_name=holder_name or trainee.get_full_name() or trainee.email,
                issued_on=issued_on,
                expires_on=expires_on,
                stage=stage,
                hours_total=facts.training_hours_total,
                hours_by_domain=[
                    [name, str(hours)]
                    for name, hours in sorted(
                        facts.training_hours_by_domain.items(), key=lambda kv: kv[0]
                    )
                ],
                supersedes=supersedes,
                enqueued_at=timezone.now(),
            )
            CertificateEvent.objects.create(
                certificate=certificate, to_status=certificate.status, reason="Requirements met"
            )
    except IntegrityError:
        return Certificate.objects.get(
            holder=trainee, version=version, cycle=cycle, reissue=reissue
        )
    _attach_met_endorsements(certificate)
    jobs.enqueue(issue_certificate_job, certificate.pk)
    return certificate


def _attach_met_endorsements(certificate: Certificate) -> None:
    """Before the PDF and the credential are made: every endorsement of the version whose
    requirements the holder meets (and any the certificate it replaces carried) goes on it, so
    both print it. Endorsements granted later show on the page and in the API at once, and in a
    PDF from the next reissue."""
    endorsements = list(certificate.version.endorsements.select_related("domain"))
    carried: dict[int, date] = {}
    if certificate.supersedes_id:
        carried = dict(
            CertificateEndorsement.objects.filter(
                certificate_id=certificate.supersedes_id
            ).values_list("endorsement_id", "granted_on")
        )
    if certificate.supersedes_id:
        # A board's published actions stay with the holder's credential when it is renewed,
        # reissued or converted: the new certificate shows them too.
        for action in PublicAction.objects.filter(certificate_id=certificate.supersedes_id):
            PublicAction.objects.get_or_create(
                certificate=certificate,
                kind=action.kind,
                taken_on=action.taken_on,
                summary=action.summary,
                defaults={
                    "ends_on": action.ends_on,
                    "ended_on": action.ended_on,
                    "recorded_by": action.recorded_by,
                },
            )
    if not endorsements and not certificate.supersedes_id:
        return
    hours = supervision_totals(trainee=certificate.holder)
    for endorsement in endorsements:
        met = endorsement.pk in carried or not endorsement_missing(
            min_practice_hours=endorsement.min_practice_hours,
            min_supervision_hours=endorsement.min_supervision_hours,
            domain=endorsement.domain.name if endorsement.domain else None,
            signed_hours=hours,
        )
        if met:
            CertificateEndorsement.objects.get_or_create(
                certificate=certificate,
                endorsement=endorsement,
                defaults={"granted_on": carried.get(endorsement.pk, timezone.localdate())},
            )
    _refresh_shown(certificate)


def _pdf_context(certificate: Certificate) -> dict:
    program = certificate.version.program
    return {
        "holder_name": certificate.holder_name,
        "program_title": program.credential_name,
        "program_version_label": _program_line(certificate),
        "issuer_name": settings.PEERCERT_ISSUER_NAME,
        "issued_on": certificate.issued_on,
        "expires_on": certificate.expires_on,
        "serial": certificate.serial,
        "verification_code": certificate.display_code,
        "verification_url": certificate.verification_url,
        "hours_total": certificate.hours_total,
        "hours_by_domain": [(name, Decimal(hours)) for name, hours in certificate.hours_by_domain],
    }


def _program_line(certificate: Certificate) -> str:
    """The program line of the PDF: rules, and a provisional stage and endorsements if any."""
    parts = [
        _("%(program)s, rules of %(version)s")
        % {"program": certificate.version.program.name, "version": certificate.version.label}
    ]
    if certificate.stage == Certificate.Stage.PROVISIONAL:
        parts.append(str(_("Provisional")))
    transfer = ReciprocityTransfer.objects.filter(certificate=certificate).first()
    if transfer is not None:
        parts.append(str(_("Reciprocal, from %(board)s")) % {"board": transfer.original_board})
    if certificate.endorsements_shown:
        parts.append(
            str(_("Endorsements: %(list)s"))
            % {
                "list": ", ".join(
                    f"{e['code']} ({e['name']})" for e in certificate.endorsements_shown
                )
            }
        )
    return " · ".join(parts)


def build_signed_pdf(certificate: Certificate, *, language: str | None = None) -> bytes:
    """The signed certificate PDF, its labels and dates in ``language`` (default: the holder's
    language, as their e-mails use)."""
    from .pdf import render_certificate_pdf  # loads WeasyPrint (½ s): only where PDFs are made

    keys = get_issuer_keys(settings.ISSUER_KEY_DIR)
    with translation.override(language or language_of(certificate.holder)):
        unsigned = render_certificate_pdf(_pdf_context(certificate))
    return sign_pdf(unsigned, keys, embedded_files=_embedded_files(certificate))


def _embedded_files(certificate: Certificate) -> list[tuple[str, bytes, str]]:
    """What travels inside the signed PDF, from every app registered for PDF_ATTACHMENTS_HOOK
    (credentials: the signed Open Badges credential). A signed PDF cannot be amended later, so
    no answer at all, or an error in one, stops the signing: the certificate stays pending with
    the error recorded, and the reconciler retries it."""
    answers = hooks.get_hooks(PDF_ATTACHMENTS_HOOK)
    if not answers:
        raise ImproperlyConfigured(NO_PDF_ATTACHMENTS)
    return [file for answer in answers for file in answer(certificate)]


def certificate_issue(*, certificate_id: int) -> Certificate:
    """Render, sign, store, mark issued, e-mail: once, however many runs overlap (the
    reconciler, rq's retries and a duplicate enqueue can each start one while another renders).

    The run holds the certificate's row lock (SELECT … FOR UPDATE) from the pending check to
    the mark, so a second run waits and then finds it issued: one file is rendered and stored,
    and the SHA-256 recorded is that file's. The file is named by its own hash, so no run ever
    overwrites bytes another recorded; a run that fails after storing removes its file."""
    stored_name = ""  # set once this run has written a file
    try:
        with transaction.atomic():
            certificate = (
                Certificate.objects.select_for_update(of=("self",))
                .select_related("version__program", "holder")
                .get(pk=certificate_id)
            )
            if certificate.status != Certificate.Status.PENDING:
                return certificate
            storage = certificate.pdf.storage
            _remove_unrecorded_files(certificate, storage)
            language = language_of(certificate.holder)  # what build_signed_pdf renders in
            pdf_bytes = build_signed_pdf(certificate)
            digest = hashlib.sha256(pdf_bytes).hexdigest()
            # 128 bits of the hash name the file uniquely and fit the field's 100 characters.
            name = f"{CERTIFICATE_DIR}/{certificate.code}/{digest[:32]}.pdf"
            if not storage.exists(name):  # same name, same bytes: nothing to write
                stored_name = storage.save(name, ContentFile(pdf_bytes))
            moved = _mark_issued(
                certificate=certificate, name=stored_name or name, digest=digest, language=language
            )
            if not moved and stored_name:
                # Only without row locks (SQLite) can another run have got here first.
                storage.delete(stored_name)
    except Exception as error:
        if stored_name:
            Certificate._meta.get_field("pdf").storage.delete(stored_name)
        Certificate.objects.filter(pk=certificate_id).update(
            job_attempts=F("job_attempts") + 1,
            last_error=f"{type(error).__name__}: {error}"[:2000],
        )
        raise
    certificate.refresh_from_db()
    return certificate


CERTIFICATE_DIR = "certificates"

# Certificates whose PDF the holder may still take in another language: those in force or
# simply past their date. A withdrawn, suspended or replaced certificate gets no new file.
PDF_LANGUAGE_STATUSES = (
    Certificate.Status.VALID,
    Certificate.Status.EXPIRED,
    Certificate.Status.INACTIVE,
)
# Marked for the catalogue here, translated where they are raised.
PDF_LANGUAGE_REFUSED = gettext_noop(
    "A new PDF is only made for a certificate that is valid or has expired."
)
PDF_LANGUAGE_UNKNOWN = gettext_noop("Choose English or Spanish.")


def certificate_pdf_in_language(
    *, certificate_id: int, holder: User, language: str
) -> tuple[str, str]:
    """The holder's certificate PDF in ``language``: (stored file name, SHA-256). The issued
    file when it is in that language; otherwise a second signed file, made on the first request
    and kept (CertificatePdf), which supersedes nothing: both verify. Another holder's
    certificate is a DoesNotExist, as if it were not there."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_(PDF_LANGUAGE_UNKNOWN))
    stored_name = ""
    try:
        with transaction.atomic():
            certificate = (
                Certificate.objects.select_for_update(of=("self",))
                .select_related("version__program", "holder")
                .get(pk=certificate_id, holder=holder)
            )
            if certificate.public_status not in PDF_LANGUAGE_STATUSES or not certificate.pdf:
                raise ValidationError(_(PDF_LANGUAGE_REFUSED))
            if certificate.pdf_language == language:
                return certificate.pdf.name, certificate.pdf_sha256
            existing = CertificatePdf.objects.filter(
                certificate=certificate, language=language
            ).first()
            if existing is not None:
                return existing.pdf.name, existing.sha256
            pdf_bytes = build_signed_pdf(certificate, language=language)
            digest = hashlib.sha256(pdf_bytes).hexdigest()
            storage = CertificatePdf._meta.get_field("pdf").storage
            name = f"{CERTIFICATE_DIR}/{certificate.code}/{digest[:32]}.pdf"
            stored_name = storage.save(name, ContentFile(pdf_bytes))
            CertificatePdf.objects.create(
                certificate=certificate, language=language, pdf=stored_name, sha256=digest
            )
            return stored_name, digest
    except Exception:
        if stored_name:
            CertificatePdf._meta.get_field("pdf").storage.delete(stored_name)
        raise


def _remove_unrecorded_files(certificate: Certificate, storage) -> None:
    """A run killed between storing its file and committing leaves a file no row names: the
    next run, holding the lock, clears the pending certificate's own folder first. Without row
    locks (SQLite) another run may be writing there, so nothing is removed."""
    if not connection.features.has_select_for_update:
        return
    folder = f"{CERTIFICATE_DIR}/{certificate.code}"
    if not storage.exists(folder):
        return
    for name in storage.listdir(folder)[1]:
        storage.delete(f"{folder}/{name}")


def _mark_issued(*, certificate: Certificate, name: str, digest: str, language: str = "en") -> bool:
    """Pending → valid with the stored file and its hash, the public event, the superseded
    predecessor and the e-mail (after commit). False when the row was no longer pending."""
    now = timezone.now()
    moved = Certificate.objects.filter(pk=certificate.pk, status=Certificate.Status.PENDING).update(
        status=Certificate.Status.VALID,
        pdf=name,
        pdf_sha256=digest,
        pdf_language=language,
        issued_at=now,
        last_error="",
        job_attempts=F("job_attempts") + 1,
    )
    if not moved:
        return False
    CertificateEvent.objects.create(
        certificate=certificate,
        from_status=Certificate.Status.PENDING,
        to_status=Certificate.Status.VALID,
        at=now,
        reason="Issued",
        reason_public=True,
    )
    if certificate.supersedes_id:
        _supersede(old_id=certificate.supersedes_id, new=certificate)
    jobs.enqueue(send_issued_email, certificate.pk)
    return True


def _supersede(*, old_id: int, new: Certificate) -> None:
    old = Certificate.objects.select_for_update().get(pk=old_id)
    if lifecycle.may_transition(old.status, Certificate.Status.SUPERSEDED, by="system"):
        CertificateEvent.objects.create(
            certificate=old,
            from_status=old.status,
            to_status=Certificate.Status.SUPERSEDED,
            reason=f"Superseded by {new.serial}",
            reason_public=True,
        )
        old.status = Certificate.Status.SUPERSEDED
        old.save(update_fields=["status"])
        _status_changed(old)


ISSUED_SUBJECT = "Your PeerCert certificate is ready"


def send_issued_email(certificate_id: int) -> None:
    """At least once, and once as long as nothing crashes mid-send (core.decisions.send_once:
    a lease while sending, marked sent after the mail server accepted it). No personal data
    in the subject: mail subjects end up in logs and previews."""
    send_once(
        Certificate.objects.select_related("holder", "version__program"),
        certificate_id,
        subject=ISSUED_SUBJECT,
        template="emails/certificate_issued.txt",
        context=lambda certificate: {"certificate": certificate},
        recipient=lambda certificate: certificate.holder.email,
        field="email_sent_at",
    )


def reconcile_pending(*, older_than: timedelta = timedelta(minutes=10)) -> int:
    """Re-enqueue what a Redis outage or a killed worker left undone: certificates stuck
    pending, and issued certificates whose e-mail job never ran. Both jobs are idempotent, so
    one enqueued twice still issues once and mails once. Returns how many were re-enqueued."""
    cutoff = timezone.now() - older_than
    pending_ids = list(
        Certificate.objects.filter(status=Certificate.Status.PENDING)
        .filter(enqueued_at__lt=cutoff)
        .values_list("pk", flat=True)
    )
    for certificate_id in pending_ids:
        with transaction.atomic():
            Certificate.objects.filter(pk=certificate_id).update(enqueued_at=timezone.now())
            jobs.enqueue(issue_certificate_job, certificate_id)
    # Never marked sent: the job was lost, or its worker died mid-send and left a lease, which
    # the job takes over once it is older than core.decisions.EMAIL_LEASE.
    unmailed_ids = without_live_lease(
        Certificate,
        Certificate.objects.filter(email_sent_at__isnull=True, issued_at__lt=cutoff)
        .exclude(status=Certificate.Status.PENDING)
        .values_list("pk", flat=True),
        field="email_sent_at",
    )
    for certificate_id in unmailed_ids:
        with transaction.atomic():
            jobs.enqueue(send_issued_email, certificate_id)
    return len(pending_ids) + len(unmailed_ids)


# --- lifecycle -----------------------------------------------------------------------------


@transaction.atomic
def certificate_set_status(
    *,
    certificate_id: int,
    to_status: str,
    actor,
    reason: str,
    reason_public: bool = False,
    by: lifecycle.Actor | None = None,
) -> Certificate:
    """``by`` None: any change staff or the system may make (the sweep's expiry, a
    supersession); the admin's form passes "staff", the holder's page "holder"."""
    certificate = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("version")
        .get(pk=certificate_id)
    )
    actors = ("staff", "system") if by is None else (by,)
    unused = (
        to_status == Certificate.Status.INACTIVE and not certificate.version.inactive_status_used
    ) or (
        to_status == Certificate.Status.RELINQUISHED and not certificate.version.relinquishment_used
    )
    if unused or not any(
        lifecycle.may_transition(certificate.status, to_status, by=actor) for actor in actors
    ):
        raise ValidationError(
            _("A %(from)s certificate cannot become %(to)s.")
            % {"from": certificate.status, "to": to_status}
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason; it is kept in the history.")})
    event = CertificateEvent.objects.create(
        certificate=certificate,
        from_status=certificate.status,
        to_status=to_status,
        actor=actor,
        reason=reason.strip(),
        reason_public=reason_public,
    )
    certificate.status = to_status
    certificate.save(update_fields=["status"])
    _status_changed(certificate)
    if to_status in HOLDER_TOLD or (
        to_status == Certificate.Status.VALID and event.from_status in HOLDER_TOLD
    ):
        # The holder hears it from us first, once (certificates.notifications).
        jobs.enqueue(send_status_notice_job, event.pk)
    return certificate


# Changes the holder is e-mailed about (with the way back: suspended or inactive → valid).
HOLDER_TOLD = (
    Certificate.Status.SUSPENDED,
    Certificate.Status.REVOKED,
    Certificate.Status.INACTIVE,
    Certificate.Status.RELINQUISHED,
)


def _status_changed(certificate: Certificate) -> None:
    """Hook for the public status list and employer rosters."""
    certificate_status_changed.send(sender=Certificate, certificate=certificate)


@transaction.atomic
def certificate_reissue(
    *, certificate_id: int, actor, reason: str, holder_name: str | None = None
) -> Certificate:
    """A new certificate for the same period (e.g. after a legal name change) that supersedes
    the old one once it is issued."""
    old = Certificate.objects.select_for_update().get(pk=certificate_id)
    if old.status not in (Certificate.Status.VALID, Certificate.Status.SUSPENDED):
        raise ValidationError(_("Only a valid or suspended certificate can be reissued."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason; it is kept in the history.")})
    new = certificate_request(
        trainee=old.holder,
        version=old.version,
        cycle=old.cycle,
        reissue=old.reissue + 1,
        supersedes=old,
        holder_name=holder_name or old.holder.get_full_name(),
        issued_on=old.issued_on,
    )
    # Same period, same expiry: a reissue corrects, it does not extend.
    Certificate.objects.filter(pk=new.pk).update(expires_on=old.expires_on)
    CertificateEvent.objects.create(
        certificate=old,
        from_status=old.status,
        to_status=old.status,
        actor=actor,
        reason=f"Reissue requested: {reason.strip()}",
    )
    return new


# --- names ---------------------------------------------------------------------------------

NAME_UNCHANGED = "This is already the name on your account."


def name_is_reviewed(user: User) -> bool:
    """Once someone holds a certificate (issued or on its way), their name is what employers
    check: a change goes to an administrator instead of taking effect at once."""
    return Certificate.objects.filter(holder=user).exists()


@transaction.atomic
def account_name_change(*, user: User, first_name: str, last_name: str) -> NameChangeRequest | None:
    """Change the name on an account. Before any certificate: at once (returns None). After:
    a request for review (returned), replacing one that is still waiting."""
    first_name, last_name = first_name.strip(), last_name.strip()
    if (first_name, last_name) == (user.first_name, user.last_name):
        raise ValidationError(_(NAME_UNCHANGED))
    if not name_is_reviewed(user):
        User.objects.filter(pk=user.pk).update(first_name=first_name, last_name=last_name)
        user.first_name, user.last_name = first_name, last_name
        return None
    NameChangeRequest.objects.filter(holder=user, status=NameChangeRequest.Status.PENDING).delete()
    return NameChangeRequest.objects.create(holder=user, first_name=first_name, last_name=last_name)


@transaction.atomic
def name_change_decide(
    *, request_id: int, actor, approve: bool, reason: str = ""
) -> NameChangeRequest:
    """Approve: the account takes the new name, certificates not yet rendered print it, and
    every valid certificate is reissued under it (same period; the old one is superseded once
    the new one is issued). A suspended certificate keeps its name until it is dealt with.
    Decline: the reason is shown to the holder."""
    change = NameChangeRequest.objects.select_for_update().get(pk=request_id)
    change.decide(
        actor=actor,
        approve=approve,
        reason=reason,
        decline_needs=_("Say why the change is declined; the holder sees it."),
    )
    jobs.enqueue(send_name_change_decision_job, change.pk)
    if approve:
        holder = change.holder
        User.objects.filter(pk=holder.pk).update(
            first_name=change.first_name, last_name=change.last_name
        )
        Certificate.objects.filter(holder=holder, status=Certificate.Status.PENDING).update(
            holder_name=change.full_name
        )
        for certificate_id in (
            Certificate.objects.filter(holder=holder, status=Certificate.Status.VALID)
            .exclude(holder_name=change.full_name)
            .values_list("pk", flat=True)
        ):
            certificate_reissue(
                certificate_id=certificate_id,
                actor=actor,
                reason="Legal name change",
                holder_name=change.full_name,
            )
    return change


# --- stages --------------------------------------------------------------------------------


@transaction.atomic
def provisional_extend(*, certificate_id: int, actor, reason: str) -> Certificate:
    """One more provisional period, on the holder's request, for the reason given: as many
    times as the version allows (Texas: once). The reason stays in the history, not public."""
    certificate = (
        Certificate.objects.select_for_update().select_related("version").get(pk=certificate_id)
    )
    rules = stage_rules(certificate.version)
    refusal = stages.extension_refusal(
        stage=certificate.stage,
        status=certificate.public_status,
        extensions_used=certificate.extensions,
        rules=rules,
        reason=reason,
    )
    if refusal:
        raise ValidationError(_(refusal))
    old_expiry = certificate.expires_on
    certificate.expires_on = stages.extended_expiry(expires_on=old_expiry, rules=rules)
    certificate.extensions += 1
    certificate.save(update_fields=["expires_on", "extensions"])
    CertificateEvent.objects.create(
        certificate=certificate,
        from_status=certificate.status,
        to_status=certificate.status,
        actor=actor,
        reason=f"Provisional stage extended from {old_expiry} to {certificate.expires_on}: "
        f"{reason.strip()}"[:500],
    )
    _status_changed(certificate)
    return certificate


@transaction.atomic
def provisional_convert(*, certificate_id: int, actor, check: bool = True) -> Certificate:
    """The full credential for a valid provisional certificate: a new certificate (its own
    period, from today) that supersedes the provisional one once issued. ``check=False`` when
    the caller (a board's decision) has already judged the requirements."""
    old = (
        Certificate.objects.select_for_update()
        .select_related("version", "holder")
        .get(pk=certificate_id)
    )
    met = not check or checklist_for(trainee=old.holder, version=old.version).met
    refusal = stages.conversion_refusal(
        stage=old.stage, status=old.public_status, requirements_met=met
    )
    if refusal:
        raise ValidationError(_(refusal))
    new = certificate_request(
        trainee=old.holder,
        version=old.version,
        cycle=old.cycle,
        reissue=old.reissue + 1,
        supersedes=old,
        holder_name=old.holder_name,
        stage=Certificate.Stage.FULL,
    )
    CertificateEvent.objects.create(
        certificate=old,
        from_status=old.status,
        to_status=old.status,
        actor=actor,
        reason=f"Full credential requested: {new.serial}",
    )
    return new


# --- the holder gives a certificate up ----------------------------------------------------

RELINQUISH_CONFIRM = "Tick the box to confirm that you give this certificate up for good."


@transaction.atomic
def certificate_relinquish(*, certificate_id: int, holder: User, confirmed: bool) -> Certificate:
    """The holder's own, voluntary and final: only after they confirmed it."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate_id, holder=holder)
    if not confirmed:
        raise ValidationError({"confirm": _(RELINQUISH_CONFIRM)})
    return certificate_set_status(
        certificate_id=certificate.pk,
        to_status=Certificate.Status.RELINQUISHED,
        actor=holder,
        reason="Relinquished by the holder",
        reason_public=True,
        by="holder",
    )


# --- endorsements and public actions -------------------------------------------------------


def _refresh_shown(certificate: Certificate) -> None:
    """Copy what the public may read onto the row (one-query public lookups)."""
    endorsements = [
        {
            "code": g.endorsement.code,
            "name": g.endorsement.name,
            "granted_on": g.granted_on.isoformat(),
        }
        for g in CertificateEndorsement.objects.filter(certificate=certificate).select_related(
            "endorsement"
        )
    ]
    actions = [a.as_public() for a in PublicAction.objects.filter(certificate=certificate)]
    Certificate.objects.filter(pk=certificate.pk).update(
        endorsements_shown=endorsements, public_actions_shown=actions
    )
    certificate.endorsements_shown, certificate.public_actions_shown = endorsements, actions


@transaction.atomic
def endorsement_grant(*, certificate_id: int, endorsement_id: int, actor) -> CertificateEndorsement:
    """Add an endorsement of the certificate's own version once its requirements are met
    (signed-off hours). Idempotent."""
    certificate = (
        Certificate.objects.select_for_update().select_related("holder").get(pk=certificate_id)
    )
    endorsement = Endorsement.objects.select_related("domain").get(
        pk=endorsement_id, version_id=certificate.version_id
    )
    if certificate.public_status != Certificate.Status.VALID:
        raise ValidationError(_("Only a valid certificate can be endorsed."))
    missing = endorsement_missing(
        min_practice_hours=endorsement.min_practice_hours,
        min_supervision_hours=endorsement.min_supervision_hours,
        domain=endorsement.domain.name if endorsement.domain else None,
        signed_hours=supervision_totals(trainee=certificate.holder),
    )
    if missing:
        raise ValidationError(_(ENDORSEMENT_NOT_MET) % {"missing": "; ".join(missing)})
    grant, created = CertificateEndorsement.objects.get_or_create(
        certificate=certificate, endorsement=endorsement, defaults={"granted_by": actor}
    )
    if created:
        CertificateEvent.objects.create(
            certificate=certificate,
            from_status=certificate.status,
            to_status=certificate.status,
            actor=actor,
            reason=f"Endorsement {endorsement.code} ({endorsement.name}) added",
            reason_public=True,
        )
        _refresh_shown(certificate)
        _status_changed(certificate)
    return grant


# What a published sanction does to the certificate's status (the others leave it valid).
SANCTION_STATUS = {
    PublicAction.Kind.SUSPENSION: Certificate.Status.SUSPENDED,
    PublicAction.Kind.REVOCATION: Certificate.Status.REVOKED,
    PublicAction.Kind.SURRENDER: Certificate.Status.RELINQUISHED,
}


@transaction.atomic
def public_action_record(
    *,
    certificate_id: int,
    kind: str,
    taken_on: date,
    summary: str,
    actor,
    ends_on: date | None = None,
) -> PublicAction:
    """Publish a board's action on a certificate: it shows on the verification page, in the
    API (public_actions) and, for a suspension, revocation or surrender, in the status (and so
    the credential's status list). Only the kind, the dates and this summary are public."""
    certificate = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("version")
        .get(pk=certificate_id)
    )
    if kind not in PublicAction.Kind.values:
        raise ValidationError({"kind": _("Choose the type of action.")})
    if not summary.strip():
        raise ValidationError({"summary": _("Write the public summary.")})
    if kind == PublicAction.Kind.PROBATION and ends_on is None:
        raise ValidationError({"ends_on": _("Probation needs the day it ends.")})
    if ends_on is not None and ends_on < taken_on:
        raise ValidationError({"ends_on": _("Ends before it starts.")})
    action = PublicAction(
        certificate=certificate,
        kind=kind,
        taken_on=taken_on,
        ends_on=ends_on,
        summary=summary.strip(),
        recorded_by=actor,
    )
    action.full_clean()
    action.save()
    to_status = SANCTION_STATUS.get(kind)
    if to_status == Certificate.Status.RELINQUISHED and not certificate.version.relinquishment_used:
        to_status = Certificate.Status.REVOKED  # a program without the word: surrender revokes
    if to_status and certificate.status != to_status:
        certificate_set_status(
            certificate_id=certificate.pk,
            to_status=to_status,
            actor=actor,
            reason=f"{action.get_kind_display()}: {action.summary}"[:500],
            reason_public=True,
        )
    _refresh_shown(certificate)
    _status_changed(certificate)
    return action


@transaction.atomic
def public_action_end(*, action_id: int, ended_on: date, remove: bool) -> None:
    """A published action with an end date (probation) has run its course: marked ended on
    the verification page, or taken off it (``remove``), as the board's policy says. The
    history keeps a public line either way. Idempotent."""
    action = PublicAction.objects.select_related("certificate").filter(pk=action_id).first()
    if action is None or (action.ended_on is not None and not remove):
        return
    certificate = Certificate.objects.select_for_update(of=("self",)).get(pk=action.certificate_id)
    if action.ended_on is None:
        CertificateEvent.objects.create(
            certificate=certificate,
            from_status=certificate.status,
            to_status=certificate.status,
            reason=f"{action.get_kind_display()} ended on {ended_on.isoformat()}",
            reason_public=True,
        )
    if remove:
        action.delete()
    else:
        action.ended_on = ended_on
        action.save(update_fields=["ended_on"])
    _refresh_shown(certificate)
    _status_changed(certificate)


# --- reciprocity ---------------------------------------------------------------------------

ALREADY_HOLDS = "This person already holds a certificate of this program version."


@transaction.atomic
def certificate_grant_reciprocal(
    *,
    trainee: User,
    version: ProgramVersion,
    original_board: str,
    original_credential: str,
    original_number: str,
    verified_on: date,
    evidence: str,
    actor,
) -> Certificate:
    """Transfer in from another IC&RC member board: this program's own certificate, with its own
    period from today, recording where it came from. Everything is checked before anything is
    written."""
    if Certificate.objects.filter(holder=trainee, version=version, cycle=1).exists():
        raise ValidationError(_(ALREADY_HOLDS))
    if verified_on > timezone.localdate():
        raise ValidationError({"verified_on": _("The verification date cannot be in the future.")})
    transfer = ReciprocityTransfer(
        original_board=original_board.strip(),
        original_credential=original_credential.strip(),
        original_number=original_number.strip(),
        verified_on=verified_on,
        evidence=evidence.strip(),
        recorded_by=actor,
    )
    transfer.full_clean(exclude=["certificate"])
    certificate = certificate_request(trainee=trainee, version=version)
    transfer.certificate = certificate
    transfer.save()
    CertificateEvent.objects.create(
        certificate=certificate,
        from_status=certificate.status,
        to_status=certificate.status,
        actor=actor,
        reason=f"Reciprocity: transferred from {transfer.original_board}",
        reason_public=True,
    )
    return certificate
