"""scripts/pick_python.sh: the interpreter `make` builds .venv from.

Each fake `python3.11` here answers the script's probe as a real one would: with the exit
status it is given (0: a CPython 3.11 with pip whose executable holds the interpreter, and then
its own path, as the probe prints sys.executable; 1: one that loads libpython as a shared
library; 2: not a usable 3.11). They
come first on PATH, so what the machine itself has (e.g. /usr/bin/python3.11) comes after them.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "pick_python.sh"


def fake_python(folder: Path, probe_status: int) -> Path:
    folder.mkdir()
    path = folder / "python3.11"
    answer = f'echo "{path}"\n' if probe_status == 0 else f"exit {probe_status}\n"
    path.write_text("#!/bin/sh\n" + answer)
    path.chmod(0o755)
    return path


def pick(*folders: Path) -> str:
    path = os.pathsep.join([*(str(folder) for folder in folders), "/usr/bin", "/bin"])
    result = subprocess.run(
        ["/bin/sh", str(SCRIPT)], capture_output=True, text=True, env={"PATH": path}, check=True
    )
    return result.stdout.strip()


def test_an_interpreter_built_into_its_executable_is_picked_over_a_shared_libpython_one(tmp_path):
    shared = fake_python(tmp_path / "pyenv", probe_status=1)
    static = fake_python(tmp_path / "distribution", probe_status=0)
    assert pick(shared.parent, static.parent) == str(static)


def test_the_first_of_two_good_interpreters_on_the_path_wins(tmp_path):
    first = fake_python(tmp_path / "first", probe_status=0)
    fake_python(tmp_path / "second", probe_status=0)
    assert pick(first.parent, tmp_path / "second") == str(first)


def test_shared_and_unusable_interpreters_are_never_picked(tmp_path):
    shared = fake_python(tmp_path / "shared", probe_status=1)
    unusable = fake_python(tmp_path / "unusable", probe_status=2)
    picked = pick(shared.parent, unusable.parent)
    assert picked not in {str(shared), str(unusable)}
    # What is left: the machine's own optimised 3.11, or python3 as the Makefile always used.
    assert picked == "python3" or Path(picked).name.startswith("python3")
