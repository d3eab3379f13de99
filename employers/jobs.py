"""Background jobs: ids in, re-fetch, call the service. Enqueued through core.jobs.

The services and notifications import this module to enqueue these jobs, so each job imports
what it calls when it runs (a module-level import would be a circle)."""


def roster_changes_for_certificate(certificate_id: int) -> int:
    from .services.roster import notify_roster_changes  # circle: see the module docstring

    return notify_roster_changes(certificate_ids=[certificate_id])


def send_roster_notification(notification_id: int) -> bool:
    from .notifications import send_roster_notification as send  # circle: module docstring

    return send(notification_id=notification_id)


def send_access_decision(request_id: int) -> bool:
    from .notifications import send_access_decision as send  # circle: module docstring

    return send(request_id=request_id)


def fan_out_webhooks(certificate_id: int) -> int:
    from .services.webhooks import fan_out  # circle: see the module docstring

    return fan_out(certificate_id=certificate_id)


def deliver_webhook(delivery_id: int) -> str:
    from .services.webhooks import deliver  # circle: see the module docstring

    return deliver(delivery_id=delivery_id)


def send_endpoint_disabled(endpoint_id: int) -> bool:
    from .notifications import send_endpoint_disabled as send  # circle: module docstring

    return send(endpoint_id=endpoint_id)


def retry_due_webhooks() -> int:
    """The scheduler's tick (cms/scheduler.py): send the deliveries whose next try is due.
    Without Redis this is what retries a failed delivery; with it, what a lost job left."""
    from .services.webhooks import retry_due  # circle: see the module docstring

    return retry_due()
