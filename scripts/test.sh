#!/usr/bin/env bash
# make test: data validation, then every pytest layer (unit, integration, conversation tests).
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
export SQLALCHEMY_SILENCE_UBER_WARNING=1
mkdir -p var
echo "== rasa data validate"
.venv/bin/rasa data validate --fail-on-warnings --max-history 5 > var/validate.log 2>&1 || { tail -40 var/validate.log; exit 1; }
grep -E "UserWarning" var/validate.log | grep -v "duplicated intents have been found" || true
echo "data validation: clean"
echo "== pytest (unit, integration, conversations)"
.venv/bin/python -m pytest -ra tests "$@"
