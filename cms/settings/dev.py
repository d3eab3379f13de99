import os
import warnings

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# pyHanko imports cryptography's DSA support, which warns at every start of a command; PeerCert
# signs with ECDSA and Ed25519 only, so the line is noise before `make demo`'s logins.
warnings.filterwarnings("ignore", message="DSA is deprecated", module=r"pyhanko\.")
