#!/bin/sh
# Prints the Python 3.11 interpreter `make` builds .venv with (the Makefile's PYTHON, unless set).
#
# Of the CPython 3.11 interpreters on the machine that have pip, the first whose executable
# holds the interpreter itself, rather than loading it from libpython3.11.so, wins. A shared
# libpython built without `-fno-semantic-interposition` (CPython adds it only with
# --enable-optimizations) calls every one of its own functions through the PLT: pyenv builds
# that way by default, and on this project's tests its 3.11 used 11-25 % more CPU than Debian
# 12's /usr/bin/python3.11, a static build (bench/interpreters.py; README, "Tooling").
# Without such an interpreter it prints `python3`, as the Makefile always did.
#
# Candidates, in order: every python3.11 on PATH, then /usr/bin/python3.11, then python3.
set -u

probe='
import importlib.util, sys
if sys.implementation.name != "cpython" or sys.version_info[:2] != (3, 11):
    sys.exit(2)
if importlib.util.find_spec("pip") is None:
    sys.exit(2)  # the Makefile installs the venv'"'"'s installers with this interpreter'"'"'s pip
try:
    with open("/proc/self/maps") as maps:
        shared = any("libpython3" in line for line in maps)
except OSError:
    shared = True  # no /proc: nothing to tell them apart by
if shared:
    sys.exit(1)
print(sys.executable)  # the interpreter itself, not a shim or symlink that may point elsewhere
'

candidates=$(
  IFS=:
  for dir in $PATH; do
    [ -x "$dir/python3.11" ] && printf '%s\n' "$dir/python3.11"
  done
  [ -x /usr/bin/python3.11 ] && printf '%s\n' /usr/bin/python3.11
)

# One candidate a line: a folder on PATH may have spaces in its name.
newline='
'
IFS=$newline
for candidate in $candidates; do
  if picked=$("$candidate" -c "$probe" 2>/dev/null); then
    echo "$picked"
    exit 0
  fi
done
echo python3
