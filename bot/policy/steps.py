"""The rules an assessment is made of, one small function each, in the order they are read:
hardship type, acceptance, economic check, amount, approval level, deadline, 先行救助, 小额快救,
frequency, other programmes. Each reads the application, the region's settings and figures and
what earlier steps concluded (the `Context`), and adds its conclusion with reasons and rule ids.

Pure. Unknown or missing facts give "needs checking" (待核实), never a guess; 原则上 rules flag a
case, they do not refuse it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from bot.domain.application import Application
from bot.domain.model import Cause, HardshipType, PriorityGroup
from bot.policy.calendar import WorkingDayCalendar
from bot.policy.classify import Classification, Reason, classify
from bot.policy.conclusions import ApprovalLevel, Conclusion
from bot.policy.limits import DecisionLimits, decision_limits
from bot.policy.regions import Region

SKIPCHECK_GROUPS = {PriorityGroup.DIBAO.value, PriorityGroup.TEKUN.value, PriorityGroup.JIANDANG.value}
LASTING_CAUSES = {Cause.INCOME_LOSS.value, Cause.SUDDEN_ILLNESS.value, Cause.DEATH.value, Cause.MEDICAL_COST.value}


@dataclass
class Context:
    """One assessment in progress: its inputs, the conclusions so far and what later steps read."""

    app: Application
    region: Region
    calendar: WorkingDayCalendar
    accepted_on: date
    conclusions: list[Conclusion] = field(default_factory=list)
    figures_used: dict[str, Any] = field(default_factory=dict)
    kind: Classification | None = None
    emergency: bool = False
    expenditure: bool = False
    dibao: float | None = None
    limits: DecisionLimits | None = None
    suggested: float | None = None
    cap: float | None = None
    major: bool = False
    level: ApprovalLevel = ApprovalLevel.UNKNOWN
    due: date | None = None

    @property
    def xc(self) -> bool:
        return self.region.policy_text == "XC"

    @property
    def groups(self) -> set[str]:
        return set(self.app.priority_groups)

    def figure(self, name: str) -> float | None:
        """A figure of the region, noted with its year, source and status for the record."""
        value = self.region.figure(name)
        if value is None:
            return None
        self.figures_used[name] = {**value.as_dict(), "from_region": self.region.figure_origin.get(name)}
        return value.value


def _yuan(amount: float) -> str:
    return f"{amount:,.0f}元"


def _office(place: str) -> str:
    """「长葛市长社路街道」 names its office; 「长葛」 names only the county, whose township is asked."""
    if re.search(r"(镇|乡|街道|村|社区)", place or ""):
        return f"（{place}）乡镇人民政府（街道办事处）"
    return f"（{place}）的乡镇（街道），具体乡镇待核实"


def _different_places(app: Application) -> bool:
    """The emergency happened away from the 户籍 place: both are known and neither contains the
    other (a township's code lies inside its county's; the same township named twice is one place)."""
    event, hukou = (app.event_region or "").rstrip("0"), (app.hukou_region or "").rstrip("0")
    if not event or not hukou or event.startswith(hukou) or hukou.startswith(event):
        return False
    return not (app.event_township and app.hukou_township and
                (app.event_township.endswith(app.hukou_township) or app.hukou_township.endswith(app.event_township)))


def hardship_type(c: Context) -> None:
    """急难型 or 支出型 and why (XC-2.1.1, XC-2.1.2)."""
    app, region, conclusions = c.app, c.region, c.conclusions
    kind = classify(app.cause, app.other_causes, region.policy_text)
    emergency = kind.hardship_type == HardshipType.EMERGENCY
    expenditure = HardshipType.EXPENDITURE in (kind.hardship_type, *kind.also)
    both = "，同时有支出型情形" if kind.also else ""
    conclusions.append(Conclusion("hardship_type", kind.hardship_type.value,
                                  f"困难类型：{kind.hardship_type.label}{both}（{kind.cause.label if kind.cause else '原因未明'}）",
                                  kind.reasons, needs_checking=kind.hardship_type == HardshipType.UNKNOWN))
    c.kind, c.emergency, c.expenditure = kind, emergency, expenditure


def acceptance(c: Context) -> None:
    """Who accepts: the 户籍 place (CN-2014-47), or the place of the emergency where the region
    relaxes residency (JX-2.2-residency, CN-2026-small-fast); never conditional on a group (XC-2.1-open)."""
    app, region, conclusions, xc, emergency = c.app, c.region, c.conclusions, c.xc, c.emergency
    open_reason = Reason("XC-2.1-open" if xc else "JX-3-open", "不以是否为低保、特困、建档立卡家庭为受理前提。")
    if emergency and app.event_region and app.event_region != app.hukou_region and region.setting("residency_relaxation", False):
        place = app.event_township or app.event_region
        rule = "JX-2.2-residency" if not xc else "CN-2026-small-fast"
        conclusions.append(Conclusion("acceptance", "event_place", f"受理：由急难发生地{_office(place)}或县级民政部门直接救助",
                                      (Reason(rule, "本地区放宽户籍地申请限制，急难发生地可直接实施救助。"), open_reason)))
    elif app.hukou_region or app.hukou_township:
        place = app.hukou_township or app.hukou_region
        why = "急难发生地与户籍地不同，但本地区未放宽户籍限制，" if emergency and _different_places(app) else ""
        conclusions.append(Conclusion("acceptance", "hukou_place", f"受理：户籍所在地{_office(place)}",
                                      (Reason("CN-2014-47", f"{why}由户籍地（或居住证所在地）乡镇（街道）受理。"), open_reason)))
    else:
        conclusions.append(Conclusion("acceptance", "unknown", "受理地：户籍地不明，需核实",
                                      (Reason("CN-2014-47", "需先确认户籍地或居住证所在地。"), open_reason), needs_checking=True))


def economic_check(c: Context) -> None:
    """Whether and how the household's means are checked (XC-2.2.2-skipcheck, JX-2.2-skipcheck, XC-2.2.1, XC-2.1.2)."""
    app, region, conclusions, xc, figure = c.app, c.region, c.conclusions, c.xc, c.figure
    emergency, expenditure, groups = c.emergency, c.expenditure, c.groups
    skip_groups = set(groups & SKIPCHECK_GROUPS)
    if not xc and PriorityGroup.JIANDANG.value in skip_groups and app.jiandang_lifted is not False:
        skip_groups.discard(PriorityGroup.JIANDANG.value)  # JX: only 未脱贫 建档立卡 households skip
    if skip_groups:
        labels = "、".join(PriorityGroup(g).label for g in sorted(skip_groups))
        rule = "XC-2.2.2-skipcheck" if xc else "JX-2.2-skipcheck"
        reasons = [Reason(rule, "优先救助人群不再核对家庭经济状况，重点核实必需支出。")]
        if not xc and emergency:
            reasons.append(Reason("JX-2.1-recipients", "已纳入低保、特困等救助的对象遭遇突发困难，要及时给予临时救助。"))
        if not xc and expenditure:
            reasons.append(Reason("JX-3-high-costs", "因子女就学、疾病治疗等支出较大的，可及时给予临时救助。"))
        conclusions.append(Conclusion("economic_check", "skipped", f"家庭经济状况：{labels}不再核对，重点核实生活必需支出",
                                      tuple(reasons)))
    elif emergency:
        rule = "XC-2.2.1" if xc else "JX-2.2"
        conclusions.append(Conclusion("economic_check", "simplified", "家庭经济状况：急难型简化核对（不是免除），可先行救助后补齐",
                                      (Reason(rule, "急难型简化审核审批程序，经济状况核对、民主评议、公示等环节简化。"),)))
    else:
        line = figure("disposable_income_prev_year")
        if app.monthly_income is None or not app.household_size or line is None:
            missing = "家庭收入" if app.monthly_income is None else "家庭人口" if not app.household_size else "当地上年度人均可支配收入"
            conclusions.append(Conclusion("economic_check", "needs_checking", f"家庭经济状况：缺少{missing}，需核实",
                                          (Reason("XC-2.1.2" if xc else "JX-2.2-expenditure", "支出型需核对家庭收入和财产。"),),
                                          needs_checking=True))
        else:
            per_capita = app.monthly_income * 12 / app.household_size
            below = per_capita < line
            rule = "XC-2.1.2" if xc else "JX-2.2-expenditure"
            text = (f"家庭人均可支配收入约{_yuan(per_capita)}/年，{'低于' if below else '不低于'}当地上年度标准{_yuan(line)}"
                    + ("" if below else "，原则上不符合支出型条件，可由工作人员说明理由后办理"))
            conclusions.append(Conclusion("economic_check", "passed" if below else "flagged", text,
                                          (Reason(rule, "原则上家庭人均可支配收入应低于当地上年度人均可支配收入。"),
                                           Reason("XC-2.1-local" if xc else "JX-2.2-expenditure",
                                                  f"家庭财产：{region.setting('asset_rule', '按当地规定')}，需核实。")),
                                          needs_checking=app.assets_within_rule is None, data={"per_capita_income": round(per_capita, 2)}))


