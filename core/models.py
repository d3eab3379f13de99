from django.db import models


class MailLease(models.Model):
    """A send-once e-mail someone is sending now (core.decisions.send_once).

    The row's own "sent at" field is set only after the mail server has accepted the message;
    this lease says who is sending it and since when. A sender that dies mid-send (a killed
    worker, an SMTP server that never answers) leaves its lease behind: once it is older than
    the lease time, the reconciler's next job takes it over and sends the e-mail again."""

    # "<app_label>.<model>:<pk>:<sent-at field>", e.g. "certificates.certificate:42:email_sent_at"
    key = models.CharField(max_length=200, unique=True)
    # Random per claim: a sender releases only its own lease, never one taken over from it.
    token = models.CharField(max_length=32)
    claimed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.key} since {self.claimed_at:%Y-%m-%d %H:%M:%S}"
