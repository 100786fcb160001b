"""The one HTTP client for calls to partners and to the WeChat API: a requests session with timeouts
and a short retry on connection errors; the outbox worker retries across minutes with back-off."""
from __future__ import annotations

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

CONNECT_TIMEOUT = 3.0


def make_session() -> requests.Session:
    session = requests.Session()
    retry = Retry(total=2, connect=2, read=0, status=0, backoff_factor=0.2, allowed_methods=None)
    adapter = HTTPAdapter(max_retries=retry, pool_maxsize=8)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = "linshi-jiuzhu/1"
    return session


def post_json(session: requests.Session, url: str, body: bytes, headers: dict[str, str],
              read_timeout: float) -> requests.Response:
    return session.post(url, data=body, headers={"Content-Type": "application/json", **headers},
                        timeout=(CONNECT_TIMEOUT, read_timeout))
