"""The hotline operator console (接线员实时辅助): while a call goes on, each utterance goes through the
same understanding as the assistant; the console shows the facts with their sources, the
classification and policy hints with rule ids, what is missing and the next question, and earlier
cases of the same phone or ID number. One step creates the pre-filled case. The call's state is
stored, so a page reload or another browser tab picks it up."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.application import PastAssistance
from bot.domain.casework import Refusal, Role, Staff
from bot.domain.model import Cause, CaseStatus, FactName, PriorityGroup, label_of
from bot.log_masking import mask
from bot.policy import classify
from bot.services import facts as fact_merge
from bot.services.assessment import RECEIVED, application_from_intake, assess_intake
from bot.services.bootstrap import gazetteer
from bot.services.cases import Submission, submit_case
from bot.services.errors import NotFound
from bot.services.intake import missing_facts
from bot.services.questions import QUESTIONS
from bot.settings import get_settings
from bot.store.models import CallRow
from bot.store.unit_of_work import UnitOfWork
from bot.understanding import extract_facts
from bot.understanding.extract import NOT_GIVEN

CHANNEL = "hotline"
LABELS = {"cause": "事由", "event_place": "事发地", "event_date": "事发日期", "hukou_place": "户籍地", "household_size": "家庭人口",
          "applicant_name": "姓名", "phone": "电话", "id_number": "身份证号", "priority_group": "优先救助人群",
          "expense_amount": "支出金额（元）", "household_income": "家庭月收入（元）", "illness": "疾病"}
HINT_TOPICS = ("acceptance", "economic_check", "approval", "first_aid", "small_fast_aid", "frequency", "other_programmes")
FACTS = {f.value for f in FactName}


def _allowed(staff: Staff) -> None:
    if staff.role == Role.ADMIN:
        raise Refusal("role", "管理员不接听热线")


def _call(uow: UnitOfWork, staff: Staff, call_id: int) -> CallRow:
    call = uow.calls.get(call_id)
    if call is None or call.operator != staff.username:
        raise NotFound()
    return call


def _now() -> datetime:
    return datetime.now(ZoneInfo(get_settings().timezone)).replace(tzinfo=None)


def open_call(uow: UnitOfWork, staff: Staff) -> dict[str, Any]:
    _allowed(staff)
    with uow:
        view = _view(uow, uow.calls.open_new(staff.username))
        uow.commit()
        return view


def open_calls(uow: UnitOfWork, staff: Staff) -> list[dict[str, Any]]:
    with uow:
        rows = uow.calls.open_of(staff.username)
        return [{"id": r.id, "created_at": r.created_at.isoformat(timespec="seconds"),
                 "facts": len((r.facts or {}).get("values", {}))} for r in rows]


def call_view(uow: UnitOfWork, staff: Staff, call_id: int) -> dict[str, Any]:
    with uow:
        return _view(uow, _call(uow, staff, call_id))


def hear(uow: UnitOfWork, staff: Staff, call_id: int, text: str, speaker: str = "caller") -> dict[str, Any]:
    """One utterance: the caller's words (or the operator's note about the call) are understood;
    what the operator said is only recorded."""
    text = (text or "").strip()
    if not text:
        raise Refusal("missing_text", "请输入来电人说的话")
    if len(text) > 5000:
        raise Refusal("too_long_text", "一次输入太长（最多5000字）")
    if speaker not in ("caller", "operator", "note"):
        raise Refusal("bad_speaker", "说话人只能是来电人、接线员或备注")
    now = _now()
    with uow:
        call = _call(uow, staff, call_id)
        if call.status != "open":
            raise Refusal("closed", "这通电话已经生成案件")
        state = dict(call.facts or {})
        values, provenance = dict(state.get("values", {})), dict(state.get("provenance", {}))
        if speaker != "operator":
            asked = state.get("asked")
            result = extract_facts(text, now=now, expecting=FactName(asked) if asked in FACTS else None, known=values,
                                   gazetteer=gazetteer())
            new, provenance = fact_merge.merge(provenance, result, text, CHANNEL, now, typed_by=staff.username,
                                               expecting=asked, known=values)
            values.update(new)
            if FactName.CAUSE.value in new:
                values["other_causes"] = result.facts[FactName.CAUSE].extra.get("also") or None
            if not state.get("description") and result.facts:
                state["description"] = text
            state["problems"] = {k.value: v for k, v in result.problems.items() if k not in result.facts}
        missing = missing_facts(values)
        state.update(values=values, provenance=provenance, asked=missing[0] if missing else None)
        call.facts = state
        call.transcript = list(call.transcript or []) + [{"role": "resident" if speaker == "caller" else "operator", "speaker": speaker,
                                                          "text": text, "at": now.isoformat(timespec="seconds"),
                                                          "typed_by": staff.username}]
        view = _view(uow, call)
        uow.commit()
        return view


def correct(uow: UnitOfWork, staff: Staff, call_id: int, name: str, value: Any) -> dict[str, Any]:
    """The operator corrects a fact by hand; the earlier value stays in its history."""
    if name not in FACTS:
        raise Refusal("bad_fact", f"没有这一项：{name}")
    value = value.strip() if isinstance(value, str) else value
    if value in (None, ""):
        raise Refusal("missing_value", "请填写内容")
    if name == FactName.HOUSEHOLD_SIZE.value:
        try:
            value = int(value)
        except (TypeError, ValueError):
            raise Refusal("bad_value", "家庭人口请填数字") from None
    with uow:
        call = _call(uow, staff, call_id)
        if call.status != "open":
            raise Refusal("closed", "这通电话已经生成案件")
        state = dict(call.facts or {})
        values = dict(state.get("values", {}))
        values[name] = value
        missing = missing_facts(values)
        state.update(values=values, provenance=fact_merge.set_by_hand(state.get("provenance", {}), name, value, staff.username,
                                                                      CHANNEL, _now()), asked=missing[0] if missing else None)
        call.facts = state
        view = _view(uow, call)
        uow.commit()
        return view


def create_case(uow: UnitOfWork, staff: Staff, call_id: int) -> dict[str, Any]:
    """One step: the pre-filled case, with the operator's name and the transcript."""
    with uow:
        call = _call(uow, staff, call_id)
        if call.case_number:
            return {"case_number": call.case_number, "created": False}
        state = call.facts or {}
        values = dict(state.get("values", {}))
        if not values.get(FactName.CAUSE.value):
            raise Refusal("missing_cause", "还不知道来电人遇到了什么困难，不能生成案件")
        values["description"] = state.get("description") or ""
        transcript = list(call.transcript or [])
    result = submit_case(uow, Submission(intake_key=f"call-{call_id}", channel=CHANNEL, sender_id=f"hotline-call-{call_id}",
                                         values=values, provenance=state.get("provenance", {}), transcript=transcript,
                                         actor=staff.username))
    with uow:
        call = _call(uow, staff, call_id)
        call.case_number, call.status = result.case_number, "closed"
        uow.commit()
    return {"case_number": result.case_number, "created": result.created, "status": result.status.value}


