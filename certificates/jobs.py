"""Background jobs: plain ids in, re-fetch, call the service. Enqueued through cms.jobs."""

from . import services


def issue_certificate(certificate_id: int) -> None:
    services.certificate_issue(certificate_id=certificate_id)


def reconcile_certificates() -> int:
    return services.reconcile_pending()