def amount(c: Context) -> None:
    """The suggested amount: tiers, the raise for priority groups, the cap, 一事一议 (XC-2.3-tiers, XC-2.3-priority, XC-2.3-cap, XC-2.3-major)."""
    app, region, conclusions, xc, figure = c.app, c.region, c.conclusions, c.xc, c.figure
    emergency, expenditure, groups = c.emergency, c.expenditure, c.groups
    dibao = figure("urban_dibao_monthly")
    size = app.household_size
    tiers = region.setting("tiers", {}) or {}
    tier = tiers.get("emergency" if emergency else "expenditure") or {}
    limits = decision_limits(region, size)     # township level and cap, shared with the desk's checks
    suggested = cap = None
    major = False
    amount_reasons: list[Reason] = []
    if dibao is None or not size or not tier:
        conclusions.append(Conclusion("amount", "needs_checking", "救助金额：缺少家庭人口或地区标准，需核定",
                                      (Reason("XC-2.3-tiers" if xc else "JX-4.2", "救助金额按分类分档确定。"),), needs_checking=True))
    else:
        suggested = tier["months_of_dibao_per_person"] * dibao * size
        amount_reasons.append(Reason("XC-2.3-tiers" if xc else "JX-4.2",
                                     f"分档：每人{tier['months_of_dibao_per_person']:g}个月城市低保标准（{_yuan(dibao)}/月）×{size}人"
                                     f"{'（示例档次，非公布标准）' if tiers.get('status') == 'example' else ''}。"))
        if groups & (SKIPCHECK_GROUPS | {PriorityGroup.JIANCE.value}) and region.setting("priority_raise_factor"):
            factor = region.setting("priority_raise_factor")
            suggested *= factor
            amount_reasons.append(Reason("XC-2.3-priority" if xc else "JX-4.2-priority", f"优先救助人群适当提高（×{factor:g}）。"))
        needed = app.requested_amount or app.expense_amount
        if expenditure and needed is not None:
            suggested = min(suggested, needed)
        if limits.cap is not None:
            cap = limits.cap
            amount_reasons.append(Reason("XC-2.3-cap", f"原则上每人不超过城市月低保标准的{region.setting('cap_multiple'):g}倍，共{_yuan(cap)}。"))
            if needed is not None and needed > cap:
                major = True
                amount_reasons.append(Reason("XC-2.3-major", "所需金额超过上限，属重大困难，可一事一议确定金额，并发挥县级困难群众基本生活保障协调机制作用。"))
            suggested = min(suggested, cap)
        suggested = round(suggested, 2)
        text = f"建议救助金额约{_yuan(suggested)}" + (f"（上限{_yuan(cap)}）" if cap else "") + ("；超过上限部分需一事一议" if major else "")
        conclusions.append(Conclusion("amount", "major_hardship" if major else "suggested", text, tuple(amount_reasons),
                                      data={"suggested": suggested, "cap": cap}))
    c.dibao, c.limits, c.suggested, c.cap, c.major = dibao, limits, suggested, cap, major


