"""Background jobs: plain ids in, re-fetch, call the notification. Enqueued through core.jobs
on commit; each imports what it calls when it runs (notifications import this module)."""


def send_decision(event_id: int) -> bool:
    from .notifications import send_decision as send

    return send(event_id=event_id)


def send_referee_invitation(referee_id: int) -> bool:
    from .notifications import send_referee_invitation as send

    return send(referee_id=referee_id)
