"""A local stand-in for the WeChat API (access token, customer-service and template messages), for
the tests and `make run`. GET /sent lists what was sent; POST /control {"fail_next": n} makes the
next n messages fail (errcode 45047), as WeChat does when it is overloaded.
Run: python -m bot.channels.wechat_standin [port]"""
from __future__ import annotations

import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

SENT: list[dict] = []
FAIL = {"next": 0}
MESSAGE_PATHS = {"/cgi-bin/message/custom/send": "custom", "/cgi-bin/message/template/send": "template"}
LOCK = threading.Lock()
TOKEN = "standin-access-token"


class Handler(BaseHTTPRequestHandler):
    def _reply(self, body: dict) -> None:
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/cgi-bin/token":
            if query.get("appid") == os.environ.get("WECHAT_APP_ID") and query.get("secret") == os.environ.get("WECHAT_APP_SECRET"):
                return self._reply({"access_token": TOKEN, "expires_in": 7200})
            return self._reply({"errcode": 40013, "errmsg": "invalid appid"})
        if url.path == "/sent":
            with LOCK:
                return self._reply({"sent": SENT})
        self._reply({"errcode": 404})

    def do_POST(self) -> None:
        url = urlparse(self.path)
        body = self.rfile.read(min(int(self.headers.get("Content-Length") or 0), 1_000_000))
        if url.path == "/control":
            with LOCK:
                FAIL["next"] = int(json.loads(body or b"{}").get("fail_next", 0))
            return self._reply({"errcode": 0})
        if url.path in MESSAGE_PATHS:
            if parse_qs(url.query).get("access_token", [""])[0] != TOKEN:
                return self._reply({"errcode": 40001, "errmsg": "invalid credential"})
            with LOCK:
                if FAIL["next"] > 0:
                    FAIL["next"] -= 1
                    return self._reply({"errcode": 45047, "errmsg": "out of response count limit"})
                SENT.append({**json.loads(body), "via": MESSAGE_PATHS[url.path]})
            return self._reply({"errcode": 0, "errmsg": "ok"})
        self._reply({"errcode": 404})

    def log_message(self, *args) -> None:
        pass


def main() -> None:
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8091
    print(f"WeChat API stand-in on http://127.0.0.1:{port}", flush=True)
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    main()