def approval(c: Context) -> None:
    """Who approves (XC-2.2.2-township, XC-2.2.2-county, JX-2.3-levels)."""
    region, conclusions, xc, emergency, expenditure = c.region, c.conclusions, c.xc, c.emergency, c.expenditure
    limits, suggested, major = c.limits, c.suggested, c.major
    level = ApprovalLevel.UNKNOWN
    if suggested is not None:
        township_max = limits.township_max
        level = ApprovalLevel.TOWNSHIP if township_max is not None and not major and suggested <= township_max else ApprovalLevel.COUNTY
        if xc:
            rule = "XC-2.2.2-township" if level == ApprovalLevel.TOWNSHIP else "XC-2.2.2-county"
            why = (f"金额{'不超过' if level == ApprovalLevel.TOWNSHIP else '超过'}城市月低保标准"
                   f"{region.setting('township_threshold_multiple'):g}倍（{_yuan(township_max)}）"
                   if township_max is not None else "县级未委托乡镇审批")
        else:
            rule = "JX-2.3-levels"
            why = f"本地区乡镇审批额度{_yuan(township_max)}" if township_max is not None else "本地区未配置乡镇审批额度"
        reasons = [Reason(rule, why + "。")]
        if expenditure and not emergency:
            reasons.append(Reason("XC-2.2.2" if xc else "JX-2.2-expenditure", "支出型严格执行申请、受理、调查、审核、审批程序。"))
        conclusions.append(Conclusion("approval", level.value, f"审批：{level.label}", tuple(reasons)))
    else:
        conclusions.append(Conclusion("approval", level.value, "审批层级：金额核定后确定",
                                      (Reason("XC-2.2.2-township" if xc else "JX-2.3-levels", "审批层级取决于救助金额。"),), needs_checking=True))
    c.level = level


