from tests.verification.fixtures import fresh_cache  # noqa: F401  (autouse: limits on, own cache)
