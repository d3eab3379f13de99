"""Settings for an `rqworker` subprocess that sends real SMTP to tests/smtp_server.py."""

import os

from cms.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["PEERCERT_TEST_SMTP_PORT"])
EMAIL_TIMEOUT = 120  # the test kills the worker while the server hangs, long before this
