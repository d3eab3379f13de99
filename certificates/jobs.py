"""Background jobs: plain ids in, re-fetch, call the service. Enqueued through core.jobs.

The services and notifications enqueue these jobs (importing this module), so each job imports
what it calls when it runs."""


def issue_certificate(certificate_id: int) -> None:
    from .services import certificate_issue  # services import this module to enqueue

    certificate_issue(certificate_id=certificate_id)


def reconcile_certificates() -> int:
    from .services import reconcile_pending  # services import this module to enqueue

    return reconcile_pending()


def send_supervision_digest(supervisor_id: int) -> bool:
    from .notifications import send_supervision_digest as send  # notifications import this

    return send(supervisor_id=supervisor_id)


def send_entry_returned(entry_id: int) -> bool:
    from .notifications import send_entry_returned as send  # notifications import this

    return send(entry_id=entry_id)


def send_name_change_decision(request_id: int) -> bool:
    from .notifications import send_name_change_decision as send  # notifications import this

    return send(request_id=request_id)


def send_status_notice(event_id: int) -> bool:
    from .notifications import send_status_notice as send  # notifications import this

    return send(event_id=event_id)


def send_extension_decision(request_id: int) -> bool:
    from .notifications import send_extension_decision as send  # notifications import this

    return send(request_id=request_id)
