# PeerCert — the two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SETTINGS ?= cms.settings.dev

.PHONY: demo test install install-test lint serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the dependency list changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Verification links and QR codes point where the demo is served unless SITE_URL says otherwise.
demo: export SITE_URL ?= http://127.0.0.1:$(PORT)
demo: install
	@scripts/system-deps.sh runtime
	@mkdir -p var
	DJANGO_SETTINGS_MODULE=$(SETTINGS) $(BIN)/python manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=$(SETTINGS) $(BIN)/python manage.py issuer_keys init
	DJANGO_SETTINGS_MODULE=$(SETTINGS) $(BIN)/python manage.py seed_demo
	@echo "Serving on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	DJANGO_SETTINGS_MODULE=$(SETTINGS) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install-test
	@scripts/system-deps.sh test
	@mkdir -p var
	$(BIN)/ruff check .
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python manage.py check
	@# pip-audit: any finding fails (unless listed, with its reason, in .ci/pip-audit-ignore.txt);
	@# only an unreachable vulnerability service is tolerated, and said so.
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
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) var/peercert.sqlite3 var/test-media var/test-private static
