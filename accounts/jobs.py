"""E-mails about accounts, sent as jobs: ids in, re-fetch, safe to run twice.

Sending in the request would make it measurably slower exactly when an address has an account;
each sign-up and each reset request enqueues exactly one job, whatever the address.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.mail_language import in_language_of

from .models import EmailChange, User
from .tokens import email_change_token, signup_token_generator

logger = logging.getLogger(__name__)


def _under_hourly_cap(address: str) -> bool:
    """Count one e-mail to ``address`` this hour; False once over the cap. The key is a hash:
    addresses never go into the cache in the clear. A cache outage lets the mail through."""
    key = "account-mail:" + hashlib.sha256(address.strip().lower().encode()).hexdigest()
    try:
        cache.add(key, 0, timeout=3600)
        count = cache.incr(key)
    except Exception:
        logger.warning("account e-mail cap unavailable; sending", exc_info=True)
        return True
    return count <= settings.ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR


def _send(
    *, subject_template: str, body_template: str, context: dict, to: str, capped: bool = True
) -> None:
    if capped and not _under_hourly_cap(to):
        # Same answer to the visitor either way; the mailbox is simply not flooded.
        logger.warning("account e-mail not sent: its address is over the hourly cap")
        return
    # Subjects carry no personal data (mail subjects show on lock screens): they are fixed texts.
    # In the language of the account at that address, else of the account the mail is about
    # (core/mail_language.py), whoever triggered it.
    owner = User.objects.filter(email__iexact=to).first()
    with in_language_of(owner or context.get("user")):
        subject = "".join(render_to_string(subject_template, context).splitlines())
        send_mail(subject, render_to_string(body_template, context), None, [to])


def _context(user) -> dict:
    with in_language_of(user):  # links to the pages in the account's language
        return {
            "site_url": settings.SITE_URL,
            "login_url": settings.SITE_URL + reverse("login"),
            "reset_url": settings.SITE_URL + reverse("password_reset"),
            "user": user,
        }


def send_signup_confirmation(user_id: int) -> None:
    """The link that confirms a new address. Nothing is sent once the account is confirmed."""
    user = User.objects.filter(pk=user_id, is_active=False, signup_pending=True).first()
    if user is None:
        return
    with in_language_of(user):
        path = reverse(
            "signup_confirm",
            args=[
                urlsafe_base64_encode(force_bytes(user.pk)),
                signup_token_generator.make_token(user),
            ],
        )
    _send(
        subject_template="registration/signup_confirm_subject.txt",
        body_template="registration/signup_confirm_email.txt",
        context={**_context(user), "confirm_url": settings.SITE_URL + path},
        to=user.email,
    )


def send_signup_notice(user_id: int) -> None:
    """Someone signed up with an address that already has an account: tell its owner, not the
    visitor."""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return
    _send(
        subject_template="registration/signup_exists_subject.txt",
        body_template="registration/signup_exists_email.txt",
        context=_context(user),
        to=user.email,
    )


def send_password_reset(
    user_ids: list[int],
    domain: str,
    use_https: bool,
    subject_template: str = "registration/password_reset_subject.txt",
    email_template: str = "registration/password_reset_email.html",
) -> None:
    """Django's reset e-mail (the view's templates, the same link) for each account that may
    reset. ``user_ids`` is empty when the address has no such account: nothing is sent."""
    # Re-checked here: the account may have changed since the request (PasswordResetForm's policy).
    for user in User.objects.filter(pk__in=user_ids, is_active=True):
        if not user.has_usable_password():
            continue
        context = {
            "email": user.email,
            "domain": domain,
            "site_name": domain,
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "user": user,
            "token": default_token_generator.make_token(user),
            "protocol": "https" if use_https else "http",
        }
        _send(
            subject_template=subject_template,
            body_template=email_template,
            context=context,
            to=user.email,
        )


def _masked(email: str) -> str:
    """j…@example.org: enough for the owner to recognise, little for anyone else."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}…@{domain}"


def send_email_change_link(change_id: int) -> None:
    """The link that moves an account to a new address, sent to that address. Nothing once the
    change is confirmed or replaced."""
    change = (
        EmailChange.objects.select_related("user")
        .filter(pk=change_id, confirmed_at__isnull=True)
        .first()
    )
    if change is None:
        return
    path = reverse("email_change_confirm", args=[change.public_id, email_change_token(change)])
    _send(
        subject_template="registration/email_change_subject.txt",
        body_template="registration/email_change_email.txt",
        context={**_context(change.user), "confirm_url": settings.SITE_URL + path},
        to=change.new_email,
    )


def send_email_taken_notice(change_id: int) -> None:
    """Someone asked to move their account to an address that already has one: tell the
    address's owner, not the person asking."""
    change = EmailChange.objects.select_related("user").filter(pk=change_id).first()
    if change is None:
        return
    _send(
        subject_template="registration/email_taken_subject.txt",
        body_template="registration/email_taken_email.txt",
        context=_context(change.user),
        to=change.new_email,
    )


def send_email_changed_notice(change_id: int) -> None:
    """After the move: the old address learns of it, so a hijacked account is noticed."""
    change = (
        EmailChange.objects.select_related("user")
        .filter(pk=change_id, confirmed_at__isnull=False)
        .first()
    )
    if change is None:
        return
    _send(
        subject_template="registration/email_changed_subject.txt",
        body_template="registration/email_changed_email.txt",
        context={**_context(change.user), "new_email_masked": _masked(change.new_email)},
        to=change.old_email,
        capped=False,
    )  # a security notice: always sent


def send_account_closed_notice(user_id: int) -> None:
    """Tells the address that the account was closed, so a closure nobody asked for is noticed."""
    user = User.objects.filter(pk=user_id, is_active=False).first()
    if user is None:
        return  # reopened before the job ran
    _send(
        subject_template="registration/account_closed_subject.txt",
        body_template="registration/account_closed_email.txt",
        context=_context(user),
        to=user.email,
        capped=False,
    )  # a security notice: always sent
