"""Compiled catalogues for tests that read Spanish pages or e-mails.

`make test` compiles them before pytest (scripts/compile_messages.py); a test run on its own
compiles them here, and drops Django's per-process translation cache so a catalogue loaded
before it existed is read again.
"""

import importlib.util
from pathlib import Path

from django.utils.translation import trans_real

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "compile_messages.py"


def compile_catalogues() -> None:
    spec = importlib.util.spec_from_file_location("compile_messages", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if module.compile_messages():
        trans_real._translations = {}
        trans_real._default = None
