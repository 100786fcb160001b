"""Rasa's ResponseSelector, run only for the messages it answers.

The selector picks the answer of a policy question (the retrieval intent `ask_policy/...`). Rasa
runs it on every message although its result is read only when the message is a policy question;
it was about 8 % of the Rasa server's time under load (py-spy). This subclass trains exactly as
Rasa's and, placed after the intent rules in config.yml, predicts only for messages whose final
intent is its retrieval intent; other messages pass through unchanged."""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.selectors.response_selector import ResponseSelector
from rasa.shared.nlu.training_data.message import Message


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LazyResponseSelector(ResponseSelector):
    def process(self, messages: list[Message]) -> list[Message]:
        wanted = self.retrieval_intent
        asked = [m for m in messages if wanted is None or (m.get("intent") or {}).get("name") == wanted]
        if asked:
            super().process(asked)
        return messages
