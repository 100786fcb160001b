"""A Rasa NLU component that applies bot.understanding.category after the model's intent: status
questions about any benefit, thanks, matters for other offices and hardship stories get the intent
their cue words give (with the rule's confidence also where the model agreed but was unsure), so the
dialogue and the evaluation see the same understanding."""
from __future__ import annotations

import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.understanding.category import categorise
from bot.understanding.text import clean

RULE_CONFIDENCE = 0.9
# A case number's digits are no words: 「LS2612034830178」 holds 「120」 (the ambulance) and was read as a
# sudden illness. The cues see a fixed number instead (same verdicts as a number without such digits).
_CASE_NUMBER = re.compile(r"(?i)LS(?:[\s-]*\d){6,}")
MARGIN = 0.3   # above the FallbackClassifier's ambiguity threshold


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class IntentRules(GraphComponent):
    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "IntentRules":
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = message.get("intent") or {}
            text = clean(message.get("text") or "")
            if not text or text.startswith("/"):
                continue
            verdict = categorise(_CASE_NUMBER.sub("LS0000000000", text), intent.get("name") or "")
            if verdict is None:
                continue
            ranking = [dict(r) for r in (message.get("intent_ranking") or []) if r.get("name") != verdict.intent]
            top = {"name": verdict.intent, "confidence": max(RULE_CONFIDENCE, intent.get("confidence") or 0.0)}
            for other in ranking:  # the rule decided: no runner-up close enough to look ambiguous
                other["confidence"] = min(other.get("confidence") or 0.0, top["confidence"] - MARGIN)
            message.set("intent", top, add_to_output=True)
            message.set("intent_ranking", [top] + ranking, add_to_output=True)
            message.set("intent_rule", {"from": intent.get("name"), "reason": verdict.reason}, add_to_output=True)
        return messages
