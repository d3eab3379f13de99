"""``manage.py issuer_keys init|rotate|rotate-tsa|revoke|list``: create, rotate, revoke and
inspect issuer keys.

The password of an imported PKCS#12 is read from an environment variable named on the
command line, never from an argument, so it stays out of shell history and ``ps`` output.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from certificates.keys import (
    DEFAULT_ORGANISATION,
    IssuerKeyError,
    KeyRecord,
    import_pkcs12,
    init_issuer_keys,
    list_key_records,
    revoke_key,
    rotate_signing_key,
    rotate_timestamping_key,
)


def _describe(record: KeyRecord) -> str:
    parts = [f"{record.kind:<19} {record.key_id}", f"created {record.created_at:%Y-%m-%d}"]
    if record.not_after is not None:
        parts.append(f"expires {record.not_after:%Y-%m-%d}")
    if record.source != "generated":
        parts.append(f"from {record.source}")
    if record.current:
        parts.append("CURRENT")
    if record.revoked_at is not None:
        parts.append(f"REVOKED {record.revoked_at:%Y-%m-%d}")
    return "  ".join(parts)


class Command(BaseCommand):
    help = "Manage the certificate issuer's keys (root CA, document signing, Ed25519)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--key-dir",
            type=Path,
            help="Key directory (default: settings.ISSUER_KEY_DIR).",
        )
        sub = parser.add_subparsers(
            dest="action", required=True, metavar="{init,rotate,rotate-tsa,revoke,list}"
        )

        init = sub.add_parser("init", help="Create missing keys; existing keys are kept.")
        init.add_argument(
            "--import-pkcs12",
            type=Path,
            metavar="PATH",
            help="Install this PKCS#12 (.p12/.pfx) as the document-signing certificate.",
        )
        init.add_argument(
            "--password-env",
            metavar="VAR",
            help="Environment variable holding the PKCS#12 password.",
        )

        rotate = sub.add_parser(
            "rotate", help="Add a new signing certificate and Ed25519 key; old ones stay valid."
        )
        rotate.add_argument(
            "--credential-only",
            action="store_true",
            help="Rotate only the Ed25519 credential key (for imported signing certificates).",
        )

        sub.add_parser(
            "rotate-tsa",
            help="New time-stamping certificate (the archival job does this before expiry).",
        )
        revoke = sub.add_parser(
            "revoke", help="Put a retired signing or time-stamping certificate on the CRL."
        )
        revoke.add_argument("key_id", help="Key id as shown by `list`.")
        revoke.add_argument(
            "--reason",
            choices=["key_compromise", "superseded", "cessation_of_operation", "unspecified"],
            default="key_compromise",
        )

        sub.add_parser("list", help="Show the keys in the directory.")

    def handle(self, *args: Any, **options: Any) -> None:
        key_dir = Path(options.get("key_dir") or settings.ISSUER_KEY_DIR)
        organisation = getattr(settings, "PEERCERT_ISSUER_NAME", "") or DEFAULT_ORGANISATION
        action = options["action"]
        try:
            if action == "init":
                self._init(key_dir, organisation, options)
            elif action == "rotate":
                self._rotate(key_dir, organisation, credential_only=options["credential_only"])
            elif action == "rotate-tsa":
                keys = rotate_timestamping_key(key_dir, organisation=organisation)
                assert keys.timestamping is not None
                self.stdout.write(f"New time-stamping key: {keys.timestamping.key_id}")
            elif action == "revoke":
                revoke_key(key_dir, options["key_id"], reason=options["reason"])
                self.stdout.write(
                    f"{options['key_id']} is on the revocation list published at "
                    "/issuer/crl/; PDFs it signed no longer validate."
                )
            else:
                self._list(key_dir)
        except (IssuerKeyError, OSError) as exc:
            raise CommandError(str(exc)) from exc

    def _init(self, key_dir: Path, organisation: str, options: dict[str, Any]) -> None:
        before = {r.key_id for r in list_key_records(key_dir)}
        p12_path: Path | None = options.get("import_pkcs12")
        password_env: str | None = options.get("password_env")
        if password_env and p12_path is None:
            raise CommandError("--password-env only makes sense with --import-pkcs12")
        if p12_path is not None:
            password: str | None = None
            if password_env:
                if password_env not in os.environ:
                    raise CommandError(f"environment variable {password_env} is not set")
                password = os.environ[password_env]
            import_pkcs12(key_dir, p12_path, password, organisation=organisation)
        # The site's address goes into new certificates as where their CRL is published.
        init_issuer_keys(key_dir, organisation=organisation, public_url=settings.SITE_URL)

        created = [r for r in list_key_records(key_dir) if r.key_id not in before]
        if created:
            self.stdout.write(f"Created in {key_dir}:")
            for record in created:
                self.stdout.write("  " + _describe(record))
        else:
            self.stdout.write(f"Issuer keys already exist in {key_dir}; nothing changed.")

    def _rotate(self, key_dir: Path, organisation: str, *, credential_only: bool) -> None:
        keys = rotate_signing_key(
            key_dir, organisation=organisation, document_signing=not credential_only
        )
        if not credential_only:
            self.stdout.write(f"New document-signing key: {keys.signing_key_id}")
        self.stdout.write(f"New credential key: {keys.current_credential_key_id}")
        self.stdout.write(
            "Previous keys are kept and still validate what they signed. Running workers "
            "pick up the new keys on their next certificate."
        )

    def _list(self, key_dir: Path) -> None:
        records = list_key_records(key_dir)
        if not records:
            raise CommandError(f"no issuer keys in {key_dir}; run `manage.py issuer_keys init`")
        for record in records:
            self.stdout.write(_describe(record))