def deadline(c: Context) -> None:
    """When the decision is due (XC-2.2.2-township: working days from acceptance on the delegated path)."""
    region, calendar, accepted_on, conclusions, xc, level = c.region, c.calendar, c.accepted_on, c.conclusions, c.xc, c.level
    due = None
    days = region.setting("decision_working_days")
    if level == ApprovalLevel.TOWNSHIP and days:
        due, sources = calendar.add_working_days(accepted_on, days)
        conclusions.append(Conclusion("deadline", due.isoformat(), f"办理时限：自受理之日（{accepted_on}）起{days}个工作日内，即{due}前完成审批并发放",
                                      (Reason("XC-2.2.2-township", f"工作日按{'、'.join(sources)}计算，受理当日不计。"),),
                                      needs_checking=any("provisional" in s or "weekends only" in s for s in sources),
                                      data={"calendar_sources": sources, "working_days": days}))
    else:
        rule = "XC-2.2.2-county" if xc else "JX-2.2-expenditure"
        conclusions.append(Conclusion("deadline", "none_stated", "办理时限：政策未规定具体工作日，应尽快办理",
                                      (Reason(rule, "该审批路径文件未规定时限。"),)))
    c.due = due


def first_aid(c: Context) -> None:
    """先行救助 for emergencies and when the paperwork is due (XC-2.2.1, XC-2.2.1-complete, JX-2.2, JX-2.2-complete)."""
    app, region, accepted_on, conclusions, xc, emergency = c.app, c.region, c.accepted_on, c.conclusions, c.xc, c.emergency
    if emergency:
        paperwork = accepted_on + timedelta(days=region.setting("paperwork_days_after_first_aid", 30))
        reasons = [Reason("XC-2.2.1" if xc else "JX-2.2", "急难型可直接受理、先行救助。"),
                   Reason("XC-2.2.1-complete" if xc else "JX-2.2-complete", f"急难缓解后补齐手续，本地区要求在{paperwork}前完成。")]
        if app.fell_back_into_poverty:
            reasons.append(Reason("JX-4.1", "返贫人口可一次审批、分阶段救助，并适当提高标准。"))
        elif xc:
            reasons.append(Reason("XC-2.2.1-staged", "视实际情况可一次审批、分阶段救助。"))
        conclusions.append(Conclusion("first_aid", "yes", f"可先行救助，手续在{paperwork}前补齐", tuple(reasons),
                                      data={"paperwork_due": paperwork.isoformat()}))


def small_fast_aid(c: Context) -> None:
    """小额快救 where the region configures it (CN-2026-small-fast)."""
    region, conclusions, emergency, dibao = c.region, c.conclusions, c.emergency, c.dibao
    small = region.setting("small_fast_aid")
    if emergency and small and dibao:
        limit = small["max_months_of_dibao"] * dibao
        conclusions.append(Conclusion("small_fast_aid", "available", f"可走小额快救：不超过{_yuan(limit)}，{small['days']}日内办结，不做经济状况核对和公示",
                                      (Reason("CN-2026-small-fast", "本地区已配置小额快救。"),), data={"limit": limit}))


def frequency(c: Context) -> None:
    """How often the household was helped in the 12 months before acceptance (XC-2.3-frequency)."""
    app, region, accepted_on, conclusions, xc = c.app, c.region, c.accepted_on, c.conclusions, c.xc
    frequency = region.setting("frequency") if xc else None
    if frequency:
        window = [p for p in app.past if accepted_on - timedelta(days=365) <= p.applied_on <= accepted_on]
        same = [p for p in window if app.cause and p.cause == app.cause]
        received = [p for p in window if p.received]
        flags = []
        if len(same) >= frequency.get("same_cause_per_year", 1):
            flags.append(f"同一事由一年内已申请：{'、'.join(p.case_number for p in same)}")
        if len(received) >= frequency.get("receipts_per_year", 2):
            flags.append(f"近一年已获救助{len(received)}次：{'、'.join(p.case_number for p in received)}")
        text = "救助频次：" + ("；".join(flags) + "，原则上不再救助，需工作人员说明理由" if flags else "未超过频次限制")
        conclusions.append(Conclusion("frequency", "flagged" if flags else "ok", text,
                                      (Reason("XC-2.3-frequency", "原则上同一事由一年内申请一次、全年不超过两次（按受理前12个月计）。"),),
                                      needs_checking=bool(flags)))


def other_programmes(c: Context) -> None:
    """Lasting hardship: point to 低保 or 特困 as well (JX-2.1)."""
    app, conclusions, groups = c.app, c.conclusions, c.groups
    if app.cause in LASTING_CAUSES and not groups & {PriorityGroup.DIBAO.value, PriorityGroup.TEKUN.value}:
        conclusions.append(Conclusion("other_programmes", "suggest_dibao", "困难可能持续：建议同时引导申请低保或特困供养，审核期间可先给予临时救助",
                                      (Reason("JX-2.1", "申请低保、特困期间可视情先给予临时救助，符合条件的纳入相应救助范围。"),)))


STEPS = (hardship_type, acceptance, economic_check, amount, approval, deadline, first_aid, small_fast_aid, frequency,
         other_programmes)
