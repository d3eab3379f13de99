"""Background jobs: plain ids in, re-fetch, call the service. Enqueued through core.jobs."""

from . import services


def issue_certificate(certificate_id: int) -> None:
    services.certificate_issue(certificate_id=certificate_id)


def reconcile_certificates() -> int:
    return services.reconcile_pending()


def send_supervision_digest(supervisor_id: int) -> bool:
    from .notifications import send_supervision_digest as send

    return send(supervisor_id=supervisor_id)


def send_entry_returned(entry_id: int) -> bool:
    from .notifications import send_entry_returned as send

    return send(entry_id=entry_id)


def send_name_change_decision(request_id: int) -> bool:
    from .notifications import send_name_change_decision as send

    return send(request_id=request_id)
