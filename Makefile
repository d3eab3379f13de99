# PeerCert — the two commands: `make demo` and `make test`.
# The interpreter .venv is made from: a CPython 3.11 with pip, preferring one built into its
# executable over one that loads libpython as a shared library (a tenth to a fifth less CPU
# in the test processes: scripts/pick_python.sh says why), else python3. `make PYTHON=…`
# picks another.
# Looked for once, on first use (the venv's recipe names it three times), not on every make.
PYTHON ?= $(eval PYTHON := $(shell scripts/pick_python.sh))$(PYTHON)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SETTINGS ?= cms.settings.dev
# pytest-xdist processes for `make test` (auto: one per core), each with its own test database,
# Redis database, live-server port and media folders (cms/settings/test.py); at most 15, as Redis
# has 16 databases and db 0 is left to serial runs. --dist loadgroup hands tests out one by one
# in collection order, so each process still runs pytest-django's order (database tests first,
# transactional tests last: the flush after one of those would leave the next plain test without
# Wagtail's root page and locale); tests marked xdist_group("name") stay in one process.
TEST_WORKERS ?= auto

.PHONY: demo test test-node test-wallet test-checks test-compile test-rewrite test-lint test-django test-audit install install-test lint lock serve clean

# The venv starts with the installers from requirements/tools.txt (pip and uv, hash-checked).
# It is made without pip, and the machine's own pip (22.3 or newer: --python) installs them
# into it: a venv's bundled pip costs about 3 s of CPU to install, and the locked pip replaces
# it anyway. A machine without a usable pip gets the bundled one first (ensurepip), as before.
TOOLS_INSTALL = install --quiet --require-hashes -r requirements/tools.txt
$(BIN)/uv: requirements/tools.txt
	$(PYTHON) -m venv --without-pip $(VENV)
	if $(PYTHON) -m pip --python $(BIN)/python --version >/dev/null 2>&1; then \
	  $(PYTHON) -m pip --python $(BIN)/python $(TOOLS_INSTALL); \
	else \
	  $(BIN)/python -m ensurepip --default-pip >/dev/null && $(BIN)/python -m pip $(TOOLS_INSTALL); \
	fi
	touch $@

# Exact versions, checked against their hashes, from the locks in requirements/ (pyproject.toml
# keeps the ranges; `make lock` turns them into the locks). The project itself goes in without
# dependencies so nothing outside the lock is ever resolved. Reinstall only when a lock changes.
# uv installs them (downloads side by side, a shared cache; about 5 s where pip took 35) and
# compiles their bytecode once, so the test processes that start together don't each compile it.
UV_INSTALL = $(BIN)/uv pip install --quiet --python $(BIN)/python
$(VENV)/.installed: requirements/lock.txt pyproject.toml $(BIN)/uv
	$(UV_INSTALL) --compile-bytecode --require-hashes -r requirements/lock.txt
	$(UV_INSTALL) --no-deps -e .
	touch $@

# The test lock holds the runtime lock's versions (it is compiled against it), so it covers both.
$(VENV)/.installed-test: requirements/lock-test.txt pyproject.toml $(BIN)/uv
	$(UV_INSTALL) --compile-bytecode --require-hashes -r requirements/lock-test.txt
	$(UV_INSTALL) --no-deps -e .
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Verification links and QR codes point where the demo is served unless SITE_URL says otherwise.
demo: export SITE_URL ?= http://127.0.0.1:$(PORT)
demo: install
	@scripts/system-deps.sh runtime
	@# The Spanish catalogue (locale/*.po) compiled in pure Python: no gettext needed, never stale.
	$(BIN)/python scripts/compile_messages.py
	@mkdir -p var
	DJANGO_SETTINGS_MODULE=$(SETTINGS) $(BIN)/python manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=$(SETTINGS) $(BIN)/python manage.py issuer_keys init
	DJANGO_SETTINGS_MODULE=$(SETTINGS) $(BIN)/python manage.py seed_demo
	@echo "Serving on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	DJANGO_SETTINGS_MODULE=$(SETTINGS) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Bytecode is written even where the environment says not to (PYTHONDONTWRITEBYTECODE=1): every
