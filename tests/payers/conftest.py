import pytest

from payers.selectors import clear_cache
from tests.credentials.conftest import issuer_keys  # noqa: F401  (fixture)


@pytest.fixture(autouse=True)
def _fresh_rules():
    """Rules are kept in memory per process: each test reads its own rows."""
    clear_cache()
    yield
    clear_cache()
