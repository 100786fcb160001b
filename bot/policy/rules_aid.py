"""The rules about help before and beside the decision, one function each, with the parameters of
the region's documents: 先行救助 and its paperwork (XC-2.2.1, JX-2.2, …-complete, XC-2.2.1-staged,
JX-4.1 / XC-3.2), 小额快救 (CN-2026-small-fast), the frequency limits (XC-2.3-frequency) and a
pointer to 低保 / 特困 for lasting hardship (JX-2.1). Pure."""
from __future__ import annotations

from datetime import timedelta

from bot.policy.classify import Reason
from bot.policy.context import Context, yuan


def first_aid(c: Context) -> None:
    """先行救助 for emergencies and when the paperwork is due."""
    spec = c.rule("first_aid")
    if not c.emergency or spec is None:
        return
    days = spec["paperwork_days"] or 30
    paperwork = c.accepted_on + timedelta(days=days)
    reasons = [Reason(spec.rule, "急难型可直接受理、先行救助。")]
    if spec["complete_rule"]:
        reasons.append(Reason(spec["complete_rule"], f"急难缓解后补齐手续，本地区要求在{paperwork}前完成。"))
    fell_back, staged = c.rule("fell_back"), c.rule("staged_payment")
    if c.app.fell_back_into_poverty and fell_back:
        reasons.append(Reason(fell_back.rule, "返贫人口可一次审批、分阶段救助，并适当提高标准。"))
    elif staged:
        reasons.append(Reason(staged.rule, "视实际情况可一次审批、分阶段救助。"))
    c.add("first_aid", "yes", f"可先行救助，手续在{paperwork}前补齐", reasons, data={"paperwork_due": paperwork.isoformat()})


def small_fast_aid(c: Context) -> None:
    """小额快救 where the region adopted it (with residency relaxation: the document's `when`)."""
    spec = c.rule("small_fast_aid")
    dibao = c.figure(spec["figure"]) if spec and c.emergency else None
    if not dibao:
        return
    limit = spec["max_months_of_dibao"] * dibao
    c.add("small_fast_aid", "available", f"可走小额快救：不超过{yuan(limit)}，{spec['days']}日内办结，不做经济状况核对和公示",
          (Reason(spec.rule, "本地区已采用小额快救。"),), figures=(spec["figure"],), data={"limit": limit})


def frequency(c: Context) -> None:
    """How often the household was helped in the window before acceptance (原则上: flagged, not refused)."""
    spec = c.rule("frequency")
    if spec is None:
        return
    app, accepted_on = c.app, c.accepted_on
    window_days = spec["window_days"] or 365
    window = [p for p in app.past if accepted_on - timedelta(days=window_days) <= p.applied_on <= accepted_on]
    same = [p for p in window if app.cause and p.cause == app.cause]
    received = [p for p in window if p.received]
    same_limit, receipts_limit = spec["same_cause_per_year"] or 1, spec["receipts_per_year"] or 2
    flags = []
    if len(same) >= same_limit:
        flags.append(f"同一事由一年内已申请：{'、'.join(p.case_number for p in same)}")
    if len(received) >= receipts_limit:
        flags.append(f"近一年已获救助{len(received)}次：{'、'.join(p.case_number for p in received)}")
    text = "救助频次：" + ("；".join(flags) + "，原则上不再救助，需工作人员说明理由" if flags else "未超过频次限制")
    c.add("frequency", "flagged" if flags else "ok", text,
          (Reason(spec.rule, f"原则上同一事由一年内申请{same_limit}次、全年不超过{receipts_limit}次（按受理前{window_days}天计）。"),),
          needs_checking=bool(flags))


def other_programmes(c: Context) -> None:
    """Lasting hardship: point to 低保 or 特困 as well."""
    spec = c.rule("other_programmes")
    if spec is None or c.app.cause not in (spec["causes"] or ()) or c.groups & set(spec["exempt_groups"] or ()):
        return
    c.add("other_programmes", "suggest_dibao", "困难可能持续：建议同时引导申请低保或特困供养，审核期间可先给予临时救助",
          (Reason(spec.rule, "申请低保、特困期间可视情先给予临时救助，符合条件的纳入相应救助范围。"),))