# test process, rqworker and the migration run would otherwise compile the project, and pytest
# rewrite the asserts of all 600-odd test modules, again (about 6 s of CPU each).
test: export PYTHONDONTWRITEBYTECODE :=
test: install-test
	@scripts/system-deps.sh test
	@mkdir -p var
	@# Two runs side by side. The tests of the migrations themselves (test_migrations*.py, marked
	@# "migrations" by tests/conftest.py) run alone: tests/test_migrations_seed.py on a database
	@# built by running the real migrations (half a minute of CPU, Django rendering 300-odd
	@# migration states), the data-step tests each on a scratch database migrated forward only as
	@# far as their step (tests/migration_support.py); every other test process gets one built
	@# straight from the models plus the rows the data migrations make (seconds). The small run
	@# collects only those modules (collecting all 650-odd costs a test process about 6 s of CPU)
	@# and starts first: it needs only the installed packages and the database, and it takes up
	@# the CPU the next step leaves idle while npm and pip-audit wait on the network. Its report
	@# follows the big run's.
	@# The next step: what the big run needs and the static checks, side by side; -O keeps each
	@# one's output together. If it fails, the big run does not start.
	@$(BIN)/python -m pytest -p no:xdist -q -m migrations $$(find tests -name 'test_migrations*.py') \
	  >var/test-migrations.log 2>&1 & small=$$!; \
	$(MAKE) --no-print-directory -j 7 -O test-node test-wallet test-checks test-audit \
	  || { kill $$small 2>/dev/null; wait $$small; exit 1; }; \
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --maxprocesses 15 --dist loadgroup --no-loadscope-reorder \
	  -m "not migrations"; status=$$?; \
	wait $$small; small_status=$$?; \
	echo "--- the migration tests, against really migrated tables (pytest -m migrations):"; \
	cat var/test-migrations.log; \
	if [ $$status -ne 0 ]; then exit $$status; fi; exit $$small_status

# The outside verifiers the credential tests run (tests/node), exactly as package-lock.json pins them.
test-node:
	cd tests/node && npm ci --no-audit --no-fund --loglevel=error

# The wallet that receives credentials over OpenID4VCI in the tests (tests/wallet), likewise pinned.
test-wallet:
	cd tests/wallet && npm ci --no-audit --no-fund --loglevel=error

# Four chains side by side (each a few seconds of CPU): what the tests read, the linters,
# Django's own checks, and pytest's rewritten asserts (scripts/warm_assertion_rewrite.py: written
# once here, not by each test process as it starts).
test-checks: test-compile test-lint test-django test-rewrite

test-compile: install-test
	$(BIN)/python scripts/compile_messages.py
	$(BIN)/python -m compileall -q -j 0 -x '/(\.venv|node_modules|var|static)/' .

test-rewrite: install-test
	$(BIN)/python scripts/warm_assertion_rewrite.py

test-lint: install-test
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/ruff format --check .

test-django: install-test
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python manage.py check

# pip-audit: any finding fails (unless listed, with its reason, in .ci/pip-audit-ignore.txt);
# only an unreachable vulnerability service is tolerated, and said so.
test-audit: install-test
	@mkdir -p var
	@ignores=$$(sed -n 's/^\([A-Z][A-Z0-9]*-[A-Za-z0-9-]*\).*/--ignore-vuln \1/p' .ci/pip-audit-ignore.txt 2>/dev/null); \
	status=0; $(BIN)/pip-audit --skip-editable --progress-spinner off $$ignores >var/pip-audit.log 2>&1 || status=$$?; \
	grep -v "could not be audited" var/pip-audit.log; \
	skipped=$$(grep -c "could not be audited" var/pip-audit.log || true); \
	if [ "$$skipped" -gt 0 ]; then echo "pip-audit: WARNING: $$skipped dependencies could not be audited (not on the package index it asked)"; fi; \
	if [ $$status -ne 0 ]; then \
	  if grep -qE "Found [0-9]+ known vulnerabilit" var/pip-audit.log; then exit 1; \
	  elif grep -qE "network may be blocking|ConnectionError|NameResolutionError|Max retries exceeded|Failed to establish a new connection|Temporary failure in name resolution|timed out" var/pip-audit.log; then \
	    echo "pip-audit: vulnerability service unreachable (network): audit SKIPPED, not passed"; \
	  else exit $$status; fi; \
	fi

# Rewrites requirements/lock*.txt from pyproject.toml (and tools.txt from tools.in) for Python
# 3.11 on Linux x86_64, with every file's hash, keeping the versions already locked. Versions
# are chosen to work from LOCK_PYTHON up, whichever 3.11 the venv has: 3.11.2 is Debian 12's own
# python3.11, the interpreter scripts/pick_python.sh finds there (so e.g. soupsieve stays on
# 2.10, its last release for Pythons before 3.11.5, and redis gets async-timeout). uv does not
# read pip's configuration, so a local index mirror never ends up in a lock.
# Move versions on with `make lock UPGRADE=--upgrade` (everything) or
# `make lock UPGRADE="--upgrade-package django"`.
UV_COMPILE = $(BIN)/uv pip compile --quiet --generate-hashes --python-version $(LOCK_PYTHON) \
	--python $(BIN)/python --custom-compile-command "make lock" $(UPGRADE)

LOCK_PYTHON := 3.11.2

lock: $(BIN)/uv
	@mkdir -p requirements
	$(UV_COMPILE) pyproject.toml -o requirements/lock.txt
	$(UV_COMPILE) pyproject.toml --extra test -c requirements/lock.txt -o requirements/lock-test.txt
	$(UV_COMPILE) requirements/tools.in -o requirements/tools.txt

clean:
	rm -rf $(VENV) var/peercert.sqlite3 var/test-media var/test-private static
