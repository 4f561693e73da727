# extract: METI's rare-metal deck (Dec 2011) -> validated, traceable tables.
# The Makefile is the DAG: raw/ -> output/ -> checks. `make help` lists the targets.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SOURCE := raw/meti_rare_metals_2011-12.txt
OUT    := output
APT    := DEBIAN_FRONTEND=noninteractive apt-get

.DEFAULT_GOAL := help
.PHONY: help extract check test lint deep bench peers schemas clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(BIN)/.runtime: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(BIN)/.dev: $(BIN)/.runtime requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# The peers (neologdn, jaconv, kanjize, japanera, jeraconv; GiNZA and spaCy): only for
# re-recording their answers (make peers) and for make bench; make test reads the record.
$(BIN)/.peers: $(BIN)/.dev requirements-peers.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-peers.txt
	touch $@

# Chromium from Debian, for the test that opens report.html in a headless browser.
$(VENV)/.chromium:
	command -v chromium >/dev/null 2>&1 || $(APT) install -y chromium || \
		($(APT) update && $(APT) install -y chromium)
	mkdir -p $(VENV) && touch $@

extract: $(BIN)/.runtime ## parse raw/ into output/ (CSV, Parquet, Excel, data package, report), validated
	$(BIN)/python -m extract $(SOURCE) --out $(OUT)

check: $(BIN)/.runtime ## prove output/ from disk: hashes, CSV = Parquet = workbook, keys, every check
	$(BIN)/python -m extract check $(OUT)

schemas: $(BIN)/.runtime ## export the pandera models to schemas/ (the reviewable contracts)
	$(BIN)/python -m extract.validate.contracts

test: $(BIN)/.dev $(VENV)/.chromium ## run the test suite, one process per core (includes the `make check` path; installs Chromium)
	$(BIN)/python -m pytest -q -n auto

lint: $(BIN)/.dev ## ruff (pyproject's rules) on src/ and tests/, mypy (types) and vulture (dead code) on src/, the house rules (tests/test_house.py)
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/vulture src vulture_whitelist.py
	$(BIN)/python -m pytest -q tests/test_house.py

deep: $(BIN)/.dev ## the fuzzers, kill loops and page-5 scrambles at length (EXTRACT_DEEP=1: hundreds of runs each; slow)
	EXTRACT_DEEP=1 $(BIN)/python -m pytest -q -n auto tests/test_fuzz.py tests/test_kill.py tests/test_pdf_rows.py tests/test_follows_text.py

peers: $(BIN)/.peers ## install the pinned peers (requirements-peers.txt) and re-record their answers into tests/data/peers/
	$(BIN)/python tests/record_peers.py
	@echo "then: $(BIN)/python tests/test_peers.py --write; $(BIN)/python tests/test_figures_corpus.py --write"

bench: $(BIN)/.peers ## every speed goal as one table of ratios (deck, census, core), into bench/results.json
	$(BIN)/python bench/run.py

clean: ## remove the virtualenv and caches (output/ stays)
	rm -rf $(VENV) build src/*.egg-info .hypothesis
