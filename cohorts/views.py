"""/sessions/: a trainee's cohorts and sessions (join, check in, add to calendar, outside
training) and an instructor's rosters. Views read through selectors and write through services;
a cohort or session that is not the requester's to see is a 404, the same answer as one that
does not exist. The calendar feed is the one page without a sign-in: its token is the key."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.http import no_store
from core.mail_language import in_language_of

from . import calendar, rules, selectors, services
from .forms import CheckInForm, OutsideTrainingForm
from .models import Attendance, CheckIn, Cohort, OutsideTraining, Session

STATUS_FIELD = re.compile(r"^status-(\d+)$")


def _cohort_or_404(request, cohort_id: int) -> tuple[Cohort, str]:
    try:
        return selectors.cohort_for(user=request.user, cohort_id=cohort_id)
    except Cohort.DoesNotExist as error:
        raise Http404 from error


def _session_or_404(request, session_id: int) -> tuple[Session, str]:
    try:
        return selectors.session_for(user=request.user, session_id=session_id)
    except Session.DoesNotExist as error:
        raise Http404 from error


def _instructor_session_or_404(request, session_id: int) -> Session:
    session, role = _session_or_404(request, session_id)
    if role != selectors.INSTRUCTOR:
        raise Http404
    return session


def _feed_context(request) -> dict:
    feed = selectors.feed_of(request.user)
    url = None
    if feed is not None and services.feed_is_current(feed):
        url = request.build_absolute_uri(reverse("cohorts:feed", args=[services.feed_token(feed)]))
    return {"feed": feed, "feed_url": url}


@login_required
def home(request):
    user = request.user
    home = selectors.home_for(user=user)
    return render(
        request,
        "cohorts/home.html",
        {"home": home, "is_instructor": selectors.is_instructor(user), **_feed_context(request)},
    )


@login_required
def cohort(request, cohort_id: int):
    cohort, role = _cohort_or_404(request, cohort_id)
    enrolment = selectors.enrolment_of(user=request.user, cohort=cohort)
    return render(
        request,
        "cohorts/cohort.html",
        {
            "cohort": cohort,
            "role": role,
            "enrolment": enrolment,
            "position": selectors.waitlist_position(enrolment) if enrolment else None,
            "sessions": selectors.sessions_of(cohort),
            "enrolled": selectors.enrolled_count(cohort),
            "waiting": len(selectors.waitlist(cohort)),
            "instructors": cohort.instructors.all(),
            "sees_private": role in selectors.SEES_PRIVATE,
            "now": timezone.now(),
        },
    )


@login_required
@require_POST
def join(request, cohort_id: int):
    cohort, _role = _cohort_or_404(request, cohort_id)
    try:
        enrolment = services.cohort_join(trainee=request.user, cohort_id=cohort.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if enrolment.status == enrolment.Status.ENROLLED:
            messages.success(request, _("You have a place in this cohort."))
        else:
            messages.success(
                request,
                _(
                    "The cohort is full: you are on the waitlist and will be e-mailed if a place frees up."
                ),
            )
    return redirect("cohorts:cohort", cohort_id=cohort.pk)


@login_required
@require_POST
def withdraw(request, cohort_id: int):
    cohort, role = _cohort_or_404(request, cohort_id)
    if role not in (selectors.MEMBER, selectors.WAITLISTED):
        raise Http404
    try:
        services.cohort_withdraw(trainee=request.user, cohort_id=cohort.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("cohorts:cohort", cohort_id=cohort.pk)
    messages.success(request, _("You have left the cohort."))
    return redirect("cohorts:home")


def _session_page(request, session: Session, role: str, *, checkin_form=None, status=200):
    user = request.user
    now = timezone.now()
    context = {
        "session": session,
        "cohort": session.cohort,
        "role": role,
        "is_instructor": role == selectors.INSTRUCTOR,
        "window_state": session.window().state(now),
        "window": session.window(),
    }
    if role == selectors.MEMBER:
        checkin = selectors.checkin_of(session=session, trainee=user)
        attendance = selectors.attendance_of(session=session, trainee=user)
        context.update(
            checkin=checkin,
            attendance=attendance,
            checkin_form=checkin_form or CheckInForm(),
            # The form is offered while check-in is open and nothing is recorded yet; a refusal
            # after that (a second check-in, a closed window) is shown above the status.
            show_form=not (attendance or checkin or session.cancelled)
            and context["window_state"] == rules.OPEN,
        )
    return render(request, "cohorts/session.html", context, status=status)


@login_required
def session(request, session_id: int):
    session, role = _session_or_404(request, session_id)
    return _session_page(request, session, role)


@login_required
@require_GET
def session_ics(request, session_id: int):
    session, _role = _session_or_404(request, session_id)
    response = HttpResponse(calendar.single(session), content_type=calendar.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="session-{session.pk}.ics"'
    return response


@login_required
@require_POST
def checkin(request, session_id: int):
    session, role = _session_or_404(request, session_id)
    if role != selectors.MEMBER:
        raise Http404
    form = CheckInForm(request.POST)
    if form.is_valid():
        try:
            services.checkin_submit(
                trainee=request.user, session_id=session.pk, code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            form.add_error("code", error.messages)
        else:
            messages.success(
                request, _("You are checked in. Your instructor confirms it on the roster.")
            )
            return redirect("cohorts:session", session_id=session.pk)
    return _session_page(request, session, role, checkin_form=form, status=400)


def _roster_page(request, session: Session, *, errors=None, posted=None, status=200):
    rows = selectors.roster(session)
    errors = errors or {}
    for row in rows:
        row.error = errors.get(str(row.trainee.pk))
        if posted is not None:  # what was typed stays on the page while it is corrected
            row.posted_status = posted.get(f"status-{row.trainee.pk}", "")
            row.posted_minutes = posted.get(f"minutes-{row.trainee.pk}", "")
            row.posted_joined = posted.get(f"joined-{row.trainee.pk}", "")
        else:
            mark = row.attendance
            row.posted_status = mark.status if mark else ""
            row.posted_minutes = str(mark.minutes) if mark and mark.status in rules.PARTIAL else ""
            row.posted_joined = mark.joined if mark else ""
    now = timezone.now()
    code = selectors.current_code(session, now=now)
    return render(
        request,
        "cohorts/roster.html",
        {
            "code_until": timezone.localtime(code.expires_at, session.cohort.zone)
            if code
            else None,
            "session": session,
            "cohort": session.cohort,
            "rows": rows,
            "waiting_checkins": [r for r in rows if r.checkin and r.checkin.status == "waiting"],
            "code": code,
            "window_state": session.window().state(now),
            "started": now >= session.starts_at,
            "statuses": Attendance.Status.choices,
            "joined_choices": Attendance.Joined.choices,
            "other_errors": errors.get("__all__"),
        },
        status=status,
    )


@login_required
def roster(request, session_id: int):
    session = _instructor_session_or_404(request, session_id)
    if request.method != "POST":
        return _roster_page(request, session)
    marks = []
    for key in request.POST:
        match = STATUS_FIELD.match(key)
        if not match or not request.POST[key]:
            continue
        trainee_id = int(match.group(1))
        marks.append(
            services.Mark(
                trainee_id=trainee_id,
                status=request.POST[key],
                minutes=request.POST.get(f"minutes-{trainee_id}"),
                joined=request.POST.get(f"joined-{trainee_id}") or None,
            )
        )
    try:
        services.attendance_mark(instructor=request.user, session_id=session.pk, marks=marks)
    except ValidationError as error:
        errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        messages.error(request, _("Nothing was saved: correct the rows marked below."))
        return _roster_page(request, session, errors=errors, posted=request.POST, status=400)
    except PermissionDenied as error:
        raise Http404 from error
    messages.success(request, _("Attendance saved."))
    return redirect("cohorts:roster", session_id=session.pk)


@login_required
@require_POST
def issue_code(request, session_id: int):
    session = _instructor_session_or_404(request, session_id)
    try:
        services.checkin_code_issue(instructor=request.user, session_id=session.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(reverse("cohorts:roster", args=[session.pk]) + "#check-in-code")


@login_required
@require_POST
def confirm_checkin(request, checkin_id: int):
    checkin = CheckIn.objects.select_related("session").filter(pk=checkin_id).first()
    if checkin is None:
        raise Http404
    session = _instructor_session_or_404(request, checkin.session_id)
    try:
        services.checkin_confirm(
            instructor=request.user,
            checkin_id=checkin.pk,
            joined=request.POST.get("joined") or None,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:
        raise Http404 from error
    else:
        messages.success(request, _("Check-in confirmed."))
    return redirect("cohorts:roster", session_id=session.pk)


# --- calendars -------------------------------------------------------------------------------


@require_GET
def feed(request, token: str):
    """The private feed: the token is the only key, so an unknown or revoked one is a 404 like
    any address that does not exist."""
    owner = selectors.feed_owner(services.token_sha256(token))
    if owner is None:
        raise Http404
    # A calendar app sends no language of its own: the feed is in its owner's.
    with in_language_of(owner):
        body = calendar.calendar(selectors.calendar_sessions(owner), name=_("PeerCert sessions"))
    response = HttpResponse(body, content_type=calendar.CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="peercert-sessions.ics"'
    # The token is a secret: no cache or referrer may keep it.
    response["Referrer-Policy"] = "no-referrer"
    return no_store(response, private=True, noindex=True)


@login_required
@require_POST
def calendar_settings(request):
    action = request.POST.get("action")
    if action == "enable":
        services.calendar_feed_enable(user=request.user)
        messages.success(request, _("Your calendar address is ready. Keep it to yourself."))
    elif action == "renew":
        services.calendar_feed_renew(user=request.user)
        messages.success(request, _("New calendar address made; the old one no longer works."))
    elif action == "revoke":
        services.calendar_feed_revoke(user=request.user)
        messages.success(request, _("Calendar address turned off; it no longer works."))
    return redirect(reverse("cohorts:home") + "#calendar")


# --- outside training ------------------------------------------------------------------------


@login_required
def outside_new(request):
    form = OutsideTrainingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.outside_training_submit(
                trainee=request.user,
                title=data["title"],
                provider=data["provider"],
                approval_number=data["approval_number"],
                started_on=data["started_on"],
                ended_on=data["ended_on"],
                delivery=data["delivery"],
                hours_by_domain=form.hours_by_domain(),
                hours_by_topic=form.hours_by_topic(),
                certificate_data=form.certificate_data,
                certificate_type=form.certificate_type,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Sent for review. You will be e-mailed the decision."))
            return redirect(reverse("cohorts:home") + "#outside")
    return render(
        request,
        "cohorts/outside_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


def _outside_for(request, record_id: int) -> OutsideTraining:
    record = OutsideTraining.objects.filter(pk=record_id).first()
    if record is None:
        raise Http404
    if record.trainee_id != request.user.pk and not selectors.can_review(request.user):
        raise Http404
    return record


@login_required
@require_GET
def outside_certificate(request, record_id: int):
    record = _outside_for(request, record_id)
    if not record.certificate:
        raise Http404
    response = FileResponse(
        record.certificate.open("rb"), content_type=record.certificate_type or "application/pdf"
    )
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def outside_withdraw(request, record_id: int):
    record = _outside_for(request, record_id)
    if record.trainee_id != request.user.pk:
        raise Http404
    try:
        services.outside_training_withdraw(trainee=request.user, record_id=record.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Withdrawn."))
    return redirect(reverse("cohorts:home") + "#outside")
