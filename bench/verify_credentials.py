"""Time Open Badges credential work: sign and verify an `eddsa-rdfc-2022` proof on a
credential shaped like ours, sign and verify the VC-JWT, and build a 131,072-entry status list.

Runs outside the database, with a throwaway Ed25519 key:

    .venv/bin/python bench/verify_credentials.py --rounds 30
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from cryptography.hazmat.primitives.asymmetric import ec, ed25519  # noqa: E402

from credentials.contexts import OB_V3P0, VC_V2  # noqa: E402
from credentials.jwt import decode_vc_jwt, encode_vc_jwt  # noqa: E402
from credentials.proofs import sign_credential, verify_credential  # noqa: E402
from credentials.status import STATUS_MESSAGES, encode_list, message_bits  # noqa: E402

SITE = "https://certs.example.org"
ISSUER = "did:web:certs.example.org"
METHOD = f"{ISSUER}#cred-bench"
KID = f"{SITE}/issuer/jwks/jwt-bench"


class BenchKey:
    key_id = "cred-bench"

    def __init__(self):
        self.private_key = ed25519.Ed25519PrivateKey.generate()
        self.public_key = self.private_key.public_key()


class BenchJwtKey:
    key_id = "jwt-bench"

    def __init__(self):
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.public_key = self.private_key.public_key()


def credential() -> dict:
    domains = [
        "Advocacy",
        "Mentoring and Education",
        "Recovery and Wellness Support",
        "Ethical Responsibility",
    ]
    results = [
        {"type": ["Result"], "resultDescription": f"urn:uuid:rd-{i}", "value": "12"}
        for i in range(len(domains) + 1)
    ]
    return {
        "@context": [VC_V2, OB_V3P0],
        "id": f"{SITE}/verify/K7QF3M9DAB12CD34EF56/",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "Peer Recovery Specialist",
        "issuer": {
            "id": ISSUER,
            "type": ["Profile"],
            "name": "PeerCert",
            "url": f"{SITE}/issuer/",
        },
        "validFrom": "2026-01-15T00:00:00Z",
        "validUntil": "2028-01-16T00:00:00Z",
        "credentialSubject": {
            "id": "urn:uuid:5b1c9a8e-0000-4000-8000-000000000000",
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "emailAddress",
                    "hashed": True,
                    "identityHash": "sha256$" + "0" * 64,
                    "salt": "0" * 32,
                }
            ],
            "achievement": {
                "id": "urn:uuid:8c2f5e4e-0000-5000-8000-000000000000",
                "type": ["Achievement"],
                "achievementType": "Certification",
                "name": "Peer Recovery Specialist",
                "description": "Bench.",
                "criteria": {"narrative": "- at least 46 hours of training"},
                "resultDescription": [
                    {
                        "id": f"urn:uuid:rd-{i}",
                        "type": ["ResultDescription"],
                        "name": f"Training hours, {name}",
                        "resultType": "ext:ContactHours",
                    }
                    for i, name in enumerate(["total", *domains])
                ],
            },
            "result": results,
        },
        "credentialStatus": {
            "id": f"{SITE}/issuer/status/message#94567",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "message",
            "statusListIndex": "94567",
            "statusListCredential": f"{SITE}/issuer/status/message",
            "statusSize": 2,
            "statusMessage": STATUS_MESSAGES,
        },
    }


def timed(label: str, rounds: int, func: Callable[[], object]) -> None:
    func()  # warm caches (processed contexts)
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    print(
        f"{label:<42} median {statistics.median(samples):7.2f} ms   "
        f"p95 {sorted(samples)[int(0.95 * (len(samples) - 1))]:7.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    key, jwt_key = BenchKey(), BenchJwtKey()
    document = credential()
    signed = sign_credential(document, key, verification_method=METHOD)
    token = encode_vc_jwt(signed, jwt_key, kid=KID)
    assert verify_credential(signed, {METHOD: key})[0]
    assert decode_vc_jwt(token, {KID: jwt_key})[0]
    # 1,001 entries not valid, in the upper half where message entries live.
    values = {65_536 + i: 2 if i % 2 else 1 for i in range(0, 65_536, 65)}

    timed(
        "sign eddsa-rdfc-2022 (OB credential)",
        args.rounds,
        lambda: sign_credential(document, key, verification_method=METHOD),
    )
    timed(
        "verify eddsa-rdfc-2022 (OB credential)",
        args.rounds,
        lambda: verify_credential(signed, {METHOD: key}),
    )
    timed("sign VC-JWT (ES256)", args.rounds, lambda: encode_vc_jwt(signed, jwt_key, kid=KID))
    timed("verify VC-JWT (ES256)", args.rounds, lambda: decode_vc_jwt(token, {KID: jwt_key}))
    timed(
        "status list bits + gzip (131,072 x 2 bits, 1,001 set)",
        args.rounds,
        lambda: encode_list(message_bits(131_072, values)),
    )
    status_list = {
        "@context": [VC_V2],
        "id": f"{SITE}/issuer/status/message",
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": ISSUER,
        "validFrom": "2026-01-15T00:00:00Z",
        "credentialSubject": {
            "id": f"{SITE}/issuer/status/message#list",
            "type": "BitstringStatusList",
            "statusPurpose": "message",
            "encodedList": encode_list(message_bits(131_072, values)),
        },
    }
    timed(
        "sign status list credential",
        args.rounds,
        lambda: sign_credential(status_list, key, verification_method=METHOD),
    )


if __name__ == "__main__":
    main()
