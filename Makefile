# The two commands of the README:
#   make run    installs everything and serves the web app with a demo region on SQLite
#   make test   installs everything (Chromium included) and runs the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Three workers on two cores: a third of the suite's time is spent waiting on PostgreSQL and Chromium.
PYTEST_ARGS ?= -n 3 --dist worksteal
# Some front-end packages (@carbon/*, under form-js) scan the project on install and report it to their vendor.
export IBM_TELEMETRY_DISABLED := true

.PHONY: run test setup lint bench

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

node_modules/.package-lock.json: package-lock.json package.json
	npm ci --no-audit --no-fund

web/static/build/.built: node_modules/.package-lock.json $(shell find web/frontend processes/.bpmnlintrc -type f -not -path 'web/frontend/generated/*')
	npm run build
	touch $@

setup: $(VENV)/.installed node_modules/.package-lock.json web/static/build/.built

run: setup
	$(BIN)/profroute demo --serve

test: setup
	bash scripts/setup-test.sh
	$(BIN)/ruff check .
	$(BIN)/pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .

bench: setup
	$(BIN)/python bench/engine_bench.py
