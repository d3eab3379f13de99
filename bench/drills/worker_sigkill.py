"""Drill: the worker is killed with SIGKILL again and again during a 200-certificate batch.

After every kill the worker is restarted and the reconciler re-enqueues what is pending (the
job that died with the worker included). At the end: 200 certificates, each exactly once, all
validating. Exits non-zero on any loss or duplicate.

    .venv/bin/python bench/drills/worker_sigkill.py [--count 200] [--kill-every 4]
"""

import argparse
import random
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
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument(
        "--kill-every",
        type=float,
        default=2.0,
        help="kill up to this many seconds after the worker shows progress",
    )
    parser.add_argument("--port", type=int, default=6392)
    parser.add_argument("--timeout", type=int, default=1800)
    args = parser.parse_args()

    redis = PrivateRedis(args.port)
    redis.start()
    env = prepare("peercert_drill_sigkill", redis_url=redis.url)
    version = program_version()
    ids = request_certificates(version, args.count, 0)
    from certificates.services import reconcile_pending

    started = time.monotonic()
    kills = 0
    worker = start_worker(env)
    try:
        while issued_count(ids) < len(ids):
            if time.monotonic() - started > args.timeout:
                raise SystemExit("DRILL FAILED: batch did not finish in time")
            # Kill only once the fresh worker is really working (it has finished a job since it
            # started), at a random moment, so the SIGKILL lands mid-job, not during start-up.
            done = issued_count(ids)
            deadline = time.monotonic() + 300
            while issued_count(ids) == done and time.monotonic() < deadline:
                time.sleep(0.2)
            if issued_count(ids) == len(ids):
                break
            time.sleep(random.uniform(0.05, args.kill_every))  # noqa: S311
            kill(worker)
            kills += 1
            worker = start_worker(env)
            reconcile_pending(older_than=timedelta(0))
            print(f"kill {kills}: {issued_count(ids)}/{len(ids)} issued", flush=True)
    finally:
        kill(worker)
        redis.stop()
    finish(
        check_exactly_once(ids),
        f"{len(ids)} certificates through {kills} SIGKILLs, each issued once and validating "
        f"({time.monotonic() - started:.0f} s)",
    )


if __name__ == "__main__":
    main()
