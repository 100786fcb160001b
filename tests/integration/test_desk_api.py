"""The desk's JSON API over real HTTP, on SQLite and PostgreSQL: scope, every casework action and
every refusal the rules make, exports, reserve fund, sessions and bad input."""
from __future__ import annotations

import csv
import io
import itertools
import json

import pytest
import requests

from bot.domain.casework import Role
from bot.services import accounts
from bot.services.bootstrap import bootstrap, unit_of_work
from bot.services.cases import case_status, submit_case
from tests.factories import submission
from tests.integration.servers import DeskServer

PASSWORD = "correct-horse-2026"
STAFF = {
    "malan": (Role.TOWNSHIP, "411024", "马栏镇"),
    "boliang": (Role.TOWNSHIP, "411024", "柏梁镇"),
    "yanling": (Role.COUNTY, "411024", None),
    "yuzhou": (Role.COUNTY, "411081", None),
    "operator": (Role.OPERATOR, None, None),
    "admin": (Role.ADMIN, None, None),
}
_keys = itertools.count()


class Client:
    def __init__(self, base: str, token: str):
        self.base, self.session = base, requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"

    def get(self, path: str, **kw) -> requests.Response:
        return self.session.get(self.base + path, timeout=30, **kw)

    def post(self, path: str, body=None, **kw) -> requests.Response:
        return self.session.post(self.base + path, json=body, timeout=30, **kw)

    def act(self, number: str, action: str, **params) -> requests.Response:
        return self.post(f"/api/cases/{number}/actions/{action}", params)


@pytest.fixture(scope="module")
def desk(module_database_url, tmp_path_factory):
    url = module_database_url
    for username, (role, county, township) in STAFF.items():
        accounts.create_staff(bootstrap(url), username, f"测试{username}", role, PASSWORD, county, township)
    server = DeskServer(tmp_path_factory.mktemp("desk"), url)   # plain HTTP here: DeskServer sets COOKIE_SECURE=0
    yield server, url
    server.stop()


def client(desk, username: str) -> Client:
    server, _ = desk
    response = requests.post(server.url + "/api/login", json={"username": username, "password": PASSWORD, "kind": "token"}, timeout=30)
    assert response.status_code == 200, response.text
    return Client(server.url, response.json()["token"])


def new_case(desk, where: str = "鄢陵县马栏镇", **values) -> str:
    _, url = desk
    key = f"desk-{next(_keys)}"
    values.setdefault("phone", f"139{next(_keys):08d}")
    values.setdefault("id_number", "未提供")
    return submit_case(bootstrap(url), submission(key, values=values, where=where)).case_number


def school_case(desk, where: str = "鄢陵县马栏镇", amount: int = 1500) -> str:
    """支出型, small enough for township approval (1.5 x 630 x 4 capped by the 1,500 needed)."""
    return new_case(desk, where, cause="education_cost", expense_amount=amount, household_income=1000)


def test_inbox_is_scoped_to_the_office_and_puts_emergencies_first(desk):
    school, fire = school_case(desk), new_case(desk)
    elsewhere = new_case(desk, "鄢陵县柏梁镇")
    malan = [c["case_number"] for c in client(desk, "malan").get("/api/cases?limit=200").json()["cases"]]
    assert school in malan and fire in malan and elsewhere not in malan
    assert malan.index(fire) < malan.index(school)  # 急难型 first
    assert elsewhere in [c["case_number"] for c in client(desk, "boliang").get("/api/cases?limit=200").json()["cases"]]
    county = [c["case_number"] for c in client(desk, "yanling").get("/api/cases?limit=200").json()["cases"]]
    assert {school, fire, elsewhere} <= set(county)
    assert client(desk, "yuzhou").get("/api/cases").json()["total"] == 0
    assert client(desk, "operator").get("/api/cases").json()["total"] == 0   # created none
    admin = client(desk, "admin").get("/api/cases?limit=200&type=emergency").json()
    assert fire in [c["case_number"] for c in admin["cases"]] and school not in [c["case_number"] for c in admin["cases"]]


