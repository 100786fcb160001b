"""Starts the action server (`python scripts/action_server.py --port 5055`): rasa-sdk's own Sanic app
(rasa_sdk.endpoint.create_app, the `actions` package) with two changes to `rasa run actions`:

- it listens on ACTION_SERVER_HOST, 127.0.0.1 unless configured (rasa-sdk listens on 0.0.0.0);
- every call except GET /health must carry the shared secret ACTION_SERVER_TOKEN (bot.settings) as
  the `token` query parameter, which is how Rasa 3.6 sends the action endpoint's `token`
  (rasa.utils.endpoints.EndpointConfig.combine_parameters; endpoints.yml `token: ${ACTION_SERVER_TOKEN}`).
  A call without it, or with another value, gets 401 before any action runs. Without a configured
  token the server does not start.

The access log stays off, so the token (in the query string) is never written to a log.

Before it listens, the server reads one sample message the way a resident's first message is read
(`warm_up`): the division tables, the place-name index and the date parser load lazily, and the first
resident after every start waited about half a second for them.
"""
from __future__ import annotations

import argparse
import hmac
import sys
from pathlib import Path

OPEN_PATHS = {"/health"}   # the channels' liveness check (bot.channels.rest.action_server_up)


def require_token(app, token: str) -> None:
    """A request middleware on rasa-sdk's Sanic app: 401 unless `?token=` is the shared secret."""
    from sanic import response

    expected = token.encode()

    @app.middleware("request")
    async def check_token(request):
        if request.path in OPEN_PATHS:
            return None
        sent = (request.args.get("token") or "").encode()
        if not hmac.compare_digest(sent, expected):
            return response.json({"error": "unauthorized"}, status=401)
        return None


def build_app(actions: str, token: str):
    from rasa_sdk.endpoint import create_app

    app = create_app(actions, cors_origins="")   # no browser origin may call the action server
    require_token(app, token)
    return app


WARM_UP = "我家昨晚着火了，房子烧没了，一家四口现在没地方住，户口在鄢陵县马栏镇，电话13812345678"


def warm_up() -> None:
    """The understanding's lazy tables and the services' dependencies, loaded before the first call."""
    from datetime import datetime

    from bot.services.bootstrap import bootstrap
    from bot.understanding import extract_facts

    deps = bootstrap()
    extract_facts(WARM_UP, now=datetime(2026, 1, 1, 12), gazetteer=deps.places(), causes=deps.causes())


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bot import log_masking
    from bot.settings import get_settings

    log_masking.install()
    settings = get_settings()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=5055)
    parser.add_argument("--host", default=settings.action_server_host)
    parser.add_argument("--actions", default="actions")
    parser.add_argument("--loglevel", default="INFO")
    args = parser.parse_args(argv)
    if not settings.action_server_token:
        print("ACTION_SERVER_TOKEN is not set: the action server does not start without its shared secret "
              "(scripts/run.sh makes one per run; Rasa sends it from endpoints.yml).", file=sys.stderr)
        return 2

    from rasa_sdk import utils

    utils.configure_colored_logging(args.loglevel)
    utils.update_sanic_log_level()
    app = build_app(args.actions, settings.action_server_token)
    warm_up()
    app.run(args.host, args.port, workers=utils.number_of_sanic_workers(), access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
