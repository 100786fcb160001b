"""Test data: intake submissions as the assistant hands them over (facts, provenance, transcript)."""
from __future__ import annotations

from bot.services.cases import Submission

PLACES = {
    "鄢陵县马栏镇": ("鄢陵县", "马栏镇", "411024"),
    "鄢陵县柏梁镇": ("鄢陵县", "柏梁镇", "411024"),
    "禹州市": ("禹州市", "", "411081"),
}


def place(text: str) -> dict:
    county, detail, code = PLACES[text]
    return {"detail": {"place": {"text": text, "county": county, "detail": detail, "admin_code": code}}}


def submission(key: str = "intake-1", values: dict | None = None, where: str = "鄢陵县马栏镇", channel: str = "rest",
               **overrides) -> Submission:
    facts = {
        "cause": "fire", "event_place": where, "event_date": "2026-11-22", "hukou_place": where,
        "household_size": 4, "applicant_name": "王小明", "phone": "13812345678", "id_number": "411024198503150014",
        "priority_group": "none", "description": "我家昨晚着火了",
    }
    facts.update(values or {})
    return Submission(intake_key=key, channel=channel, sender_id="resident-1", values=facts,
                      provenance={"cause": {"method": "normaliser", "text": "着火"}, "hukou_place": place(where),
                                  "event_place": place(where)},
                      transcript=[{"role": "resident", "text": "我家昨晚着火了"}], **overrides)
