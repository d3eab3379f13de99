"""The signed-in person's home: courses, certification progress and certificates in one place.
Each app contributes a read-only section; the view itself only composes them."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from certificates.selectors import holder_certificates
from courses.selectors import dashboard_enrollments


def _assessment_history(user):
    try:
        from assessments.selectors import dashboard_attempts
    except ImportError:
        return None
    return dashboard_attempts(user=user)


def _continuing_education(user):
    try:
        from continuing_education.selectors import dashboard_ce
    except ImportError:
        return None
    return dashboard_ce(user=user)


@login_required
def dashboard(request):
    user = request.user
    response = render(
        request,
        "dashboard.html",
        {
            "enrollment_rows": dashboard_enrollments(user=user),
            "certificates": holder_certificates(user=user),
            "attempt_rows": _assessment_history(user),
            "ce_rows": _continuing_education(user),
            "issuer_name": settings.PEERCERT_ISSUER_NAME,
            "is_supervisor": user.groups.filter(name="Supervisors").exists(),
        },
    )
    response["Cache-Control"] = "no-store, private"
    return response
