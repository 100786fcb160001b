"""The operator console's API over real HTTP: utterance by utterance, corrections, policy hints,
earlier cases, one-step case creation, and calls private to their operator."""
from __future__ import annotations

import pytest
import requests

from bot.domain.casework import Role
from bot.services import accounts
from bot.services.bootstrap import bootstrap, unit_of_work
from bot.services.cases import submit_case
from tests.factories import submission
from tests.integration.servers import DeskServer

PASSWORD = "console-pass-2026"


@pytest.fixture(scope="module")
def console(module_database_url, tmp_path_factory):
    url = module_database_url
    for username, role, county, township in (("op1", Role.OPERATOR, None, None), ("op2", Role.OPERATOR, None, None),
                                             ("malan", Role.TOWNSHIP, "411024", "马栏镇")):
        accounts.create_staff(bootstrap(url), username, username, role, PASSWORD, county, township)
    server = DeskServer(tmp_path_factory.mktemp("console"), url, {"REFERRAL_WORKER_IN_WEB": "0"})
    yield server, url
    server.stop()


def session(console, username: str) -> requests.Session:
    server, _ = console
    s = requests.Session()
    token = s.post(server.url + "/api/login", json={"username": username, "password": PASSWORD, "kind": "token"}, timeout=30).json()["token"]
    s.headers["Authorization"] = f"Bearer {token}"
    s.base = server.url
    return s


def post(s, path, body=None):
    return s.post(s.base + path, json=body, timeout=30)


def test_a_call_utterance_by_utterance_ends_in_a_case_on_the_caseworker_side(console):
    server, url = console
    earlier = submit_case(bootstrap(url), submission("console-earlier", values={"phone": "13812345670", "cause": "medical_cost",
                                                                                     "id_number": "未提供"})).case_number
    op = session(console, "op1")
    call = post(op, "/api/console/calls").json()
    view = post(op, f"/api/console/calls/{call['id']}/utterances",
                {"text": "来电人称，户口在鄢陵县马栏镇，前天在马栏镇出了车祸，一家三口，电话13812345670"}).json()
    facts = {f["name"]: f for f in view["facts"]}
    assert facts["cause"]["value"] == "交通事故" and facts["household_size"]["value"] == 3
    assert facts["phone"]["value"] == "138****5670" and "13812345670" not in str(view)
    assert view["classification"]["hardship_type"] == "emergency"
    assert any(r["rule_id"].startswith("XC-2.1") for r in view["classification"]["reasons"])
    assert view["missing"] and view["next_question"]
    assert any(h["topic"] == "acceptance" and h["rule_ids"] for h in view["hints"])
    assert [c["case_number"] for c in view["earlier_cases"]] == [earlier]
    asked = view["missing"][0]["name"]
    assert asked == "applicant_name"
    view = post(op, f"/api/console/calls/{call['id']}/utterances", {"text": "我叫李四"}).json()
    assert {f["name"]: f["value"] for f in view["facts"]}["applicant_name"] == "李四"
    post(op, f"/api/console/calls/{call['id']}/utterances", {"text": "请问您的身份证号是多少？", "speaker": "operator"})
    corrected = op.put(f"{op.base}/api/console/calls/{call['id']}/facts/household_size", json={"value": "4"}, timeout=30).json()
    size = next(f for f in corrected["facts"] if f["name"] == "household_size")
    assert size["value"] == 4 and size["method"] == "operator" and size["history"] == [3]
    reloaded = op.get(f"{op.base}/api/console/calls/{call['id']}", timeout=30).json()
    assert reloaded["facts"] == corrected["facts"] and len(reloaded["transcript"]) == 3
    created = post(op, f"/api/console/calls/{call['id']}/case").json()
    number = created["case_number"]
    assert created["created"] is True and post(op, f"/api/console/calls/{call['id']}/case").json()["case_number"] == number
    township = session(console, "malan")
    page = township.get(f"{township.base}/api/cases/{number}", timeout=30).json()
    assert page["channel"] == "hotline" and page["applicant"]["household_size"] == 4
    assert any(e["actor"] == "op1" and e["kind"] == "created" for e in page["events"])
    assert [t["text"] for t in page["transcript"]][:2] == ["来电人称，户口在鄢陵县马栏镇，前天在马栏镇出了车祸，一家三口，电话138****5670", "我叫李四"]
    assert any(m["case_number"] == earlier for m in page["related_cases"])
    mine = op.get(f"{op.base}/api/cases", timeout=30).json()
    assert [c["case_number"] for c in mine["cases"]] == [number]


def test_a_call_is_private_to_its_operator_and_bad_input_is_refused(console):
    op, other = session(console, "op1"), session(console, "op2")
    call = post(op, "/api/console/calls").json()
    assert other.get(f"{other.base}/api/console/calls/{call['id']}", timeout=30).status_code == 404
    assert post(other, f"/api/console/calls/{call['id']}/utterances", {"text": "你好"}).status_code == 404
    assert post(op, f"/api/console/calls/{call['id']}/utterances", {"text": "  "}).status_code == 422
    assert post(op, f"/api/console/calls/{call['id']}/utterances", {"text": "x", "speaker": "robot"}).status_code == 422
    assert post(op, f"/api/console/calls/{call['id']}/utterances", {"text": "火" * 6000}).status_code == 422
    assert post(op, f"/api/console/calls/{call['id']}/case").json()["error"] == "missing_cause"
    assert op.put(f"{op.base}/api/console/calls/{call['id']}/facts/nothing", json={"value": 1}, timeout=30).status_code == 422
    assert op.get(f"{op.base}/api/console/calls/99999", timeout=30).status_code == 404


def test_typed_corrections_are_read_like_answers_and_masked_numbers_refused(console):
    """Issue #15 items 3 and 5, over HTTP: a date typed as 「前天」 is a date (it answered 500), a
    masked phone is refused (it was saved over the real number), nonsense gets a Chinese message."""
    op = session(console, "op1")
    call = post(op, "/api/console/calls").json()["id"]
    post(op, f"/api/console/calls/{call}/utterances", {"text": "鄢陵县马栏镇家里着火了，电话13912344321"})
    put = lambda name, value: op.put(f"{op.base}/api/console/calls/{call}/facts/{name}", json={"value": value}, timeout=30)  # noqa: E731
    answer = put("event_date", "前天")
    assert answer.status_code == 200 and any(f["name"] == "event_date" and f["value"][:2] == "20" for f in answer.json()["facts"])
    nonsense = put("event_date", "abc")
    assert nonsense.status_code == 422 and "哪天" in nonsense.json()["message"]
    masked = put("phone", "139****4321")
    assert masked.status_code == 422 and "完整号码" in masked.json()["message"]
    assert post(op, f"/api/console/calls/{call}/case").status_code == 200
