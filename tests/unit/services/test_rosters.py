"""Rosters and the check of a claimed group (bot/services/rosters) on the fake unit of work."""
from __future__ import annotations

import io
from datetime import date

import pytest

from bot.domain.casework import Refusal
from bot.services import rosters, views
from bot.services.cases import submit_case
from bot.services.errors import Forbidden
from tests.factories import submission
from tests.unit.services.conftest import COUNTY, TOWNSHIP

GOOD = "411024198503150014"


def csv_file(*rows: str) -> bytes:
    return ("\n".join(["鄢陵县建档立卡脱贫户名册（2026年11月）", "序号,户主姓名,身份证号码,所属乡镇,脱贫状态", *rows]) + "\n").encode("gb18030")


def test_rows_are_validated_one_by_one_with_a_report(deps, store):
    content = csv_file(f"1,王小明,{GOOD},马栏镇,已脱贫", "2,李四,411024198503150015,马栏镇,未脱贫", f"3,王小明,{GOOD},马栏镇,已脱贫",
                       "4,赵五,,马栏镇,未脱贫", "")
    report = rosters.import_roster(deps, COUNTY, "jiandang", "名册.csv", content, date(2026, 11, 30))
    assert (report.rows, report.rejected) == (1, 3)
    assert [e.line for e in report.errors] == [4, 5, 6] and "重复" in report.errors[1].message and "第4行" in report.errors[0].message
    assert store.audit[-1][1] == "roster_imported"


def test_an_xlsx_export_reads_the_same(deps):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["姓名", "身份证号"])
    book.active.append(["王小明", GOOD])
    out = io.BytesIO()
    book.save(out)
    assert rosters.import_roster(deps, COUNTY, "dibao", "低保.xlsx", out.getvalue()).rows == 1


def test_only_a_county_imports_its_own_roster(deps):
    with pytest.raises(Forbidden):
        rosters.import_roster(deps, TOWNSHIP, "dibao", "x.csv", csv_file())
    with pytest.raises(Forbidden):
        rosters.import_roster(deps, COUNTY, "dibao", "x.csv", csv_file(), county_code="411081")
    with pytest.raises(Refusal):
        rosters.import_roster(deps, COUNTY, "rich", "x.csv", csv_file())


def test_the_case_page_says_whether_the_claimed_group_is_on_the_roster(deps):
    assert views.case_page(deps, TOWNSHIP, submit_case(deps, submission("no-group")).case_number)["roster"] is None
    number = submit_case(deps, submission("dibao", values={"priority_group": "dibao"})).case_number
    assert views.case_page(deps, TOWNSHIP, number)["roster"]["label"] == "本县尚未导入该名册"
    rosters.import_roster(deps, COUNTY, "dibao", "低保.csv", csv_file(f"1,王小明,{GOOD},马栏镇,"), date(2026, 11, 30))
    found = views.case_page(deps, TOWNSHIP, number)["roster"]
    assert found["label"] == "名册已核实" and found["roster_date"] == "2026-11-30"
    other = submit_case(deps, submission("other", values={"priority_group": "dibao", "id_number": "411024198503150023",
                                                           "phone": "13900000002"})).case_number
    assert views.case_page(deps, TOWNSHIP, other)["roster"]["label"] == "名册中未找到"
