"""Sign-up that does not reveal whether an address has an account.

Whatever the address, the visitor gets the same answer ("check your e-mail"), the request does
the same expensive work (one password hash, one job enqueued), and only the mailbox learns
which case it was: a confirmation link for a new address, a "you already have an account"
notice for a known one.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.jobs import enqueue

from . import jobs
from .models import EmailChange, User
from .signals import account_closed
from .tokens import email_change_token, signup_token_generator


def normalise_email(email: str) -> str:
    return email.strip().lower()


@transaction.atomic
def signup_request(*, email: str, first_name: str, last_name: str, password: str) -> None:
    email = normalise_email(email)
    now = timezone.now()
    existing = User.objects.select_for_update().filter(email__iexact=email).first()
    if existing is None:
        user = User(
            email=email,
            first_name=first_name,
            last_name=last_name,
            is_active=False,
            signup_pending=True,
            signup_attempted_at=now,
            # The language they signed up in: their e-mails start in it (core/mail_language.py).
            preferred_language=get_language() if get_language() in dict(settings.LANGUAGES) else "",
        )
        user.set_password(password)
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:
            # The same address signed up a moment ago in another request: treat it as that.
            existing = User.objects.select_for_update().get(email__iexact=email)
        else:
            enqueue(jobs.send_signup_confirmation, user.pk)
            return
    if existing.signup_pending and not existing.is_active:
        # Never confirmed: the newest sign-up replaces the pending one. Its password hash
        # changes, so links sent for earlier sign-ups stop working (tokens.py).
        existing.first_name, existing.last_name = first_name, last_name
        existing.signup_attempted_at = now
        existing.set_password(password)
        existing.save(update_fields=["first_name", "last_name", "password", "signup_attempted_at"])
        enqueue(jobs.send_signup_confirmation, existing.pk)
        return
    # A real account (or one an administrator switched off): nothing about it changes. Hash the
    # password anyway and write one row, so this answer takes as long as creating an account.
    make_password(password)
    User.objects.filter(pk=existing.pk).update(signup_attempted_at=now)
    enqueue(jobs.send_signup_notice, existing.pk)


def _pending_user(*, uidb64: str, token: str, lock: bool = False) -> User | None:
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    users = User.objects.select_for_update() if lock else User.objects.all()
    user = users.filter(pk=pk, is_active=False, signup_pending=True).first()
    if user is None or not signup_token_generator.check_token(user, token):
        return None
    return user


def user_for_confirmation(*, uidb64: str, token: str) -> User | None:
    """The pending account the link confirms, or None when the link is not (or no longer)
    valid."""
    return _pending_user(uidb64=uidb64, token=token)


@transaction.atomic
def signup_confirm(*, request, uidb64: str, token: str) -> User | None:
    """Activate the account the link names and sign its owner in; None for a bad link."""
    user = _pending_user(uidb64=uidb64, token=token, lock=True)
    if user is None:
        return None
    user.is_active = True
    user.signup_pending = False
    user.save(update_fields=["is_active", "signup_pending"])
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return user


# --- changing the sign-in address ------------------------------------------------------------

EMAIL_CHANGE_TIMEOUT = timedelta(days=3)
EMAIL_UNCHANGED = "This is already your sign-in address."
EMAIL_TAKEN_AT_CONFIRMATION = (
    "That address now belongs to another account, so your address was not changed."
)


@transaction.atomic
def email_change_request(*, user: User, new_email: str) -> EmailChange:
    """Send a confirmation link to the new address; the account keeps its address until the
    link is opened. An address that already has an account gets a notice instead of a link,
    and the person asking sees the same answer either way (no way to test who has an account)."""
    new_email = normalise_email(new_email)
    if new_email == user.email.lower():
        raise ValidationError({"new_email": _(EMAIL_UNCHANGED)})
    EmailChange.objects.filter(user=user, confirmed_at__isnull=True).delete()
    change = EmailChange.objects.create(user=user, old_email=user.email, new_email=new_email)
    if User.objects.filter(email__iexact=new_email).exists():
        enqueue(jobs.send_email_taken_notice, change.pk)
    else:
        enqueue(jobs.send_email_change_link, change.pk)
    return change


def _open_change(*, public_id, token: str, lock: bool = False) -> EmailChange | None:
    changes = EmailChange.objects.select_related("user")
    if lock:
        changes = changes.select_for_update(of=("self", "user"))
    change = changes.filter(public_id=public_id, confirmed_at__isnull=True).first()
    if (
        change is None
        or timezone.now() - change.requested_at > EMAIL_CHANGE_TIMEOUT
        or not change.user.is_active
        or not constant_time_compare(email_change_token(change), token)
    ):
        return None
    return change


def email_change_for_link(*, public_id, token: str) -> EmailChange | None:
    """The change a link confirms, or None when the link is not (or no longer) valid."""
    return _open_change(public_id=public_id, token=token)


@transaction.atomic
def email_change_confirm(*, public_id, token: str) -> EmailChange | None:
    """Move the account to its new address and tell the old one. None for a bad link; a
    ValidationError when the address was taken since the link was sent."""
    change = _open_change(public_id=public_id, token=token, lock=True)
    if change is None:
        return None
    if User.objects.filter(email__iexact=change.new_email).exclude(pk=change.user_id).exists():
        raise ValidationError(_(EMAIL_TAKEN_AT_CONFIRMATION))
    User.objects.filter(pk=change.user_id).update(email=change.new_email)
    change.confirmed_at = timezone.now()
    change.save(update_fields=["confirmed_at"])
    enqueue(jobs.send_email_changed_notice, change.pk)
    return change


def work_digest_set(*, user: User, enabled: bool) -> None:
    User.objects.filter(pk=user.pk).update(work_digest=enabled)
    user.work_digest = enabled


# --- closing an account --------------------------------------------------------------------------


@transaction.atomic
def account_close(*, user: User) -> None:
    """Close one's own account at once: sign-in off, and every app switches off what shows the
    person to others or waits on them (`account_closed` receivers: share links, API keys, an
    employer's roster, enrolments, waiting requests). Certificates stay verifiable as the
    issuer's record until they expire, and training records are kept as certification boards
    require; an administrator can reopen the account (Settings → Users → active)."""
    now = timezone.now()
    User.objects.filter(pk=user.pk).update(is_active=False)
    EmailChange.objects.filter(user=user, confirmed_at__isnull=True).delete()
    account_closed.send(sender=User, user=user, at=now)
    enqueue(jobs.send_account_closed_notice, user.pk)
