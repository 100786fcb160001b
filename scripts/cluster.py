"""The production profile as real processes (make run-prod, the scale-out tests, bench/serving.py):
two Rasa servers (scripts/rasa_server.py, one model, endpoints.prod.yml: PostgreSQL tracker store,
Redis lock store) and two action servers (scripts/action_server.py), each pair behind Debian's
HAProxy (config/haproxy.cfg.tmpl), plus the desk (with its referral/notice worker) and a second
worker. Every port is free-picked; every process logs to `workdir`.

    cluster = start_cluster(workdir)            # fresh PostgreSQL databases, Redis at 127.0.0.1:6379
    cluster.rasa_url, cluster.desk_url          # the balancer, the desk
    cluster.kill_rasa(0); cluster.restart_rasa(0); cluster.kill_actions(1); cluster.stop()

`python -m scripts.cluster` serves it in the foreground (scripts/run_prod.sh)."""
from __future__ import annotations

import csv
import io
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.processes import free_port, model_path, wait_until_up as _wait  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
POSTGRES_ADMIN = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/test")


def haproxy(install: bool) -> str | None:
    """Debian's haproxy; installed with apt-get when missing and `install` (as root), after an
    `apt-get update` when the package lists do not have it yet."""
    def found() -> str | None:
        return shutil.which("haproxy") or ("/usr/sbin/haproxy" if os.path.exists("/usr/sbin/haproxy") else None)

    if found() is None and install and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for command in (["apt-get", "install", "-y", "-q", "haproxy"], ["apt-get", "update", "-q"],
                        ["apt-get", "install", "-y", "-q", "haproxy"]):
            subprocess.run(command, check=False, capture_output=True, env=env)
            if found():
                break
    return found()


