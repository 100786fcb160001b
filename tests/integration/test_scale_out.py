"""The production profile with two of everything (scripts/cluster.py): two Rasa servers and
two action servers behind HAProxy, the PostgreSQL tracker store and the Redis lock store. Every
message goes through the balancer unless a test aims at one server on purpose. PostgreSQL, Redis and
HAProxy are required (a loud skip without them; a failure with REQUIRE_SERVICES=1)."""
from __future__ import annotations

import re
import threading
import time
from types import SimpleNamespace

import pytest
import requests
from sqlalchemy import create_engine, text

from bot.services.bootstrap import unit_of_work
from tests.conftest import REQUIRE_SERVICES, service_unavailable
from scripts.cluster import Cluster, drop_databases, fresh_databases, haproxy
from tests.integration.servers import redis_lock_store, start_wechat_standin
from tests.integration.test_wechat import APP_ID, APP_SECRET, Account, _wechat_env

INTAKE = ("我家昨晚着火了，房子烧没了，一家四口现在没地方住", "鄢陵县马栏镇", "一样", "我叫王小明", "13812345678",
          "411024198503150014", "都不是", "对")
BUSY = "稍后再试"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, postgres_admin_url):
    redis_lock_store()                                    # loud skip without Redis
    binary = haproxy(install=REQUIRE_SERVICES)
    if binary is None:
        service_unavailable("HAProxy (Debian package haproxy)")
    workdir = tmp_path_factory.mktemp("cluster")
    standin, standin_proc = start_wechat_standin(workdir, APP_ID, APP_SECRET)
    database_url, tracker_url = fresh_databases(postgres_admin_url, "linshi_scale")
    env = {**_wechat_env(standin, "4.5"), "TICKET_LOCK_LIFETIME": "10"}   # a dead server's lock lapses in 10 s
    started = Cluster(workdir, database_url, tracker_url, haproxy_bin=binary, extra_env=env)
    started.standin = standin
    yield started
    started.stop()
    standin_proc.kill()
    drop_databases(postgres_admin_url, database_url, tracker_url)


class Resident:
    """One web-chat conversation, through the balancer unless `base` names one server."""

    def __init__(self, cluster: Cluster, base: str | None = None):
        self.cluster, self.session = cluster, requests.Session()
        answer = self.session.post(f"{base or cluster.rasa_url}/webhooks/rest/conversation", json={}, timeout=60)
        self.token = answer.json()["sender"]
        self.sender_id = "rest:" + self.token.split(".")[0]

    def say(self, message: str, base: str | None = None) -> list[str]:
        answer = self.session.post(f"{base or self.cluster.rasa_url}/webhooks/rest/webhook",
                                   json={"sender": self.token, "message": message}, timeout=150)
        assert answer.status_code == 200, answer.text
        return [m.get("text", "") for m in answer.json()]


def _server(cluster: Cluster, i: int) -> str:
    return f"http://127.0.0.1:{cluster.rasa_ports[i]}"


def _user_events(cluster: Cluster, sender_id: str) -> int:
    """How many messages of the resident the shared PostgreSQL tracker store holds."""
    engine = create_engine(cluster.tracker_url, future=True)
    with engine.connect() as connection:
        rows = connection.execute(text("select count(*) from events where sender_id = :s and type_name = 'user'"),
                                  {"s": sender_id}).scalar_one()
    engine.dispose()
    return rows


def _case(cluster: Cluster, answers: list[str]):
    number = re.search(r"LS\d+", " ".join(answers)).group(0)
    with unit_of_work(cluster.database_url) as uow:
        return uow.cases.by_number(number)


def _assert_fire_case(case) -> None:
    """Slots and case facts intact: every answer given before and after the fault is in the case."""
    assert case.household.applicant_name == "王小明" and case.household.phone == "13812345678"
    assert case.household.id_number == "411024198503150014" and case.household.household_size == 4
    assert case.cause == "fire" and "马栏镇" in (case.event_place or "")


def test_a_full_intake_through_the_balancer_ends_in_a_case_served_by_both_rasa_servers(cluster):
    resident = Resident(cluster)
    answers = [resident.say(message) for message in INTAKE]
    assert not any(BUSY in " ".join(a) for a in answers)
    _assert_fire_case(_case(cluster, answers[-1]))
    assert _user_events(cluster, resident.sender_id) == len(INTAKE)     # in PostgreSQL, each message once
    served = set(re.findall(r"rasa_servers/(rasa-\d)", cluster.log("haproxy")))
    assert served == {"rasa-1", "rasa-2"}, served


def test_one_conversation_alternating_between_the_two_servers_by_hand(cluster):
    """The id issued by one server is valid on the other, and each turn continues where the other
    server left it (tracker in PostgreSQL, lock in Redis)."""
    resident = Resident(cluster, _server(cluster, 0))
    answers = [resident.say(message, _server(cluster, i % 2)) for i, message in enumerate(INTAKE)]
    _assert_fire_case(_case(cluster, answers[-1]))


def _wechat(cluster: Cluster, i: int) -> Account:
    return Account(SimpleNamespace(rasa_port=cluster.rasa_ports[i]))


def _msg_id() -> int:
    """A MsgId never used before (Redis remembers answered ones for 600 s, across test runs too)."""
    return time.time_ns() // 1000


def _sent_to(cluster: Cluster, openid: str) -> list[str]:
    return [m["text"]["content"] for m in requests.get(cluster.standin + "/sent", timeout=5).json()["sent"] if m["touser"] == openid]


