#!/usr/bin/env bash
# Clean training time (empty Rasa cache) of the current data/config/domain; writes bench/results/training.json.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
start=$(date +%s.%N)
PYTHONPATH="$PWD" RASA_CACHE_DIRECTORY="$tmp/cache" .venv/bin/rasa train --out "$tmp" --fixed-model-name timing --quiet > "$tmp/train.log" 2>&1
end=$(date +%s.%N)
mkdir -p bench/results
seconds=$(python3 -c "print(round($end - $start, 1))")
printf '{"clean_training_seconds": %s, "cores": %s}\n' "$seconds" "$(nproc)" > bench/results/training.json
cat bench/results/training.json
rm -rf "$tmp"
