"""Issue #17: policy texts as data. The six "wrong today" items, each with its test, and a third
city added from configuration only."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from bot.domain.application import Application
from bot.policy.engine import PolicyEngine

ROOT = Path(__file__).resolve().parents[2]
ENGINE = PolicyEngine.load(ROOT / "config")
TODAY = date(2026, 9, 30)


def run(engine=ENGINE, **fields):
    fields.setdefault("accepted_on", TODAY)
    return engine.assess(Application(**fields), TODAY)


def config_with(tmp_path: Path, files: dict[str, str]) -> Path:
    """A copy of the project's configuration with some files added or replaced."""
    config = tmp_path / "config"
    shutil.copytree(ROOT / "config", config, ignore=shutil.ignore_patterns("partners"))
    for name, text in files.items():
        (config / name).parent.mkdir(parents=True, exist_ok=True)
        (config / name).write_text(text, encoding="utf-8")
    return config


def topics(result) -> set[str]:
    return {c.topic for c in result.conclusions}


# ---------------------------------------------------------------- 1. away from the 户籍 place
def test_an_emergency_in_xuchang_for_a_jiangxi_household_is_not_accepted_by_xuchang():
    """许昌 does not relax residency: the 江西 户籍 place accepts under its own rules (CN-2014-47),
    and 江西's relaxation (for emergencies in 江西) is not cited for an emergency in 许昌."""
    result = run(cause="fire", household_size=3, hukou_region="360700", event_region="411002", event_township="魏都区西大街道")
    acceptance = result.conclusion("acceptance")
    assert acceptance.verdict == "hukou_place" and acceptance.reasons[0].rule_id == "CN-2014-47"
    assert "JX-2.2-residency" not in result.rule_ids() and "魏都区" in acceptance.reasons[0].text
    assert result.region_code == "360000"


def test_the_place_of_the_emergency_decides_rules_and_figures_when_it_accepts(tmp_path):
    config = config_with(tmp_path, {"regions/411002.yml": (ROOT / "config/regions/411002.yml").read_text(encoding="utf-8")
                                    + "settings:\n  residency_relaxation: true\n"})
    result = run(PolicyEngine.load(config), cause="fire", household_size=3, hukou_region="360100", event_region="411002")
    assert result.region_code == "411002" and result.cap == 6 * 630 * 3 and "frequency" in topics(result)
    assert result.conclusion("acceptance").verdict == "event_place"
    assert "CN-2026-small-fast" in {r.rule_id for r in result.conclusion("acceptance").reasons}


def test_a_region_that_does_not_relax_residency_never_applies_the_2026_opinion(tmp_path):
    """鄢陵 (户籍) relaxes, 魏都区 (where the fire was) does not: 魏都区 does not accept, so neither
    region's relaxation is cited."""
    config = config_with(tmp_path, {"regions/411024.yml": (ROOT / "config/regions/411024.yml").read_text(encoding="utf-8")
                                    + "settings:\n  residency_relaxation: true\n"})
    result = run(PolicyEngine.load(config), cause="fire", household_size=3, hukou_region="411024", hukou_township="马栏镇",
                 event_region="411002", event_township="魏都区")
    assert result.conclusion("acceptance").verdict == "hukou_place"
    assert "CN-2026-small-fast" not in result.rule_ids()


def test_small_fast_aid_needs_residency_relaxation_too(tmp_path):
    config = config_with(tmp_path, {"regions/360200.yml": 'code: "360200"\nname: 景德镇市\nparent: "360000"\n'
                                    "settings:\n  residency_relaxation: false\n  small_fast_aid: true\n"})
    result = run(PolicyEngine.load(config), cause="fire", household_size=3, hukou_region="360200")
    assert "small_fast_aid" not in topics(result) and "CN-2026-small-fast" not in result.rule_ids()


