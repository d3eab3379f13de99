"""One-time links for confirming a sign-up.

Built like Django's password-reset tokens (HMAC over the user's state and a timestamp, valid for
PASSWORD_RESET_TIMEOUT) with a salt of its own, so a reset link never confirms a sign-up or the
other way round. The hash covers the password hash and ``is_active``: a link stops working once
the account is confirmed, and when a newer sign-up replaced an unconfirmed one.
"""

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import salted_hmac


class SignupConfirmationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "accounts.tokens.SignupConfirmationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return (
            f"{user.pk}{user.password}{user.is_active}{user.signup_pending}{user.email}{timestamp}"
        )


signup_token_generator = SignupConfirmationTokenGenerator()


def email_change_token(change) -> str:
    """The HMAC in an e-mail change link. It covers the account's current address and password
    hash, so the link dies when either changes (including by a newer change), and the request
    time, so it expires with EMAIL_CHANGE_TIMEOUT."""
    user = change.user
    value = (
        f"{change.pk}|{change.new_email}|{user.email}|{user.password}|"
        f"{change.requested_at.timestamp()}"
    )
    return salted_hmac("accounts.tokens.email_change", value, algorithm="sha256").hexdigest()[:40]
