"""What every "someone asks, a person decides, the asker is told" flow shares: the request row,
the e-mail sent once, the re-send of e-mails a Redis outage or a killed worker lost, and the
admin page where requests are approved or declined with a reason.

Used by name changes (certificates) and employer access (employers); CE decisions, returned
supervision entries, reminders, roster notifications and the certificate-issued e-mail use the
e-mail helpers.

E-mail is delivered at least once, not exactly once. A sender takes a lease (core.MailLease)
before it talks to the mail server and marks the row sent only after the server has accepted
the message. A sender that dies in between (a killed worker, an SMTP server that never answers)
leaves its lease; once the lease is older than EMAIL_LEASE the reconciler sends the e-mail
again. If the server had in fact accepted it before the crash, the person gets it twice: that
is the price of never losing one. (Certificates themselves are exactly once: see
certificates.services.certificate_issue.)
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from core import jobs
from core.mail_language import in_language_of
from core.models import MailLease


class ReviewedRequest(models.Model):
    """A request waiting for a person's decision; declines carry a reason the asker sees."""

    class Status(models.TextChoices):
        PENDING = "pending", gettext_lazy("Waiting for review")
        APPROVED = "approved", gettext_lazy("Approved")
        DECLINED = "declined", gettext_lazy("Declined")

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(
        gettext_lazy("reason"),
        max_length=500,
        blank=True,
        help_text=gettext_lazy("Shown to the person when declined."),
    )
    # Set once the mail server has accepted the decision e-mail (core.decisions.send_once).
    decision_emailed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["-requested_at"]

    @property
    def approved(self) -> bool:
        return self.status == self.Status.APPROVED

    def decide(self, *, actor, approve: bool, reason: str, decline_needs: str) -> None:
        """Record the decision on a row locked by the caller (select_for_update)."""
        if self.status != self.Status.PENDING:
            raise ValidationError(_("This request was already decided."))
        if not approve and not reason.strip():
            raise ValidationError({"reason": decline_needs})
        self.status = self.Status.APPROVED if approve else self.Status.DECLINED
        self.decided_by = actor
        self.decided_at = timezone.now()
        self.reason = reason.strip()
        self.save(update_fields=["status", "decided_by", "decided_at", "reason"])


# How long a sender may hold an e-mail before another may take it over and send it again.
# Longer than a job may run (rq's timeout, 5 minutes) with the SMTP timeout (EMAIL_TIMEOUT)
# inside it, so a sender that is alive is never doubled.
EMAIL_LEASE = timedelta(minutes=15)


def lease_key(model: type[models.Model], pk: int, field: str) -> str:
    return f"{model._meta.label_lower}:{pk}:{field}"


def _lease_time() -> timedelta:
    return getattr(settings, "EMAIL_LEASE", EMAIL_LEASE)


def _claim(key: str) -> str | None:
    """Take the lease on one e-mail: the token to release it with, or None while another sender
    holds a lease younger than EMAIL_LEASE."""
    token = secrets.token_hex(16)
    now = timezone.now()
    try:
        with transaction.atomic():
            MailLease.objects.create(key=key, token=token, claimed_at=now)
        return token
    except IntegrityError:
        # One conditional update: of two senders taking over the same stale lease, one wins.
        taken = MailLease.objects.filter(key=key, claimed_at__lte=now - _lease_time()).update(
            token=token, claimed_at=now
        )
        return token if taken else None


def _release(key: str, token: str) -> None:
    MailLease.objects.filter(key=key, token=token).delete()


def send_once(
    queryset,
    pk: int,
    *,
    subject: str,
    template: str,
    context: Callable[[models.Model], dict],
    recipient: Callable[[models.Model], str],
    field: str = "decision_emailed_at",
) -> bool:
    """Send the row's e-mail unless its ``field`` (sent at) is set: take the lease, send, mark
    the row sent, release the lease. A failed send releases it at once, so rq's retry sends;
    a rerun or a duplicate job finds the row sent, or the lease held, and sends nothing; a
    sender that died leaves the lease to expire (see the module docstring). ``queryset``
    narrows what may be sent (e.g. only decided rows) and says what to join. Subjects are fixed
    texts: no personal data."""
    unsent = queryset.filter(pk=pk, **{f"{field}__isnull": True})
    if not unsent.exists():
        return False
    key = lease_key(queryset.model, pk, field)
    token = _claim(key)
    if token is None:
        return False
    try:
        # Read again under the lease: a sender that just finished has marked the row.
        row = unsent.first()
        if row is None:
            return False
        to = recipient(row)
        # In the recipient's language (core/mail_language.py), whoever triggered the e-mail.
        with in_language_of(email=to):
            send_mail(
                subject=_(subject),
                message=render_to_string(template, {**context(row), "site_url": settings.SITE_URL}),
                from_email=None,
                recipient_list=[to],
            )
        queryset.model.objects.filter(pk=pk).update(**{field: timezone.now()})
    finally:
        _release(key, token)
    return True


