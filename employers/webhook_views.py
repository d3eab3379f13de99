"""An employer's webhook endpoints: register one (its secret shown once), read its delivery
log, replay a delivery, switch it back on after it was disabled, remove it. Each page is the
employer's own: another employer's endpoint or delivery is a 404."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import selectors
from .actions import post_action
from .forms import WebhookEndpointForm
from .models import WebhookDelivery, WebhookEndpoint
from .services import webhooks as webhook_services
from .views import employer_required
from .webhooks import EVENT_LABELS


@employer_required
def webhooks_page(request):
    form = WebhookEndpointForm(request.POST or None)
    new_endpoint = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                new_endpoint = webhook_services.endpoint_create(
                    employer=request.user,
                    url=form.cleaned_data["url"],
                    description=form.cleaned_data["description"],
                    events=form.cleaned_data["events"],
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
                status = 400
            else:
                form = WebhookEndpointForm()
        else:
            status = 400
    # Rendered, not redirected: the secret must not pass through the messages cookie.
    return render(
        request,
        "employers/webhooks.html",
        {
            "form": form,
            "endpoints": selectors.webhook_endpoints(employer=request.user),
            "new_endpoint": new_endpoint,
            "event_labels": EVENT_LABELS,
        },
        status=status,
    )


def _own_endpoint(request, endpoint_id: int) -> WebhookEndpoint:
    try:
        return selectors.webhook_endpoint(employer=request.user, endpoint_id=endpoint_id)
    except WebhookEndpoint.DoesNotExist as error:
        raise Http404 from error


@employer_required
def webhook_detail(request, endpoint_id: int):
    endpoint = _own_endpoint(request, endpoint_id)
    return render(
        request,
        "employers/webhook_detail.html",
        {
            "endpoint": endpoint,
            "deliveries": selectors.webhook_deliveries(endpoint=endpoint),
            "event_labels": EVENT_LABELS,
        },
    )


@employer_required
def webhook_remove(request, endpoint_id: int):
    return post_action(
        request,
        act=lambda: webhook_services.endpoint_remove(
            employer=request.user, endpoint_id=endpoint_id
        ),
        missing=WebhookEndpoint.DoesNotExist,
        success=_("The endpoint is removed. Nothing more is sent to it."),
        then="employers:webhooks",
    )


@employer_required
def webhook_enable(request, endpoint_id: int):
    return post_action(
        request,
        act=lambda: webhook_services.endpoint_enable(
            employer=request.user, endpoint_id=endpoint_id
        ),
        missing=WebhookEndpoint.DoesNotExist,
        success=_("The endpoint is on again. Replay what it missed below."),
        then=lambda _endpoint: redirect("employers:webhook_detail", endpoint_id=endpoint_id),
    )


@employer_required
def webhook_replay(request, delivery_id: int):
    def back_to_its_endpoint():
        endpoint_id = selectors.webhook_delivery_endpoint_id(
            employer=request.user, delivery_id=delivery_id
        )
        return redirect("employers:webhook_detail", endpoint_id=endpoint_id)

    return post_action(
        request,
        act=lambda: webhook_services.replay(employer=request.user, delivery_id=delivery_id),
        missing=WebhookDelivery.DoesNotExist,
        success=_("Sent again, with the same webhook-id."),
        then=lambda delivery: redirect(
            "employers:webhook_detail", endpoint_id=delivery.endpoint_id
        ),
        refused=back_to_its_endpoint,
    )
