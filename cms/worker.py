"""The rq worker PeerCert runs (`manage.py rqworker default` picks it up from settings.RQ).

rq forks a work horse per job, so a job that crashes or hangs never takes the worker down. The
price is that whatever a job warms up dies with its horse: issuer keys, WeasyPrint's font
configuration, template caches. Warming them once in the parent lets every fork inherit them;
measured here, that is the difference between ~1.4 s and ~0.2 s per certificate.
"""

from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import connections
from rq.worker import Worker

from certificates.keys import get_issuer_keys

logger = logging.getLogger(__name__)


def warm_up() -> None:
    try:
        # In the try: a worker whose WeasyPrint cannot load still runs every other job.
        from certificates.pdf import render_certificate_pdf

        get_issuer_keys(settings.ISSUER_KEY_DIR)
        render_certificate_pdf(
            {
                "holder_name": "Warm Up",
                "program_title": "Peer Recovery Specialist",
                "program_version_label": "warm-up",
                "issuer_name": settings.PEERCERT_ISSUER_NAME,
                "issued_on": date(2026, 1, 1),
                "expires_on": date(2028, 1, 1),
                "serial": "WARM-UP",
                "verification_code": "0000-0000-0000-0000-0000",
                "verification_url": f"{settings.SITE_URL}/verify/00000000000000000000/",
                "hours_total": Decimal("46"),
                "hours_by_domain": [("Advocacy", Decimal("10"))],
            }
        )
    except Exception:
        # A worker without keys still runs every other job; certificate jobs record the error.
        logger.warning("worker warm-up skipped", exc_info=True)
    finally:
        # Never hand an open database connection to forked children.
        connections.close_all()


class PromptPubsubShutdown:
    """rq's worker listens for commands (stop a job, shut down) on a Redis pub/sub channel in a
    thread that waits up to 60 s for each message. At the end of a run rq unsubscribes, then
    stops and joins that thread; when the thread reads the unsubscribe reply first, it goes back
    to waiting (for a subscription this time) and the join waits out the whole minute (rq#1613):
    a burst worker, or one told to shut down, sat a minute before it exited. With a one-second
    wait it exits within a second, for one wake-up a second while idle."""

    def subscribe(self):
        self.log.info("Worker %s: subscribing to channel %s", self.name, self.pubsub_channel_name)
        self.pubsub = self.connection.pubsub()
        self.pubsub.subscribe(**{self.pubsub_channel_name: self.handle_payload})
        self.pubsub_thread = self.pubsub.run_in_thread(
            sleep_time=1, daemon=True, exception_handler=self._pubsub_exception_handler
        )


class PeerCertWorker(PromptPubsubShutdown, Worker):
    def work(self, *args, **kwargs):
        warm_up()
        return super().work(*args, **kwargs)
