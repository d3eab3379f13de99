"""pytest's rewritten asserts, compiled once before `make test` starts its test processes.

pytest rewrites the asserts of every test module and conftest, and of the packages its plugins
ship (schemathesis, hypothesis, faker, anyio, pytest-xdist, …), and keeps each result in a
`*-pytest-<version>.pyc` beside the module. A clean clone has none, so the test processes that
`make test` starts together each rewrite the same 700-odd modules: a collection took 16 s of CPU
without them and 6 s with them. This writes them once, beside the other checks, through
pytest's own rewriting: the plugins are loaded with its import hook in place (pytest-django
left out, as it would set Django up), and each test module and conftest is rewritten without
being run. The files are the ones pytest writes itself, so a test process reads them as its own.
"""

from __future__ import annotations

import importlib
import sys
from fnmatch import fnmatch
from pathlib import Path

# pytest's own rewriting, not its public API: pytest is pinned by requirements/lock-test.txt, and
# if an upgrade moves these, this script fails and `make test` with it, rather than going slow.
from _pytest.assertion import assertstate_key
from _pytest.assertion.rewrite import (
    PYC_TAIL,
    _rewrite_test,
    _write_pyc,
    get_cache_dir,
    try_makedirs,
)
from _pytest.config import _prepareconfig

ROOT = Path(__file__).resolve().parents[1]
# Rewritten packages a test process imports after loading the plugins: pytest-django's own
# (main() loads the plugins without it), and schemathesis' OpenAPI support
# (tests/verification/test_api_schema.py).
LATER_IMPORTS = ("pytest_django.plugin", "schemathesis.specs.openapi.schemas")


def main() -> int:
    if sys.dont_write_bytecode:
        return 0
    # Loads pyproject's addopts (-p tests.xdist_groups) and the installed plugins through the hook.
    config = _prepareconfig(["-p", "no:django", "--noconftest", str(ROOT / "tests")])
    state = config.stash[assertstate_key]
    for name in LATER_IMPORTS:
        importlib.import_module(name)
    patterns = config.getini("python_files")
    written = 0
    for path in sorted((ROOT / "tests").rglob("*.py")):
        if "node_modules" in path.parts:
            continue
        if path.name != "conftest.py" and not any(fnmatch(path.name, p) for p in patterns):
            continue
        cache_dir = get_cache_dir(path)
        if not try_makedirs(cache_dir):
            continue
        source_hash, code = _rewrite_test(path, config)
        written += _write_pyc(state, code, source_hash, cache_dir / (path.name[:-3] + PYC_TAIL))
    print(f"warm_assertion_rewrite: {written} test modules and the plugins' packages rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
