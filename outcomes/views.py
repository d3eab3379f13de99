"""/programs/: the program administrators' outcome dashboard, its CSV files and the funder
report. Aggregates only: every figure passes through outcomes/tables.py, which hides the small
cells; nothing here names a person."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from core.csv import rows_to_text
from outcomes import privacy, report
from outcomes.selectors import Filters, filter_choices
from outcomes.tables import TABLE_KEYS, dashboard


def is_program_administrator(user) -> bool:
    return bool(user.is_authenticated and user.is_active) and (
        user.is_superuser or roles.has_role(user, roles.PROGRAM_ADMINISTRATORS)
    )


def program_administrators_only(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_program_administrator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _chosen(request, choices: dict, *, year_default: int | None = None) -> Filters:
    """The filters from the query string; anything that is not one of the choices is ignored
    (no error page for a hand-edited address)."""
    picked = {}
    for name in ("version", "cohort", "year"):
        raw = request.GET.get(name, "")
        allowed = {pk for pk, _label in choices[name]}
        value = int(raw) if raw.isdigit() and len(raw) < 10 else None
        picked[name] = value if value in allowed else None
    if picked["year"] is None and year_default is not None:
        picked["year"] = year_default
    return Filters(**picked)


@program_administrators_only
def outcomes_dashboard(request):
    choices = filter_choices()
    filters = _chosen(request, choices)
    board = dashboard(filters)
    return render(
        request,
        "outcomes/dashboard.html",
        {
            "board": board,
            "filters": filters,
            "choices": choices,
            "query": request.GET.urlencode() if filters.active else "",
            "explanation": privacy.EXPLANATION,
            "min_cell": privacy.MIN_CELL,
            "this_year": timezone.localdate().year,
        },
    )


def _filename(stem: str, filters: Filters) -> str:
    parts = [stem] + [f"{name}-{getattr(filters, name)}" for name in filters.active]
    return "-".join(parts)


@program_administrators_only
def table_csv(request):
    key = request.GET.get("table", "")
    if key not in TABLE_KEYS:
        raise Http404
    filters = _chosen(request, filter_choices())
    table = dashboard(filters).table(key)
    rows = [*table.csv_rows(), [], [_("Not shown: %(why)s.") % {"why": privacy.EXPLANATION}]]
    response = HttpResponse(rows_to_text(rows), content_type="text/csv; charset=utf-8")
    name = _filename(f"peercert-outcomes-{key}", filters)
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@program_administrators_only
def funder_report_csv(request):
    filters = _chosen(request, filter_choices(), year_default=timezone.localdate().year)
    board = dashboard(filters)
    response = HttpResponse(
        rows_to_text(report.csv_rows(board)), content_type="text/csv; charset=utf-8"
    )
    name = _filename("peercert-funder-report", filters)
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@program_administrators_only
def funder_report_pdf(request):
    filters = _chosen(request, filter_choices(), year_default=timezone.localdate().year)
    board = dashboard(filters)
    pdf = report.render_pdf(board, choices=filter_choices())
    response = HttpResponse(pdf, content_type="application/pdf")
    name = _filename("peercert-funder-report", filters)
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response
