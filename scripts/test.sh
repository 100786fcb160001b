#!/usr/bin/env bash
# make test: data validation, then every pytest layer (unit, integration, conversation tests).
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
export SQLALCHEMY_SILENCE_UBER_WARNING=1
mkdir -p var
echo "== rasa data validate"
.venv/bin/rasa data validate --fail-on-warnings --max-history 5 > var/validate.log 2>&1 || { tail -40 var/validate.log; exit 1; }
# Rasa's validator does not know that a form asks with utter_ask_<slot> (it warns, never fails):
# those responses are the form's questions (domain.yml, tests/unit/test_form_questions.py).
grep -E "UserWarning" var/validate.log | grep -v "duplicated intents have been found" | grep -vE "utterance 'utter_ask_[a-z_]+' is not used" || true
echo "data validation: clean"
echo "== pytest (unit, integration, conversations)"
.venv/bin/python -m pytest -ra tests "$@"
