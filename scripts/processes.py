"""Small helpers for starting the project's servers as real processes: a free local port, the
trained model's path, and waiting until a server answers (the production launcher scripts/cluster.py,
the tests' tests/integration/servers.py and the benchmarks use them)."""
from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def model_path() -> Path:
    out = subprocess.run(["bash", str(ROOT / "scripts" / "model_path.sh")], capture_output=True, text=True, check=True)
    return ROOT / out.stdout.strip()


def wait_until_up(url: str, seconds: int, proc: subprocess.Popen, log: Path) -> None:
    """Until `url` answers; fails with the end of the process's log if it exits or takes longer."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early; log:\n{log.read_text(errors='replace')[-4000:]}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer in {seconds}s; log:\n{log.read_text(errors='replace')[-4000:]}")
