"""The signed-in person's home, where sign-in lands: each role's work (cms.homes), then their
own courses, certification progress and certificates. Each app contributes a read-only part;
the view itself only composes them."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from assessments.selectors import trainee_history
from certificates.selectors import holder_certificates
from cohorts.selectors import next_session_for
from continuing_education.selectors import dashboard_ce
from courses.selectors import dashboard_enrollments
from verification.templatetags.verification_reports import with_verified_by

from .homes import is_trainee, sections_for


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
        "issuer_name": settings.PEERCERT_ISSUER_NAME,
    }
    if show_trainee:
        # The holder's certificates are read once, with their "verified by" lines in the same
        # query; the CE part takes its current ones (and the older ones its cycles start from)
        # from this list rather than reading them again.
        certificates = list(with_verified_by(holder_certificates(user=user)))
        context.update(
            enrollment_rows=dashboard_enrollments(user=user),
            certificates=certificates,
            attempt_rows=trainee_history(user=user),
            ce_rows=dashboard_ce(user=user, certificates=certificates),
            next_session=next_session_for(user=user),
        )
    # For the signed-in person only: cms.middleware marks it no-store.
    return render(request, "dashboard.html", context)