def test_search_finds_a_case_by_phone_in_any_form(desk):
    number = new_case(desk, phone="13811112222")
    found = client(desk, "malan").get("/api/cases", params={"q": "１３８ １１１１ ２２２２"}).json()["cases"]
    assert [c["case_number"] for c in found] == [number]
    assert client(desk, "boliang").get("/api/cases", params={"q": "13811112222"}).json()["total"] == 0


def test_another_township_cannot_read_change_reveal_or_link_a_case(desk):
    number = new_case(desk)
    other, missing = client(desk, "boliang"), "LS9901019999"
    attempts = [
        lambda n: other.get(f"/api/cases/{n}"),
        lambda n: other.post(f"/api/cases/{n}/reveal", {"field": "phone"}),
        lambda n: other.post(f"/api/cases/{n}/related", {"other": number, "kind": "dismiss"}),
        lambda n: other.post(f"/api/cases/{n}/consent", {"consent": True}),
        lambda n: other.post(f"/api/cases/{n}/referrals", {"partner_id": "demo-fund"}),     # attach a referral
        lambda n: other.session.delete(f"{other.base}/api/cases/{n}/referrals/demo-fund", timeout=30),
        *[lambda n, a=a: other.act(n, a, reason="x", amount=10, question="x", note="x") for a in
          ("accept", "request_info", "verify", "approve", "reject", "pay", "transfer", "complete_paperwork", "close")],
    ]
    for attempt in attempts:
        foreign, absent = attempt(number), attempt(missing)
        assert foreign.status_code == 404 and foreign.json() == absent.json(), foreign.text
    assert client(desk, "yuzhou").get(f"/api/cases/{number}").status_code == 404
    assert client(desk, "malan").get(f"/api/cases/{number}").status_code == 200


def test_an_expenditure_case_from_acceptance_to_closing(desk):
    number = school_case(desk)
    malan = client(desk, "malan")
    assert malan.act(number, "approve", amount=1500).json()["error"] == "status"   # not accepted yet
    accepted = malan.act(number, "accept").json()
    assert malan.act(number, "approve", amount=1500).json()["error"] == "needs_verification"  # XC-2.2.2
    assert accepted["status"] == "accepted" and accepted["event"]["due_date"]  # 10 working days (XC-2.2.2-township)
    page = malan.get(f"/api/cases/{number}").json()
    assert page["due_date"] == accepted["event"]["due_date"] and "verify" in page["allowed_actions"]
    assert malan.act(number, "verify", note="入户核实").status_code == 200
    assert malan.act(number, "approve", amount=1500, form="cash", reason="学费").status_code == 200
    assert malan.act(number, "pay", amount=1000).status_code == 200
    over = malan.act(number, "pay", amount=600)
    assert over.status_code == 409 and over.json()["error"] == "above_approved"
    assert malan.act(number, "pay", amount=500).status_code == 200
    assert malan.act(number, "close", note="办结").json()["status"] == "closed"
    page = malan.get(f"/api/cases/{number}").json()
    kinds = [(e["actor"], e["kind"]) for e in page["events"]]
    assert ("malan", "accept") in kinds and ("malan", "approve") in kinds and kinds.count(("malan", "pay")) == 2
    assert page["paid_total"] == 1500 and len(page["payments"]) == 2
    assert case_status(bootstrap(desk[1]), number, page_phone(desk, number)).status.value == "closed"


def page_phone(desk, number: str) -> str:
    with unit_of_work(desk[1]) as uow:
        return uow.cases.by_number(number).household.phone


def test_a_township_cannot_approve_above_its_level_and_the_county_can(desk):
    number = school_case(desk, amount=5000)
    malan, county = client(desk, "malan"), client(desk, "yanling")
    malan.act(number, "accept")
    malan.act(number, "verify")
    refused = malan.act(number, "approve", amount=3000)
    assert refused.status_code == 409
    assert refused.json()["error"] == "above_township_level" and refused.json()["rule_id"] == "XC-2.2.2-township"
    assert county.act(number, "approve", amount=3000).json()["status"] == "approved"