def test_a_wechat_retry_that_reaches_the_other_server_is_answered_once(cluster):
    first, other = _wechat(cluster, 0), _wechat(cluster, 1)
    xml = first.xml("wx-scale-retry", "我家昨晚着火了，房子烧没了", _msg_id())
    answer = first.content(first.post(xml))
    assert "发生在哪里" in answer
    assert other.content(other.post(xml)) == ""                  # WeChat's retry: new nonce, same MsgId
    assert other.content(other.send(other.signed(xml))) == ""
    assert _user_events(cluster, "wechat:wx-scale-retry") == 1


def test_a_wechat_message_and_its_retry_at_both_servers_at_once_are_answered_once(cluster):
    accounts, xml = [_wechat(cluster, 0), _wechat(cluster, 1)], _wechat(cluster, 0).xml("wx-scale-both", "我家昨晚着火了", _msg_id())
    replies: list[str] = ["", ""]

    def post(i: int) -> None:
        replies[i] = accounts[i].content(accounts[i].post(xml))

    threads = [threading.Thread(target=post, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    time.sleep(1)                                                  # a late answer goes out by the API
    said = [r for r in replies if r] + _sent_to(cluster, "wx-scale-both")
    assert len(said) == 1 and "发生在哪里" in said[0], (replies, said)
    assert _user_events(cluster, "wechat:wx-scale-both") == 1


def test_an_action_server_killed_mid_conversation_costs_nothing(cluster):
    resident = Resident(cluster)
    answers = [resident.say(message) for message in INTAKE[:4]]
    cluster.kill_actions(0)
    answers += [resident.say(message) for message in INTAKE[4:]]    # at once: before HAProxy marks it down
    assert not any(BUSY in " ".join(a) for a in answers), answers
    _assert_fire_case(_case(cluster, answers[-1]))
    assert _user_events(cluster, resident.sender_id) == len(INTAKE)
    cluster.wait_backends("DOWN", ["actions-1"], 10)          # and HAProxy took it out


def test_a_rasa_server_killed_mid_conversation_and_the_other_finishes_it(cluster):
    resident = Resident(cluster)
    answers = [resident.say(message) for message in INTAKE[:5]]
    cluster.kill_rasa(0)
    answers += [resident.say(message) for message in INTAKE[5:]]
    assert not any(BUSY in " ".join(a) for a in answers), answers
    _assert_fire_case(_case(cluster, answers[-1]))
    assert _user_events(cluster, resident.sender_id) == len(INTAKE)   # nothing lost, nothing twice
    cluster.wait_backends("DOWN", ["rasa-1"], 10)
    cluster.restart_rasa(0)


def test_a_rasa_server_killed_in_the_middle_of_a_turn_the_other_answers_that_message(cluster):
    """The turn is held in flight (the tracker table locked in PostgreSQL) and the Rasa server serving
    it is killed: the balancer sends the unanswered request to the other server, which waits for the
    dead server's lock on this conversation to lapse (TICKET_LOCK_LIFETIME, 10 s here) and answers."""
    resident = Resident(cluster)
    answers = [resident.say(message) for message in INTAKE[:3]]
    engine = create_engine(cluster.tracker_url, future=True)
    blocker = engine.connect()
    blocker.begin()
    blocker.execute(text("LOCK TABLE events IN ACCESS EXCLUSIVE MODE"))
    late: list[list[str]] = []
    started = time.monotonic()
    turn = threading.Thread(target=lambda: late.append(resident.say(INTAKE[3])))
    turn.start()
    try:
        deadline, serving = time.time() + 20, None
        while serving is None and time.time() < deadline:
            serving = next((name for name, n in cluster.backends("scur").items() if name.startswith("rasa") and n == "1"), None)
            time.sleep(0.05)
        assert serving, "no Rasa server was seen serving the turn"
        cluster.kill_rasa(int(serving.split("-")[1]) - 1)
    finally:
        blocker.rollback()
        blocker.close()
        engine.dispose()
    turn.join(90)
    assert late and time.monotonic() - started > 5       # it waited for the dead server's lock: it was in flight
    answers += late + [resident.say(message) for message in INTAKE[4:]]
    assert not any(BUSY in " ".join(a) for a in answers), answers
    _assert_fire_case(_case(cluster, answers[-1]))
    assert _user_events(cluster, resident.sender_id) == len(INTAKE)


def test_a_msgid_claim_is_held_done_or_taken_over_when_its_holder_dies():
    """bot.channels.replay.RedisMessages on the real Redis, without servers: the holder's claim
    stops others; renewed it lasts; not renewed (its server died) it lapses and another takes it."""
    import uuid

    import redis

    from bot.channels.replay import RedisMessages

    redis_lock_store()
    client = redis.Redis(host="127.0.0.1", port=6379, db=1)
    one, two, key = RedisMessages(client), RedisMessages(client), f"openid:{uuid.uuid4().hex}"
    assert one.claim(key) == "claimed" and two.claim(key) == "held"
    time.sleep(RedisMessages.HOLD_SECONDS - 1)
    one.renew(key)
    time.sleep(2)
    assert two.claim(key) == "held"                      # renewed: still the holder's
    time.sleep(RedisMessages.HOLD_SECONDS + 0.5)
    assert two.claim(key) == "claimed"                   # lapsed: the other server takes it over
    two.done(key, 600)
    assert one.claim(key) == "done" and client.ttl(RedisMessages.PREFIX + key) > 590
