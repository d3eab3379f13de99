"""Drill: Redis dies during a batch of issuances.

Certificates requested while Redis is down stay pending in PostgreSQL (the enqueue fails and is
logged, the request itself succeeds); jobs that were queued in Redis are lost with it. When Redis
is back, the reconciler re-enqueues every pending certificate; each is issued exactly once.
Exits non-zero on any loss or duplicate.

    .venv/bin/python bench/drills/redis_outage.py [--before 15] [--during 15]
"""

import argparse
import time
from datetime import timedelta

from common import (
    PrivateRedis,
    check_exactly_once,
    finish,
    issued_count,
    kill,
    prepare,
    program_version,
    request_certificates,
    start_worker,
    wait_for,
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=int, default=15)
    parser.add_argument("--during", type=int, default=15)
    parser.add_argument("--port", type=int, default=6391)
    args = parser.parse_args()

    redis = PrivateRedis(args.port)
    redis.start()
    env = prepare("peercert_drill_redis", redis_url=redis.url)
    version = program_version()
    worker = start_worker(env)
    started = time.monotonic()
    try:
        ids = request_certificates(version, args.before, 0)
        wait_for(lambda: issued_count(ids) >= 2, timeout=120, what="the first certificates")
        redis.stop()
        print(f"redis stopped with {issued_count(ids)}/{len(ids)} issued")
        ids += request_certificates(version, args.during, args.before)  # enqueue fails: pending
        from certificates.models import Certificate

        pending = Certificate.objects.filter(pk__in=ids, status="pending").count()
        print(f"while redis is down: {pending} pending in the database, none lost")
        time.sleep(2)
        redis.start()  # empty: whatever was queued is gone
        kill(worker)  # rq does not survive its broker vanishing; systemd would restart it
        worker = start_worker(env)
        from certificates.services import reconcile_pending

        print(f"reconciler re-enqueued {reconcile_pending(older_than=timedelta(0))}")
        wait_for(
            lambda: issued_count(ids) == len(ids), timeout=600, what="every certificate", interval=1
        )
    finally:
        kill(worker)
        redis.stop()
    finish(
        check_exactly_once(ids),
        f"{len(ids)} certificates, each issued once and validating "
        f"({time.monotonic() - started:.0f} s)",
    )


if __name__ == "__main__":
    main()
