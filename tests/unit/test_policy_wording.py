"""What the assessment tells a caseworker is Chinese: a conclusion that rests on a weak figure
names the figure in words (issue #15 item 10: the case page showed 「urban_dibao_monthly为2022年推定数据
（inferred）」)."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from bot.domain.application import Application
from bot.policy.engine import PolicyEngine

ROOT = Path(__file__).resolve().parents[2]


def test_a_weak_figure_is_named_in_chinese_without_codes():
    today = date(2026, 12, 3)
    result = PolicyEngine.load(ROOT / "config").assess(
        Application(cause="fire", household_size=4, hukou_region="411024", accepted_on=today), today)
    weak = [c.text for c in result.conclusions if "所依据的数据需核实" in c.text]
    assert weak, [c.text for c in result.conclusions]
    for text in weak:
        assert not re.findall(r"[A-Za-z_]{3,}", text), text
        assert "城市低保月标准为" in text or "农村低保月标准为" in text, text