def without_live_lease(model: type[models.Model], pks, *, field: str) -> list[int]:
    """The ``pks`` whose e-mail nobody is sending now: no lease, or one past EMAIL_LEASE."""
    pks = list(pks)
    keys = {lease_key(model, pk, field): pk for pk in pks}
    held = set(
        MailLease.objects.filter(
            key__in=list(keys), claimed_at__gt=timezone.now() - _lease_time()
        ).values_list("key", flat=True)
    )
    return [pk for key, pk in keys.items() if key not in held]


def resend_lost(
    queryset,
    job: Callable,
    *,
    when: str,
    now=None,
    older_than: timedelta = timedelta(minutes=10),
    within: timedelta = timedelta(days=7),
    field: str = "decision_emailed_at",
) -> int:
    """For the daily run: enqueue ``job`` again for rows decided (``when``) between a week and
    ten minutes ago whose e-mail was never marked sent, unless a sender holds a live lease on
    it (a stale one is taken over by the job). Only recent ones: nobody wants last year's news,
    and a job still in the queue has had ten minutes to run."""
    now = now or timezone.now()
    lost = queryset.filter(
        **{f"{field}__isnull": True, f"{when}__lt": now - older_than, f"{when}__gt": now - within}
    ).values_list("pk", flat=True)
    count = 0
    for pk in without_live_lease(queryset.model, lost, field=field):
        jobs.enqueue(job, pk)
        count += 1
    return count


class DecisionForm(forms.Form):
    """One request, approved or declined (the clicked button says which)."""

    request_id = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    decision = forms.ChoiceField(
        choices=[("approve", gettext_lazy("Approve")), ("decline", gettext_lazy("Decline"))],
        widget=forms.HiddenInput,
        error_messages={"required": gettext_lazy("Choose approve or decline.")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (shown to the person when declined)"),
        max_length=500,
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.pop("decision", None)
        if decision is not None:
            cleaned["approve"] = decision == "approve"
        return cleaned


def decision_queue(
    request,
    *,
    model,
    decide: Callable,
    template: str,
    url_name: str,
    approved_message: str,
    declined_message: str,
    related: tuple[str, ...],
):
    """The admin page of one kind of request: waiting ones oldest first, each with approve /
    decline (and a reason), then the fifty most recent decisions. ``decide(actor=, request_id=,
    approve=, reason=)`` is the service. The caller checks who may open it."""
    forms_by_id: dict[int, DecisionForm] = {}
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                decide(actor=request.user, **form.cleaned_data)
            except model.DoesNotExist:
                messages.error(request, _("That request no longer exists."))
            except ValidationError as error:
                forms_by_id[form.cleaned_data["request_id"]] = form
                form.add_error(None, error)
            else:
                messages.success(
                    request, approved_message if form.cleaned_data["approve"] else declined_message
                )
                return redirect(url_name)
        else:
            request_id = request.POST.get("request_id", "")
            if request_id.isdigit():
                forms_by_id[int(request_id)] = form
            else:
                messages.error(request, _("Choose a request to decide."))
    waiting = list(
        model.objects.filter(status=model.Status.PENDING)
        .select_related(*related)
        .order_by("requested_at")[:200]
    )
    for row in waiting:
        row.form = forms_by_id.get(row.pk) or DecisionForm(initial={"request_id": row.pk})
    return render(
        request,
        template,
        {
            "waiting": waiting,
            "decided": model.objects.exclude(status=model.Status.PENDING)
            .select_related(*related, "decided_by")
            .order_by("-decided_at")[:50],
        },
    )
