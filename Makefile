PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?= ../shared/corpus

.PHONY: setup demo test lint format bench bench-extract clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

demo: setup
	$(BIN)/newsbot demo

lint: setup
	$(BIN)/ruff check newsbot tests bench
	$(BIN)/ruff format --check newsbot tests bench

format: setup
	$(BIN)/ruff format newsbot tests bench
	$(BIN)/ruff check --fix newsbot tests bench

test: lint
	$(BIN)/pytest -q

bench: setup
	$(BIN)/python bench/bench_dates.py

bench-extract: setup
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/bench_extract.py --corpus $(CORPUS)

clean:
	rm -rf $(VENV) data/newsbot.db data/newsbot.db-* data/site
