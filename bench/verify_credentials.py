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

from cryptography.hazmat.primitives.asymmetric import ed25519  # noqa: E402

from credentials.contexts import OB_V3P0, VC_V2  # noqa: E402
from credentials.jwt import decode_vc_jwt, encode_vc_jwt  # noqa: E402
from credentials.proofs import sign_credential, verify_credential  # noqa: E402
from credentials.status import bitstring, encode_list  # noqa: E402

SITE = "https://certs.example.org"
METHOD = f"{SITE}/issuer/#cred-bench"


class BenchKey:
    key_id = "cred-bench"

    def __init__(self):
        self.private_key = ed25519.Ed25519PrivateKey.generate()
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
            "id": f"{SITE}/issuer/",
            "type": ["Profile"],
            "name": "PeerCert",
            "url": f"{SITE}/issuer/",
        },
        "validFrom": "2026-01-15T00:00:00Z",
        "validUntil": "2028-01-16T00:00:00Z",
        "credentialSubject": {
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
        "credentialStatus": [
            {
                "id": f"{SITE}/issuer/status/{p}#{i}",
                "type": "BitstringStatusListEntry",
                "statusPurpose": p,
                "statusListIndex": str(i),
                "statusListCredential": f"{SITE}/issuer/status/{p}",
            }
            for p, i in (("revocation", 94567), ("suspension", 1234))
        ],
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
    key = BenchKey()
    document = credential()
    signed = sign_credential(document, key, verification_method=METHOD)
    token = encode_vc_jwt(document, key)
    assert verify_credential(signed, {METHOD: key})[0]
    assert decode_vc_jwt(token, {key.key_id: key})[0]
    indices = list(range(0, 131_072, 131))  # 1,001 set bits

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
    timed("sign VC-JWT", args.rounds, lambda: encode_vc_jwt(document, key))
    timed("verify VC-JWT", args.rounds, lambda: decode_vc_jwt(token, {key.key_id: key}))
    timed(
        "status list bits + gzip (131,072, 1,001 set)",
        args.rounds,
        lambda: encode_list(bitstring(131_072, indices)),
    )
    status_list = {
        "@context": [VC_V2],
        "id": f"{SITE}/issuer/status/revocation",
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": f"{SITE}/issuer/",
        "validFrom": "2026-01-15T00:00:00Z",
        "credentialSubject": {
            "id": f"{SITE}/issuer/status/revocation#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode_list(bitstring(131_072, indices)),
        },
    }
    timed(
        "sign status list credential",
        args.rounds,
        lambda: sign_credential(status_list, key, verification_method=METHOD),
    )


if __name__ == "__main__":
    main()
