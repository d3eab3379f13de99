"""What the credentials app adds to the apps below it, through their Wagtail hooks."""

from wagtail import hooks

from certificates.services import PDF_ATTACHMENTS_HOOK

from .attachments import credential_attachment

# The signed Open Badges credential travels inside the certificate PDF, under its signature.
hooks.register(PDF_ATTACHMENTS_HOOK, credential_attachment)
