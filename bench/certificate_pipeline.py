"""Time the certificate pipeline: render (WeasyPrint), sign (pyHanko PAdES), validate.

Runs outside the database: keys go to a temporary directory, contexts are synthetic. Each
certificate is signed twice from the same render: at PAdES B-B (no timestamp, no revocation
data: what signing was before long-term signatures) and at B-LTA (signature timestamp from the
in-process TSA, CRL in the DSS, document timestamp), so the cost of B-LTA shows as a ratio of
render + sign.

    .venv/bin/python bench/certificate_pipeline.py --count 50
    .venv/bin/python bench/certificate_pipeline.py --count 20 --page-size letter --keep /tmp/certs
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

import logging  # noqa: E402

# WeasyPrint logs each layout step at INFO, which would drown the numbers.
for _name in ("weasyprint", "weasyprint.progress"):
    logging.getLogger(_name).setLevel(logging.ERROR)

from certificates.keys import (  # noqa: E402
    clear_issuer_keys_cache,
    get_issuer_keys,
    init_issuer_keys,
    revocation_lists,
)
from certificates.pdf import render_certificate_pdf  # noqa: E402
from certificates.signing import sign_pdf, validate_pdf  # noqa: E402

T = TypeVar("T")

NAMES = [
    "Ana Lucía Ferreira",
    "Jordan Blackfeather",
    "Nguyễn Thị Minh Khai",
    "Siobhán O'Donnell-Kowalczyk",
    "Alexandrina Konstantinopoulou-Van der Westhuizen",
    "Li Wei",
]
DOMAINS = [
    "Advocacy",
    "Mentoring and Education",
    "Recovery and Wellness Support",
    "Ethical Responsibility",
    "Trauma-Informed Practice",
]


def context_for(index: int) -> dict[str, Any]:
    issued = date(2025, 1, 1) + timedelta(days=index)
    hours = [(d, Decimal(8 + (index + i) % 7) + Decimal("0.5")) for i, d in enumerate(DOMAINS)]
    code = f"K7QF-{index:04d}-XT2P-8HWA"
    return {
        "holder_name": NAMES[index % len(NAMES)],
        "program_title": "Certified Peer Recovery Specialist — Foundations",
        "program_version_label": "Curriculum 2025.2",
        "issuer_name": "PeerCert Training Institute",
        "issued_on": issued,
        "expires_on": issued + timedelta(days=730),
        "serial": f"PC-2025-{index:06d}",
        "verification_code": code,
        "verification_url": f"https://peercert.example/verify/{code.replace('-', '')}",
        "hours_total": sum((h for _d, h in hours), Decimal(0)),
        "hours_by_domain": hours,
    }


def timed(samples: list[float], fn: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = fn()
    samples.append((time.perf_counter() - start) * 1000)
    return result


def summary(label: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"{label:<9} median {statistics.median(ordered):7.1f} ms   p95 {p95:7.1f} ms   "
        f"max {ordered[-1]:7.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--page-size", choices=["A4", "letter"], default="A4")
    parser.add_argument("--keep", type=Path, help="Write the signed PDFs to this directory.")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        key_dir = Path(tmp) / "issuer"
        init_issuer_keys(key_dir, organisation="PeerCert Training Institute")
        clear_issuer_keys_cache()

        load_ms: list[float] = []
        timed(load_ms, lambda: get_issuer_keys(key_dir))
        keys = get_issuer_keys(key_dir)
        # No time-stamping key and (in the bench settings) no PEERCERT_TSA_URL: PAdES B-B.
        bare_keys = dataclasses.replace(keys, timestamping=None)
        crls = list(revocation_lists(key_dir).values())
        # Warm-up: the timestamper's first use sizes its tokens with a trial timestamp.
        sign_pdf(render_certificate_pdf(context_for(0), page_size=args.page_size), keys)

        # The first render pays for Fontconfig setup and font registration; report it apart.
        first: list[float] = []
        timed(first, lambda: render_certificate_pdf(context_for(0), page_size=args.page_size))

        render_ms: list[float] = []
        sign_ms: list[float] = []
        sign_bb_ms: list[float] = []
        validate_ms: list[float] = []
        sizes: list[int] = []
        started = time.perf_counter()
        for index in range(args.count):
            context = context_for(index)
            unsigned = timed(
                render_ms, lambda c=context: render_certificate_pdf(c, page_size=args.page_size)
            )
            timed(sign_bb_ms, lambda u=unsigned: sign_pdf(u, bare_keys))
            signed = timed(sign_ms, lambda u=unsigned: sign_pdf(u, keys))
            result = timed(
                validate_ms, lambda s=signed: validate_pdf(s, keys.trust_roots, crls=crls)
            )
            if not result.ok:
                print(f"certificate {index} failed validation: {result.message}", file=sys.stderr)
                return 1
            sizes.append(len(signed))
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                (args.keep / f"{context['serial']}.pdf").write_bytes(signed)
        elapsed = time.perf_counter() - started

    print(f"{args.count} certificates, {args.page_size} landscape, pid {os.getpid()}")
    print(f"key load  {load_ms[0]:7.1f} ms (once per process)")
    print(f"1st render {first[0]:6.1f} ms (Fontconfig warm-up)")
    print(summary("render", render_ms))
    print(summary("sign B-B", sign_bb_ms))
    print(summary("sign LTA", sign_ms))
    print(summary("validate", validate_ms))
    render, bare, lta = (statistics.median(x) for x in (render_ms, sign_bb_ms, sign_ms))
    print(
        f"B-LTA vs B-B: render+sign {render + lta:.1f} ms vs {render + bare:.1f} ms "
        f"= {(render + lta) / (render + bare):.2f}x (sign alone +{lta - bare:.1f} ms)"
    )
    print(
        f"pipeline  {args.count / elapsed:7.2f} certificates/s on one core; "
        f"signed PDF {statistics.median(sizes) / 1024:.0f} KiB median"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