def test_an_amount_above_the_cap_needs_the_one_case_one_decision_record(desk):
    number = school_case(desk, amount=30000)   # 4 people: cap 6 x 630 x 4 = 15,120
    county = client(desk, "yanling")
    county.act(number, "accept")
    county.act(number, "verify")
    refused = county.act(number, "approve", amount=20000)
    assert refused.status_code == 409 and refused.json()["rule_id"] == "XC-2.3-major"
    approved = county.act(number, "approve", amount=20000, major_record="县协调机制2026年第3次会议")
    assert approved.status_code == 200 and approved.json()["event"]["major_record"]


def test_a_closed_or_rejected_case_cannot_be_paid(desk):
    number = school_case(desk)
    malan = client(desk, "malan")
    malan.act(number, "accept")
    assert malan.act(number, "reject").json()["error"] == "missing_reason"
    assert malan.act(number, "reject", reason="家庭收入高于当地标准").status_code == 200
    assert malan.act(number, "pay", amount=100).status_code == 409
    malan.act(number, "close")
    paid = malan.act(number, "pay", amount=100)
    assert paid.status_code == 409 and paid.json()["error"] == "closed"


def test_first_aid_is_paid_at_once_and_closed_only_after_the_paperwork(desk):
    number = new_case(desk)   # fire: 急难型, 先行救助
    county = client(desk, "yanling")
    county.act(number, "accept")
    approved = county.act(number, "approve", amount=2000, form="in_kind")
    assert approved.status_code == 200 and approved.json()["event"]["first_aid"] is True
    assert county.act(number, "pay", amount=2000, form="in_kind").json()["error"] == "missing_goods"
    assert county.act(number, "pay", amount=2000, form="in_kind", goods="棉被4床、米面油").status_code == 200
    refused = county.act(number, "close")
    assert refused.status_code == 409 and refused.json()["rule_id"] == "XC-2.2.1-complete"
    due = county.get("/api/cases", params={"due": "paperwork", "limit": 200}).json()["cases"]
    assert number in [c["case_number"] for c in due]

    assert county.act(number, "complete_paperwork", note="已补齐申请书和火灾证明").status_code == 200
    assert county.act(number, "close").json()["status"] == "closed"


def test_transfer_moves_the_case_to_another_township(desk):
    number = new_case(desk)
    malan, boliang = client(desk, "malan"), client(desk, "boliang")
    assert malan.act(number, "transfer", to_township="不存在镇", reason="x").status_code == 422
    assert malan.act(number, "transfer", to_township="柏梁镇").json()["error"] == "missing_reason"
    moved = malan.act(number, "transfer", to_township="柏梁镇", reason="实际居住在柏梁镇")
    assert moved.status_code == 200 and moved.json()["status"] == "submitted"
    assert malan.get(f"/api/cases/{number}").status_code == 404
    assert boliang.get(f"/api/cases/{number}").json()["township"] == "柏梁镇"


def test_a_request_for_more_reaches_the_residents_status_answer(desk):
    number = school_case(desk)
    malan = client(desk, "malan")
    malan.act(number, "accept")
    assert malan.act(number, "request_info", question="请提供学校收费通知单").status_code == 200
    view = case_status(bootstrap(desk[1]), number, page_phone(desk, number))
    assert view.status.value == "info_requested" and view.still_needed == "请提供学校收费通知单"


