"""The employer tools (roster, bulk verification, API keys, asking for access) and trainees'
share links. Views read through employers.selectors and write through employers.services.

Every page here but the shared one is for a signed-in person, which cms.middleware already
marks no-store; the shared page may be opened without an account, so it says so itself."""

from __future__ import annotations

import functools
from dataclasses import replace
from datetime import datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from certificates.keys import IssuerKeyError
from continuing_education.transcript import transcript_file_response, transcript_for
from core.csv import rows_to_text as csv_rows_to_text
from core.http import no_store
from core.uploads import body_limit
from verification.selectors import verify_many

from . import selectors
from .actions import post_action
from .forms import (
    MAX_CSV_BYTES,
    ApiKeyCreateForm,
    BulkVerifyForm,
    EmployerAccessForm,
    RosterAddForm,
    RosterImportForm,
    ShareLinkCreateForm,
)
from .models import ApiKey, RosterEntry, ShareLink
from .services import access, api_keys, bulk, roster, share_links
from .transcript_credential import (
    credential_response,
    shared_link_credential,
    signing_unavailable,
)
from .transcript_credential import transcript_credential as build_transcript_credential


def employer_required(view):
    """Signed-in members of the Employers group; anyone else signed in gets 403."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not selectors.is_employer(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


# --- asking for the employer tools -------------------------------------------------------------


@login_required
def access_request(request):
    """Anyone signed in may ask for the employer tools for their organisation; an administrator
    decides ("Employer access" in the admin)."""
    if selectors.is_employer(request.user):
        return redirect("employers:home")
    form = EmployerAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            access.employer_access_request(
                user=request.user, organisation=form.cleaned_data["organisation"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Your request was sent. You will get an e-mail when an "
                    "administrator has looked at it."
                ),
            )
            return redirect("employers:access")
    return render(
        request,
        "employers/access.html",
        {
            "form": form,
            "pending": selectors.pending_access_request(user=request.user),
            "declined": selectors.latest_declined_access_request(user=request.user),
        },
    )


# --- employer home and roster -----------------------------------------------------------------


@employer_required
def home(request):
    return _render_home(request, RosterAddForm())


def _render_home(request, add_form, *, import_form=None, import_report=None, status=200):
    entries = list(selectors.roster_entries(employer=request.user))
    response = render(
        request,
        "employers/home.html",
        {
            "entries": entries,
            "add_form": add_form,
            "import_form": import_form or RosterImportForm(),
            "import_report": import_report,
            "expiring_within_days": selectors.EXPIRING_WITHIN_DAYS,
            "changed_count": sum(1 for entry in entries if entry.changed),
            "expiring_count": sum(1 for entry in entries if entry.expiring_soon),
            "checked_at": timezone.now(),
            "organisation": selectors.approved_organisation(user=request.user),
        },
        status=status,
    )
    # Shown now: the next visit flags only what changes after this one.
    roster.roster_mark_seen(employer=request.user, entries=entries)
    return response


@employer_required
@require_POST
def roster_add(request):
    form = RosterAddForm(request.POST)
    if form.is_valid():
        try:
            roster.roster_add(
                employer=request.user,
                code=form.cleaned_data["code"],
                label=form.cleaned_data["label"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Added to your roster."))
            return redirect("employers:home")
    return _render_home(request, form, status=400)


@employer_required
@require_POST
@body_limit(MAX_CSV_BYTES)
def roster_import(request):
    """Follow many certificates from a CSV of codes: all of them, or none with a report of the
    lines to fix."""
    form = RosterImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            report = roster.roster_import(employer=request.user, data=form.cleaned_data["data"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if report.ok:
                messages.success(
                    request,
                    _(
                        "Added %(added)s to your roster; %(already)s were already on it and "
                        "%(repeat)s repeated a line above them."
                    )
                    % {
                        "added": report.added,
                        "already": report.count(roster.ALREADY),
                        "repeat": report.count(roster.REPEAT),
                    },
                )
                return redirect("employers:home")
            return _render_home(
                request, RosterAddForm(), import_form=form, import_report=report, status=400
            )
    return _render_home(request, RosterAddForm(), import_form=form, status=400)


@employer_required
def roster_export(request):
    """The roster as a CSV, through the project's formula-neutralising writer."""
    response = HttpResponse(
        csv_rows_to_text(selectors.roster_export_rows(employer=request.user)),
        content_type="text/csv; charset=utf-8",
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="peercert-roster-{stamp}.csv"'
    return response


@employer_required
def roster_remove(request, entry_id: int):
    return post_action(
        request,
        act=lambda: roster.roster_remove(employer=request.user, entry_id=entry_id),
        missing=RosterEntry.DoesNotExist,
        success=_("Removed from your roster."),
        then="employers:home",
    )


# --- bulk verification ------------------------------------------------------------------------


@employer_required
@body_limit(MAX_CSV_BYTES)
def bulk_verify(request):
    form = BulkVerifyForm(request.POST or None, request.FILES or None)
    results = None
    codes: list[str] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                codes = bulk.parse_codes_csv(form.cleaned_data["data"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                results = verify_many(codes)
                if request.POST.get("format") == "csv":
                    return _csv_download(results)
        if results is None:
            status = 400
    return render(
        request,
        "employers/bulk.html",
        {
            "form": form,
            "results": results,
            "codes_text": "\n".join(codes),
            "checked_at": timezone.now(),
            "found": sum(1 for r in results or [] if r["status"] != "not_found"),
        },
        status=status,
    )


def _csv_download(results: list[dict]) -> HttpResponse:
    response = HttpResponse(bulk.results_csv(results), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="peercert-verification-{stamp}.csv"'
    return response


# --- API keys ---------------------------------------------------------------------------------


@employer_required
def api_keys_page(request):
    form = ApiKeyCreateForm(request.POST or None)
    new_secret = None
    new_key = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            new_key, new_secret = api_keys.api_key_create(
                employer=request.user, name=form.cleaned_data["name"]
            )
            form = ApiKeyCreateForm()
        else:
            status = 400
    # Rendered, not redirected: the secret must not pass through the messages cookie.
    return render(
        request,
        "employers/api_keys.html",
        {
            "form": form,
            "keys": selectors.employer_api_keys(employer=request.user),
            "new_key": new_key,
            "new_secret": new_secret,
            "api_base": request.build_absolute_uri("/api/v1/"),
        },
        status=status,
    )


@employer_required
def api_key_revoke(request, key_id: int):
    return post_action(
        request,
        act=lambda: api_keys.api_key_revoke(employer=request.user, key_id=key_id),
        missing=ApiKey.DoesNotExist,
        success=_("The key is revoked. Requests that use it are now refused."),
        then="employers:api_keys",
    )


# --- share links (trainees) -------------------------------------------------------------------


# A new link's token is shown on the share page after the redirect that follows its creation,
# so a reload shows it again instead of creating another. It waits in the holder's own session,
# for a short while only: we otherwise keep nothing but its hash.
NEW_LINK_SESSION_KEY = "employers:new-share-link"
NEW_LINK_SHOWN_FOR = timedelta(minutes=15)


@login_required
def share(request):
    results = selectors.shareable_assessment_results(holder=request.user)
    form = ShareLinkCreateForm(request.POST or None, results=results)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                link, token = share_links.share_link_create(
                    holder=request.user,
                    label=form.cleaned_data["label"],
                    employer_email=form.cleaned_data["employer_email"] or "",
                    expires_at=form.cleaned_data["expires_at"],
                    include_transcript=form.cleaned_data["include_transcript"],
                    transcript_assessments=form.cleaned_data["transcript_assessments"],
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
                status = 400
            else:
                request.session[NEW_LINK_SESSION_KEY] = {
                    "id": link.pk,
                    "token": token,
                    "at": timezone.now().isoformat(),
                }
                messages.success(request, _("Your link is ready: copy it below."))
                return redirect(reverse("employers:share") + "#new-link")
        else:
            status = 400
    new_link, new_url = _new_link(request)
    return render(
        request,
        "employers/share.html",
        {
            "form": form,
            "links": selectors.holder_share_links(holder=request.user),
            "certificates": selectors.shared_certificates(holder=request.user),
            "new_link": new_link,
            "new_url": new_url,
            "new_link_minutes": int(NEW_LINK_SHOWN_FOR.total_seconds() // 60),
            "now": timezone.now(),
        },
        status=status,
    )


def _new_link(request) -> tuple[ShareLink | None, str | None]:
    """The link just created and its full URL, while it may still be shown."""
    held = request.session.get(NEW_LINK_SESSION_KEY)
    if not held:
        return None, None
    try:
        fresh = timezone.now() - datetime.fromisoformat(held["at"]) < NEW_LINK_SHOWN_FOR
    except (KeyError, TypeError, ValueError):
        fresh = False
    link = (
        selectors.holder_share_links(holder=request.user).filter(pk=held.get("id")).first()
        if fresh
        else None
    )
    if link is None or not link.is_usable:
        del request.session[NEW_LINK_SESSION_KEY]
        return None, None
    return link, request.build_absolute_uri(reverse("employers:shared", args=[held["token"]]))


@login_required
def share_revoke(request, link_id: int):
    return post_action(
        request,
        act=lambda: share_links.share_link_revoke(holder=request.user, link_id=link_id),
        missing=ShareLink.DoesNotExist,
        success=_("The link is revoked. It no longer opens anything."),
        then="employers:share",
    )


def shared(request, token: str):
    """What a trainee chose to share: certificates, completed courses, signed supervision
    hours and, if they ticked it, their transcript. Never e-mail, never assessment attempts or
    answers (a transcript shows only the best results the trainee chose)."""
    try:
        link = share_links.share_link_open(token=token, viewer=request.user)
    except ShareLink.DoesNotExist as error:
        raise Http404(_(share_links.EMPLOYER_NOT_FOUND_MESSAGE)) from error
    except share_links.ShareLinkNeedsSignIn:
        return redirect_to_login(request.get_full_path())
    except share_links.ShareLinkGone:
        response = render(request, "employers/shared_gone.html", status=410)
        return _shared_headers(response)
    holder = link.holder
    response = render(
        request,
        "employers/shared.html",
        {
            "link": link,
            "token": token,
            "holder_name": selectors.shared_holder_name(holder),
            "certificates": selectors.shared_certificates(holder=holder),
            "courses": selectors.shared_courses(holder=holder),
            "supervision": selectors.shared_supervision(holder=holder),
            "transcript": selectors.shared_transcript(link) if link.include_transcript else None,
            "checked_at": timezone.now(),
        },
    )
    return _shared_headers(response)


def _open_shared_transcript(request, token: str):
    """The link's transcript, or the answer to give instead. Revoked, expired, not sharing
    the transcript, not for this viewer: 404, the same as an unknown token."""
    try:
        link = share_links.share_link_open(token=token, viewer=request.user, transcript=True)
    except (ShareLink.DoesNotExist, share_links.ShareLinkGone) as error:
        raise Http404(_(share_links.EMPLOYER_NOT_FOUND_MESSAGE)) from error
    except share_links.ShareLinkNeedsSignIn:
        return None, redirect_to_login(request.get_full_path())
    return selectors.shared_transcript(link), None


def _shared_transcript_file(request, token: str, kind: str):
    transcript, refusal = _open_shared_transcript(request, token)
    if refusal is not None:
        return refusal
    return _shared_headers(transcript_file_response(transcript, kind=kind))


def shared_transcript_pdf(request, token: str):
    return _shared_transcript_file(request, token, "pdf")


def shared_transcript_csv(request, token: str):
    return _shared_transcript_file(request, token, "csv")


def shared_transcript_credential(request, token: str):
    """The shared transcript, with the certificates and courses the link shows, as one signed
    1EdTech CLR 2.0 credential: what an employer's verifier or a wallet can check on its own."""
    try:
        link = share_links.share_link_open(token=token, viewer=request.user, transcript=True)
    except (ShareLink.DoesNotExist, share_links.ShareLinkGone) as error:
        raise Http404(_(share_links.EMPLOYER_NOT_FOUND_MESSAGE)) from error
    except share_links.ShareLinkNeedsSignIn:
        return redirect_to_login(request.get_full_path())
    try:
        record = shared_link_credential(
            link=link,
            transcript=selectors.shared_transcript(link),
            certificates=selectors.shared_certificates(holder=link.holder),
        )
    except IssuerKeyError:
        return _shared_headers(signing_unavailable())
    return _shared_headers(credential_response(record))


@login_required
def my_transcript_credential(request):
    """The trainee's own transcript as a signed credential, with the parts they ticked on the
    share page: completed courses, continuing education by cycle, and certificates."""
    parts = set(request.GET.getlist("part"))
    wanted = [value for value in request.GET.getlist("certificate") if value.isdigit()]
    certificates = list(selectors.shared_certificates(holder=request.user).filter(pk__in=wanted))
    if not certificates and not parts & {"courses", "ce"}:
        messages.error(request, _("Tick at least one part of your record to put in it."))
        return redirect("employers:share")
    transcript = replace(
        transcript_for(user=request.user),
        holder_name=selectors.shared_holder_name(request.user),
    )
    try:
        record = build_transcript_credential(
            holder=request.user,
            transcript=transcript,
            source="download",
            certificates=certificates,
            include_courses="courses" in parts,
            include_ce="ce" in parts,
        )
    except IssuerKeyError:
        return signing_unavailable()
    return credential_response(record)


def _shared_headers(response):
    # Opened by a secret link, perhaps without an account: for this visitor only.
    no_store(response, private=True, noindex=True)
    # The token is in the URL: never send it on to another site.
    response["Referrer-Policy"] = "no-referrer"
    return response
