"""Overlapping runs of the issuance job for one pending certificate, with real threads on
PostgreSQL: the reconciler, rq's retry and a duplicate enqueue can all start one while another
is still rendering. Exactly one file is stored, the row records that file's SHA-256, and the
file verifies as genuine at /verify/pdf/."""

import threading
import time

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.db import connection
from django.urls import reverse

from certificates import services
from certificates.models import Certificate, CertificateEvent
from certificates.signing import sha256_hex
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory
from verification.pdfcheck import GENUINE, check_pdf

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def stored_files(certificate) -> list[str]:
    """Every file under certificates/ that belongs to this certificate, whatever its name."""
    storage = Certificate._meta.get_field("pdf").storage
    if not storage.exists("certificates"):
        return []
    directories, files = storage.listdir("certificates")
    found = [f"certificates/{name}" for name in files if name.startswith(certificate.code)]
    if certificate.code in directories:
        _, inside = storage.listdir(f"certificates/{certificate.code}")
        found += [f"certificates/{certificate.code}/{name}" for name in inside]
    return found


def run_overlapping(count: int, certificate_id: int, *, stagger: float) -> list[Exception]:
    """``count`` runs of the job, each started ``stagger`` seconds after the one before (the
    probe saw 0.1–0.25 s), every one on its own database connection."""
    errors = []

    def run(delay: float):
        try:
            time.sleep(delay)
            services.certificate_issue(certificate_id=certificate_id)
        except Exception as error:  # collected and asserted on below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i * stagger,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.mark.parametrize(("runs", "stagger"), [(2, 0.1), (2, 0.25), (5, 0.1), (5, 0.0)])
def test_overlapping_issuance_stores_one_file_whose_hash_is_recorded(
    postgres, issuer_keys, client, settings, runs, stagger
):
    settings.RATELIMIT_ENABLE = False
    certificate = CertificateFactory(
        holder=UserFactory(), status=Certificate.Status.PENDING, holder_name="Robin Okafor"
    )
    errors = run_overlapping(runs, certificate.pk, stagger=stagger)
    assert errors == []

    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID
    files = stored_files(certificate)
    assert files == [certificate.pdf.name], files
    data = certificate.pdf.open("rb").read()
    assert sha256_hex(data) == certificate.pdf_sha256
    assert check_pdf(data).verdict == GENUINE
    response = client.post(
        reverse("verify_pdf_upload"),
        {"file": ContentFile(data, name="certificate.pdf")},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    assert response.json()["verdict"] == GENUINE
    assert CertificateEvent.objects.filter(certificate=certificate, to_status="valid").count() == 1
    assert len(mail.outbox) == 1


def test_a_run_that_dies_after_storing_leaves_no_file_behind(postgres, issuer_keys, monkeypatch):
    """A run that fails between storing its file and marking the row takes its file with it;
    the next run stores one file, its own."""
    certificate = CertificateFactory(holder=UserFactory(), status=Certificate.Status.PENDING)
    real_mark = services._mark_issued
    calls = []

    def fails_once(**kwargs):
        calls.append(kwargs)
        if len(calls) == 1:
            raise RuntimeError("database went away")
        return real_mark(**kwargs)

    monkeypatch.setattr(services, "_mark_issued", fails_once)
    with pytest.raises(RuntimeError):
        services.certificate_issue(certificate_id=certificate.pk)
    assert stored_files(certificate) == []
    services.certificate_issue(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    assert stored_files(certificate) == [certificate.pdf.name]
    assert sha256_hex(certificate.pdf.open("rb").read()) == certificate.pdf_sha256
