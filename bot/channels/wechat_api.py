"""The WeChat customer-service message API (客服消息), for answers that were not ready within
WeChat's 5 seconds: an access token cached until it expires, then a text message to the user."""
from __future__ import annotations

import logging
import threading
import time

import requests

from bot.http_client import make_session

log = logging.getLogger(__name__)


class CustomerServiceSender:
    def __init__(self, api_base: str, app_id: str, app_secret: str, attempts: int = 3):
        self.api_base, self.app_id, self.app_secret, self.attempts = api_base.rstrip("/"), app_id, app_secret, attempts
        self.session = make_session()
        self._token: tuple[str, float] | None = None
        self._lock = threading.Lock()

    def _access_token(self, refresh: bool = False) -> str:
        with self._lock:
            if refresh or not self._token or self._token[1] < time.time() + 60:
                data = self.session.get(f"{self.api_base}/cgi-bin/token", timeout=(3, 10), params={
                    "grant_type": "client_credential", "appid": self.app_id, "secret": self.app_secret}).json()
                if "access_token" not in data:
                    raise RuntimeError(f"token refused: errcode {data.get('errcode')}")
                self._token = (data["access_token"], time.time() + int(data.get("expires_in", 7200)))
            return self._token[0]

    def send_text(self, openid: str, text: str) -> bool:
        """A customer-service text message (within WeChat's 48 hours of the user's last message)."""
        return self._send("/cgi-bin/message/custom/send", {"touser": openid, "msgtype": "text", "text": {"content": text}})

    def send_template(self, openid: str, template_id: str, text: str) -> bool:
        """A template (subscription) message, for outside the 48-hour window: the office's template
        with the message as its one content field."""
        return self._send("/cgi-bin/message/template/send", {"touser": openid, "template_id": template_id,
                                                             "data": {"content": {"value": text}}})

    def _send(self, path: str, body: dict) -> bool:
        """Send with a few retries; a refused token is refreshed once. Returns whether it went out."""
        for attempt in range(self.attempts):
            try:
                result = self.session.post(f"{self.api_base}{path}", timeout=(3, 10),
                                           params={"access_token": self._access_token(refresh=attempt > 0)},
                                           json=body).json()
                if result.get("errcode", 0) == 0:
                    return True
                log.warning("customer-service message refused: errcode %s", result.get("errcode"))
            except (requests.RequestException, RuntimeError, ValueError) as exc:
                log.warning("customer-service message failed: %s", type(exc).__name__)
            if attempt + 1 < self.attempts:
                time.sleep(0.5 * 2 ** attempt)
        return False
