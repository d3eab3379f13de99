from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from certificates.models import Certificate
from core.uploads import body_limit

from . import selectors, services
from .forms import CEActivityForm
from .models import CEActivity, CECategory
from .transcript import assessment_results, transcript_file_response, transcript_for


@login_required
def activity_list(request):
    return render(
        request,
        "continuing_education/activity_list.html",
        {
            "activities": selectors.holder_activities(user=request.user),
            "ce_rows": selectors.dashboard_ce(user=request.user),
        },
    )


@login_required
@body_limit(services.MAX_PROOF_BYTES)
def activity_submit(request):
    categories = CECategory.objects.all()
    if request.method == "POST":
        form = CEActivityForm(
            request.POST.copy(), request.FILES, holder=request.user, categories=categories
        )
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.ce_activity_submit(
                    holder=request.user,
                    title=data["title"],
                    provider=data["provider"],
                    provider_approval_number=data["provider_approval_number"],
                    date=data["date"],
                    hours=data["hours"],
                    delivery_mode=data["delivery_mode"],
                    allocations=form.allocations(),
                    proof_data=form.proof_data,
                    proof_type=form.proof_type,
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                services.proof_discard(token=form.data.get("proof_token", ""))
                messages.success(
                    request,
                    _("Submitted. A reviewer will look at it; you will see the decision here."),
                )
                return redirect("continuing_education:activities")
    else:
        form = CEActivityForm(holder=request.user, categories=categories)
    return render(request, "continuing_education/activity_form.html", {"form": form})


@login_required
@require_POST
def activity_withdraw(request, activity_id: int):
    try:
        services.ce_activity_withdraw(activity_id=activity_id, holder=request.user)
    except CEActivity.DoesNotExist as error:
        raise Http404 from error
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Withdrawn."))
    return redirect("continuing_education:activities")


def proof_download(request, activity_id: int):
    """Proofs are private files: the owner and reviewers only, never a public media URL."""
    if not request.user.is_authenticated:
        raise Http404
    activity = get_object_or_404(CEActivity, pk=activity_id)
    if activity.holder_id != request.user.pk and not selectors.can_review(request.user):
        raise Http404  # not 403: do not confirm that the record exists
    if not activity.proof:
        raise Http404
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}.get(
        activity.proof_content_type, "bin"
    )
    # A download, never a page of this site: whatever a file might hide (its type is checked
    # and PDFs with active content are refused on upload), a browser neither sniffs it into
    # HTML nor runs it with this origin's rights.
    response = FileResponse(
        activity.proof.open("rb"),
        content_type=activity.proof_content_type or "application/octet-stream",
        as_attachment=True,
        filename=f"ce-proof-{activity.pk}.{extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_POST
def renew(request, certificate_id: int):
    certificate = get_object_or_404(Certificate, pk=certificate_id, holder=request.user)
    try:
        application = services.renewal_submit(certificate_id=certificate.pk, holder=request.user)
    except PermissionDenied as error:
        raise Http404 from error
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if application.status == application.Status.APPROVED:
            messages.success(request, _("Renewed. Your new certificate is being issued."))
        else:
            messages.success(
                request,
                _(
                    "Renewal submitted. A reviewer will decide; you will see "
                    "the result on your dashboard."
                ),
            )
    return redirect("dashboard")


def _included(request) -> set[int]:
    chosen = set()
    for value in request.GET.getlist("assessment"):
        if value.isdigit():
            chosen.add(int(value))
    return chosen


@login_required
def transcript_page(request):
    chosen = _included(request)
    return render(
        request,
        "continuing_education/transcript.html",
        {
            "t": transcript_for(user=request.user, include_assessments=chosen),
            "results": assessment_results(user=request.user),
            "chosen": chosen,
            "query": request.GET.urlencode(),
        },
    )


def _transcript_download(request, kind: str):
    transcript = transcript_for(user=request.user, include_assessments=_included(request))
    return transcript_file_response(transcript, kind=kind)


@login_required
def transcript_download_csv(request):
    return _transcript_download(request, "csv")


@login_required
def transcript_download_pdf(request):
    return _transcript_download(request, "pdf")
