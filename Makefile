# Movement Learning Hub. `make help` lists the targets; the README uses them.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PYTEST_ARGS ?=
# Test processes (pytest-xdist): one per core; 0 runs the suite in this process.
TEST_WORKERS ?= auto

CODEX := node_modules/@wikimedia
VENDOR := build/static/vendor

.PHONY: help install assets messages migrate content setup run zim test test-postgres test-scaleout screenshots lint format chromium pdf-deps varnish clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV): on Debian, apt-get install python3-venv"; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(VENDOR)/.copied: node_modules/.installed
	mkdir -p $(VENDOR)/codex $(VENDOR)/codex-icons
	cp $(CODEX)/codex/dist/codex.style.css $(CODEX)/codex/dist/codex.style-rtl.css $(VENDOR)/codex/
	cp $(CODEX)/codex-design-tokens/dist/theme-wikimedia-ui.css $(VENDOR)/codex/
	cp $(CODEX)/codex-icons/dist/images/*.svg $(VENDOR)/codex-icons/
	@touch $@

install: $(VENV)/.installed node_modules/.installed assets ## Create .venv and install Python and npm dependencies

assets: $(VENDOR)/.copied ## Copy the Codex styles, tokens and icons out of node_modules

messages: $(VENV)/.installed ## Compile the interface translations (locale/*.po)
	$(PY) manage.py compile_catalogues --verbosity 0

migrate: $(VENV)/.installed ## Apply database migrations and create the database cache's table
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable

content: ## Create the site's pages and load the shipped data (safe to run again)
	$(PY) manage.py setup_site
	$(PY) manage.py import_framework framework/data/framework.yaml
	$(PY) manage.py load_demo_resources --if-empty
	$(PY) manage.py link_pathway_resources --skip-missing
	$(PY) manage.py load_opportunities --if-empty

setup: install messages migrate content ## Install, compile translations, migrate and load content (idempotent)

run: setup pdf-deps ## Serve the Hub at http://127.0.0.1:$(PORT)/ with the real framework and demo content
	@echo "The Hub is at http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

zim: setup ## Build the four offline packs (Kiwix ZIM files, one per language) into build/zim/
	$(PY) manage.py build_zim --all

chromium: ## Make sure Debian's Chromium is there for the browser tests
	@bash scripts/ensure-chromium

pdf-deps: ## Make sure Pango and the Noto fonts are there for the pathway PDFs (WeasyPrint)
	@bash scripts/ensure-pdf-deps

varnish: ## Make sure Debian's Varnish is there for the scale-out tests
	@bash scripts/ensure-varnish

# The scale-out tests start their own Varnish, gunicorns and database: `make test-scaleout` runs them.
test: install messages chromium pdf-deps ## Run the whole test suite on SQLite, browser tests included (not the scale-out tests)
	$(PY) -m pytest -n $(TEST_WORKERS) -m "not scaleout" $(PYTEST_ARGS)

test-postgres: install messages chromium pdf-deps ## Run the whole suite on PostgreSQL (DATABASE_URL, default: local server)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hub} $(PY) -m pytest -n $(TEST_WORKERS) -m "not scaleout" $(PYTEST_ARGS)

test-scaleout: install messages varnish ## Varnish in front of two gunicorns on PostgreSQL and Redis (DATABASE_URL, CACHE_URL)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hub} \
	CACHE_URL=$${CACHE_URL:-redis://127.0.0.1:6379/8} \
	$(PY) -m pytest -n 0 -m scaleout -p no:randomly $(PYTEST_ARGS)

screenshots: install messages chromium ## Retake the phone screenshots in docs/screenshots/ (the listing and a pathway at 390 px, en and ar)
	HUB_SCREENSHOTS=1 $(PY) -m pytest -n 0 -p no:randomly tests/browser/test_resources_browser.py -k first_result_is_on_the_first_phone_screen
	HUB_SCREENSHOTS=1 $(PY) -m pytest -n 0 -p no:randomly tests/browser/test_my_pathways_browser.py -k progress_without_a_request

lint: $(VENV)/.installed ## ruff (lint and format check), the layers contract, and a check that migrations match the models
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

format: $(VENV)/.installed ## Format and autofix with ruff
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

clean: ## Remove the virtual env, node_modules, built assets and the SQLite database
	rm -rf $(VENV) node_modules build staticfiles db.sqlite3 db.sqlite3-shm db.sqlite3-wal
