"""No secret is committed: every tracked file is scanned for key material, and the files that hold
secrets locally (.env, var/) are ignored by git."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PATTERNS = {
    "Fernet key": re.compile(rb"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}=(?![A-Za-z0-9_=-])"),
    "private key": re.compile(rb"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "secret assignment": re.compile(rb"(?i)(DATA_KEY|_SECRET|PASSWORD|AES_KEY|WECHAT_TOKEN)\s*[=:]\s*['\"]?[A-Za-z0-9+/_-]{16,}"),
    "database password in URL": re.compile(rb"postgres(?:ql)?(?:\+\w+)?://[^:/@\s]+:[^@\s]{3,}@"),
}
# Tests and benchmarks set fixture secrets on purpose ("test-partner-secret"…): there only real key
# material counts, not an assignment.
FIXTURE_DIRS = ("tests/", "bench/")


def tracked() -> list[str]:
    return subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()


def test_no_tracked_file_holds_key_material():
    found = []
    for name in tracked():
        if name == "tests/security/test_secrets_in_repository.py" or not (ROOT / name).is_file():
            continue
        data = (ROOT / name).read_bytes()[:2_000_000]
        for what, pattern in PATTERNS.items():
            if what == "secret assignment" and name.startswith(FIXTURE_DIRS):
                continue
            if pattern.search(data):
                found.append(f"{name}: {what}")
    assert found == []


def test_local_secret_files_are_ignored():
    for path in (".env", "var/data.key", "var/partner-demo.secret"):
        ignored = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT).returncode == 0
        assert ignored, f"{path} is not ignored by git"
    assert not [name for name in tracked() if name.startswith("var/") or name == ".env"]


def test_the_scanner_finds_what_it_looks_for():
    from cryptography.fernet import Fernet

    assert PATTERNS["Fernet key"].search(b"DATA_KEY=" + Fernet.generate_key())
    assert PATTERNS["secret assignment"].search(b"PARTNER_DEMO_FUND_SECRET=0123456789abcdef0123")
    assert PATTERNS["database password in URL"].search(b"postgresql+psycopg2://app:s3cret@db/cases")
    assert not PATTERNS["database password in URL"].search(b"postgresql+psycopg2://postgres@127.0.0.1:5432/test")
