import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractUser):
    """A person who signs in with an e-mail address.

    `first_name`/`last_name` hold the legal name printed on certificates; nothing about a person's
    recovery is stored on the account.
    """

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    # Signed up but the address is not confirmed yet (the account stays inactive until then).
    # Kept apart from is_active so an account an administrator switched off is never revived by
    # someone signing up again with its address.
    signup_pending = models.BooleanField(
        _("awaiting e-mail confirmation"), default=False, editable=False
    )
    # The last time someone signed up with this address. Written by every sign-up, new address
    # or known, so that each answer costs the same one row write (accounts/services.py).
    signup_attempted_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Staff and supervisors: the daily "work waiting for you" e-mails (cms/digests.py and the
    # supervisors' digest). Decisions about one's own records are always sent.
    work_digest = models.BooleanField(
        _("daily e-mail about work waiting for me"),
        default=True,
        help_text=_("Essays to grade, records to review, supervised hours to sign off."),
    )

    # The language of the person's e-mails, reminders and digests (core/mail_language.py): set
    # by the site's language switcher (cms/i18n.py) and at sign-up; empty means the site's default.
    preferred_language = models.CharField(
        _("language"), max_length=8, blank=True, default="", choices=settings.LANGUAGES
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        # Sign-in, sign-up and password reset look e-mails up case-insensitively (iexact, i.e.
        # UPPER(email) = UPPER(%s)), which the unique index on email cannot answer: without this
        # every sign-in scanned the whole table (bench/scale/explain.py, 50 000 accounts).
        indexes = [models.Index(Upper("email"), name="accounts_user_email_upper_idx")]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email.split("@", 1)[0]


class EmailChange(models.Model):
    """A new sign-in address waiting for its owner to open the link sent to it. The link holds
    a random id and an HMAC (accounts.tokens), never the address itself."""

    public_id = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="email_changes")
    old_email = models.EmailField()
    new_email = models.EmailField()
    requested_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"e-mail change {self.public_id}"
