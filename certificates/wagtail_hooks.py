from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.csv import writer as csv_writer
from core.decisions import decision_queue
from core.http import no_store
from evaluations.selectors import CONFLICTS_HOOK

from . import services
from .forms import (
    CertificateReissueForm,
    CertificateStatusForm,
    EndorsementGrantForm,
    ProvisionalExtensionForm,
    ReciprocityForm,
    status_actions_for,
)
from .models import (
    Certificate,
    CertificationProgram,
    CertifyingBody,
    NameChangeRequest,
    ProgramVersion,
    SupervisionEntry,
    SupervisorCredential,
)
from .selectors import AUDIT_HEADER, supervision_audit_rows


class CertifyingBodyViewSet(SnippetViewSet):
    model = CertifyingBody
    icon = "site"
    menu_label = gettext_lazy("Certifying bodies")


class CertificationProgramViewSet(SnippetViewSet):
    model = CertificationProgram
    icon = "doc-full-inverse"
    list_display = ["name", "credential_name", "abbreviation", "body"]
    menu_label = gettext_lazy("Programs")


class ProgramVersionViewSet(SnippetViewSet):
    model = ProgramVersion
    icon = "date"
    list_display = [
        "__str__",
        "effective_from",
        "effective_until",
        "min_total_hours",
        "practice_hours",
        "validity_months",
    ]
    menu_label = gettext_lazy("Program versions")


class SupervisorCredentialViewSet(SnippetViewSet):
    """Supervisors on file: their licence or certification, its dates, and the programs the
    board approved it for. Sign-offs are checked against it on each entry's date."""

    model = SupervisorCredential
    icon = "user"
    list_display = ["supervisor", "__str__", "valid_from", "expires_on"]
    menu_label = gettext_lazy("Supervisors on file")


class CertificationGroup(SnippetViewSetGroup):
    items = (
        CertifyingBodyViewSet,
        CertificationProgramViewSet,
        ProgramVersionViewSet,
        SupervisorCredentialViewSet,
    )
    menu_icon = "doc-full-inverse"
    menu_label = gettext_lazy("Certification")
    menu_name = "certification"


register_snippet(CertificationGroup)


def _require_manager(request):
    if not (request.user.is_superuser or request.user.has_perm("certificates.change_certificate")):
        raise PermissionDenied


def certificate_list(request):
    _require_manager(request)
    status = request.GET.get("status", "")
    certificates = Certificate.objects.select_related("version__program").order_by("-requested_at")
    if status:
        certificates = certificates.filter(status=status)
    return render(
        request,
        "certificates/admin/list.html",
        {
            "certificates": certificates[:200],
            "statuses": Certificate.Status.choices,
            "current_status": status,
        },
    )


