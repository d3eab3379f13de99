"""Background jobs for assessments: ids in, re-fetch, safe to run twice."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from core.mail_language import in_language_of

from .models import Attempt, AttemptState


def send_result_email(attempt_id: int) -> None:
    """Tell the trainee a hand-graded attempt has its final result. The subject and body carry no
    score: the trainee reads it after signing in. Re-sending is harmless."""
    attempt = Attempt.objects.select_related("trainee", "assessment").filter(pk=attempt_id).first()
    if attempt is None or attempt.state != AttemptState.GRADED:
        return
    # In the trainee's language (core/mail_language.py), the review link included.
    with in_language_of(attempt.trainee):
        url = settings.SITE_URL + reverse("assessments:review", args=[attempt.pk])
        body = render_to_string(
            "assessments/emails/result_ready.txt",
            {"attempt": attempt, "assessment": attempt.assessment, "url": url},
        )
        send_mail(_("Your assessment result is ready"), body, None, [attempt.trainee.email])
