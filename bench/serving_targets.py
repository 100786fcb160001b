"""What the serving benchmark drives: the anchor (a bare toy Rasa assistant, bench/anchor, trained
once and cached under var/bench/anchor), the project as one Rasa + one action server on SQLite, and
the project's production profile when a launcher for it exists. Each target answers `say(sender,
text)` over HTTP and names its processes' pids for the memory figures."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.integration.servers import SQLITE_TRACKER, Servers, _wait, free_port  # noqa: E402

ANCHOR = ROOT / "bench" / "anchor"
RASA = str(ROOT / ".venv" / "bin" / "rasa")


def anchor_model() -> Path:
    """The anchor's model, trained once per content of bench/anchor (about a minute on 2 cores)."""
    digest = hashlib.sha256()
    for path in sorted(ANCHOR.rglob("*.yml")):
        digest.update(path.relative_to(ANCHOR).as_posix().encode() + path.read_bytes())
    name = f"anchor-{digest.hexdigest()[:12]}"
    out = ROOT / "var" / "bench" / "anchor"
    model = out / f"{name}.tar.gz"
    if not model.exists():
        out.mkdir(parents=True, exist_ok=True)
        subprocess.run([RASA, "train", "--config", str(ANCHOR / "config.yml"), "--domain", str(ANCHOR / "domain.yml"),
                        "--data", str(ANCHOR / "data"), "--out", str(out), "--fixed-model-name", name],
                       cwd=out, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    return model


class Target:
    """A served assistant: one HTTP session per resident, a REST sender per conversation."""

    label = ""

    def __init__(self) -> None:
        self.url = ""

    def sender(self, name: str, session: requests.Session) -> str:
        return name

    def say(self, session: requests.Session, sender: str, text: str) -> list[str]:
        response = session.post(f"{self.url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=120)
        response.raise_for_status()
        return [m.get("text", "") for m in response.json()]

    def pids(self) -> dict[str, int]:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError


class Anchor(Target):
    """Bare Rasa 3.6: the same Rasa, jieba + DIET, rules, in-memory tracker, no action server."""

    label = "bare Rasa (anchor)"

    def __init__(self, workdir: Path) -> None:
        super().__init__()
        model = anchor_model()
        workdir.mkdir(parents=True, exist_ok=True)
        (workdir / "credentials.yml").write_text("rest:\n", encoding="utf-8")
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        log = workdir / "anchor.log"
        self.proc = subprocess.Popen([RASA, "run", "--model", str(model), "--port", str(port), "--credentials",
                                      str(workdir / "credentials.yml")], cwd=workdir,
                                     env={**os.environ, "LOG_LEVEL": "WARNING"}, stdout=log.open("w"), stderr=subprocess.STDOUT)
        _wait(self.url + "/", 300, self.proc, log)

    def pids(self) -> dict[str, int]:
        return {"rasa": self.proc.pid}

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Project(Target):
    """The project as `make run` serves it: one Rasa server, one action server, SQLite stores."""

    label = "project, one Rasa + one action server (SQLite)"

    def __init__(self, workdir: Path) -> None:
        super().__init__()
        workdir.mkdir(parents=True, exist_ok=True)
        self.database_url = f"sqlite:///{workdir / 'cases.sqlite3'}"
        self.servers = Servers(workdir, self.database_url, SQLITE_TRACKER)
        self.url = f"http://127.0.0.1:{self.servers.rasa_port}"

    def sender(self, name: str, session: requests.Session) -> str:
        """The project issues conversation ids itself (bot/channels/conversation_ids.py)."""
        response = session.post(f"{self.url}/webhooks/rest/conversation", json={}, timeout=60)
        response.raise_for_status()
        return response.json()["sender"]

    def pids(self) -> dict[str, int]:
        return {"rasa": self.servers.procs[1].pid, "actions": self.servers.procs[0].pid}

    def stop(self) -> None:
        self.servers.stop()


def cluster_target(workdir: Path) -> Target | None:
    """The production profile (two Rasa and two action servers behind HAProxy, PostgreSQL tracker,
    Redis lock store), when its launcher is present and the services answer."""
    try:
        from scripts.cluster import start_cluster  # the production profile's launcher
    except ImportError:
        return None

    class Cluster(Target):
        label = "project, production profile (2 Rasa + 2 action servers, HAProxy, PostgreSQL, Redis)"

        def __init__(self) -> None:
            super().__init__()
            self.cluster = start_cluster(workdir)
            self.url, self.database_url = self.cluster.rasa_url, self.cluster.database_url

        sender = Project.sender

        def pids(self) -> dict[str, int]:
            return self.cluster.pids()

        def stop(self) -> None:
            self.cluster.stop()

    return Cluster()


def memory_mb(pids: dict[str, int]) -> dict[str, dict[str, float]]:
    """Current and peak resident memory of each process (VmRSS, VmHWM), in MB."""
    out = {}
    for name, pid in pids.items():
        fields = {}
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key = line.split(":")[0]
            if key in ("VmRSS", "VmHWM"):
                fields["rss_mb" if key == "VmRSS" else "peak_rss_mb"] = round(int(line.split()[1]) / 1024, 1)
        out[name] = fields
    return out


def dump(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
