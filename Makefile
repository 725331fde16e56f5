# Kotopolku: `make run` sets up and serves the demo; `make test` sets up and runs the suite.
PYTHON ?= python3
UV_VERSION := 0.9.30
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The suite runs on every core (pytest-xdist); `make test TEST_WORKERS=0` runs it in one process.
TEST_WORKERS ?= auto

export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON := $(PYTHON)

.PHONY: run test lint typecheck migrations-check check messages clean worker

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --quiet
	touch $@

run: $(VENV)/.synced
	KOTOPOLKU_ENV=development $(PY) -m kotopolku prepare
	@echo "Kotopolku is starting at http://$(HOST):$(PORT)/ (the public site; staff sign in at http://$(HOST):$(PORT)/staff/; stop with Ctrl-C)"
	KOTOPOLKU_ENV=development $(PY) -m kotopolku runserver $(HOST):$(PORT)

test: $(VENV)/.synced
	KOTOPOLKU_ENV=development $(PY) -m pytest -n $(TEST_WORKERS) --dist load $(PYTEST_ARGS)

worker: $(VENV)/.synced
	KOTOPOLKU_ENV=development $(PY) -m kotopolku db_worker

lint: $(VENV)/.synced
	$(VENV)/bin/ruff check kotopolku bench
	$(VENV)/bin/ruff format --check kotopolku bench

typecheck: $(VENV)/.synced
	KOTOPOLKU_ENV=development $(VENV)/bin/mypy kotopolku

migrations-check: $(VENV)/.synced
	KOTOPOLKU_ENV=development $(PY) -m kotopolku makemigrations --check --dry-run

check: lint typecheck migrations-check

messages: $(VENV)/.synced
	tools/makemessages.sh

clean:
	rm -rf $(VENV) $(TOOLS) var
