"""The one settings loader: environment variables first, then an ignored local `.env` file.

Every process (action server, web app, tests, bench scripts) reads its configuration here, so a
deployment changes behaviour by environment only. Secrets never live in the repository.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _read_env_file(path: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        values[key.strip()] = value.strip().strip('"').strip("'")
    return values


@dataclass(frozen=True)
class Settings:
    database_url: str
    config_dir: Path
    default_region: str
    max_failed_answers: int
    case_number_prefix: str
    timezone: str
    data_key: str | None
    data_key_file: Path
    web_port: int = 8000
    session_idle_minutes: int = 30
    api_token_days: int = 30
    cookie_secure: bool = False
    referral_retry_base_seconds: float = 5.0
    referral_retry_max_seconds: float = 900.0
    referral_give_up_hours: float = 48.0
    referral_poll_seconds: float = 0.5
    referral_timeout_seconds: float = 10.0
    referral_lease_margin_seconds: float = 20.0
    referral_worker_in_web: bool = True
    tracker_db_url: str = ""
    retention_days: int = 180
    no_case_retention_days: float = 7.0    # conversations that produced no case are deleted after this
    status_attempts_per_window: int = 5
    status_window_minutes: int = 15
    status_failures_per_case: int = 20     # wrong status lookups per case number / per phone, all senders
    status_failures_per_phone: int = 20
    status_failures_global: int = 200      # wrong status lookups from everyone, per window
    wechat_reply_seconds: float = 4.5
    wechat_api_base: str = "http://127.0.0.1:8091"
    action_server_host: str = "127.0.0.1"
    action_server_token: str = ""          # shared with Rasa (endpoints.yml `token`); required on every call
    redis_url: str = ""                    # e.g. redis://127.0.0.1:6379/2: WeChat nonces shared by every server
    session_max_hours: float = 12.0        # absolute lifetime of a desk cookie session
    login_failures_per_address: int = 20   # wrong logins from one address per LOGIN_WINDOW_MINUTES
    login_failures_global: int = 200       # wrong logins from everywhere per LOGIN_WINDOW_MINUTES
    login_window_minutes: int = 15
    document_max_bytes: int = 10 * 1024 * 1024   # one document on a case (DOCUMENT_MAX_MB)
    document_formats: tuple[str, ...] = ("jpeg", "png", "pdf")   # DOCUMENT_FORMATS, by content
    cause_corpus_dir: Path | None = None   # CAUSE_CORPUS_DIR: written examples the cause model learns from (empty: none)
    nlu_data_dir: Path | None = None       # the NLU examples (data/nlu): what tells no story, for the cause model
    demo_accounts: bool = False            # DEMO_ACCOUNTS=1: a local demo (published passwords, plain HTTP)
    env: dict | None = None      # the merged environment, for secrets named in config (never logged)

    def secret(self, name: str | None) -> str | None:
        """A secret named by configuration (e.g. a partner's HMAC secret), from the environment only."""
        return (self.env or {}).get(name) if name else None


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Build settings from `env` (default: the process environment over the `.env` file)."""
    if env is None:
        merged = _read_env_file(PROJECT_ROOT / ".env")
        merged.update(os.environ)
        env = merged
    var_dir = PROJECT_ROOT / "var"
    return Settings(
        database_url=env.get("DATABASE_URL", f"sqlite:///{var_dir / 'cases.sqlite3'}"),
        config_dir=Path(env.get("CONFIG_DIR", PROJECT_ROOT / "config")),
        default_region=env.get("DEFAULT_REGION", "411000"),
        max_failed_answers=int(env.get("MAX_FAILED_ANSWERS", "3")),
        case_number_prefix=env.get("CASE_NUMBER_PREFIX", "LS"),
        timezone=env.get("TZ_NAME", "Asia/Shanghai"),
        data_key=env.get("DATA_KEY") or None,
        data_key_file=Path(env.get("DATA_KEY_FILE", var_dir / "data.key")),
        web_port=int(env.get("WEB_PORT", "8000")),
        cause_corpus_dir=Path(env["CAUSE_CORPUS_DIR"]) if env.get("CAUSE_CORPUS_DIR") else
        (None if "CAUSE_CORPUS_DIR" in env else PROJECT_ROOT / "corpus" / "causes"),
        nlu_data_dir=Path(env.get("NLU_DATA_DIR", PROJECT_ROOT / "data" / "nlu")),
        session_idle_minutes=int(env.get("SESSION_IDLE_MINUTES", "30")),
        api_token_days=int(env.get("API_TOKEN_DAYS", "30")),
        # Secure cookies (and HSTS) unless switched off or a local demo run over plain HTTP
        cookie_secure=env.get("COOKIE_SECURE", "0" if env.get("DEMO_ACCOUNTS") == "1" else "1").lower() in ("1", "true", "yes"),
        referral_retry_base_seconds=float(env.get("REFERRAL_RETRY_BASE_SECONDS", "5")),
        referral_retry_max_seconds=float(env.get("REFERRAL_RETRY_MAX_SECONDS", "900")),
        referral_give_up_hours=float(env.get("REFERRAL_GIVE_UP_HOURS", "48")),
        referral_poll_seconds=float(env.get("REFERRAL_POLL_SECONDS", "0.5")),
        referral_timeout_seconds=float(env.get("REFERRAL_TIMEOUT_SECONDS", "10")),
        referral_lease_margin_seconds=float(env.get("REFERRAL_LEASE_MARGIN_SECONDS", "20")),
        referral_worker_in_web=env.get("REFERRAL_WORKER_IN_WEB", "1") == "1",
        tracker_db_url=env.get("TRACKER_DB_URL", f"sqlite:///{var_dir / 'tracker.sqlite3'}"),
        retention_days=int(env.get("RETENTION_DAYS", "180")),
        no_case_retention_days=float(env.get("NO_CASE_RETENTION_DAYS", "7")),
        status_attempts_per_window=int(env.get("STATUS_ATTEMPTS_PER_WINDOW", "5")),
        status_window_minutes=int(env.get("STATUS_WINDOW_MINUTES", "15")),
        status_failures_per_case=int(env.get("STATUS_FAILURES_PER_CASE", "20")),
        status_failures_per_phone=int(env.get("STATUS_FAILURES_PER_PHONE", "20")),
        status_failures_global=int(env.get("STATUS_FAILURES_GLOBAL", "200")),
        wechat_reply_seconds=float(env.get("WECHAT_REPLY_SECONDS", "4.5")),
        wechat_api_base=env.get("WECHAT_API_BASE", "http://127.0.0.1:8091"),
        action_server_host=env.get("ACTION_SERVER_HOST", "127.0.0.1"),
        action_server_token=env.get("ACTION_SERVER_TOKEN", ""),
        redis_url=env.get("REDIS_URL", ""),
        session_max_hours=float(env.get("SESSION_MAX_HOURS", "12")),
        login_failures_per_address=int(env.get("LOGIN_FAILURES_PER_ADDRESS", "20")),
        login_failures_global=int(env.get("LOGIN_FAILURES_GLOBAL", "200")),
        login_window_minutes=int(env.get("LOGIN_WINDOW_MINUTES", "15")),
        document_max_bytes=int(float(env.get("DOCUMENT_MAX_MB", "10")) * 1024 * 1024),
        document_formats=tuple(f.strip().lower() for f in env.get("DOCUMENT_FORMATS", "jpeg,png,pdf").split(",") if f.strip()),
        demo_accounts=env.get("DEMO_ACCOUNTS") == "1",
        env=dict(env),
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
