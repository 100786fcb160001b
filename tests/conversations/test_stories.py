"""Runs the conversation tests (Rasa test stories in this folder) against the trained model with
`rasa test core`, and fails with the stories that went wrong."""
from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STORIES = Path(__file__).resolve().parent


def test_every_conversation_story_passes(tmp_path):
    model = subprocess.run(["bash", str(ROOT / "scripts" / "model_path.sh")], capture_output=True, text=True, check=True).stdout.strip()
    assert (ROOT / model).is_file(), f"no trained model at {model}: run `make model`"
    stories = sorted(STORIES.glob("test_*.yml"))
    assert sum(p.read_text(encoding="utf-8").count("- story:") for p in stories) >= 25
    out = tmp_path / "results"
    run = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "rasa"), "test", "core", "--model", str(ROOT / model),
         "--stories", str(STORIES), "--out", str(out), "--no-plot"],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    failed = out / "failed_test_stories.yml"
    report = failed.read_text(encoding="utf-8") if failed.exists() else ""
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "- story:" not in report, "failed conversation stories:\n" + report
