"""Background jobs: plain ids in, re-fetch, send. Enqueued through core.jobs after commit.

The services enqueue these jobs (importing this module), so each job imports what it calls
when it runs."""


def send_promotion(enrolment_id: int) -> bool:
    from .notifications import send_promotion as send  # notifications import this module

    return send(enrolment_id=enrolment_id)


def send_session_change(session_id: int, sequence: int) -> int:
    from .notifications import send_session_change as send  # notifications import this module

    return send(session_id=session_id, sequence=sequence)


def send_outside_decision(record_id: int) -> bool:
    from .notifications import send_outside_decision as send  # notifications import this module

    return send(record_id=record_id)
