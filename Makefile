# The two commands of the README: `make demo` and `make test`. Each creates ./.venv on first use.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test test-fast fuzz kill-trials lint bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/activate pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

## Build the demo store from data/ and serve it on http://127.0.0.1:8000 (Ctrl-C stops it)
demo: $(VENV)/.installed
	$(BIN)/plangraph demo
	$(BIN)/plangraph serve

## Lint, then run the whole test suite
test: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	@$(BIN)/python -m pytest; status=$$?; \
	  if [ $$status -eq 5 ]; then echo "pytest collected no tests: failing" >&2; fi; \
	  exit $$status

## The edit-test loop: everything but real browsers, servers, subprocesses and the wheel (under a minute)
test-fast: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -q -m "not slow and not browser" -n auto

## Fuzz the readers, then ingest the same files as one batch, with many more hostile files
## than the fixed set the tests run (tests/test_fuzz.py); -s prints the batch's figures
fuzz: $(VENV)/.installed
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-3000} $(BIN)/python -m pytest -q -s tests/test_fuzz.py

## Kill -9 a first ingest at 20 random points instead of the tests' five (tests/test_processes.py)
kill-trials: $(VENV)/.installed
	KILL_TRIALS=$${KILL_TRIALS:-20} $(BIN)/python -m pytest -q tests/test_processes.py -k kill_9

lint: $(VENV)/.installed
	$(BIN)/ruff check .

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/ingest_throughput.py

clean:
	rm -rf $(VENV) plangraph-store .pytest_cache .ruff_cache
