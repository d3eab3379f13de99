"""The signed-in person's home, where sign-in lands: each role's work (cms.homes), then their
own courses, certification progress and certificates. Each app contributes a read-only part;
the view itself only composes them.

The holder's part — their certificates with their CE cycles, and their next live session — is
cached rendered, per person, under their generation (every write to a certificate of theirs, its
events, endorsements and verification reports, their CE records, renewal applications and
lapses, their cohorts and those cohorts' sessions moves it on: cms/dashboard_state.py) and the
global ones it also reads (published content, programs, CE rules), keyed by the day (statuses
and CE deadlines move by day), the language and the person. A cached next session is used only
until it ends. The cards' forms carry this request's CSRF token: the entry holds a placeholder,
put in at each request, so no token is ever stored or shown to another session.

Each course card is cached rendered too, keyed by a digest of everything it shows (progress,
where to pick up, each module's and quiz's state, lock, reason and opening time), worked out at
each request from the trainee's cached rows: a cooldown ending or a module opening on its date
changes the key, not just a write. The attempts table is cached the same way. Every key also holds the person, the language, the host and
the fragments' template sources.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache as once

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import models
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from assessments.selectors import trainee_history
from certificates.selectors import holder_certificates
from cohorts.selectors import next_session_for
from continuing_education.cache import CE_RULES
from continuing_education.selectors import dashboard_ce
from core import generations
from courses.cache import CONTENT
from courses.selectors import dashboard_enrollments
from verification.templatetags.verification_reports import with_verified_by

from .application_home import PROGRAMS
from .homes import is_trainee, sections_for

HOLDER_KIND = "dashboard-holder"
COURSE_KIND = "dashboard-course"
ATTEMPTS_KIND = "dashboard-attempts"
# Stands in for the CSRF token in the cached HTML. A real (masked) token is 64 letters and
# digits, so it can never be taken for this, nor this for one.
CSRF_PLACEHOLDER = "csrf-token-put-in-per-request"
# What the cached fragments are rendered from: their sources are in every key, so that HTML
# rendered by an older template (a cache shared across a deploy) is never read.
FRAGMENT_TEMPLATES = (
    "cms/_dashboard_course.html",
    "components/progress.html",
    "courses/includes/outline.html",
    "courses/includes/outline_item.html",
    "cms/_dashboard_certificates.html",
    "certificates/_my_certificates.html",
    "verification/_verified_by.html",
    "continuing_education/_dashboard.html",
    "cms/_dashboard_next_session.html",
    "cohorts/_when.html",
    "cms/_dashboard_attempts.html",
    "assessments/includes/attempt_table.html",
)
_MISSING = generations.MISSING


@once
def templates_digest() -> str:
    digest = hashlib.blake2b(digest_size=8)
    for name in FRAGMENT_TEMPLATES:
        digest.update(get_template(name).template.source.encode())
    return digest.hexdigest()


def _get(name: str):
    return generations.read(name)


# --- the course cards --------------------------------------------------------------------------


class _Unknown(Exception):
    """A value the card picture cannot describe: the card is rendered afresh, not cached."""


_PLAIN = (type(None), bool, int, str, Decimal, date, datetime)
# type → the names of its dataclass fields (looked up once per type)
_FIELDS: dict[type, tuple[str, ...]] = {}


def _picture(value):
    """Plain, comparable data for everything a card shows: pages and other rows by their id
    (what a page says is the published content's, keyed by its generation), dataclasses field
    by field, lazy text as text in the active language."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dict:
        return ("dict", tuple((_picture(k), _picture(v)) for k, v in value.items()))
    if kind is list or kind is tuple:
        return tuple(_picture(item) for item in value)
    if isinstance(value, models.Model):
        return (value._meta.label, value.pk)
    fields = _FIELDS.get(kind)
    if fields is None and dataclasses.is_dataclass(value):
        fields = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value))
    if fields is not None:
        return (kind.__qualname__, tuple(_picture(getattr(value, name)) for name in fields))
    if isinstance(value, Promise | str):
        return str(value)
    if isinstance(value, set | frozenset):
        return ("set", tuple(sorted(repr(_picture(item)) for item in value)))
    if isinstance(value, list | tuple):
        return tuple(_picture(item) for item in value)
    raise _Unknown(kind.__name__)


def _card_digest(row: dict) -> str | None:
    """What one course card shows, as a digest: the course, progress, where to pick up and the
    outline with each module's and item's state, lock, reason, opening time and results —
    everything the card's template reads. None when something in it cannot be pictured."""
    outline = row.get("outline")
    shown = (
        [row.get(name) for name in ("course", "progress", "resume", "started", "current_module")],
        # What the outline template reads of it (its steps and pages are what these say again).
        (outline.modules, outline.items) if outline is not None else None,
    )
    try:
        picture = _picture(shown)
    except _Unknown:
        return None
    return hashlib.blake2b(repr(picture).encode(), digest_size=20).hexdigest()


def _rendered(
    request, *, kind: str, digest: str | None, template: str, context: dict
) -> SafeString:
    """A fragment rendered from `template`, from the cache when one showing exactly the same
    (`digest`: its content, worked out at this request) was rendered before for this person in
    this language and host. Nothing is cached while the person's or the content's generation is
    unsettled, nor when the content could not be pictured (digest None)."""
    names = (CONTENT, generations.user_name(request.user.pk))
    name = None
    if digest is not None and not generations.unsettled(*names):
        name = generations.key(
            kind,
            names,
            templates_digest(),
            request.get_host(),
            get_language(),
            request.user.pk,
            digest,
        )
        html = _get(name)
        if html is not _MISSING:
            return mark_safe(html)  # noqa: S308 (rendered by our templates)
    html = str(render_to_string(template, context, request))
    if name is not None and not generations.unsettled(*names):
        generations.write(name, html)
    return mark_safe(html)  # noqa: S308 (rendered by our templates)


