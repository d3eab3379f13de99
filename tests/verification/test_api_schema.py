"""schemathesis against /api/v1/openapi.json: no server error, every response as documented.

The schema is loaded from the WSGI app at collection time (the schema view touches no
database); each generated case runs inside a django_db test. (schemathesis' lazy
``from_fixture`` loader does not work with pytest 9: it writes ``Node._nodeid``.)
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from tests.factories.certificates import CertificateFactory

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def keep_test_connection():
    """schemathesis calls the WSGI app directly, so Django's request signals run
    close_old_connections, which closes the test's connection mid-transaction on PostgreSQL.
    Django's own test client disconnects them the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def data(db, settings):
    # Generated requests come in bursts; the limits themselves are tested in test_api.py.
    settings.RATELIMIT_VERIFY_API_ANON = "100000/m"
    return CertificateFactory.create_batch(3)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(case):
    case.call_and_validate()
