"""The signed-in person's home: courses, certification progress and certificates in one place.
Each app contributes a read-only section; the view itself only composes them."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts import roles
from assessments.selectors import trainee_history
from certificates.selectors import holder_certificates
from cohorts.selectors import next_session_for
from continuing_education.selectors import dashboard_ce
from courses.selectors import dashboard_enrollments


@login_required
def dashboard(request):
    user = request.user
    # For the signed-in person only: cms.middleware marks it no-store.
    return render(
        request,
        "dashboard.html",
        {
            "enrollment_rows": dashboard_enrollments(user=user),
            "certificates": holder_certificates(user=user),
            "attempt_rows": trainee_history(user=user),
            "ce_rows": dashboard_ce(user=user),
            "next_session": next_session_for(user=user),
            "issuer_name": settings.PEERCERT_ISSUER_NAME,
            "is_supervisor": roles.has_role(user, roles.SUPERVISORS),
        },
    )
