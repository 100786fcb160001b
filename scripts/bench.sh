#!/usr/bin/env bash
# make bench: NLU accuracy, reply latency and memory, clean training time -> bench/results/*.json
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD" SQLALCHEMY_SILENCE_UBER_WARNING=1
.venv/bin/python bench/nlu_eval.py 2>/dev/null | grep -E "^(held-out|dev_messages)"
.venv/bin/python bench/latency.py 20 2>/dev/null | tail -1
.venv/bin/python bench/assessment_bench.py 1000000 2>/dev/null | tail -1
bash bench/train_time.sh
