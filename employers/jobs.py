"""Background jobs: ids in, re-fetch, call the service. Enqueued through core.jobs."""

from . import services


def roster_changes_for_certificate(certificate_id: int) -> int:
    return services.notify_roster_changes(certificate_ids=[certificate_id])


def send_roster_notification(notification_id: int) -> bool:
    return services.send_roster_notification(notification_id=notification_id)


def send_access_decision(request_id: int) -> bool:
    return services.send_access_decision(request_id=request_id)
