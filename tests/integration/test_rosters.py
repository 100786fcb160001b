"""Rosters and the monthly comparison (信息比对, issue #19 part 2) on SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import date

from bot.domain.casework import Role, Staff
from bot.services import casework, rosters, views
from bot.services.bootstrap import bootstrap
from bot.services.cases import submit_case
from tests.factories import submission

COUNTY = Staff("yanling", "鄢陵县民政局", Role.COUNTY, "411024")
TOWNSHIP = Staff("malan", "马栏镇经办人", Role.TOWNSHIP, "411024", "马栏镇")
LIFTED_ID, WATCHED_ID = "411024198503150014", "411024197001010033"


def _roster(deps) -> None:
    jiandang = "姓名,身份证号,脱贫状态\n王小明,%s,已脱贫\n" % LIFTED_ID
    rosters.import_roster(deps, COUNTY, "jiandang", "脱贫户.csv", jiandang.encode("gb18030"), date(2026, 11, 30))
    rosters.import_roster(deps, COUNTY, "jiance", "监测户.csv", ("姓名,身份证号\n李四,%s\n" % WATCHED_ID).encode(), date(2026, 11, 30))


def test_the_comparison_lists_returning_poverty_repeats_and_rejections_and_rows_close_with_a_note(database_url):
    deps = bootstrap(database_url)
    _roster(deps)
    first = submit_case(deps, submission("lifted-1", values={"priority_group": "jiandang"})).case_number
    second = submit_case(deps, submission("lifted-2", values={"priority_group": "jiandang", "cause": "medical_cost"})).case_number
    watched = submit_case(deps, submission("watched", values={"id_number": WATCHED_ID, "phone": "13900000009"})).case_number
    for action, params in (("accept", {}), ("reject", {"reason": "已由其他渠道解决"})):
        casework.act(deps, TOWNSHIP, watched, action, params)
    today = deps.today()
    rows = rosters.compare(deps, COUNTY, today.year, today.month)
    kinds = {(r["kind"], r["case_number"]) for r in rows}
    assert {("roster_new_case", first), ("roster_new_case", second), ("roster_new_case", watched)} <= kinds
    assert {("repeated", first), ("repeated", second)} <= kinds and ("repeated", watched) not in kinds
    assert ("roster_rejected", watched) in kinds
    assert all(r["township"] == "马栏镇" and not r["closed"] for r in rows)
    rosters.close_warning(deps, TOWNSHIP, "roster_new_case", first, "已入户核实，纳入监测帮扶")
    closed = next(r for r in rosters.compare(deps, TOWNSHIP, today.year, today.month)
                  if (r["kind"], r["case_number"]) == ("roster_new_case", first))
    assert closed["closed"] and closed["note"] == "已入户核实，纳入监测帮扶"
    page = views.case_page(deps, TOWNSHIP, first)
    assert page["roster"]["label"] == "名册已核实" and page["roster"]["roster_date"] == "2026-11-30"
    jx = next(c for c in page["assessment"]["conclusions"] if c["topic"] == "economic_check")
    assert jx["verdict"]      # the assessment ran with the roster's 脱贫 status


def test_repeats_by_phone_without_an_id_number_and_a_township_sees_only_its_own(database_url):
    """The set-based comparison (bench/roster_bench.py at 1 000 000 cases): a household without an
    ID number is the same household by its phone; a township's list holds its own township only."""
    deps = bootstrap(database_url)
    by_phone = [submit_case(deps, submission(f"phone-{i}", values={"id_number": "未提供", "phone": "13900000021"})).case_number
                for i in range(2)]
    alone = submit_case(deps, submission("phone-alone", values={"id_number": "未提供", "phone": "13900000022"})).case_number
    bailiang = [submit_case(deps, submission(f"bl-{i}", where="鄢陵县柏梁镇", values={"id_number": "未提供", "phone": "13900000023"}))
                .case_number for i in range(2)]
    today = deps.today()
    county = {(r["kind"], r["case_number"]): r for r in rosters.compare(deps, COUNTY, today.year, today.month)}
    assert all(("repeated", n) in county for n in by_phone + bailiang) and ("repeated", alone) not in county
    assert county[("repeated", by_phone[0])]["detail"] == "一年内共2次" and county[("repeated", bailiang[0])]["township"] == "柏梁镇"
    township = {r["case_number"] for r in rosters.compare(deps, TOWNSHIP, today.year, today.month)}
    assert set(by_phone) <= township and not set(bailiang) & township
    rosters.close_warning(deps, TOWNSHIP, "repeated", by_phone[0], "同一户两次求助，已合并跟进")
    closed = next(r for r in rosters.compare(deps, TOWNSHIP, today.year, today.month) if r["case_number"] == by_phone[0])
    assert closed["closed"] and closed["closed_by"] == "工作人员"      # no account named malan in this store: never the login


def test_the_comparison_command_prints_the_list_in_chinese(database_url):
    import os
    import subprocess
    import sys
    from pathlib import Path

    deps = bootstrap(database_url)
    _roster(deps)
    number = submit_case(deps, submission("command-1", values={"priority_group": "jiandang"})).case_number
    today = deps.today()
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-m", "bot.services.rosters", "compare", "411024", str(today.year), str(today.month)],
                         cwd=root, env={**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(root)},
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "信息比对：1 条预警，未处理 1 条" in out.stdout
    assert f"马栏镇\t已脱贫或监测户新申请临时救助（返贫风险）\t{number}" in out.stdout and "roster_new_case" not in out.stdout
