"""The calibration report, in the Wagtail admin: for reviewers and superusers, who look after
the instruments and the people who score with them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from accounts import roles

from . import rules, selectors


def may_see_calibration(user) -> bool:
    return user.is_active and (user.is_superuser or roles.has_role(user, roles.REVIEWERS))


def calibration(request):
    if not may_see_calibration(request.user):
        raise PermissionDenied
    report = selectors.calibration_report()
    return render(
        request,
        "evaluations/admin/calibration.html",
        {"report": report, "DRIFT": rules.DRIFT, "TOO_FEW": rules.TOO_FEW},
    )