def test_a_xuchang_household_with_an_emergency_in_another_xuchang_county():
    """许昌 does not relax residency (CN-2026-small-fast is not adopted): the 户籍 township accepts
    (CN-2014-47), and the township where it happened helps the household apply to the county
    civil-affairs department or 救助管理机构 there; nothing says 许昌 relaxed residency."""
    result = run(cause="fire", household_size=3, hukou_region="411024", hukou_township="马栏镇", event_region="411002",
                 event_township="魏都区西大街道")
    acceptance = result.conclusion("acceptance")
    assert acceptance.verdict == "hukou_place" and "马栏镇" in acceptance.text and result.region_code == "411024"
    assert acceptance.reasons[0].rule_id == "CN-2014-47" and "救助管理机构" in acceptance.reasons[0].text
    assert "CN-2026-small-fast" not in result.rule_ids() and "JX-2.2-residency" not in result.rule_ids()


# ---------------------------------------------------------------- 2. 江西 delegation
def test_jiangxi_township_approval_honours_township_delegation(tmp_path):
    config = config_with(tmp_path, {"regions/360200.yml": 'code: "360200"\nname: 景德镇市\nparent: "360000"\n'
                                    "settings:\n  township_delegation: false\n"})
    engine = PolicyEngine.load(config)
    result = run(engine, cause="medical_cost", household_size=1, monthly_income=800, expense_amount=500, hukou_region="360200")
    assert result.conclusion("approval").verdict == "county"
    from bot.policy.limits import decision_limits
    assert decision_limits(engine.regions.get("360200"), 1).township_max is None


# ---------------------------------------------------------------- 3. no income test in 江西
def test_jiangxi_sets_no_income_line():
    result = run(cause="medical_cost", household_size=1, monthly_income=5000, hukou_region="360100")
    check = result.conclusion("economic_check")
    assert check.verdict == "local_rule" and "上年度" not in check.text and check.needs_checking
    assert "disposable_income_prev_year" not in result.figures_used


# ---------------------------------------------------------------- 4. housing
@pytest.mark.parametrize("region", ["411024", "360100"])
def test_priority_households_with_a_housing_problem_must_be_covered(region):
    result = run(cause="housing", household_size=3, priority_groups=("dibao",), hukou_region=region)
    housing = result.conclusion("housing")
    assert housing.verdict == "must_cover" and housing.reasons[0].rule_id == "XC-2.1.2-housing"
    tekun = run(cause="housing", household_size=1, priority_groups=("tekun",), hukou_region=region).conclusion("housing")
    assert tekun.needs_checking and "分散供养" in tekun.text


# ---------------------------------------------------------------- 5. smaller items
def test_a_tekun_fire_case_is_simplified_not_skipped():
    check = run(cause="fire", household_size=1, priority_groups=("tekun",), hukou_region="411024").conclusion("economic_check")
    assert check.verdict == "simplified" and [r.rule_id for r in check.reasons][0] == "XC-2.2.1"
    assert "XC-2.2.2-skipcheck" not in {r.rule_id for r in check.reasons}


def test_jiangxi_unknown_poverty_status_needs_checking():
    check = run(cause="medical_cost", household_size=3, monthly_income=500, priority_groups=("jiandang",),
                hukou_region="360100").conclusion("economic_check")
    assert check.needs_checking and check.verdict == "needs_checking" and "脱贫" in check.text


def test_ten_working_days_only_for_expenditure():
    result = run(cause="fire", household_size=1, hukou_region="411024")
    assert result.approval_level.value == "township"
    assert result.decision_due is None and result.conclusion("deadline").verdict == "none_stated"
    expenditure = run(cause="medical_cost", household_size=1, monthly_income=800, hukou_region="411024")
    assert expenditure.decision_due == date(2026, 10, 20)


def test_an_emergency_uses_the_amount_asked():
    result = run(cause="fire", household_size=4, requested_amount=500, hukou_region="411024")
    assert result.suggested_amount == 500 and "申请" in result.conclusion("amount").text
    more = run(cause="fire", household_size=4, requested_amount=9000, hukou_region="411024").conclusion("amount")
    assert more.data["suggested"] == 2 * 630 * 4 and "9,000" in more.text