def fresh_databases(admin_url: str = POSTGRES_ADMIN, prefix: str = "linshi_prod") -> tuple[str, str]:
    """Two new PostgreSQL databases (cases, tracker) beside `admin_url`'s: their URLs."""
    from sqlalchemy import create_engine, text

    names = [f"{prefix}_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("cases", "tracker")]
    engine = create_engine(admin_url, future=True, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        for name in names:
            connection.execute(text(f"CREATE DATABASE {name}"))
    engine.dispose()
    base = admin_url.rsplit("/", 1)[0]
    return f"{base}/{names[0]}", f"{base}/{names[1]}"


def drop_databases(admin_url: str, *urls: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(admin_url, future=True, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        for url in urls:
            connection.execute(text(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)"))
    engine.dispose()


def _prepare_stores(database_url: str, tracker_url: str, env: dict[str, str]) -> None:
    """Once, before the processes start (several doing it at the same moment would race): the data
    key file when no DATA_KEY is set, the case store's migrations, the tracker's `events` table."""
    from sqlalchemy import create_engine

    from bot.settings import load_settings
    from bot.store.crypto import load_or_create_keys
    from bot.store.db import migrate
    from bot.store.rasa_tracker import EncryptedSQLTrackerStore

    settings = load_settings({**env, "DATABASE_URL": database_url})
    load_or_create_keys(settings.data_key, Path(settings.data_key_file))
    migrate(database_url)
    engine = create_engine(tracker_url, future=True)
    EncryptedSQLTrackerStore.Base.metadata.create_all(engine)
    engine.dispose()


class Cluster:
    """The processes of the production profile; `rasa_url` is the balancer's address."""

    def __init__(self, workdir: Path, database_url: str, tracker_url: str, redis: str = "127.0.0.1:6379",
                 rasa: int = 2, actions: int = 2, workers: int = 1, extra_env: dict[str, str] | None = None,
                 haproxy_bin: str = "haproxy", rasa_lb: int | None = None, desk_port: int | None = None):
        from sqlalchemy.engine import make_url

        self.workdir, self.database_url, self.tracker_url = workdir, database_url, tracker_url
        workdir.mkdir(parents=True, exist_ok=True)
        _prepare_stores(database_url, tracker_url, {**os.environ, **(extra_env or {})})
        self.dropped_on_stop: tuple[str, ...] = ()   # (admin URL, database URLs) made by start_cluster
        self.rasa_ports = [free_port() for _ in range(rasa)]
        self.action_ports = [free_port() for _ in range(actions)]
        self.rasa_lb, self.action_lb, self.stats_port, self.desk_port = (free_port() for _ in range(4))
        self.rasa_lb, self.desk_port = rasa_lb or self.rasa_lb, desk_port or self.desk_port
        self.rasa_url, self.action_url = f"http://127.0.0.1:{self.rasa_lb}", f"http://127.0.0.1:{self.action_lb}"
        self.desk_url = f"http://127.0.0.1:{self.desk_port}"
        tracker, (redis_host, redis_port) = make_url(tracker_url), redis.split(":")
        self.env = {**os.environ, "PYTHONPATH": str(ROOT), "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
                    "DATABASE_URL": database_url, "TRACKER_DB_URL": tracker_url,
                    "ACTION_SERVER_TOKEN": os.environ.get("ACTION_SERVER_TOKEN") or secrets.token_hex(16),
                    "ACTION_ENDPOINT_URL": f"{self.action_url}/webhook",
                    "TRACKER_DB_HOST": tracker.host or "127.0.0.1", "TRACKER_DB_PORT": str(tracker.port or 5432),
                    "TRACKER_DB_NAME": tracker.database, "TRACKER_DB_USER": tracker.username or "postgres",
                    "TRACKER_DB_PASSWORD": tracker.password or "", "REDIS_HOST": redis_host, "REDIS_PORT": redis_port,
                    **(extra_env or {})}
        self.model = os.environ.get("RASA_MODEL") or str(model_path())   # default: the model of the current data
        self.procs: dict[str, subprocess.Popen] = {}
        try:
            self._start_haproxy(haproxy_bin)
            for i in range(actions):
                self._start_actions(i)
            for i in range(rasa):
                self._start_rasa(i)
            self._start_desk(workers)
            for i in range(rasa):
                self.wait_rasa(i)
            self.wait_backends("UP")
        except BaseException:
            self.stop()
            raise

    def _spawn(self, name: str, argv: list[str], cwd: Path = ROOT, env: dict | None = None) -> subprocess.Popen:
        log = self.workdir / f"{name}.log"
        self.procs[name] = subprocess.Popen(argv, cwd=cwd, env=env or self.env, stdout=log.open("a"), stderr=subprocess.STDOUT)
        return self.procs[name]

    def _start_haproxy(self, binary: str) -> None:
        line = "    server {0}-{1} 127.0.0.1:{2} check"
        config = Template((ROOT / "config" / "haproxy.cfg.tmpl").read_text(encoding="utf-8")).substitute(
            rasa_port=self.rasa_lb, action_port=self.action_lb, stats_port=self.stats_port,
            rasa_servers="\n".join(line.format("rasa", i + 1, p) for i, p in enumerate(self.rasa_ports)),
            action_servers="\n".join(line.format("actions", i + 1, p) for i, p in enumerate(self.action_ports)))
        path = self.workdir / "haproxy.cfg"
        path.write_text(config, encoding="utf-8")
        proc = self._spawn("haproxy", [binary, "-db", "-f", str(path)])
        _wait(f"http://127.0.0.1:{self.stats_port}/", 30, proc, self.workdir / "haproxy.log")

    def _start_actions(self, i: int) -> None:
        proc = self._spawn(f"actions-{i + 1}", [PYTHON, str(ROOT / "scripts" / "action_server.py"),
                                                "--port", str(self.action_ports[i]), "--actions", "actions"])
        _wait(f"http://127.0.0.1:{self.action_ports[i]}/health", 120, proc, self.workdir / f"actions-{i + 1}.log")

    def _start_rasa(self, i: int) -> None:
        self._spawn(f"rasa-{i + 1}", [PYTHON, str(ROOT / "scripts" / "rasa_server.py"), "run", "--model", self.model,
                                      "--port", str(self.rasa_ports[i]), "--endpoints", str(ROOT / "endpoints.prod.yml"),
                                      "--credentials", str(ROOT / "credentials.yml")], cwd=self.workdir)

    def wait_rasa(self, i: int) -> None:
        _wait(f"http://127.0.0.1:{self.rasa_ports[i]}/", 400, self.procs[f"rasa-{i + 1}"], self.workdir / f"rasa-{i + 1}.log")

    def _start_desk(self, workers: int) -> None:
        env = {**self.env, "WEB_PORT": str(self.desk_port), "REFERRAL_WORKER_IN_WEB": "1"}
        env.setdefault("COOKIE_SECURE", "0")
        proc = self._spawn("desk", [PYTHON, "-m", "bot.web", "serve"], env=env)
        _wait(self.desk_url + "/health/ready", 120, proc, self.workdir / "desk.log")
        for i in range(workers):
            self._spawn(f"worker-{i + 1}", [PYTHON, "-m", "bot.referrals.worker"])

    # --- faults and state -------------------------------------------------------------------
    def kill_rasa(self, i: int) -> None:
        """kill -9 one Rasa server (a crash, not a shutdown)."""
        self._kill(f"rasa-{i + 1}")

    def restart_rasa(self, i: int) -> None:
        self._start_rasa(i)
        self.wait_rasa(i)
        self.wait_backends("UP", [f"rasa-{i + 1}"])

    def kill_actions(self, i: int) -> None:
        self._kill(f"actions-{i + 1}")

    def restart_actions(self, i: int) -> None:
        self._start_actions(i)
        self.wait_backends("UP", [f"actions-{i + 1}"])

    def _kill(self, name: str) -> None:
        self.procs[name].kill()
        self.procs[name].wait()

    def backends(self, field: str = "status") -> dict[str, str]:
        """HAProxy's view of each server from its stats CSV: `status` (UP, DOWN or a transition),
        `scur` (requests it is serving now), or another column."""
        with urllib.request.urlopen(f"http://127.0.0.1:{self.stats_port}/;csv", timeout=5) as answer:
            rows = csv.DictReader(io.StringIO(answer.read().decode().lstrip("# ")))
            return {row["svname"]: row[field] for row in rows if row["svname"] not in ("FRONTEND", "BACKEND")}

    def wait_backends(self, status: str, names: list[str] | None = None, seconds: float = 60) -> None:
        deadline = time.time() + seconds
        while time.time() < deadline:
            seen = self.backends()
            if all(seen.get(name, "").startswith(status) for name in names or [n for n in seen if "-" in n]):
                return
            time.sleep(0.2)
        raise RuntimeError(f"HAProxy did not see {names or 'all servers'} {status}: {self.backends()}")

    def logs(self) -> dict[str, Path]:
        return {name: self.workdir / f"{name}.log" for name in self.procs}

    def log(self, name: str) -> str:
        return (self.workdir / f"{name}.log").read_text(errors="replace")

    def pids(self) -> dict[str, int]:
        """Each live process of the profile by name (rasa-1, actions-2, haproxy, desk, worker-1)."""
        return {name: proc.pid for name, proc in self.procs.items() if proc.poll() is None}

    def stop(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        if self.dropped_on_stop:
            drop_databases(*self.dropped_on_stop)
            self.dropped_on_stop = ()


def start_cluster(workdir: Path, rasa: int = 2, actions: int = 2, extra_env: dict[str, str] | None = None,
                  database_url: str | None = None, tracker_url: str | None = None, **ports: int) -> Cluster:
    """The production profile in fresh PostgreSQL databases (unless given), Redis at REDIS_HOST/PORT
    (default 127.0.0.1:6379). Raises RuntimeError when HAProxy is missing."""
    binary = haproxy(install=os.environ.get("REQUIRE_SERVICES") == "1")
    if binary is None:
        raise RuntimeError("HAProxy is not installed (apt-get install haproxy)")
    fresh = not (database_url and tracker_url)
    if fresh:
        database_url, tracker_url = fresh_databases()
    redis = f"{os.environ.get('REDIS_HOST', '127.0.0.1')}:{os.environ.get('REDIS_PORT', '6379')}"
    cluster = Cluster(workdir, database_url, tracker_url, redis, rasa, actions, extra_env=extra_env, haproxy_bin=binary, **ports)
    if fresh:
        cluster.dropped_on_stop = (POSTGRES_ADMIN, database_url, tracker_url)
    return cluster


def main() -> None:
    """Serve the profile until Ctrl-C (scripts/run_prod.sh passes DATABASE_URL and TRACKER_DB_URL)."""
    workdir = ROOT / "var" / "prod"
    cluster = start_cluster(workdir, int(os.environ.get("RASA_SERVERS", "2")), int(os.environ.get("ACTION_SERVERS", "2")),
                            {}, os.environ.get("DATABASE_URL"), os.environ.get("TRACKER_DB_URL"),
                            rasa_lb=int(os.environ.get("RASA_PORT", "5005")), desk_port=int(os.environ.get("WEB_PORT", "8000")))
    print(f"""
Production profile running (logs in {workdir}):
  REST channel   POST {cluster.rasa_url}/webhooks/rest/conversation, then /webhooks/rest/webhook
  WeChat         {cluster.rasa_url}/webhooks/wechat/webhook
  Rasa servers   {', '.join(f'127.0.0.1:{p}' for p in cluster.rasa_ports)} behind {cluster.rasa_url}
  Action servers {', '.join(f'127.0.0.1:{p}' for p in cluster.action_ports)} behind {cluster.action_url}
  HAProxy stats  http://127.0.0.1:{cluster.stats_port}/
  Caseworker desk {cluster.desk_url}/desk/
Press Ctrl-C to stop.""", flush=True)
    try:
        while all(proc.poll() is None for name, proc in cluster.procs.items()):
            time.sleep(1)
        print("a process exited; see its log", file=sys.stderr)
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
