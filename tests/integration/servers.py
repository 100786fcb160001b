"""Starts the real action server and Rasa server on free ports for tests and benchmarks."""
from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from scripts.processes import free_port, model_path, wait_until_up  # noqa: E402,F401  (re-exported)

SQLITE_TRACKER = 'tracker_store:\n  type: bot.store.rasa_tracker.EncryptedSQLTrackerStore\n  dialect: "sqlite"\n  db: "tracker.sqlite3"'
_wait = wait_until_up   # the name the tests and benchmarks import


class Servers:
    """Action server + Rasa server (REST channel) with their own databases under `workdir`."""

    def __init__(self, workdir: Path, database_url: str, tracker_store: str, lock_store: str = "", debug: bool = False,
                 extra_env: dict[str, str] | None = None):
        self.workdir = workdir
        self.debug = debug
        self.database_url = database_url
        self.action_port, self.rasa_port = free_port(), free_port()
        self.action_token = secrets.token_hex(16)   # shared by Rasa (endpoints' `token`) and the action server
        endpoints = workdir / "endpoints.yml"
        endpoints.write_text(
            f'action_endpoint:\n  url: "http://127.0.0.1:{self.action_port}/webhook"\n  token: ${{ACTION_SERVER_TOKEN}}\n  enable_selective_domain: true\n'
            f'{tracker_store}\n{lock_store}\n',
            encoding="utf-8",
        )
        env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT), "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
               "ACTION_SERVER_TOKEN": self.action_token, **(extra_env or {})}
        rasa = str(ROOT / ".venv" / "bin" / "rasa")
        self.action_log, self.rasa_log = workdir / "actions.log", workdir / "rasa.log"
        self._env, self._rasa = env, rasa
        self._endpoints = endpoints
        self.procs = [self._start_actions()]
        try:
            self.procs.append(self._start_rasa("w"))
        except BaseException:   # no model, a port taken: do not leave the action server running
            self.stop()
            raise

    def _start_rasa(self, mode: str) -> subprocess.Popen:
        proc = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "scripts" / "rasa_server.py"), "run", "--model", str(model_path()), "--port", str(self.rasa_port), "--endpoints", str(self._endpoints),
             "--credentials", str(ROOT / "credentials.yml")] + (["--debug"] if self.debug else []),
            cwd=self.workdir, env=self._env, stdout=self.rasa_log.open(mode), stderr=subprocess.STDOUT)
        _wait(f"http://127.0.0.1:{self.rasa_port}/", 300, proc, self.rasa_log)
        return proc

    def restart_rasa(self) -> None:
        """Stop the Rasa server and start it again on the same port and tracker store."""
        self.procs[1].terminate()
        self.procs[1].wait(timeout=30)
        self.procs[1] = self._start_rasa("a")

    def _start_actions(self) -> subprocess.Popen:
        proc = subprocess.Popen([str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "scripts" / "action_server.py"),
                                 "--port", str(self.action_port), "--actions", "actions"],
                                cwd=ROOT, env=self._env, stdout=self.action_log.open("a"), stderr=subprocess.STDOUT)
        _wait(f"http://127.0.0.1:{self.action_port}/health", 120, proc, self.action_log)
        return proc

    def kill_actions(self) -> None:
        """kill -9 the action server (a crash, not a shutdown)."""
        self.procs[0].kill()
        self.procs[0].wait()

    def restart_actions(self) -> None:
        self.procs[0] = self._start_actions()

    def conversation(self, name: str) -> str:
        """The server-issued conversation token for the test's conversation `name` (issued once)."""
        tokens = self.__dict__.setdefault("_tokens", {})
        if name not in tokens:
            request = urllib.request.Request(f"http://127.0.0.1:{self.rasa_port}/webhooks/rest/conversation", data=b"{}",
                                             headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=30) as response:
                tokens[name] = json.load(response)["sender"]
        return tokens[name]

    def sender_id(self, name: str) -> str:
        """The sender id Rasa stores for the test's conversation `name` (rest:<id>)."""
        return "rest:" + self.conversation(name).split(".")[0]

    def say(self, sender: str, message, timeout: float = 60) -> list[str]:
        body = json.dumps({"sender": self.conversation(sender), "message": message}).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{self.rasa_port}/webhooks/rest/webhook", data=body,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return [m.get("text", "") for m in json.load(response)]

    def stop(self) -> None:
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


class DeskServer:
    """The desk web app (`python -m bot.web serve`) on a free port, on `database_url`."""

    def __init__(self, workdir: Path, database_url: str, extra_env: dict[str, str] | None = None, port: int | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = workdir / f"web-{self.port}.log"
        env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT), "WEB_PORT": str(self.port),
               "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "COOKIE_SECURE": "0",   # plain HTTP on 127.0.0.1
               **(extra_env or {})}
        self.proc = subprocess.Popen([str(ROOT / ".venv" / "bin" / "python"), "-m", "bot.web", "serve"], cwd=ROOT, env=env,
                                     stdout=self.log.open("w"), stderr=subprocess.STDOUT)
        _wait(self.url + "/health/ready", 60, self.proc, self.log)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def redis_lock_store() -> str:
    import redis

    from tests.conftest import service_unavailable

    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_timeout=2).ping()
    except Exception:
        service_unavailable("Redis at 127.0.0.1:6379")
    return 'lock_store:\n  type: redis\n  url: "127.0.0.1"\n  port: 6379\n  db: 1'


def production_servers(workdir: Path, admin_url: str, debug: bool = False) -> Servers:
    """The production set-up: PostgreSQL tracker store (pre-pinged) and case store, Redis lock store;
    each in a fresh database. `tracker_url` is set on the result."""
    import uuid

    from sqlalchemy import create_engine, text

    lock_store = redis_lock_store()
    names = [f"linshi_rest_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    engine = create_engine(admin_url, future=True, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        for name in names:
            connection.execute(text(f"CREATE DATABASE {name}"))
    engine.dispose()
    tracker = (f'tracker_store:\n  type: bot.store.rasa_tracker.EncryptedSQLTrackerStore\n  dialect: "postgresql"\n'
               f'  url: "127.0.0.1"\n  port: 5432\n  db: "{names[0]}"\n  username: "postgres"')
    base = admin_url.rsplit("/", 1)[0]
    servers = Servers(workdir, f"{base}/{names[1]}", tracker, lock_store, debug=debug)
    servers.tracker_url = f"{base}/{names[0]}"
    return servers


def start_wechat_standin(log_dir: Path, app_id: str, app_secret: str) -> tuple[str, subprocess.Popen]:
    """The WeChat API stand-in as its own process, accepting `app_id`/`app_secret`: (url, process)."""
    port, log = free_port(), log_dir / "standin.log"
    proc = subprocess.Popen([str(ROOT / ".venv" / "bin" / "python"), "-m", "bot.channels.wechat_standin", str(port)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "WECHAT_APP_ID": app_id, "WECHAT_APP_SECRET": app_secret},
                            stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    _wait(url + "/sent", 30, proc, log)
    return url, proc
