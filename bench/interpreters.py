"""CPU the same tests take under different Python 3.11 interpreters, as ratios to the first.

`make` builds .venv from the interpreter scripts/pick_python.sh prints (one whose executable holds
the interpreter, where there is one) rather than plain `python3`. This measures the difference
that choice makes on the project's own code: for each interpreter a venv of its own under
var/bench-interpreters/ with the test lock (uv, hash-checked, as `make install-test`), then the
same serial pytest selection in each, round after round (interleaved, so a machine that gets
busier part-way through weighs on both), counting the CPU the run and its children used.

    .venv/bin/python bench/interpreters.py                       # python3 against the pick
    .venv/bin/python bench/interpreters.py --python /root/.pyenv/versions/3.11.7/bin/python3.11 \
        --python /usr/bin/python3.11 --rounds 3 tests/assessments

Needs what the tests need (DATABASE_URL's PostgreSQL, REDIS_URL's Redis, as `make test`); the
first interpreter is the baseline. Seen on a 2-core machine (tests/assessments and tests/courses,
528 tests, two rounds): pyenv's 3.11.7 (shared libpython) 83.9 and 86.3 CPU-s, Debian 12's
3.11.2 75.8 and 76.9 CPU-s: 0.90× and 0.89×. (It counts the test processes and what they start,
not PostgreSQL's server.)
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENVS = ROOT / "var" / "bench-interpreters"
DEFAULT_TESTS = ["tests/assessments", "tests/courses"]


def real_interpreter(python: str) -> str:
    """The executable itself (a pyenv shim is a script that picks one when it runs)."""
    found = shutil.which(python) or python
    out = subprocess.run(
        [found, "-c", "import sys; print(sys.executable)"],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def venv_for(python: str) -> Path:
    """A venv made from `python` holding the test lock and the project (editable)."""
    name = python.strip("/").replace("/", "_")
    venv = VENVS / name
    uv = ROOT / ".venv" / "bin" / "uv"
    marker = venv / ".installed-test"
    lock = ROOT / "requirements" / "lock-test.txt"
    if marker.exists() and marker.stat().st_mtime >= lock.stat().st_mtime:
        return venv
    subprocess.run([python, "-m", "venv", "--without-pip", "--clear", str(venv)], check=True)
    install = [str(uv), "pip", "install", "--quiet", "--python", str(venv / "bin" / "python")]
    subprocess.run(
        [*install, "--compile-bytecode", "--require-hashes", "-r", str(lock)], check=True
    )
    subprocess.run([*install, "--no-deps", "-e", str(ROOT)], check=True)
    marker.touch()
    return venv


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_tests(venv: Path, tests: list[str]) -> tuple[float, float, int]:
    """CPU-s and wall-s of one serial pytest run; its exit status."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="")
    before_cpu, before_wall = children_cpu(), time.perf_counter()
    status = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pytest", "-p", "no:xdist", "-p", "no:cacheprovider"]
        + ["-q", "-m", "not migrations", *tests],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    ).returncode
    return children_cpu() - before_cpu, time.perf_counter() - before_wall, status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--python", action="append", help="an interpreter (repeat; first = baseline)"
    )
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("tests", nargs="*", default=DEFAULT_TESTS)
    args = parser.parse_args()
    pick = subprocess.run(
        [str(ROOT / "scripts" / "pick_python.sh")], capture_output=True, text=True, check=True
    ).stdout.strip()
    pythons = [real_interpreter(p) for p in (args.python or ["python3", pick])]
    if len(set(pythons)) < 2:
        print(f"only one interpreter to compare ({pythons[0]}); name another with --python")
        return 2
    venvs = {python: venv_for(python) for python in pythons}
    cpu: dict[str, list[float]] = {python: [] for python in pythons}
    for round_number in range(1, args.rounds + 1):
        for python in pythons:
            used, wall, status = run_tests(venvs[python], args.tests)
            if status != 0:
                print(
                    f"pytest failed (exit {status}) under {python}: the numbers would mean nothing"
                )
                return 1
            cpu[python].append(used)
            print(f"round {round_number}  {python:45}  {used:7.1f} CPU-s  {wall:7.1f} s wall")
    baseline = pythons[0]
    print(f"\ntests: {' '.join(args.tests)}; baseline {baseline}")
    for python in pythons:
        ratios = [mine / base for mine, base in zip(cpu[python], cpu[baseline], strict=True)]
        shown = "  ".join(f"{ratio:.2f}x" for ratio in ratios)
        print(
            f"{python:45}  CPU-s {min(cpu[python]):7.1f}–{max(cpu[python]):7.1f}  vs baseline {shown}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
