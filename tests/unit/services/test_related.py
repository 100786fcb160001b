"""Related-case decisions (bot/services/related)."""
from __future__ import annotations

import pytest

from bot.domain.casework import Refusal
from bot.services import casework, related
from bot.services.cases import submit_case
from bot.services.errors import NotFound
from tests.factories import submission
from tests.unit.services.conftest import OPERATOR, OTHER_TOWNSHIP, TOWNSHIP


@pytest.fixture
def pair(deps, fire):
    return fire, submit_case(deps, submission("intake-2")).case_number


def test_a_duplicate_is_closed_with_a_pointer_and_both_cases_say_so(deps, store, pair):
    first, second = pair
    result = related.decide_related(deps, TOWNSHIP, second, first, "duplicate", "同一户又从微信报了一次")
    closed = next(c for c in store.cases.values() if c.case_number == second)
    assert result["status"] == "closed" and closed.duplicate_of == 1
    assert store.events[1][-1].data["from_other"] and store.events[2][-1].kind == "related_duplicate"


def test_a_paid_case_is_not_closed_as_a_duplicate(deps, pair):
    first, second = pair
    for action, params in (("accept", {}), ("approve", {"amount": 300}), ("pay", {"amount": 300})):
        casework.act(deps, TOWNSHIP, second, action, params)
    with pytest.raises(Refusal) as refused:
        related.decide_related(deps, TOWNSHIP, second, first, "duplicate")
    assert refused.value.code == "already_paid"


def test_only_caseworkers_in_scope_and_never_with_itself(deps, pair):
    first, second = pair
    with pytest.raises(Refusal, match="不能办理案件"):
        related.decide_related(deps, OPERATOR, second, first, "dismiss")
    with pytest.raises(NotFound):
        related.decide_related(deps, OTHER_TOWNSHIP, second, first, "dismiss")
    with pytest.raises(Refusal) as itself:
        related.decide_related(deps, TOWNSHIP, second, second, "dismiss")
    assert itself.value.code == "same_case"
    with pytest.raises(Refusal):
        related.decide_related(deps, TOWNSHIP, second, first, "merge")
