"""Steps the trainee browser tests share: answering an attempt's questions the way a person
would (clicking choices, choosing from lists, typing), given the right answers from the bank."""

from __future__ import annotations

from playwright.sync_api import Page

from assessments.models import AttemptQuestion


def fieldset(page: Page, aq: AttemptQuestion):
    return page.locator(f"fieldset.question[data-question-id='{aq.pk}']")


def answer_correctly(page: Page, aq: AttemptQuestion) -> None:
    """Click, pick or type the right answer to one question as it is shown (display order)."""
    content = aq.revision.content
    data, order, field = content["data"], aq.option_order, f"q-{aq.pk}"
    box = fieldset(page, aq)
    if aq.qtype in ("single", "true_false", "multiple"):
        for position, original in enumerate(order):
            if data["options"][original].get("correct"):
                box.locator(f"input[name='{field}'][value='{position}']").check()
    elif aq.qtype == "short":
        box.get_by_label("Your answer").fill(data["accepted_answers"][0])
    elif aq.qtype == "ordering":
        for position, original in enumerate(order):
            box.locator(f"select[name='{field}-{position}']").select_option(str(original + 1))
    elif aq.qtype == "matching":
        for row in range(len(order)):
            box.locator(f"select[name='{field}-{row}']").select_option(str(order.index(row)))
    else:  # essay: graded by hand later
        box.get_by_label("Your answer").fill(
            "I would stay calm, ask directly about safety and follow the safety plan."
        )


def attempt_questions(attempt) -> list[AttemptQuestion]:
    return list(
        AttemptQuestion.objects.filter(attempt=attempt)
        .select_related("revision")
        .order_by("position")
    )


def signed_in(page: Page, base: str, email: str) -> None:
    """Sign `email` in by handing the page's browser context a session cookie, made as the test
    client's force_login makes one, without loading a page. For tests that are not about
    signing in and go straight to another address afterwards: the sign-in form, its redirect
    and the page it lands on are left to the tests that click through them
    (tests/journey/helpers.py's sign_in, admin_sign_in)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(email=email))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": cookie.value,
                "url": base,
                "httpOnly": settings.SESSION_COOKIE_HTTPONLY,
                "sameSite": (settings.SESSION_COOKIE_SAMESITE or "Lax").capitalize(),
            }
        ]
    )


def on_the_attempt_page(page: Page, *, timeout: float) -> None:
    """Wait until the attempt page's script runs: it marks the form clean or dirty (data-state)
    as its last step, once its autosave listeners are attached. The form itself is there as
    soon as the HTML is parsed, before the deferred script; an answer clicked in between saves
    nothing (a loaded machine showed it: the status never left its first line)."""
    page.locator("#attempt-form[data-state]").wait_for(timeout=timeout)
