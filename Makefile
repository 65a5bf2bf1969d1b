# Kindred: the front door. `make run` serves the demo site; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)

.PHONY: install run test lint format migrations-check bench clean

install: $(STAMP)

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	scripts/run.sh

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run

bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
