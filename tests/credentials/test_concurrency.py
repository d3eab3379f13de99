"""First requests for a credential racing each other, with real threads on PostgreSQL."""

import threading

import pytest
from django.db import connection

from credentials.models import IssuedCredential, StatusEntry
from credentials.services import issue_credential
from credentials.status import assign_status_entry
from tests.factories import UserFactory
from tests.factories.certificates import CertificateFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_in_threads(count, target):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def worker():
        try:
            barrier.wait()
            results.append(target())
        except Exception as error:  # collected and asserted on below
            errors.append(error)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_concurrent_first_requests_sign_one_credential(postgres, issuer_keys):
    certificate = CertificateFactory(holder=UserFactory())
    results, errors = run_in_threads(
        8,
        lambda: issue_credential(type(certificate).objects.get(pk=certificate.pk)).credential_json,
    )
    assert errors == []
    assert len(set(results)) == 1
    assert IssuedCredential.objects.filter(certificate=certificate).count() == 1
    assert StatusEntry.objects.filter(certificate=certificate).count() == 1


def test_concurrent_allocations_never_share_a_position(postgres, issuer_keys, monkeypatch):
    certificates = [CertificateFactory(holder=UserFactory()) for _ in range(8)]
    # Everyone draws the same positions first: the unique constraint must make them move on.
    draws = threading.local()

    def same_sequence(n):
        draws.i = getattr(draws, "i", -1) + 1
        return (draws.i * 7919) % n

    monkeypatch.setattr("credentials.status.secrets.randbelow", same_sequence)
    pending = iter(certificates)
    lock = threading.Lock()

    def allocate():
        with lock:
            certificate = next(pending)
        return assign_status_entry(certificate=certificate).index

    results, errors = run_in_threads(8, allocate)
    assert errors == []
    assert len(set(results)) == 8
