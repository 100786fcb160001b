"""The learned cause reading (bot.understanding.cause_model) and how extract joins it to the lexicon;
the project's written corpus (corpus/causes) checked for what it may not hold."""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
import yaml

from bot.domain.model import Cause
from bot.services.bootstrap import causes as project_model
from bot.understanding import extract_facts
from bot.understanding.cause_model import CauseModel, Example, ModelHit, examples_from, no_story_texts
from bot.understanding.lexicon import find_causes

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted((ROOT / "corpus" / "causes").glob("*.yml"))
EVAL = sorted((ROOT.parent / "shared" / "eval").glob("*.yml"))
NOW = datetime(2026, 12, 2, 12)

# A toy corpus: the model must learn 「厂子黄了」-like wording that no lexicon row lists.
TOY = [Example(text, Cause.INCOME_LOSS) for text in
       ("厂子黄了工钱也没拿到", "厂里黄摊子了俺没活干", "工地散伙了老板没影了", "活儿断了好几个月没进项", "厂子黄了一家子吃啥")] + \
      [Example(text, Cause.FIRE) for text in
       ("屋里着火全烧光了", "一把火把家烧没了", "起火了啥都没抢出来", "房子失火烧得精光", "昨夜里着了大火")] + \
      [Example(text, Cause.EDUCATION_COST) for text in
       ("娃考上大学学费凑不齐", "孩子开学学费交不上", "闺女的学费还差一半", "上学的钱借遍了", "学杂费拿不出来")]


@pytest.fixture(scope="module")
def toy() -> CauseModel:
    return CauseModel(TOY, threshold=0.4, min_chars=6)


def test_a_story_the_lexicon_cannot_read_gets_the_models_cause(toy):
    text = "俺们那个厂子黄摊子了，一家子没进项"
    assert not [h for h in find_causes(text) if not h.background]
    decided = toy.decide(text, find_causes(text))
    assert isinstance(decided[0], ModelHit) and decided[0].value == Cause.INCOME_LOSS
    assert decided[0].probability >= 0.4


def test_a_short_message_or_an_unsure_model_adds_nothing(toy):
    assert toy.decide("好的", []) == []
    unsure = CauseModel(TOY, threshold=0.99, min_chars=6)
    assert unsure.decide("俺们那个厂子黄摊子了，一家子没进项", []) == []


def test_the_lexicons_single_cause_stands(toy):
    text = "孩子学费凑不齐"
    hits = find_causes(text)
    assert toy.decide(text, hits) == hits


def test_the_lexicons_first_cause_gives_way_only_to_a_much_likelier_one():
    text = "学费交不上，厂子黄了工钱也没拿到一家子吃啥"   # the lexicon reads 学费 first; the toy model income loss
    hits = find_causes(text)
    assert [h.value for h in hits] == [Cause.EDUCATION_COST, Cause.INCOME_LOSS]
    assert CauseModel(TOY, lead=2.0).decide(text, hits) == hits   # 0.76 against 0.17: not e^2 times
    moved = CauseModel(TOY, lead=0.5).decide(text, hits)
    assert [h.value for h in moved] == [Cause.INCOME_LOSS, Cause.EDUCATION_COST]
    assert moved[0] is hits[1]   # the lexicon's own hit, with its span


def test_extract_marks_a_learned_cause_as_the_models_reading(toy):
    found = extract_facts("俺们那个厂子黄摊子了，一家子没进项", now=NOW, causes=toy).facts
    cause = next(f for name, f in found.items() if name.value == "cause")
    assert (cause.value, cause.method) == ("income_loss", "nlu")
    assert cause.confidence and cause.confidence >= 0.4


def test_the_model_is_not_asked_while_another_question_waits(toy):
    from bot.domain.model import FactName
    found = extract_facts("俺们那个厂子黄摊子了，一家子没进项", now=NOW, causes=toy, expecting=FactName.APPLICANT_NAME)
    assert FactName.CAUSE not in found.facts


def test_an_unknown_cause_in_the_corpus_is_refused():
    with pytest.raises(ValueError):
        examples_from([{"text": "x", "cause": "bad_luck"}])


def test_one_cause_cannot_train_a_model():
    with pytest.raises(ValueError):
        CauseModel([Example("着火了", Cause.FIRE)])


@pytest.mark.skipif(not CORPUS, reason="no written corpus")
def test_the_project_corpus_trains_and_reads_its_own_kinds():
    model = project_model()
    assert model is not None
    assert model.best("昨天夜里俺家房子着了大火，全烧光了")[0] == Cause.FIRE


def _runs(text: str, size: int = 12) -> set[str]:
    text = re.sub(r"\s", "", text)
    return {text[i:i + size] for i in range(len(text) - size + 1)}


@pytest.mark.skipif(not CORPUS, reason="no written corpus")
def test_the_corpus_is_our_own_writing_and_shares_nothing_with_the_evaluation_sets():
    items = [item for path in CORPUS for item in yaml.safe_load(path.read_text(encoding="utf-8"))]
    examples = examples_from(items)
    texts = [e.text for e in examples]
    assert len(texts) == len(set(texts)), "a text is written twice"
    held_out = set().union(*(_runs(item["text"]) for path in EVAL
                             for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []))
    shared = [t for t in texts if _runs(t) & held_out]
    assert not shared, f"{len(shared)} corpus texts share a 12-character run with ../shared/eval"


def test_a_message_that_tells_no_story_gets_no_cause():
    asking = ["你好", "我想申请救助", "请问怎么申请", "能申请救助吗", "请问这个能申请不", "你好 想问一下"]
    with_none = CauseModel(TOY + [Example(text, None) for text in asking], threshold=0.0, min_chars=4)
    without = CauseModel(TOY, threshold=0.0, min_chars=4)
    assert without.decide("你好 请问能申请救助吗", [])   # any cause is better than none without the reading
    assert with_none.decide("你好 请问能申请救助吗", []) == []
    assert with_none.decide("俺们那个厂子黄摊子了，一家子没进项", [])[0].value == Cause.INCOME_LOSS


def test_no_story_texts_come_from_other_intents_and_help_requests_without_a_cause():
    nlu = [{"intent": "greet", "examples": "- 你好\n- 在吗\n"},
           {"intent": "request_help", "examples": "- 我想申请临时救助\n- 家里[着火]{\"entity\": \"cause\", \"value\": \"fire\"}了\n"},
           {"intent": "ask_policy/materials", "examples": "- 去[鄢陵县]{\"entity\": \"place\"}办要带啥\n"},
           {"synonym": "fire", "examples": "- 着火\n"}]
    assert no_story_texts(nlu) == ["你好", "在吗", "我想申请临时救助", "去鄢陵县办要带啥"]
