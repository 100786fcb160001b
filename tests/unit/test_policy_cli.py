"""`python -m bot.policy assess FILE.json` prints JSON and Chinese text; bad input is a clear error."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(path: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot.policy", "assess", str(path), *extra],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_example_file_is_assessed():
    result = run(ROOT / "examples" / "application-school-fees.json", "--today", "2026-09-30")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.split("\n\n评估地区")[0])
    assert data["region"]["code"] == "411024" and data["hardship_type"] == "expenditure"
    assert "评估地区：鄢陵县" in result.stdout and "XC-2.2.2-skipcheck" in result.stdout


def test_unknown_field_and_unknown_region_are_clear_errors(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"cause": "fire", "colour": "red"}', encoding="utf-8")
    result = run(bad)
    assert result.returncode == 2 and "unknown fields: colour" in result.stderr
    bad.write_text('{"cause": "fire", "hukou_region": "510100"}', encoding="utf-8")
    result = run(bad)
    assert result.returncode == 2 and "错误" in result.stderr and "Traceback" not in result.stderr
    bad.write_text("not json", encoding="utf-8")
    assert run(bad).returncode == 2
