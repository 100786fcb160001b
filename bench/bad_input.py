"""Bad input through the REST channel: N generated messages (empty, whitespace, 5,000+ characters,
emoji, control characters, lone surrogates, mixed languages, SQL and HTML fragments, full-width
digits, absurd numbers) from concurrent senders; then a normal message must still get a normal
answer. Also malformed JSON, XML and form posts to the HTTP endpoints of every process.
Writes bench/results/bad_input.json.
Run: .venv/bin/python bench/bad_input.py [messages] [threads]   (default 10000, 8)
"""
from __future__ import annotations

import collections
import json
import random
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from tests.integration.servers import SQLITE_TRACKER, DeskServer, Servers  # noqa: E402

PIECES = ["", " ", "\t\n", "😀" * 50, "\u0000\u0001\u0007\u001b[31m", "\ud800", "\udfff孤立代理", "我家着火了 help me please",
          "'; DROP TABLE cases; --", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "１３８１２３４５６７８",
          "家里有999999999999999999999口人", "花了-5元", "1e308", "NaN", "null", "{\"json\": true}", "%s%s%s%n",
          "火" * 5200, "ｆｕｌｌ ｗｉｄｔｈ ＡＢＣ", "𠀀𠀁𠀂", "\u202e反转文字", "../../etc/passwd", "我的身份证是411024198502300014",
          "一二三四五六七八九十百千万亿", "Привет мир", "مرحبا", "\r\n\r\n", "0" * 300]


def message(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 3)))


def malformed_posts(urls: dict[str, str]) -> dict[str, list[int]]:
    bodies = [("application/json", b"{not json"), ("application/json", b"[1,2"), ("application/xml", b"<xml><a></xml>"),
              ("application/x-www-form-urlencoded", b"a=1&b=%ZZ"), ("application/json", b"\xff\xfe\x00")]
    out = {}
    for name, url in urls.items():
        codes = []
        for content_type, body in bodies:
            response = requests.post(url, data=body, headers={"Content-Type": content_type}, timeout=30)
            assert "Traceback" not in response.text, (name, response.text[:300])
            codes.append(response.status_code)
        out[name] = codes
    return out


def main() -> dict:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    rng = random.Random(7)
    messages = [message(rng) for _ in range(total)]
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        servers = Servers(workdir, f"sqlite:///{workdir / 'cases.sqlite3'}", SQLITE_TRACKER)
        desk = DeskServer(workdir, f"sqlite:///{workdir / 'cases.sqlite3'}", {"REFERRAL_WORKER_IN_WEB": "0"})
        url = f"http://127.0.0.1:{servers.rasa_port}/webhooks/rest/webhook"
        codes: collections.Counter = collections.Counter()
        try:
            def send(i: int) -> int:
                body = json.dumps({"sender": servers.conversation(f"bad-{i}"), "message": messages[i]})   # a fresh tracker each
                try:
                    return requests.post(url, data=body.encode("utf-8", "surrogatepass"),
                                         headers={"Content-Type": "application/json"}, timeout=120).status_code
                except requests.RequestException:
                    return 0
            started = time.perf_counter()
            with ThreadPoolExecutor(threads) as pool:
                for code in pool.map(send, range(total)):
                    codes[code] += 1
            seconds = time.perf_counter() - started
            normal = servers.say("after-bad-input", "我家昨晚着火了，房子烧没了，一家四口现在没地方住")
            posts = malformed_posts({"rasa_rest": url, "action_server": f"http://127.0.0.1:{servers.action_port}/webhook",
                                     "desk_login": desk.url + "/api/login", "desk_callback": desk.url + "/api/partners/demo-fund/callback"})
        finally:
            desk.stop()
            servers.stop()
    return {"messages": total, "threads": threads, "seconds": round(seconds, 1), "status_codes": dict(codes),
            "server_errors": sum(n for c, n in codes.items() if c >= 500 or c == 0),
            "normal_message_after": {"ok": any("哪里" in r or "地方" in r for r in normal), "reply": normal[:1]},
            "malformed_posts": posts}


if __name__ == "__main__":
    result = main()
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "bad_input.json").write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False))
