#!/usr/bin/env bash
# Trains a model when none matches the current data, config and domain (named by their hash).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p models var
# One training at a time: a second caller waits for the first and then finds its model.
exec 9>var/model.lock
flock 9
hash=$(cat config.yml domain.yml $(find data -type f | sort) | sha256sum | cut -c1-12)
if [ -f "models/intake-$hash.tar.gz" ]; then
  echo "model models/intake-$hash.tar.gz is current"
  exit 0
fi
echo "training model intake-$hash (no model matches the current data/config/domain) ..."
mkdir -p models var
start=$(date +%s)
PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" .venv/bin/rasa train --fixed-model-name "intake-$hash" --out models --quiet
echo "trained in $(( $(date +%s) - start )) s"
echo "$(( $(date +%s) - start ))" > var/last_training_seconds
