"""Compile locale/*/LC_MESSAGES/*.po into the .mo files Django reads, in pure Python (polib).

`make demo` and `make test` run it, so no compiled catalogue is ever committed or goes stale, and
a machine without GNU gettext (msgfmt) still gets the Spanish site. A .mo newer than its .po is
left alone, so a second run costs nothing. Fuzzy and untranslated entries are left out, as msgfmt
leaves them out (tests/core/test_translations.py fails on any of them anyway).

Usage: python scripts/compile_messages.py [--force]
"""

import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def compile_messages(*, force: bool = False) -> list[Path]:
    """Write each catalogue's .mo next to its .po when missing or older; return those written."""
    written = []
    for po_path in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


if __name__ == "__main__":
    done = compile_messages(force="--force" in sys.argv[1:])
    if done:
        print(f"Compiled {len(done)} message catalogue(s).")