def certificate_detail(request, pk: int):
    _require_manager(request)
    certificate = get_object_or_404(
        Certificate.objects.select_related("version__program", "holder"), pk=pk
    )
    status_form = CertificateStatusForm(prefix="status", certificate=certificate)
    reissue_form = CertificateReissueForm(
        prefix="reissue", initial={"holder_name": certificate.holder_name}
    )
    extension_form = ProvisionalExtensionForm(prefix="extend")
    endorsement_form = EndorsementGrantForm(prefix="endorse", certificate=certificate)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "extend":
                extension_form = ProvisionalExtensionForm(request.POST, prefix="extend")
                if extension_form.is_valid():
                    services.provisional_extend(
                        certificate_id=certificate.pk,
                        actor=request.user,
                        reason=extension_form.cleaned_data["reason"],
                    )
                    messages.success(request, _("Provisional stage extended."))
                    return redirect("certificates_admin_detail", pk=certificate.pk)
            elif action == "convert":
                new = services.provisional_convert(
                    certificate_id=certificate.pk, actor=request.user
                )
                messages.success(request, _("Full certificate requested."))
                return redirect("certificates_admin_detail", pk=new.pk)
            elif action == "endorse":
                endorsement_form = EndorsementGrantForm(
                    request.POST, prefix="endorse", certificate=certificate
                )
                if endorsement_form.is_valid():
                    services.endorsement_grant(
                        certificate_id=certificate.pk,
                        endorsement_id=endorsement_form.cleaned_data["endorsement"].pk,
                        actor=request.user,
                    )
                    messages.success(request, _("Endorsement added."))
                    return redirect("certificates_admin_detail", pk=certificate.pk)
            if action == "status":
                status_form = CertificateStatusForm(
                    request.POST, prefix="status", certificate=certificate
                )
                if status_form.is_valid():
                    if request.POST.get("confirmed") != "yes":
                        # Nothing changes until the administrator has seen which certificate
                        # and what status, and says yes.
                        return _confirm_status(request, certificate, status_form)
                    services.certificate_set_status(
                        certificate_id=certificate.pk,
                        actor=request.user,
                        by="staff",
                        **status_form.cleaned_data,
                    )
                    messages.success(
                        request,
                        _("%(serial)s is now %(status)s; the holder is being told by e-mail.")
                        % {
                            "serial": certificate.serial,
                            "status": Certificate.Status(
                                status_form.cleaned_data["to_status"]
                            ).label.lower(),
                        },
                    )
                    return redirect("certificates_admin_detail", pk=certificate.pk)
            elif action == "reissue":
                reissue_form = CertificateReissueForm(request.POST, prefix="reissue")
                if reissue_form.is_valid():
                    new = services.certificate_reissue(
                        certificate_id=certificate.pk,
                        actor=request.user,
                        **reissue_form.cleaned_data,
                    )
                    messages.success(request, _("Reissue requested."))
                    return redirect("certificates_admin_detail", pk=new.pk)
            elif action == "retry":
                services.reconcile_pending(older_than=timedelta(0))
                messages.success(request, _("Pending certificates re-enqueued."))
                return redirect("certificates_admin_detail", pk=certificate.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return render(
        request,
        "certificates/admin/detail.html",
        {
            "certificate": certificate,
            "events": certificate.events.select_related("actor"),
            "status_form": status_form,
            "status_actions": status_actions_for(certificate),
            "reissue_form": reissue_form,
            "extension_form": extension_form,
            "endorsement_form": endorsement_form,
            "public_actions": certificate.public_actions.all(),
        },
    )


def _confirm_status(request, certificate: Certificate, form: CertificateStatusForm):
    to_status = form.cleaned_data["to_status"]
    return render(
        request,
        "certificates/admin/confirm_status.html",
        {
            "certificate": certificate,
            "to_status": to_status,
            "to_status_label": Certificate.Status(to_status).label,
            "action_label": dict(status_actions_for(certificate))[to_status],
            "form": form,
            "reason": form.cleaned_data["reason"],
            "reason_public": form.cleaned_data["reason_public"],
        },
    )


def name_change_list(request):
    """Holders' new legal names: approve (account renamed, valid certificates reissued) or
    decline with a reason the holder sees."""
    _require_manager(request)
    return decision_queue(
        request,
        model=NameChangeRequest,
        decide=services.name_change_decide,
        template="certificates/admin/name_changes.html",
        url_name="certificates_name_changes",
        approved_message=_("Name change approved; valid certificates are being reissued."),
        declined_message=_("Name change declined."),
        related=("holder",),
    )


def reciprocity_new(request):
    """Record a transfer in from another IC&RC member board and issue this program's own
    certificate (certificate managers)."""
    _require_manager(request)
    form = ReciprocityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        holder = data.pop("holder")
        data.pop("holder_email")
        try:
            certificate = services.certificate_grant_reciprocal(
                trainee=holder, actor=request.user, **data
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("Reciprocal certificate requested."))
            return redirect("certificates_admin_detail", pk=certificate.pk)
    return render(
        request,
        "certificates/admin/reciprocity.html",
        {"form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


def supervision_audit_csv(request):
    """Every signed-off hour with the supervisor's credential on file on the entry's date, for
    a board's auditor (certificate managers only)."""
    _require_manager(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="supervised-hours-audit.csv"'
    out = csv_writer(response)
    out.writerow(AUDIT_HEADER)
    out.writerows(supervision_audit_rows())
    return no_store(response)


@hooks.register("register_admin_urls")
def register_certificate_admin_urls():
    return [
        path("certificates/reciprocity/", reciprocity_new, name="certificates_reciprocity"),
        path(
            "certificates/supervision-audit.csv",
            supervision_audit_csv,
            name="certificates_supervision_audit",
        ),
        path("certificates/", certificate_list, name="certificates_admin_list"),
        path("certificates/<int:pk>/", certificate_detail, name="certificates_admin_detail"),
        path("certificates/name-changes/", name_change_list, name="certificates_name_changes"),
    ]


class CertificatesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or request.user.has_perm("certificates.change_certificate")


@hooks.register("register_admin_menu_item")
def register_certificates_menu_item():
    return CertificatesMenuItem(
        gettext_lazy("Issued certificates"),
        reverse("certificates_admin_list"),
        icon_name="doc-full",
        order=900,
    )


@hooks.register("register_admin_menu_item")
def register_name_changes_menu_item():
    return CertificatesMenuItem(
        gettext_lazy("Name changes"),
        reverse("certificates_name_changes"),
        icon_name="user",
        order=905,
    )


@hooks.register(CONFLICTS_HOOK)
def supervisees_of(*, evaluator) -> list[int]:
    """A supervisor never scores the practical evaluation of someone whose hours they sign off
    (any entry naming them, whatever its status)."""
    return list(
        SupervisionEntry.objects.filter(supervisor=evaluator)
        .order_by()
        .values_list("trainee_id", flat=True)
        .distinct()
    )


@hooks.register("register_admin_menu_item")
def register_supervision_audit_menu_item():
    return CertificatesMenuItem(
        gettext_lazy("Supervised hours audit (CSV)"),
        reverse("certificates_supervision_audit"),
        icon_name="download",
        order=906,
    )


@hooks.register("register_admin_menu_item")
def register_reciprocity_menu_item():
    return CertificatesMenuItem(
        gettext_lazy("Reciprocity transfer"),
        reverse("certificates_reciprocity"),
        icon_name="link",
        order=907,
    )
