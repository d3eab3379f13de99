"""Primary-source verification reports, employer side: ask for one from the roster, list
one's own, download one's own signed PDF. Another employer's report is a 404; anyone may
check a report's id at /verify/report/<id>/ (verification.views)."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from certificates.keys import IssuerKeyError
from core.http import no_store

from . import selectors
from .models import RosterEntry
from .services import reports
from .views import employer_required


@employer_required
@require_POST
def report_create(request, entry_id: int):
    try:
        report = reports.report_for_roster_entry(employer=request.user, entry_id=entry_id)
    except RosterEntry.DoesNotExist as error:
        raise Http404 from error
    except IssuerKeyError:
        messages.error(request, _("Reports cannot be signed at the moment. Try again later."))
        return redirect("employers:home")
    messages.success(
        request,
        _("Report %(id)s is ready: download the signed PDF below.") % {"id": report.display_id},
    )
    return redirect("employers:reports")


@employer_required
def report_list(request):
    return render(
        request,
        "employers/reports.html",
        {"reports": selectors.employer_reports(employer=request.user)},
    )


@employer_required
def report_pdf(request, report_id: str):
    report = selectors.employer_reports(employer=request.user).filter(report_id=report_id).first()
    if report is None or not report.pdf:
        raise Http404
    response = FileResponse(
        report.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"peercert-verification-report-{report.report_id}.pdf",
    )
    return no_store(response)