def test_conclusions_resting_on_an_old_or_inferred_figure_say_so():
    result = run(cause="fire", household_size=1, hukou_region="411024")
    for topic in ("amount", "approval"):
        conclusion = result.conclusion(topic)
        assert conclusion.needs_checking and "2022" in conclusion.text and "推定" in conclusion.text, conclusion
        assert "inferred" not in conclusion.text and "urban_dibao" not in conclusion.text   # labels, not codes
    fresh_config = None  # a current published figure is not flagged: see test_a_third_city_from_configuration_only
    assert fresh_config is None


# ---------------------------------------------------------------- 6. CLI input
BAD_INPUT = [
    ({"cause": "fire", "household_size": -2, "hukou_region": "411024"}, "household_size"),
    ({"cause": "fire", "household_size": 2, "monthly_income": -5, "hukou_region": "411024"}, "monthly_income"),
    ({"cause": "fire", "household_size": 2, "requested_amount": -100, "hukou_region": "411024"}, "requested_amount"),
    ({"cause": "fire", "household_size": 2, "expense_amount": -1, "hukou_region": "411024"}, "expense_amount"),
    ({"cause": "fire", "household_size": 2, "priority_groups": "dibao", "hukou_region": "411024"}, "priority_groups"),
    ({"cause": "fire", "household_size": 2, "priority_groups": ["rich"], "hukou_region": "411024"}, "priority_groups"),
    ({"cause": "earthquake", "household_size": 2, "hukou_region": "411024"}, "cause"),
    ({"cause": "fire", "household_size": 2, "hukou_region": "41102"}, "hukou_region"),
    ({"cause": "fire", "household_size": 2, "hukou_region": 411024}, "hukou_region"),
    ({"cause": "fire", "household_size": "四", "hukou_region": "411024"}, "household_size"),
    ({"cause": "fire", "household_size": 2, "hukou_region": "411024", "past": [{"case_number": "LS1", "cause": "fire"}]}, "applied_on"),
    ([{"cause": "fire"}], "JSON"),
]


@pytest.mark.parametrize("data, field", BAD_INPUT)
def test_cli_input_errors_are_clear_chinese_messages(tmp_path, data, field):
    path = tmp_path / "app.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "bot.policy", "assess", str(path), "--today", "2026-09-30"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stdout[-300:]
    assert field in result.stderr and "Traceback" not in result.stderr
    assert any("\u4e00" <= ch <= "\u9fff" for ch in result.stderr.replace("错误", "")), result.stderr


