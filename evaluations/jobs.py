"""Background jobs: plain ids in, re-fetch, send. Enqueued through core.jobs after commit.

The services enqueue these jobs (importing this module), so each job imports what it calls
when it runs."""


def send_result(evaluation_id: int) -> bool:
    from .notifications import send_result as send  # notifications import this module

    return send(evaluation_id=evaluation_id)


def send_schedule_notice(evaluation_id: int) -> bool:
    from .notifications import send_schedule_notice as send  # notifications import this module

    return send(evaluation_id=evaluation_id)
