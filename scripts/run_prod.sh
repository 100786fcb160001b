#!/usr/bin/env bash
# make run-prod: the production profile on this machine (scripts/cluster.py): two Rasa
# servers and two action servers, each pair behind HAProxy, the PostgreSQL tracker and case stores,
# the Redis lock store (and WeChat MsgId/nonce memory), the desk with its worker and a second worker.
# Needs PostgreSQL at 127.0.0.1:5432 and Redis at 127.0.0.1:6379 (or DATABASE_URL, TRACKER_DB_URL,
# REDIS_HOST/REDIS_PORT naming others); installs Debian's haproxy when it is missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
export SQLALCHEMY_SILENCE_UBER_WARNING=1
if ! command -v haproxy >/dev/null 2>&1 && [ ! -x /usr/sbin/haproxy ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q haproxy >/dev/null || { apt-get update -q >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -q haproxy >/dev/null; }
  else
    echo "HAProxy is needed: apt-get install haproxy (as root)" >&2; exit 1
  fi
fi
PG=${PG_SERVER_URL:-postgresql+psycopg2://postgres@127.0.0.1:5432}
export DATABASE_URL=${DATABASE_URL:-$PG/linshi_cases}
export TRACKER_DB_URL=${TRACKER_DB_URL:-$PG/linshi_tracker}
# The two databases, created on first run when they are missing (the server's `postgres` database administers).
.venv/bin/python - <<'PY'
import os
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
for url in (os.environ["DATABASE_URL"], os.environ["TRACKER_DB_URL"]):
    target = make_url(url)
    engine = create_engine(target.set(database="postgres"), future=True, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        if not connection.execute(text("select 1 from pg_database where datname = :n"), {"n": target.database}).first():
            connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    engine.dispose()
PY
mkdir -p var/prod
exec .venv/bin/python -m scripts.cluster