def _shown(name: str, value: Any) -> Any:
    if name in (FactName.PHONE.value, FactName.ID_NUMBER.value) and isinstance(value, str):
        return mask(value)
    if name == FactName.CAUSE.value:
        return label_of(Cause, value)
    if name == FactName.PRIORITY_GROUP.value:
        return label_of(PriorityGroup, value)
    return value


def _view(uow: UnitOfWork, call: CallRow) -> dict[str, Any]:
    state = call.facts or {}
    values, provenance = state.get("values", {}), state.get("provenance", {})
    facts = []
    for name, value in values.items():
        if name not in LABELS:
            continue
        source = provenance.get(name) or {}
        facts.append({"name": name, "label": LABELS[name], "value": _shown(name, value), "method": source.get("method"),
                      "text": mask(source.get("text") or ""), "confidence": source.get("confidence"),
                      "history": [mask(str(h.get("value"))) if name in ("phone", "id_number") else h.get("value")
                                  for h in source.get("history", [])],
                      "needs_checking": source.get("confidence") is not None and source["confidence"] < 0.6})
    kind = classify(values.get("cause"), values.get("other_causes") or ())
    missing = missing_facts(values)
    phone, id_number = values.get("phone"), values.get("id_number")
    earlier = uow.cases.earlier_cases(phone, None if id_number in (None, NOT_GIVEN) else id_number) if phone or id_number else []
    hints: list[dict[str, Any]] = []
    if values.get("cause"):
        past = [PastAssistance(c.case_number, c.cause, c.created_at.date(), c.status in RECEIVED) for c in earlier
                if c.duplicate_of is None]
        assessment, _ = assess_intake(application_from_intake(values, provenance, date.today(), past), date.today())
        if assessment is not None:
            hints = [{"topic": c.topic, "text": c.text, "rule_ids": [r.rule_id for r in c.reasons], "needs_checking": c.needs_checking}
                     for c in assessment.conclusions if c.topic in HINT_TOPICS]
    return {
        "id": call.id, "status": call.status, "case_number": call.case_number,
        "classification": kind.as_dict(),
        "facts": facts,
        "missing": [{"name": m, "label": LABELS.get(m, m)} for m in missing],
        "next_question": QUESTIONS.get(missing[0]) if missing else "信息已齐全，可以生成案件。",
        "problems": state.get("problems", {}),
        "hints": hints,
        "earlier_cases": [{"case_number": c.case_number, "created_at": c.created_at.date().isoformat(), "cause_label": label_of(Cause, c.cause),
                           "status_label": CaseStatus(c.status).label, "office": c.township or c.county_code} for c in earlier],
        "transcript": [{**line, "text": mask(line.get("text") or "")} for line in call.transcript or []],
    }
