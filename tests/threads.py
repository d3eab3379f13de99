"""Running test code away from the test's own thread."""

from concurrent.futures import ThreadPoolExecutor

from django.db import connections


def in_a_plain_thread(function, **kwargs):
    """Run `function` in a thread of its own, with database connections of its own (closed
    after). A browser test keeps Playwright's event loop running in the test's thread, and
    signing certificates (pyHanko) starts an event loop, which cannot start inside another.
    The thread sees the test database as the live server's threads do: committed rows."""

    def run():
        try:
            return function(**kwargs)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()
