PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?= ../shared/corpus
# The checkout goes on sys.path through a plain .pth line: setuptools' default editable
# install adds an import hook that costs every command, `python -c pass` included, 30 ms.
EDITABLE := --config-settings editable_mode=compat

.PHONY: setup demo test lint format bench bench-more bench-extract bench-run mutation clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet $(EDITABLE) -e '.[dev]'
	touch $@

demo: setup
	$(BIN)/newsbot demo

lint: setup
	$(BIN)/ruff check newsbot tests bench
	$(BIN)/ruff format --check newsbot tests bench

format: setup
	$(BIN)/ruff format newsbot tests bench
	$(BIN)/ruff check --fix newsbot tests bench

test: lint jekyll
	$(BIN)/pytest -q

# The site test builds the demo output with Debian's jekyll; install it when missing.
jekyll:
	@command -v jekyll >/dev/null || { apt-get update -qq && apt-get install -y -qq jekyll; }

# The performance benchmark (README, "Performance"); BENCH_QUICK=1 for a small smoke run.
bench: setup
	$(BIN)/pip install --quiet $(EDITABLE) -e '.[dev,bench]'
	$(BIN)/python bench/bench_all.py --corpus $(CORPUS)

bench-more: setup
	$(BIN)/python bench/bench_dates.py
	$(BIN)/python bench/bench_search.py
	$(BIN)/python bench/bench_recrawl.py

RUNS ?= 100
bench-run: setup
	$(BIN)/python bench/bench_run_memory.py --runs $(RUNS)

bench-extract: setup
	$(BIN)/pip install --quiet $(EDITABLE) -e '.[dev,bench]'
	$(BIN)/python bench/bench_extract.py --corpus $(CORPUS)

# Mutation testing of the core modules (tens of minutes; not part of `make test`).
# MUTATION_ARGS: e.g. --minutes 45 --sample 200 --only store,export --max-children 1,
# --no-recheck, or --report-only.
mutation: setup
	$(BIN)/pip install --quiet $(EDITABLE) -e '.[dev,mutation]'
	$(BIN)/python tests/mutation.py $(MUTATION_ARGS)

clean:
	rm -rf $(VENV) data/newsbot.db data/newsbot.db-* data/site
