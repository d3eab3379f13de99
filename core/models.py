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


class Generation(models.Model):
    """A generation counter (core.generations) where every worker sees it: in the database,
    when the cache is per process. Moved on inside the transaction that makes the change, so it
    commits, or rolls back, with it."""

    name = models.CharField(max_length=100, unique=True)
    # A fresh random number at each change (never one step on): a value a rolled-back change
    # wrote never comes back for other data.
    value = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.name} = {self.value}"
