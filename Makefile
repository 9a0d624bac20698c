# framing — make help lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# The venv is reused only while pyproject.toml is unchanged (the stamp names its hash).
STAMP := $(VENV)/.installed-$(shell sha256sum pyproject.toml | cut -c1-12)
INCIDENT ?= data/incidents/karabakh-ceasefire-2020-12
OUT ?=  # the report's folder (empty: reports/<slug>/)

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

setup: $(STAMP)  ## create .venv and install framing with pinned dependencies

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@rm -f $(VENV)/.installed-* && touch $@

browser:  ## install Debian's chromium for the browser test (needs root or sudo)
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

report: setup  ## set up and render INCIDENT's report (the sample; into OUT, default reports/<slug>/)
	$(BIN)/framing report $(INCIDENT) $(if $(OUT),--out $(OUT))

test: setup browser  ## set up and run lint + every test (notebooks and browser included)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

check: setup hooks  ## the fast tier while working: lint + every test not marked slow (< 2 min)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -m "not slow" -q

hooks:  ## use the project's git hooks (.githooks: nbstripout keeps notebook outputs out of commits)
	@git rev-parse --git-dir >/dev/null 2>&1 && git config core.hooksPath .githooks || true

lint:  ## ruff
	$(BIN)/ruff check .

bench: setup  ## speed and accuracy benchmarks (reads ../shared/eval)
	$(BIN)/python bench/speed.py
	$(BIN)/python bench/accuracy.py

precision: setup  ## re-check that bf16 moves no evaluation by more than a point (slow)
	$(BIN)/python bench/precision.py

clean:  ## remove rendered reports and caches (keeps .venv)
	rm -rf reports/*/ .cache .pytest_cache

.PHONY: help setup browser report test check hooks lint bench precision clean
