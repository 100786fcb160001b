#!/usr/bin/env bash
# Prints the path of the model that matches the current data, config and domain.
cd "$(dirname "$0")/.."
hash=$(cat config.yml domain.yml $(find data -type f | sort) | sha256sum | cut -c1-12)
echo "models/intake-$hash.tar.gz"
