"""The one label table the pages use: every code the API returns, with its Chinese label, taken
from the domain's enums (never copied into a script)."""
from __future__ import annotations

from enum import Enum
from functools import lru_cache

from bot.domain.case import EVENT_LABELS
from bot.domain.casework import Action, PaymentForm, Role
from bot.domain.document import DOCUMENT_EVENTS, DocumentKind
from bot.domain.model import FACT_METHODS, Cause, CaseStatus, FactName, HardshipType, PriorityGroup
from bot.domain.referral import ReferralStatus

def _table(enum: type[Enum]) -> dict[str, str]:
    return {member.value: member.label for member in enum}


# Facts a case stores beside the FactName ones (the intake's slots), which the case page lists too.
EXTRA_FACTS = {"description": "情况说明", "other_causes": "其他事由"}


@lru_cache(maxsize=1)
def labels() -> dict[str, dict[str, str]]:
    return {
        "status": _table(CaseStatus), "hardship_type": _table(HardshipType), "cause": _table(Cause),
        "priority_group": _table(PriorityGroup), "fact": {**_table(FactName), **EXTRA_FACTS}, "action": _table(Action),
        "payment_form": _table(PaymentForm), "role": _table(Role), "referral_status": _table(ReferralStatus),
        "event": {**EVENT_LABELS, **DOCUMENT_EVENTS, **_table(Action)}, "fact_method": dict(FACT_METHODS),
        "document_kind": _table(DocumentKind),
    }
