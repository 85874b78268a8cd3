# khabar — set-up, run, test and bench. Everything installs from this repository's own files.
# the interpreter the venv is made with: the system's python3 where it is 3.11 or later and can make
# a venv (Debian's is built with profile-guided and link-time optimisation and runs the pipeline
# about 8% faster than pyenv's default build: README, "Which Python"), else the python3 on PATH
SYSTEM_PYTHON := /usr/bin/python3
PYTHON ?= $(shell $(SYSTEM_PYTHON) -c 'import sys, ensurepip; sys.exit(sys.version_info < (3, 11))' \
            2>/dev/null && echo $(SYSTEM_PYTHON) || echo python3)
VENV := .venv
PY := $(VENV)/bin/python
KHABAR := $(VENV)/bin/khabar
STAMP := $(VENV)/.installed
OUT := out

.PHONY: run test bench ab install browser clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[discover,dask,test,bench]'
	touch $(STAMP)

install: $(STAMP)

# Debian's chromium for the browser tests (playwright's own browser download cannot work here)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi; }

run: $(STAMP)
	@mkdir -p $(OUT)
	$(KHABAR) ingest examples --db $(OUT)/khabar.sqlite
	$(KHABAR) extract examples -o $(OUT) --summary
	$(KHABAR) report $(OUT)/khabar.sqlite -o $(OUT)/report.html
	$(KHABAR) export $(OUT)/khabar.sqlite --format geojson -o $(OUT)/claims.geojson

test: $(STAMP) browser
	$(PY) -m pytest -q -p no:cacheprovider tests

bench: $(STAMP)
	$(PY) -m khabar.bench $(if $(QUICK),--quick,)

# is the working tree faster than BASE (a git revision), with the same output? make ab BASE=main
ab: $(STAMP)
	$(PY) -m khabar.bench_ab $(or $(BASE),HEAD) $(if $(ROUNDS),--rounds $(ROUNDS),)

clean:
	rm -rf $(OUT) .pytest_cache
