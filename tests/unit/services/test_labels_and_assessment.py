"""The label table the pages load, and what the resident is told after an assessment."""
from __future__ import annotations

from datetime import date

from bot.domain.model import Cause
from bot.services.assessment import application_from_intake, assess_intake, resident_message
from bot.services.labels import labels
from tests.factories import submission


def test_every_code_has_a_chinese_label():
    table = labels()
    assert table["cause"]["fire"] == "火灾" and table["status"]["paid"] == "救助已发放"
    assert table["event"]["pay"] == "登记发放" and table["event"]["created"] == "案件创建"
    for kind, entries in table.items():
        assert entries and all(label and not label.isascii() for label in entries.values()), kind


def test_the_resident_hears_the_kind_the_office_and_the_papers_never_an_amount(deps):
    values = submission().values
    assessment, as_json = assess_intake(deps, application_from_intake(values, submission().provenance, date(2026, 12, 3)),
                                        date(2026, 12, 3))
    text = resident_message(assessment, "fire")
    assert "急难型" in text and "马栏镇" in text and Cause.FIRE.documents in text and "元" not in text.replace("救助金额由审批部门核定", "")
    assert as_json["region"]["code"] == assessment.region_code
    assert "救助管理站" in resident_message(assessment, "stranded")
    assert "人工评估" in resident_message(None)
