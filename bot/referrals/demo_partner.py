"""A stand-in partner (a charity fund's server) for the demo and the tests, on 127.0.0.1.

POST /referrals   takes a signed referral; the same Idempotency-Key twice is accepted once
POST /control     {"fail_next": n, "delay": seconds}: answer 500 n times, or answer slowly
GET  /state       what was received (per key: how many deliveries)
With DEMO_PARTNER_CALLBACK_URL set, it answers each new referral on that callback: received, then
accepted a second later, signed with the same shared secret.
Run: python -m bot.referrals.demo_partner [port]   (secret in PARTNER_DEMO_FUND_SECRET)
"""
from __future__ import annotations

import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests

from bot.referrals import signing

SECRET_ENV = "PARTNER_DEMO_FUND_SECRET"


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.received: dict[str, int] = {}
        self.requests = 0
        self.fail_next = 0
        self.delay = 0.0


STATE = State()


def _callback(reference: str) -> None:
    url, secret = os.environ.get("DEMO_PARTNER_CALLBACK_URL"), os.environ.get(SECRET_ENV, "")
    for status in ("received", "accepted"):
        body = json.dumps({"reference": reference, "status": status, "note": "演示伙伴自动答复"}).encode()
        try:
            requests.post(url, data=body, headers={"Content-Type": "application/json", **signing.headers(secret, body)}, timeout=5)
        except requests.RequestException:
            return
        time.sleep(1)


class Handler(BaseHTTPRequestHandler):
    def _reply(self, code: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path == "/state":
            with STATE.lock:
                return self._reply(200, {"received": STATE.received, "requests": STATE.requests})
        self._reply(404, {"error": "not found"})

    def do_POST(self) -> None:
        body = self.rfile.read(min(int(self.headers.get("Content-Length") or 0), 1_000_000))
        if self.path == "/control":
            settings = json.loads(body or b"{}")
            with STATE.lock:
                STATE.fail_next = int(settings.get("fail_next", 0))
                STATE.delay = float(settings.get("delay", 0))
            return self._reply(200, {"ok": True})
        if self.path != "/referrals":
            return self._reply(404, {"error": "not found"})
        with STATE.lock:
            STATE.requests += 1
            fail, delay = STATE.fail_next > 0, STATE.delay
            if fail:
                STATE.fail_next -= 1
        if not signing.verify(os.environ.get(SECRET_ENV), self.headers.get("X-Timestamp"), self.headers.get("X-Signature"), body):
            return self._reply(401, {"error": "bad signature"})
        key = self.headers.get("Idempotency-Key") or ""
        if fail:
            return self._reply(500, {"error": "temporarily unavailable"})
        with STATE.lock:
            first = key not in STATE.received
            STATE.received[key] = STATE.received.get(key, 0) + 1
        if delay:
            time.sleep(delay)
        if first and os.environ.get("DEMO_PARTNER_CALLBACK_URL"):
            threading.Thread(target=_callback, args=(key,), daemon=True).start()
        self._reply(201 if first else 200, {"reference": key, "duplicate": not first})

    def log_message(self, *args) -> None:  # quiet: what a referral carries is personal data
        pass


def main() -> None:
    port = int(sys.argv[1]) if len(sys.argv) > 1 else int(os.environ.get("DEMO_PARTNER_PORT", "8090"))
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"demo partner on http://127.0.0.1:{port}/referrals", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
