"""Settings for the `rqworker` subprocess the journey tests start: the test settings, with
e-mail written to files the test can read (the worker is another process, so Django's
in-memory outbox would keep its mail to itself)."""

import os

from cms.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["PEERCERT_TEST_MAIL_DIR"]
