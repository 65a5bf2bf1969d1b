# Kindred: the front door. `make run` serves the demo site; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
# Locks against PyPI alone (never a machine's own mirror or wheel folder), so the hashes are PyPI's.
LOCK := env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null \
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links

.PHONY: install requirements run test lint format migrations-check bench clean

install: $(STAMP)

# requirements-dev.txt starts with -r requirements.txt: the runtime set, then tests and tooling.
# Every line carries hashes, so pip installs in --require-hashes mode.
$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@# --no-deps: both files are locked whole (every dependency pinned with its hashes), so pip need
	@# not resolve them again; `pip check` then proves nothing is missing.
	$(PY) -m pip install --quiet --no-compile --no-deps -r requirements-dev.txt
	$(PY) -m pip check
	@# Byte-compiled on every core: pip compiles one file after another (half of a fresh install's time).
	@# Like pip's own, a file that does not compile (a package's Python 2 example) is skipped, not fatal.
	-$(PY) -m compileall -q -j 0 $(VENV)/lib >/dev/null
	rm -f $(VENV)/.installed-*
	touch $@

# After editing requirements.in or requirements-dev.in: lock both again (exact versions, hashes).
requirements: install
	$(LOCK) --output-file=requirements.txt requirements.in
	$(LOCK) --output-file=requirements-dev.txt requirements-dev.in
	awk '!done && /^[A-Za-z]/ {print "-r requirements.txt\n"; done=1} {print}' requirements-dev.txt > requirements-dev.tmp
	mv requirements-dev.tmp requirements-dev.txt

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	scripts/run.sh

# In parallel, a process per core (pytest-xdist); each has its own test database and cache keys.
# At most 4: each holds a few PostgreSQL connections (race tests, workers, live servers) of the 100
# a default server allows, and on this 2-core machine a third process already made the run slower.
test: install
	$(BIN)/pytest -n auto --maxprocesses 4

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
