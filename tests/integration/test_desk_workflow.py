"""The desk's workflow over real HTTP, on SQLite and PostgreSQL: escalation to the county,
assignment within the office, notes, and the log in plain Chinese (issue #15's workflow)."""
from __future__ import annotations

from tests.integration.test_desk_api import client, desk, new_case  # noqa: F401  (desk is a fixture)


def test_escalation_assignment_and_notes_over_http(desk):
    """Issue #15 workflow: a township escalates with its opinion, the county inbox lists it; cases are
    assigned within the office; notes and every event read in plain Chinese."""
    number = new_case(desk)
    malan, county = client(desk, "malan"), client(desk, "yanling")
    assert malan.act(number, "accept").status_code == 200
    assert client(desk, "boliang").act(number, "escalate", opinion="x").status_code == 404
    assert malan.act(number, "escalate", opinion="房屋烧毁，建议4000元", amount=4000).json()["status"] == "escalated"
    waiting = county.get("/api/cases", params={"status": "escalated"}).json()["cases"]
    assert number in [c["case_number"] for c in waiting]
    assert malan.act(number, "approve", amount=1000).status_code == 409
    assert malan.act(number, "assign", assignee="boliang").status_code == 422
    assert malan.act(number, "assign").status_code == 200
    mine = malan.get("/api/cases", params={"view": "mine"}).json()["cases"]
    assert [c["case_number"] for c in mine] == [number] and mine[0]["applicant"].startswith("王*")
    assert number not in [c["case_number"] for c in malan.get("/api/cases", params={"view": "unassigned", "limit": 200}).json()["cases"]]
    assert malan.act(number, "note", note="已入户，房屋确已烧毁").status_code == 200
    assert county.act(number, "approve", amount=4000).json()["status"] == "approved"
    texts = [e["text"] for e in county.get(f"/api/cases/{number}").json()["events"]]
    assert any("乡镇意见" in t for t in texts) and "备注：已入户，房屋确已烧毁" in texts and "分派给 测试malan" in texts   # display name, not login (#15 item 2)


def test_consent_taken_on_the_desk_names_its_partners(desk):
    """Issue #16 item 5: a caseworker recording phone consent picks the partners; a yes without them
    is refused, and a referral to a partner the resident did not agree to is refused."""
    number = new_case(desk)
    malan = client(desk, "malan")
    assert malan.post(f"/api/cases/{number}/consent", {"consent": True}).status_code == 422
    assert malan.post(f"/api/cases/{number}/consent", {"consent": True, "partners": ["demo-fund"]}).status_code == 200
    assert malan.post(f"/api/cases/{number}/referrals", {"partner_id": "demo-fund"}).status_code == 200
    others = [s["partner_id"] for s in malan.get(f"/api/cases/{number}").json()["referral_suggestions"] if s["partner_id"] != "demo-fund"]
    for partner in others[:1]:
        assert malan.post(f"/api/cases/{number}/referrals", {"partner_id": partner}).status_code == 409
    events = malan.get(f"/api/cases/{number}").json()["events"]
    assert any(e["kind"] == "referral_consent" and e["data"]["partners"] == ["demo-fund"] for e in events)


def test_a_county_imports_a_roster_over_http_and_sees_the_comparison(desk):
    """Issue #19 part 2 over HTTP: the file as the body (bigger than the 64 KB of other requests), a
    per-row report; a township may not import; the comparison lists the county's rows."""
    from datetime import date

    rows = ["姓名,身份证号,脱贫状态"] + [f"户主{i},411024198503150014,已脱贫" if i == 0 else f"户主{i},41102419850315{i:04d},已脱贫"
                                      for i in range(4000)]
    body = ("\n".join(rows) + "\n").encode("gb18030")
    assert len(body) > 64 * 1024
    county, malan = client(desk, "yanling"), client(desk, "malan")
    headers = {"X-Filename": "jiandang.csv", "Content-Type": "text/csv"}
    report = county.session.post(county.base + "/api/rosters/jiandang", data=body, headers=headers, timeout=60).json()
    assert report["rows"] >= 1 and report["rejected"] == 4000 - report["rows"] and report["errors"][0]["line"] >= 2
    assert malan.session.post(malan.base + "/api/rosters/jiandang", data=body, headers=headers, timeout=60).status_code == 403
    today = date.today()
    answer = county.get("/api/rosters/comparison", params={"year": today.year, "month": today.month})
    assert answer.status_code == 200 and isinstance(answer.json()["rows"], list)