def test_cli_shows_the_document_and_figure_of_each_conclusion():
    result = subprocess.run([sys.executable, "-m", "bot.policy", "assess", str(ROOT / "examples" / "application-school-fees.json"),
                             "--today", "2026-09-30"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    text = result.stdout.split("\n\n", 1)[1]
    amount = next(line for line in text.splitlines() if "建议救助金额" in line)
    assert "许昌" in amount and "urban_dibao_monthly" in amount and "2022" in amount


# ---------------------------------------------------------------- a third city, configuration only
QINGHE_PLAN = """\
id: qinghe-2025-plan
title: 青禾市临时救助实施办法（虚构，测试用）
short: 青禾办法
issuer: 青禾市民政局
year: 2025
source: tests/unit/test_policy_documents.py
rules:
  emergency_definition: {rule: QH-2.1}
  expenditure_definition: {rule: QH-2.2}
  local_scope: {rule: QH-2.3}
  open_access: {rule: QH-2.4}
  simplified_check: {rule: QH-3.1}
  skip_check: {rule: QH-3.2, groups: [dibao], jiandang: any, types: [expenditure, emergency]}
  income_test: {rule: QH-3.3, line: disposable_income_prev_year, asset_rule: QH-3.3, asset_text: {setting: asset_rule}}
  full_procedure: {rule: QH-3.4}
  tiers: {rule: QH-4.1, table: {setting: tiers}}
  cap: {rule: QH-4.2, figure: urban_dibao_monthly, multiple: 4, per_person: true}
  major: {rule: QH-4.3}
  township_approval: {rule: QH-5.1, figure: urban_dibao_monthly, multiple: 2, when: township_delegation}
  county_approval: {rule: QH-5.2}
  deadline: {rule: QH-5.3, working_days: 7, types: [emergency, expenditure], levels: [township, county]}
  first_aid: {rule: QH-6.1, complete_rule: QH-6.2, paperwork_days: 15}
"""
QINGHE_REGION = """\
code: "990100"
name: 青禾市
documents: [qinghe-2025-plan, cn-2014-649, cn-2014-47]
figures:
  urban_dibao_monthly: {value: 800, year: 2026, status: published, source: "青禾市民政局（虚构）"}
  disposable_income_prev_year: {value: 40000, year: 2025, status: published, source: "青禾市统计局（虚构）", basis: urban}
settings:
  township_delegation: true
  residency_relaxation: false
  asset_rule: 家庭财产按青禾市规定
  tiers: {status: published, emergency: {months_of_dibao_per_person: 1}, expenditure: {months_of_dibao_per_person: 1}}
"""


def test_a_third_city_from_configuration_only(tmp_path):
    config = config_with(tmp_path, {"policies/qinghe-2025-plan.yml": QINGHE_PLAN, "regions/990100-qinghe.yml": QINGHE_REGION})
    engine = PolicyEngine.load(config)
    fire = run(engine, cause="fire", household_size=2, hukou_region="990100")
    assert fire.region_code == "990100" and fire.cap == 4 * 800 * 2 and fire.suggested_amount == 1600
    assert fire.approval_level.value == "township" and fire.decision_due == date(2026, 10, 15)   # 7 working days after National Day
    assert fire.conclusion("first_aid").data["paperwork_due"] == "2026-10-15"
    assert fire.conclusion("economic_check").verdict == "simplified"
    assert {r for r in fire.rule_ids() if not r.startswith("CN-")} <= {f"QH-{n}" for n in
                                                                      ("2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4", "4.1",
                                                                       "4.2", "4.3", "5.1", "5.2", "5.3", "6.1", "6.2")}
    assert not fire.conclusion("amount").needs_checking and "frequency" not in topics(fire)
    costs = run(engine, cause="medical_cost", household_size=1, monthly_income=4000, expense_amount=100000, hukou_region="990100")
    assert costs.conclusion("economic_check").verdict == "flagged" and costs.major_hardship and costs.approval_level.value == "county"
    assert costs.decision_due == date(2026, 10, 15)
    dibao = run(engine, cause="fire", household_size=2, priority_groups=("dibao",), hukou_region="990100")
    assert dibao.conclusion("economic_check").verdict == "skipped"
    assert "青禾办法" in fire.as_text()


def test_henan_outside_xuchang_has_the_national_documents_only():
    """The 许昌 plan applies in 许昌市 and its counties (RULES.md scope), not in 郑州."""
    result = run(cause="fire", household_size=2, hukou_region="410100")
    assert result.region_code == "410000" and not {r for r in result.rule_ids() if r.startswith("XC-")}
    assert result.cap is None and result.conclusion("amount").needs_checking and "frequency" not in topics(result)
    assert [d["id"] for d in result.documents][-1] == "cn-2014-47"


def test_the_assessment_names_each_conclusions_documents_and_figures():
    data = run(cause="medical_cost", household_size=1, monthly_income=800, hukou_region="411024").as_dict()
    economic = next(c for c in data["conclusions"] if c["topic"] == "economic_check")
    assert economic["documents"] == ["许昌方案"] and economic["figures"] == ["disposable_income_prev_year"]
    assert data["region"]["documents"][0] == "xuchang-2020-plan" and data["documents"][0]["short"] == "许昌方案"


def test_cli_names_the_file_and_field_of_a_bad_document(tmp_path):
    config = config_with(tmp_path, {"policies/xuchang-2020-plan.yml": (ROOT / "config/policies/xuchang-2020-plan.yml")
                                    .read_text(encoding="utf-8").replace("multiple: 6", "multiple: -6")})
    path = tmp_path / "app.json"
    path.write_text('{"cause": "fire", "household_size": 2, "hukou_region": "411024"}', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "bot.policy", "assess", str(path), "--config", str(config)],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "xuchang-2020-plan.yml: rules.cap.multiple" in result.stderr, result.stderr
