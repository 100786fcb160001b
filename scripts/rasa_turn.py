"""Three fixes to the cost of a Rasa 3.6 turn that calls the action server, installed by
scripts/rasa_server.py before Rasa starts. Each keeps Rasa's behaviour and was measured per turn
(bench/serving.py, and timings of each step of a turn on one Rasa + one action server):

1. One HTTP connection pool per endpoint. Rasa opens a new aiohttp session, and so a new TCP
   connection, for every action call. The pool keeps a connection for at most `KEEPALIVE_SECONDS`
   idle, less than the action server's (Sanic: 5 s) and HAProxy's (60 s) keep-alive, so a kept
   connection is never one the other side has already closed.
2. Action-server replies validated per event. Rasa checks each reply against a schema whose events
   are a `oneOf` over 23 event schemas, so every event is tried against all of them (about 1.5-4 ms
   a call). The event schemas differ by their `event` constant, so an event is valid exactly when it
   matches the common part and the one schema of its own kind: that is checked directly, and any
   reply that fails goes through Rasa's own check, which raises its usual error.
3. One slot extraction per message. When a form is activated, Rasa runs `action_extract_slots`
   again on the message whose slots it has just extracted (for the form's `from_trigger_intent`
   mappings, which this domain does not use: every mapping is `custom`). The second run re-sent the
   whole conversation to the action server on every first message. It is skipped when the slots of
   that very user message were already extracted.
4. A warm model before the first resident. TensorFlow builds the classifier's graph on the first
   message a server parses: the first resident after every start waited about half a second more.
   The server parses a short and a long message once, after loading the model and before it
   listens (nothing is stored: parsing is not a turn).
"""
from __future__ import annotations

import asyncio
import contextvars
import weakref
from functools import lru_cache

KEEPALIVE_SECONDS = 2.0


class _Borrowed:
    """`async with endpoint.session() as session` on a shared session: leaving does not close it."""

    def __init__(self, session) -> None:
        self.session = session

    async def __aenter__(self):
        return self.session

    async def __aexit__(self, *exc) -> bool:
        return False


def install_connection_pool() -> None:
    import aiohttp
    from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

    sessions: dict[tuple[int, int], aiohttp.ClientSession] = {}

    def session(self: EndpointConfig) -> _Borrowed:
        key = (id(self), id(asyncio.get_running_loop()))
        shared = sessions.get(key)
        if shared is None or shared.closed:
            auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"]) if self.basic_auth else None
            shared = aiohttp.ClientSession(headers=self.headers, auth=auth,
                                           timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
                                           connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_SECONDS))
            sessions[key] = shared
        return _Borrowed(shared)

    EndpointConfig.session = session


@lru_cache(maxsize=1)
def _event_validators():
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    event_schema = dict(schema["properties"]["events"]["items"])
    kinds = event_schema.pop("oneOf")
    by_name: dict[str, list] = {}
    for kind in kinds:
        by_name.setdefault(kind["properties"]["event"]["const"], []).append(kind)
    reply_schema = {**schema, "properties": {k: v for k, v in schema["properties"].items() if k != "events"}}

    def compiled(sub: dict):
        cls = validator_for(sub)
        cls.check_schema(sub)
        return cls(sub)

    kinds_by_name = {name: compiled(found[0]) for name, found in by_name.items() if len(found) == 1}
    return compiled(reply_schema), compiled(event_schema), kinds_by_name


def reply_is_valid(result) -> bool:
    """True when Rasa's action-response schema accepts `result` (False: let Rasa's check decide)."""
    reply, common, kinds = _event_validators()
    if not isinstance(result, dict) or not reply.is_valid(result):
        return False
    events = result.get("events", [])
    if not isinstance(events, list):
        return False
    for event in events:
        if not isinstance(event, dict) or not common.is_valid(event):
            return False
        kind = kinds.get(event.get("event"))
        if kind is None or not kind.is_valid(event):
            return False
    return True


def install_reply_validation() -> None:
    from rasa.core.actions.action import RemoteAction

    original = RemoteAction._validate_action_result

    def _validate_action_result(self, result) -> bool:
        return True if reply_is_valid(result) else original(self, result)

    RemoteAction._validate_action_result = _validate_action_result


_activating = contextvars.ContextVar("activating_form", default=False)


def install_single_extraction() -> None:
    from rasa.core.actions.action import ActionExtractSlots
    from rasa.core.actions.forms import FormAction
    from rasa.core.processor import MessageProcessor

    # The user messages whose slots were extracted, by identity: the form gets a copy of the turn's
    # tracker, which shares its event objects.
    extracted: weakref.WeakValueDictionary = weakref.WeakValueDictionary()

    original_turn = MessageProcessor.run_action_extract_slots

    async def run_action_extract_slots(self, output_channel, tracker):
        updated = await original_turn(self, output_channel, tracker)
        if updated.latest_message is not None:
            extracted[id(updated.latest_message)] = updated.latest_message
        return updated

    original_run = ActionExtractSlots.run

    async def run(self, output_channel, nlg, tracker, domain, *args, **kwargs):
        message = tracker.latest_message
        if _activating.get() and message is not None and extracted.get(id(message)) is message:
            return []
        return await original_run(self, output_channel, nlg, tracker, domain, *args, **kwargs)

    original_activate = FormAction.activate

    async def activate(self, *args, **kwargs):
        token = _activating.set(True)
        try:
            return await original_activate(self, *args, **kwargs)
        finally:
            _activating.reset(token)

    MessageProcessor.run_action_extract_slots = run_action_extract_slots
    ActionExtractSlots.run = run
    FormAction.activate = activate


WARM_UP = ("你好", "我家昨晚着火了，房子烧没了，一家四口现在没地方住，户口在鄢陵县马栏镇，想申请临时救助")


def install_warm_up() -> None:
    import rasa.core.run

    original = rasa.core.run.load_agent_on_start

    async def load_agent_on_start(*args, **kwargs):
        agent = await original(*args, **kwargs)
        if agent is not None and agent.is_ready():
            for text in WARM_UP:
                await agent.parse_message(text)
        return agent

    rasa.core.run.load_agent_on_start = load_agent_on_start


def install() -> None:
    install_warm_up()
    install_connection_pool()
    install_reply_validation()
    install_single_extraction()
