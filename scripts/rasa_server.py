"""Launches the Rasa CLI (`python scripts/rasa_server.py run ...`) with phone and ID numbers masked
in its logs (bot.log_masking) and one performance fix.

Rasa validates every action-server reply with `jsonschema.validate`, and jsonschema 4.17 (the
newest Rasa 3.6 allows) re-checks the schema itself against the meta-schema on every call. Under
load that was about 60% of the Rasa server's CPU (py-spy, 20 concurrent conversations). The
replacement below validates exactly as before but checks each distinct schema only once.
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

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bot import log_masking
    from rasa.__main__ import main

    log_masking.install()
    sys.argv[0] = "rasa"
    main()
