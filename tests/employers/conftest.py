from tests.verification.fixtures import (  # noqa: F401  (fixtures)
    certificate,
    employer,
    employer_client,
    employers_group,
    fresh_cache,
    issued_pdf,
    issuer_keys,
    other_employer,
)
