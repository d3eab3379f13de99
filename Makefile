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
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) var/peercert.sqlite3 var/test-media var/test-private static
