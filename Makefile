# The two jobs of the README: `make serve` (build the index and site, serve them) and `make test`.
# Both set up a virtual environment in .venv on first use. Needs python3 (3.11+).

VENV ?= .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check snapshot browsers clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

build: $(VENV)/.installed
	$(VENV)/bin/atipsom build

serve: build
	$(VENV)/bin/atipsom serve --no-build

check: $(VENV)/.installed
	$(VENV)/bin/atipsom check

snapshot: $(VENV)/.installed
	$(VENV)/bin/atipsom snapshot

browsers:
	@scripts/ensure-chromium

test: $(VENV)/.installed browsers
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(VENV)/bin/atipsom check
	$(PY) -m pytest

clean:
	rm -rf site var dist .pytest_cache