def course_cards(request, rows: list[dict]) -> list[SafeString]:
    """Each course card, rendered: from the cache when a card showing exactly the same was
    rendered before for this person in this language. What a card shows depends on the time
    too (a quiz's cooldown ends, a module opens on a date); the key is the card's content
    itself, worked out at each request, so nothing that changed is read from an older entry."""
    return [
        _rendered(
            request,
            kind=COURSE_KIND,
            digest=_card_digest(row),
            template="cms/_dashboard_course.html",
            context={"row": row},
        )
        for row in rows
    ]


def _attempts_digest(rows: list[dict]) -> str:
    """What the attempts table shows, as a digest: each attempt's own fields the table reads
    (not only its id: a grade changes the row), its assessment, title and what its review
    shows now (which moves with the time: a window closing opens the review)."""
    picture = tuple(
        (
            row["attempt"].pk,
            row["attempt"].assessment_id,
            row["attempt"].number,
            row["attempt"].started_at,
            row["attempt"].state,
            row["attempt"].percent,
            row["attempt"].passed,
            row["attempt"].finished,
            str(row.get("title", "")),
            tuple(sorted(row["review"])),
        )
        for row in rows
    )
    return hashlib.blake2b(repr(picture).encode(), digest_size=20).hexdigest()


def attempts_table(request, rows: list[dict]) -> SafeString:
    """The trainee's attempts table, rendered: from the cache when a table showing exactly the
    same was rendered before for this person in this language (the key is its content)."""
    return _rendered(
        request,
        kind=ATTEMPTS_KIND,
        digest=_attempts_digest(rows),
        template="cms/_dashboard_attempts.html",
        context={"attempt_rows": rows},
    )


# --- the holder's certificates and next live session -------------------------------------------


@dataclass(frozen=True)
class HolderPart:
    """The holder's cards, rendered: what the cache keeps."""

    certificates: str
    next_session: str
    # When the next session shown ends: the entry is built afresh after that.
    until: datetime | None


def _holder_names(user) -> tuple[str, ...]:
    return (CONTENT, PROGRAMS, CE_RULES, generations.user_name(user.pk))


def _build_holder_part(request, *, today) -> HolderPart:
    user = request.user
    # The holder's certificates are read once, with their "verified by" lines in the same
    # query; the CE part takes its current ones (and the older ones its cycles start from)
    # from this list rather than reading them again.
    certificates = list(with_verified_by(holder_certificates(user=user)))
    context = {
        "certificates": certificates,
        "ce_rows": dashboard_ce(user=user, today=today, certificates=certificates),
        "issuer_name": settings.PEERCERT_ISSUER_NAME,
        "csrf_token": CSRF_PLACEHOLDER,
    }
    session = next_session_for(user=user)
    return HolderPart(
        certificates=str(render_to_string("cms/_dashboard_certificates.html", context, request)),
        next_session=str(
            render_to_string("cms/_dashboard_next_session.html", {"next_session": session}, request)
        ),
        until=session.ends_at if session is not None else None,
    )


def holder_part(request) -> dict[str, SafeString]:
    """The holder's certificates and CE cycles, and their next live session, as HTML with this
    request's CSRF token: from the cache when nothing they are built from has changed."""
    user = request.user
    today = timezone.localdate()
    names = _holder_names(user)
    part = _MISSING
    settled = not generations.unsettled(*names)
    if settled:
        name = generations.key(
            HOLDER_KIND,
            names,
            templates_digest(),
            request.get_host(),
            get_language(),
            today.isoformat(),
            user.pk,
        )
        part = _get(name)
        if part is not _MISSING and part.until is not None and part.until <= timezone.now():
            part = _MISSING  # the session it shows is over: the next one is another
    if part is _MISSING:
        part = _build_holder_part(request, today=today)
        if settled and not generations.unsettled(*names):
            generations.write(name, part)
    token = get_token(request)
    return {
        # Rendered by our templates; the token is letters and digits.
        "certificates": mark_safe(part.certificates.replace(CSRF_PLACEHOLDER, token)),  # noqa: S308
        "next_session": mark_safe(part.next_session),  # noqa: S308
    }


@login_required
def dashboard(request):
    """Each role's work first (cms.homes: one section per role held, with counts and links),
    then the trainee's own courses and certificates — for trainees, and for anyone with no
    other role yet (a new account is a trainee to be)."""
    user = request.user
    sections = sections_for(user)
    show_trainee = not sections or is_trainee(user)
    context = {
        "role_sections": sections,
        "show_trainee": show_trainee,
    }
    if show_trainee:
        attempt_rows = trainee_history(user=user)
        context.update(
            course_cards=course_cards(request, dashboard_enrollments(user=user)),
            attempt_rows=attempt_rows,
            attempts_table=attempts_table(request, attempt_rows) if attempt_rows else "",
            holder=holder_part(request),
        )
    # For the signed-in person only: cms.middleware marks it no-store.
    return render(request, "dashboard.html", context)
