"""One-time links for confirming a sign-up.

Built like Django's password-reset tokens (HMAC over the user's state and a timestamp, valid for
PASSWORD_RESET_TIMEOUT) with a salt of its own, so a reset link never confirms a sign-up or the
other way round. The hash covers the password hash and ``is_active``: a link stops working once
the account is confirmed, and when a newer sign-up replaced an unconfirmed one.
"""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class SignupConfirmationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "accounts.tokens.SignupConfirmationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.password}{user.is_active}{user.signup_pending}{user.email}{timestamp}"


signup_token_generator = SignupConfirmationTokenGenerator()