def test_the_monthly_payment_table_exports_without_phone_or_id_and_is_audited(desk):
    from datetime import date

    from openpyxl import load_workbook

    number = school_case(desk)
    malan = client(desk, "malan")
    for action, params in (("accept", {}), ("verify", {}), ("approve", {"amount": 800}), ("pay", {"amount": 800})):
        assert malan.act(number, action, **params).status_code == 200
    today = date.today()
    response = malan.get("/api/exports/payments", params={"year": today.year, "month": today.month, "format": "csv"})
    assert response.status_code == 200 and response.text.startswith("\ufeff序号")
    rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert any(r[1] == number and r[11] == "800.00" for r in rows)   # exact to the fen (#15 item 2)
    assert page_phone(desk, number) not in response.text and "411024198503150014" not in response.text
    xlsx = malan.get("/api/exports/payments", params={"year": today.year, "month": today.month, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert any(row[1] == number for row in sheet.iter_rows(values_only=True))
    other = client(desk, "boliang").get("/api/exports/payments", params={"year": today.year, "month": today.month, "format": "json"})
    assert number not in json.dumps(other.json(), ensure_ascii=False)
    assert client(desk, "operator").get("/api/exports/payments", params={"year": 2026, "month": 1}).status_code == 403
    with unit_of_work(desk[1]) as uow:
        assert [a.action for a in uow.staff.audit_log()].count("export_payments") >= 3


def test_reserve_fund_budget_spent_and_remaining(desk):
    from datetime import date

    year = date.today().year
    county, malan = client(desk, "yanling"), client(desk, "malan")
    body = {"year": year, "county_code": "411024", "township": "马栏镇", "budget": 50000, "last_year_use": 80000}
    assert malan.session.put(malan.base + "/api/reserve-fund", json=body, timeout=30).status_code == 403
    assert county.session.put(county.base + "/api/reserve-fund", json={**body, "township": "无此镇"}, timeout=30).status_code == 404
    fund = county.session.put(county.base + "/api/reserve-fund", json=body, timeout=30).json()
    assert fund["budget"] == 50000 and fund["floor"] is None   # XC-3.3 sets no percentage
    seen = malan.get("/api/reserve-fund", params={"year": year}).json()
    assert seen["remaining"] == round(50000 - seen["spent"], 2)
    assert client(desk, "boliang").get("/api/reserve-fund", params={"year": year, "county_code": "411024", "township": "马栏镇"}).status_code == 404


def test_revealing_a_number_is_an_audit_event(desk):
    number = new_case(desk, phone="13712345678", id_number="411024198503150014")
    malan = client(desk, "malan")
    page = malan.get(f"/api/cases/{number}").json()
    assert page["applicant"]["phone"] == "137****5678" and "13712345678" not in json.dumps(page, ensure_ascii=False)
    assert malan.post(f"/api/cases/{number}/reveal", {"field": "phone"}).json()["value"] == "13712345678"
    events = malan.get(f"/api/cases/{number}").json()["events"]
    assert {"actor": "malan", "kind": "revealed", "data": {"field": "phone"}} in [{k: e[k] for k in ("actor", "kind", "data")} for e in events]
    assert client(desk, "admin").post(f"/api/cases/{number}/reveal", {"field": "phone"}).status_code == 403


def test_the_same_fire_through_two_doors_is_linked_and_paid_once(desk):
    first = new_case(desk, phone="13600000001", id_number="41102419800101001X")
    again = submit_case(bootstrap(desk[1]), submission("desk-hotline-dup", values={
        "phone": "13600000001", "id_number": "41102419800101001X"}, channel="hotline")).case_number
    malan = client(desk, "malan")
    page = malan.get(f"/api/cases/{again}").json()
    assert first in [m["case_number"] for m in page["related_cases"]]
    linked = malan.post(f"/api/cases/{again}/related", {"other": first, "kind": "duplicate", "note": "同一户两次申请"})
    assert linked.status_code == 200 and linked.json()["status"] == "closed"
    page = malan.get(f"/api/cases/{again}").json()
    assert page["duplicate_of"] == first and malan.act(again, "pay", amount=10).status_code == 409
    assert "related_duplicate" in [e["kind"] for e in malan.get(f"/api/cases/{first}").json()["events"]]
    assert malan.post(f"/api/cases/{first}/related", {"other": again, "kind": "merge"}).status_code == 422


def test_bad_input_gets_a_short_4xx_never_a_500(desk):
    server, _ = desk
    malan = client(desk, "malan")
    number = new_case(desk)
    cases = [
        malan.session.post(f"{server.url}/api/cases/{number}/actions/accept", data="{not json", timeout=30,
                           headers={"Content-Type": "application/json"}),
        malan.session.post(f"{server.url}/api/cases/{number}/actions/accept", data="a=1&b=2", timeout=30,
                           headers={"Content-Type": "application/x-www-form-urlencoded"}),
        malan.act(number, "explode"),
        malan.post(f"/api/cases/{number}/related", {"other": 5, "kind": None}),
        malan.get("/api/cases", params={"limit": "lots"}),
        malan.get("/api/exports/payments", params={"year": 2026, "month": 13}),
        malan.session.post(f"{server.url}/api/cases/{number}/actions/approve", data="x" * 100_000, timeout=30),
        requests.post(server.url + "/api/login", data="<xml/>", timeout=30),
        malan.get("/api/nothing-here"),
        malan.session.delete(f"{server.url}/api/cases/{number}", timeout=30),
    ]
    for response in cases:
        assert 400 <= response.status_code < 500, (response.status_code, response.text)
        body = response.json()
        assert body["message"] and "Traceback" not in response.text
    accepted = malan.act(number, "approve", amount="-5")
    assert accepted.status_code in (409, 422)


def test_cookie_sessions_need_the_csrf_token_and_send_security_headers(desk):
    server, _ = desk
    browser = requests.Session()
    login = browser.post(server.url + "/api/login", json={"username": "malan", "password": PASSWORD}, timeout=30)
    cookie = login.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    number = new_case(desk)
    no_token = browser.post(f"{server.url}/api/cases/{number}/actions/accept", json={}, timeout=30)
    assert no_token.status_code == 403 and no_token.json()["error"] == "csrf"
    ok = browser.post(f"{server.url}/api/cases/{number}/actions/accept", json={}, timeout=30,
                      headers={"X-CSRF-Token": login.json()["csrf_token"]})
    assert ok.status_code == 200
    page = browser.get(server.url + "/desk/", timeout=30)
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    browser.post(server.url + "/api/logout", headers={"X-CSRF-Token": login.json()["csrf_token"]}, timeout=30)
    assert browser.get(server.url + "/api/me", timeout=30, cookies={"ls_session": login.cookies["ls_session"]}).status_code == 401


def test_failed_logins_make_the_next_attempt_wait(desk):
    server, url = desk
    accounts.create_staff(bootstrap(url), "guessme", "测试", Role.TOWNSHIP, PASSWORD, "411024", "马栏镇")
    answers = [requests.post(server.url + "/api/login", json={"username": "guessme", "password": f"wrong{i}"}, timeout=30)
               for i in range(3)]
    assert [a.status_code for a in answers] == [401, 401, 401] and answers[-1].json()["retry_after"] > 0
    locked = requests.post(server.url + "/api/login", json={"username": "guessme", "password": PASSWORD}, timeout=30)
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 0
    unknown = requests.post(server.url + "/api/login", json={"username": "nobody", "password": "x"}, timeout=30)
    assert unknown.status_code == 401 and unknown.json()["message"] == answers[0].json()["message"]


def test_a_chunked_body_is_capped_like_one_with_a_length(desk):
    """#16 finding 9: the 64 KB limit counts the bytes received, so a body without Content-Length is refused too."""
    server, _ = desk
    malan = client(desk, "malan")
    number = new_case(desk)
    chunks = (b'{"note": "' + b"x" * 8192 for _ in range(40))       # 320 KB, sent chunked
    answer = malan.session.post(f"{server.url}/api/cases/{number}/actions/accept", data=chunks, timeout=30,
                                headers={"Content-Type": "application/json"})
    assert answer.status_code == 413 and answer.json()["error"] == "too_large"
    small = malan.session.post(f"{server.url}/api/cases/{number}/actions/accept", data=(c for c in [b"{", b"}"]), timeout=30,
                               headers={"Content-Type": "application/json"})
    assert small.status_code == 200, small.text


def test_logins_are_limited_per_address_and_unknown_names_answer_like_wrong_passwords(desk):
    server, url = desk
    accounts.create_staff(bootstrap(url), "guess-http", "测试", Role.TOWNSHIP, PASSWORD, "411024", "马栏镇")

    def attempt(username):
        answer = requests.post(server.url + "/api/login", json={"username": username, "password": "wrong"}, timeout=30)
        return answer.status_code, answer.json(), answer.headers.get("retry-after")
    assert [attempt("guess-http") for _ in range(4)] == [attempt("no-such-user") for _ in range(4)]


def test_the_admin_cannot_set_reserve_fund_budgets(desk):
    from datetime import date

    body = {"year": date.today().year, "county_code": "411024", "township": "马栏镇", "budget": 1, "last_year_use": 0}
    admin = client(desk, "admin")
    assert admin.session.put(admin.base + "/api/reserve-fund", json=body, timeout=30).status_code == 403


def test_secure_cookies_come_with_hsts_and_a_fixed_lifetime(desk, tmp_path):
    """Behind HTTPS (COOKIE_SECURE=1, the default outside a demo run: see the settings unit test) the
    session cookie is Secure and lives SESSION_MAX_HOURS at most, and every answer carries HSTS."""
    _, url = desk
    secure = DeskServer(tmp_path, url, {"COOKIE_SECURE": "1", "REFERRAL_WORKER_IN_WEB": "0"})
    try:
        login = requests.post(secure.url + "/api/login", json={"username": "malan", "password": PASSWORD}, timeout=30)
        cookie = login.headers["set-cookie"].lower()
        assert "secure" in cookie and "max-age=43200" in cookie and "httponly" in cookie
        assert login.headers["strict-transport-security"].startswith("max-age=")
        assert requests.get(secure.url + "/desk/", timeout=30).headers["strict-transport-security"]
    finally:
        secure.stop()
    plain = requests.post(desk[0].url + "/api/login", json={"username": "malan", "password": PASSWORD}, timeout=30)
    assert "strict-transport-security" not in plain.headers


def test_the_desk_refuses_to_start_outside_demo_mode_while_demo_accounts_exist(tmp_path):
    import os
    import subprocess

    from bot.web.__main__ import DEMO, DEMO_PASSWORD
    from tests.integration.servers import ROOT, free_port

    url = f"sqlite:///{tmp_path / 'cases.sqlite3'}"
    username, name, role, county, township = DEMO[1]
    accounts.create_staff(bootstrap(url), username, name, role, DEMO_PASSWORD, county, township)
    env = {k: v for k, v in os.environ.items() if k != "DEMO_ACCOUNTS"}
    run = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-m", "bot.web", "serve"], cwd=ROOT, timeout=60,
                         env={**env, "DATABASE_URL": url, "PYTHONPATH": str(ROOT), "WEB_PORT": str(free_port())},
                         capture_output=True, text=True)
    assert run.returncode != 0 and "demo-township" in run.stderr, run.stderr[-2000:]


def test_the_api_is_described_by_openapi(desk):
    server, _ = desk
    paths = requests.get(server.url + "/api/openapi.json", timeout=30).json()["paths"]
    assert {"/api/cases", "/api/cases/{number}", "/api/cases/{number}/actions/{action}", "/api/exports/payments",
            "/api/reserve-fund", "/api/login"} <= set(paths)


def test_simultaneous_payments_never_exceed_the_approval(desk):
    """Issue #15 item 1: eight payments of 300 sent at once against 1000 approved. The limit check
    and the write are one step (a version check on the case in the same transaction): at most
    three go through, the others are refused, and the paid total is the sum of the payments."""
    from concurrent.futures import ThreadPoolExecutor

    number = new_case(desk)
    malan = client(desk, "malan")
    assert malan.act(number, "accept").status_code == 200
    assert malan.act(number, "approve", amount=1000).status_code == 200
    payers = [client(desk, "malan") for _ in range(8)]
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda c: c.act(number, "pay", amount=300), payers))
    accepted = [a for a in answers if a.status_code == 200]
    assert 1 <= len(accepted) <= 3 and all(a.status_code in (200, 409) for a in answers), [a.text for a in answers]
    page = malan.get(f"/api/cases/{number}").json()
    assert page["paid_total"] == 300 * len(accepted) == sum(p["amount"] for p in page["payments"])
    assert [e["kind"] for e in page["events"]].count("pay") == len(accepted)
    refused = next((a.json() for a in answers if a.status_code == 409), None)
    assert refused is None or "刷新" in refused["message"] or "超过" in refused["message"]
