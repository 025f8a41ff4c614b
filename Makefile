# Two commands for a newcomer: `make run` and `make test`. Both create .venv if needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck unit bench docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

## run: install, then start the web app (open the address it prints)
run: $(STAMP)
	$(BIN)/supple serve

## test: lint, type-check and run every test (what CI runs)
test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -n 2 -q

## bench: print the performance figures (not part of the test run)
bench: $(STAMP)
	$(BIN)/python benchmarks/cold_start.py
	$(BIN)/python benchmarks/composer.py
	$(BIN)/python benchmarks/report.py
	$(BIN)/python benchmarks/web.py
	$(BIN)/python benchmarks/auth.py
	$(BIN)/python benchmarks/writes.py
	$(BIN)/python benchmarks/years.py

## docs: regenerate the CLI reference from the code
docs: $(STAMP)
	$(BIN)/python -m supple.cli.reference > docs/cli.md

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
