#!/usr/bin/env bash
# Starts the action server, the desk web app and the Rasa server (REST channel) on the embedded SQLite default,
# waits until both answer and says where to connect. `--chat` opens a terminal conversation instead.
set -euo pipefail
cd "$(dirname "$0")/.."
RASA_PORT=${RASA_PORT:-5005}
ACTION_PORT=${ACTION_PORT:-5055}
WEB_PORT=${WEB_PORT:-8000}
MODEL=$(bash scripts/model_path.sh)
mkdir -p var/log
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
export SQLALCHEMY_SILENCE_UBER_WARNING=1
sed "s#http://127.0.0.1:5055/webhook#http://127.0.0.1:${ACTION_PORT}/webhook#" endpoints.yml > var/endpoints.yml
# The action server's shared secret: Rasa sends it (endpoints.yml `token`), the action server checks it.
export ACTION_SERVER_TOKEN=${ACTION_SERVER_TOKEN:-$(.venv/bin/python -c "import secrets; print(secrets.token_hex(32))")}

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

wait_for() {  # url name seconds
  for _ in $(seq 1 "$3"); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 1
  done
  echo "$2 did not answer at $1 within $3 s; see var/log/" >&2
  exit 1
}

.venv/bin/python scripts/action_server.py --port "$ACTION_PORT" --actions actions > var/log/actions.log 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:${ACTION_PORT}/health" "action server" 120

if [ "${1:-}" = "--chat" ]; then
  .venv/bin/rasa shell --model "$MODEL" --endpoints var/endpoints.yml
  exit 0
fi

# The demo partner (a charity fund stand-in) and its shared secret, created on first run, never committed.
PARTNER_PORT=${PARTNER_PORT:-8090}
if [ ! -s var/partner-demo.secret ]; then (umask 077; .venv/bin/python -c "import secrets; print(secrets.token_hex(32))" > var/partner-demo.secret); fi
export PARTNER_DEMO_FUND_SECRET=${PARTNER_DEMO_FUND_SECRET:-$(cat var/partner-demo.secret)}
export PARTNER_DEMO_FUND_URL=${PARTNER_DEMO_FUND_URL:-http://127.0.0.1:${PARTNER_PORT}/referrals}
DEMO_PARTNER_CALLBACK_URL="http://127.0.0.1:${WEB_PORT}/api/partners/demo-fund/callback" \
  .venv/bin/python -m bot.referrals.demo_partner "$PARTNER_PORT" > var/log/partner.log 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:${PARTNER_PORT}/state" "demo partner" 30

# WeChat official account: demo credentials created on first run (a real account sets WECHAT_* in
# the environment), and a local stand-in for the WeChat API that late answers go through.
WECHAT_API_PORT=${WECHAT_API_PORT:-8091}
if [ ! -s var/wechat-demo.env ]; then
  (umask 077; .venv/bin/python -c "import base64, os, secrets
print('WECHAT_TOKEN=' + secrets.token_hex(16)); print('WECHAT_AES_KEY=' + base64.b64encode(os.urandom(32)).decode()[:-1])
print('WECHAT_APP_ID=wxdemo0000000000'); print('WECHAT_APP_SECRET=' + secrets.token_hex(16))" > var/wechat-demo.env)
fi
if [ -z "${WECHAT_TOKEN:-}" ]; then set -a; . var/wechat-demo.env; set +a; export WECHAT_API_BASE=${WECHAT_API_BASE:-http://127.0.0.1:${WECHAT_API_PORT}}; fi
.venv/bin/python -m bot.channels.wechat_standin "$WECHAT_API_PORT" > var/log/wechat-standin.log 2>&1 &
pids+=($!)

# The desk web app; it also runs the referral outbox worker.
DEMO_ACCOUNTS=${DEMO_ACCOUNTS:-1} WEB_PORT="$WEB_PORT" .venv/bin/python -m bot.web serve > var/log/web.log 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:${WEB_PORT}/health/ready" "desk web app" 60

.venv/bin/python scripts/rasa_server.py run --model "$MODEL" --port "$RASA_PORT" --endpoints var/endpoints.yml \
  --credentials credentials.yml --cors "http://127.0.0.1:${RASA_PORT}" > var/log/rasa.log 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:${RASA_PORT}/" "Rasa server" 300

cat <<MSG

临时救助 intake assistant is running (cases in var/cases.sqlite3, logs in var/log/):
  REST channel   POST http://127.0.0.1:${RASA_PORT}/webhooks/rest/conversation  (issues the conversation id), then
                 S=\$(curl -s -XPOST http://127.0.0.1:${RASA_PORT}/webhooks/rest/conversation | python3 -c 'import json,sys; print(json.load(sys.stdin)["sender"])')
                 curl -s -XPOST http://127.0.0.1:${RASA_PORT}/webhooks/rest/webhook \\
                   -d '{"sender":"'\$S'","message":"我家昨晚着火了，房子烧没了，一家四口现在没地方住"}'
  WeChat         http://127.0.0.1:${RASA_PORT}/webhooks/wechat/webhook   (token etc. in var/wechat-demo.env)
  Action server  http://127.0.0.1:${ACTION_PORT}/health
  Caseworker desk http://127.0.0.1:${WEB_PORT}/desk/   (demo accounts in the README, password demo-2026-desk)
  Desk API       http://127.0.0.1:${WEB_PORT}/api/openapi.json
  Demo partner   http://127.0.0.1:${PARTNER_PORT}/state   (receives consented referrals and answers them)
  Terminal chat  make chat
Press Ctrl-C to stop.
MSG
wait
