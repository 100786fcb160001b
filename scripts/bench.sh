#!/usr/bin/env bash
# make bench: every benchmark -> bench/results/*.json (quoted in the README). Takes about 45 min;
# BENCH_QUICK=1 skips the 10,000-message bad-input run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD" SQLALCHEMY_SILENCE_UBER_WARNING=1
.venv/bin/python bench/nlu_eval.py 2>/dev/null | grep -E "^(held-out|styles_dev)"
.venv/bin/python bench/understanding_eval.py 2>/dev/null | grep -E "^(dev_messages|all files)"
.venv/bin/python bench/conversations.py 2>/dev/null | tail -12
.venv/bin/python bench/serving.py --residents 20 --think 2 2>/dev/null | tail -1
.venv/bin/python bench/serving.py --residents 20 --think 2 --target single --shared-phone-cases 1000 --out serving_shared_phone.json 2>/dev/null | tail -1
.venv/bin/python bench/shared_load.py 2>/dev/null | tail -1
.venv/bin/python bench/assessment_bench.py 1000000 2>/dev/null | tail -1
.venv/bin/python bench/desk_bench.py 100000 2>/dev/null | tail -1
.venv/bin/python bench/roster_bench.py 100000 1000000 sqlite postgresql 2>/dev/null | tail -c 400
.venv/bin/python bench/referral_bench.py 300 40 2>/dev/null | tail -1
.venv/bin/python bench/console_bench.py 40 4 2>/dev/null | tail -1
.venv/bin/python bench/wechat_bench.py 20 2>/dev/null | tail -1
if [ -z "${BENCH_QUICK:-}" ]; then .venv/bin/python bench/bad_input.py 10000 6 2>/dev/null | tail -1; fi
bash bench/train_time.sh
