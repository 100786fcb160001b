"""The Rasa turn fixes of scripts/rasa_turn.py: the per-event reply check accepts exactly what Rasa's
own schema check accepts, and the action endpoint keeps one connection for calls in a row."""
from __future__ import annotations

import asyncio

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import ValidationError

from scripts import rasa_turn

EVENT_NAMES = ["slot", "bot", "action", "user", "active_loop", "followup", "reset_slots", "restart", "form",
               "loop_interrupted", "action_execution_rejected", "session_started", "no_such_event", ""]
VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=5),
                   st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
EVENT = st.one_of(
    st.fixed_dictionaries({"event": st.sampled_from(EVENT_NAMES)},
                          optional={"name": VALUES, "value": VALUES, "text": VALUES, "timestamp": VALUES,
                                    "metadata": VALUES, "policy": VALUES, "confidence": VALUES, "date_time": VALUES}),
    VALUES,
)
REPLY = st.one_of(
    st.fixed_dictionaries({}, optional={"events": st.one_of(st.lists(EVENT, max_size=4), VALUES),
                                        "responses": st.one_of(st.lists(st.one_of(st.dictionaries(st.text(max_size=3), VALUES, max_size=2), VALUES), max_size=2), VALUES)}),
    VALUES,
)


def rasa_accepts(reply) -> bool:
    from rasa.core.actions.action import RemoteAction

    try:
        RemoteAction("action_x", None)._validate_action_result(reply)
    except ValidationError:
        return False
    return True


@settings(max_examples=400, deadline=None)
@given(REPLY)
def test_the_per_event_check_agrees_with_rasas_schema(reply):
    assert rasa_turn.reply_is_valid(reply) == rasa_accepts(reply)


def test_a_usual_reply_is_accepted_and_a_broken_one_goes_to_rasas_own_check():
    from rasa.core.actions.action import RemoteAction

    rasa_turn.install_reply_validation()
    action = RemoteAction("action_x", None)
    good = {"events": [{"event": "slot", "name": "cause", "value": "fire"}, {"event": "active_loop", "name": None}],
            "responses": [{"text": "好的"}]}
    assert action._validate_action_result(good)
    with pytest.raises(ValidationError):
        action._validate_action_result({"events": [{"event": "slot", "name": 3}]})
    with pytest.raises(ValidationError):
        action._validate_action_result({"events": [{"name": "cause"}]})


def test_calls_in_a_row_share_one_connection():
    from aiohttp import web
    from rasa.utils.endpoints import EndpointConfig

    rasa_turn.install_connection_pool()
    connections: set = set()

    async def answer(request):
        connections.add(request.transport.get_extra_info("peername"))
        return web.json_response({"events": []})

    async def scenario() -> list:
        app = web.Application()
        app.router.add_post("/webhook", answer)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook")
        try:
            return [await endpoint.request(json={"n": n}, method="post") for n in range(5)]
        finally:
            async with endpoint.session() as session:
                await session.close()
            await runner.cleanup()

    replies = asyncio.run(scenario())
    assert replies == [{"events": []}] * 5
    assert len(connections) == 1
