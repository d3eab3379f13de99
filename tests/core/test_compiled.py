"""The verification lookups compiled once and, on PostgreSQL, prepared once per connection:
the same rows as the ORM, counted wherever Django counts queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certificates.selectors import public_page
from tests.factories.certificates import CertificateFactory
from verification.selectors import public_record

pytestmark = pytest.mark.django_db


def _prepared_lookups() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements "
            "WHERE statement LIKE '%%certificates_certificate%%'"
        )
        return cursor.fetchone()[0]


@pytest.fixture
def certificate(db):
    return CertificateFactory(holder_name="Sam Okafor", expires_on=date(2028, 1, 15))


def test_rows_come_back_as_the_orm_gives_them(certificate):
    page = public_page(certificate.code)
    assert page.holder_name == "Sam Okafor"
    assert page.expires_on == date(2028, 1, 15)  # a date, on SQLite too
    assert page.hours_total == Decimal("49")
    assert page.hours_by_domain == [["Advocacy", "11"], ["Ethical Responsibility", "17"]]
    assert public_record(certificate.code).holder_name == "Sam Okafor"
    assert public_page("0" * 20) is None and public_record("0" * 20) is None


@pytest.mark.postgres
def test_on_postgresql_the_lookups_are_prepared_once_per_connection(postgres, certificate):
    before = _prepared_lookups()
    first = [public_page(certificate.code), public_record(certificate.code)]
    assert _prepared_lookups() == before + 2
    again = [public_page(certificate.code), public_record(certificate.code)]
    assert _prepared_lookups() == before + 2  # reused, not prepared again
    assert first == again and first[0].holder_name == "Sam Okafor"


@pytest.mark.postgres
def test_preparing_can_be_turned_off(postgres, certificate, settings):
    settings.PEERCERT_PREPARED_LOOKUPS = False
    before = _prepared_lookups()
    assert public_page(certificate.code).holder_name == "Sam Okafor"
    assert _prepared_lookups() == before


@pytest.mark.postgres
def test_lookups_are_counted_where_django_counts_queries(postgres, certificate):
    with CaptureQueriesContext(connection) as queries:
        public_page(certificate.code)
        public_record(certificate.code)
    assert len(queries.captured_queries) == 2
