# 临时救助 intake assistant. `make run` and `make test` do their own setup on a fresh clone.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
# Python 3.10 (Rasa 3.6 supports 3.8-3.10): from PATH, else from pyenv.
PYTHON310 ?= $(shell (python3.10 -c 'import sys' >/dev/null 2>&1 && command -v python3.10) || ls -d $$HOME/.pyenv/versions/3.10*/bin/python3.10 /usr/bin/python3.10 2>/dev/null | head -1)

.PHONY: purge run run-prod chat test test-unit test-integration test-conversations validate model bench lock clean nlu-data

$(VENV)/.installed: requirements.txt constraints.txt
	@test -n "$(PYTHON310)" || { echo "Python 3.10 not found: install it (pyenv install 3.10) or set PYTHON310=/path/to/python3.10"; exit 1; }
	test -x $(PY) || $(PYTHON310) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade "pip==24.0"
	$(PY) -m pip install -q -r requirements.txt -c constraints.txt
	$(PY) -m pip check
	touch $@

venv: $(VENV)/.installed

model: $(VENV)/.installed
	@bash scripts/ensure_model.sh

run: model
	@bash scripts/run.sh

run-prod: model   # two Rasa + two action servers behind HAProxy, PostgreSQL, Redis (scripts/run_prod.sh)
	@bash scripts/run_prod.sh

chat: model
	@bash scripts/run.sh --chat

validate: $(VENV)/.installed
	PYTHONPATH=. $(RASA) data validate --fail-on-warnings --max-history 5

test: model
	@bash scripts/test.sh

test-unit: $(VENV)/.installed
	$(PY) -m pytest -q tests/unit

purge: $(VENV)/.installed
	PYTHONPATH=. $(PY) -m bot.services.retention

bench: model
	@bash scripts/bench.sh

nlu-data: $(VENV)/.installed
	$(PY) scripts/make_nlu.py

lock: $(VENV)/.installed
	(echo "# Full lock of the .venv (pip freeze); regenerate with: make lock"; $(PY) -m pip freeze) > constraints.txt

clean:
	rm -rf models var results .pytest_cache
