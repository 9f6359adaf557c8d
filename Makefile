# Two commands do all set-up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
PORT ?= 3000
PYTEST_ARGS ?= --tracing retain-on-failure --screenshot only-on-failure --output test-results
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
TOOLS := $(CURDIR)/.tools
BUN_VERSION := 1.4.5
AXE_CORE_VERSION := 4.14.1

# Reflex runs offline here: bun from npm instead of its internet installer,
# no telemetry, no version check, no reachability or registry-latency probes,
# and all of its files inside the project.
export PATH := $(TOOLS)/node_modules/.bin:$(BIN):$(PATH)
export REFLEX_DIR := $(TOOLS)/reflex
export BUN_INSTALL_CACHE_DIR := $(TOOLS)/bun-cache
export REFLEX_USE_SYSTEM_BUN := 1
export REFLEX_TELEMETRY_ENABLED := 0
export REFLEX_CHECK_LATEST_VERSION := 0
export REFLEX_HTTP_CLIENT_BIND_ADDRESS := 0.0.0.0
export NPM_CONFIG_REGISTRY ?= $(shell npm config get registry 2>/dev/null)
export PYTHONDONTWRITEBYTECODE := 1
# pyright runs the copy bundled in its wheel; no request to PyPI for a newer version.
export PYRIGHT_PYTHON_IGNORE_WARNINGS := 1

.PHONY: help setup database run dev test test-production lint format chromium nginx bench clean

help:
	@echo "make run    set up and serve the app on http://localhost:$(PORT) (PORT=... to change)"
	@echo "make test   set up and run lint, browser tests, unit and server tests (coverage gate)"
	@echo "make test-production   the same tests on PostgreSQL + Redis with two workers"
	@echo "make dev    serve in development mode with hot reload (:3000 and :8000)"
	@echo "make format apply ruff formatting and fixes"
	@echo "make bench  print the benchmarks' figures"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# bun for Reflex's frontend build; axe-core for the accessibility tests.
$(TOOLS)/.installed-$(BUN_VERSION)-$(AXE_CORE_VERSION):
	mkdir -p $(TOOLS)
	npm install --silent --no-fund --no-audit --prefix $(TOOLS) \
		bun@$(BUN_VERSION) axe-core@$(AXE_CORE_VERSION)
	touch $@

setup: $(VENV)/.installed $(TOOLS)/.installed-$(BUN_VERSION)-$(AXE_CORE_VERSION)

# Migrate to the newest schema, then load the default content entries never loaded before,
# give images uploaded before link previews existed their JPEG, and renew a search index an
# older version built (each quick when there is nothing to do).
database: setup
	reflex db migrate
	python -m partner_app.cli load-content
	python -m partner_app.cli share-images
	python -m partner_app.cli search-index

# Production mode refuses to start without its public origin: here, this machine's port.
run: export PARTNER_APP_PUBLIC_ORIGIN ?= http://localhost:$(PORT)
run: database
	reflex run --env prod --frontend-port $(PORT)

dev: database
	reflex run

# Debian's Chromium when none is found: Playwright cannot download its own browser here.
chromium:
	@if [ -n "$${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null || command -v chromium-browser >/dev/null; then \
		echo "Chromium: found"; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "No Chromium found: install Debian's 'chromium' or set CHROMIUM_PATH." >&2; exit 1; \
	fi

# Debian's nginx for the test of the documented reverse proxy (tests/system/test_behind_nginx.py).
nginx:
	@if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then \
		echo "nginx: found"; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; \
	else \
		echo "No nginx found: install Debian's 'nginx'." >&2; exit 1; \
	fi

lint: setup
	ruff check .
	ruff format --check .
	pyright

format: setup
	ruff format .
	ruff check --fix .

# The unit and server tests under the coverage gate ([tool.coverage] in pyproject.toml),
# then the browser and system tests (each drives the app in a process of its own). Only the
# first call is measured, so the browser suites run at full speed. Both calls run; either
# failing fails the target (status).
# With PYTEST_ARGS given: those tests alone, in one call, without the gate.
ifeq ($(origin PYTEST_ARGS),file)
pytest_suites = python -m pytest tests/unit tests/server --cov; status=$$?; \
	python -m pytest tests/browser tests/system $(PYTEST_ARGS) $(1) || status=1
else
pytest_suites = python -m pytest $(PYTEST_ARGS) $(1); status=$$?
endif

test: setup chromium nginx lint
	$(call pytest_suites); exit $$status

# The same suite on the production stack: PostgreSQL and Redis (Debian packages, started on
# free loopback ports with their files in .stack/) and two backend workers.
STACK_DIR := $(CURDIR)/.stack
test-production: setup chromium nginx lint
	.ci/production-stack start $(STACK_DIR)
	source $(STACK_DIR)/env && export GRANIAN_WORKERS=2 && \
		$(call pytest_suites,--output test-results/production); \
		.ci/production-stack stop $(STACK_DIR); exit $$status

LIGHTHOUSE_VERSION := 13.5.0

$(TOOLS)/.installed-lighthouse-$(LIGHTHOUSE_VERSION):
	npm install --silent --no-fund --no-audit --prefix $(TOOLS) lighthouse@$(LIGHTHOUSE_VERSION)
	touch $@

# Every benchmark twice: on the embedded default, then on the production stack.
bench: setup chromium $(TOOLS)/.installed-lighthouse-$(LIGHTHOUSE_VERSION)
	python -m benchmarks.news_query
	python -m benchmarks.page_metrics
	python -m benchmarks.first_render
	python -m benchmarks.server_load
	python -m benchmarks.login_burst
	.ci/production-stack start $(STACK_DIR)
	source $(STACK_DIR)/env && export GRANIAN_WORKERS=2 && \
		python -m benchmarks.news_query && python -m benchmarks.page_metrics && \
		python -m benchmarks.first_render && python -m benchmarks.server_load && \
		python -m benchmarks.login_burst; status=$$?; \
		.ci/production-stack stop $(STACK_DIR); exit $$status

clean:
	rm -rf .web .states test-results
