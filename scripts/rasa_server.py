"""Launches the Rasa CLI (`python scripts/rasa_server.py run ...`) with phone and ID numbers masked
in its logs (bot.log_masking) and performance fixes (those of a turn's action calls are in
scripts/rasa_turn.py).

Rasa validates every action-server reply with `jsonschema.validate`, and jsonschema 4.17 (the
newest Rasa 3.6 allows) re-checks the schema itself against the meta-schema on every call. Under
load that was about 60% of the Rasa server's CPU (py-spy, 20 concurrent conversations). The
replacement below validates exactly as before but checks each distinct schema only once.

Rasa also finds each stored event's class by walking every subclass of `Event` (with an
`inspect.isabstract` check per class) for every event it reads back: about 3 % of the server's time
when loading trackers. `_event_class` looks the name up in a table built once and falls back to
Rasa's own walk for a name it does not know (an event class imported later).
"""
from __future__ import annotations

import json
import sys
from functools import lru_cache
from pathlib import Path

import jsonschema
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for


@lru_cache(maxsize=64)
def _validator(schema_json: str):
    schema = json.loads(schema_json)
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate(instance, schema, cls=None, *args, **kwargs):
    if cls is not None or args or kwargs:
        return _original_validate(instance, schema, cls, *args, **kwargs)
    error = best_match(_validator(json.dumps(schema, sort_keys=True)).iter_errors(instance))
    if error is not None:
        raise error


_original_validate = jsonschema.validate
jsonschema.validate = validate


def _install_event_lookup() -> None:
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    original = Event.resolve_by_type
    table: dict[str, type] = {}

    def resolve_by_type(type_name, default=None):
        if not table:
            for cls in reversed(all_subclasses(Event)):   # the first match wins, as in Rasa's loop
                table[cls.type_name] = cls
        return table.get(type_name) or original(type_name, default)

    Event.resolve_by_type = staticmethod(resolve_by_type)

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bot import log_masking
    from rasa.__main__ import main

    from scripts import rasa_turn

    log_masking.install()
    _install_event_lookup()
    rasa_turn.install()
    sys.argv[0] = "rasa"
    main()
