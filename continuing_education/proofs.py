"""Is an uploaded PDF proof inert? The check now lives with every other upload check in
core/uploads.py (used by CE proofs, applicants' documents and referees' letters alike); these
names stay importable from here for the CE code and tests that know them by this module."""

from core.uploads import (
    ACTIVE_ACTIONS,
    ACTIVE_ANNOTATIONS,
    ACTIVE_CONTENT,
    ACTIVE_KEYS,
    ACTIVE_TYPES,
    DECODE_LIMITS,
    MAX_OBJECTS,
    TRAILING_DATA,
    UNREADABLE,
    pdf_problem,
)

__all__ = [
    "ACTIVE_ACTIONS",
    "ACTIVE_ANNOTATIONS",
    "ACTIVE_CONTENT",
    "ACTIVE_KEYS",
    "ACTIVE_TYPES",
    "DECODE_LIMITS",
    "MAX_OBJECTS",
    "TRAILING_DATA",
    "UNREADABLE",
    "pdf_problem",
]
