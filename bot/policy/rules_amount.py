"""The rules about money and decisions, one function each, with the parameters of the region's
documents: the tier amount (XC-2.3-tiers, JX-4.2), the raise for priority groups (XC-2.3-priority,
JX-4.2-priority), the amount asked, the cap (XC-2.3-cap), 一事一议 (XC-2.3-major), the approval
level (XC-2.2.2-township / -county, JX-2.3-levels, CN-2014-649) and the deadline (working days only
where a document sets them, for its hardship types and level). Pure."""
from __future__ import annotations

from bot.policy.classify import Reason
from bot.policy.conclusions import ApprovalLevel
from bot.policy.context import Context, yuan
from bot.policy.limits import cap_limit, township_limit


def tier_amount(c: Context) -> tuple[float | None, list[Reason], bool]:
    """分类分档: months of the urban 低保 standard per person from the region's tier table; whether
    the table is only an example."""
    tiers = c.rule("tiers")
    table = (tiers["table"] or {}) if tiers else {}
    tier = table.get("emergency" if c.emergency else "expenditure") or {}
    c.dibao = dibao = c.figure("urban_dibao_monthly")
    size = c.app.household_size
    if tiers is None or dibao is None or not size or not tier:
        return None, [Reason(tiers.rule, "救助金额按分类分档确定。")] if tiers else [], False
    months, example = tier["months_of_dibao_per_person"], table.get("status") == "example"
    return months * dibao * size, [Reason(tiers.rule, f"分档：每人{months:g}个月城市低保标准（{yuan(dibao)}/月）×{size}人"
                                                      f"{'（示例档次，非公布标准）' if example else ''}。")], example


def priority_raise(c: Context, amount: float) -> tuple[float, list[Reason]]:
    """Priority groups may (XC) or are to (JX) get a raised amount; the factor is the region's."""
    raise_ = c.rule("priority_raise")
    if raise_ is None or not raise_["factor"] or not c.groups & set(raise_["groups"]):
        return amount, []
    return amount * raise_["factor"], [Reason(raise_.rule, f"优先救助人群适当提高（×{raise_['factor']:g}）。")]


def amount_asked(c: Context, amount: float) -> tuple[float, str]:
    """The amount asked or needed: a lower one is what is suggested, a higher one is said."""
    needed = c.app.requested_amount or c.app.expense_amount
    if needed is None or needed == amount:
        return amount, ""
    if needed < amount:
        return needed, f"（按申请（所需）金额{yuan(needed)}，低于分档金额{yuan(amount)}）"
    return amount, f"；申请（所需）金额{yuan(needed)}高于分档金额，差额需说明理由"


def cap(c: Context) -> tuple[float | None, list[Reason], tuple[str, ...]]:
    """原则上 per-person cap where a document sets one (XC-2.3-cap), and the figure it rests on."""
    limit = cap_limit(c.region, c.app.household_size)
    if limit.figure:
        c.figure(limit.figure)
    return (limit.value, ([Reason(limit.rule, limit.text + "。")] if limit.value is not None else []),
            (limit.figure,) if limit.figure else ())


def major(c: Context, cap_value: float | None) -> tuple[bool, list[Reason]]:
    """一事一议 (XC-2.3-major) when what is needed is above the cap."""
    rule, needed = c.rule("major"), c.app.requested_amount or c.app.expense_amount
    if rule is None or cap_value is None or needed is None or needed <= cap_value:
        return False, []
    return True, [Reason(rule.rule, "所需金额超过上限，属重大困难，可一事一议确定金额，并发挥县级困难群众基本生活保障协调机制作用。")]


def amount(c: Context) -> None:
    """The suggested amount: tier, raise, the amount asked, the cap, 一事一议."""
    suggested, reasons, example = tier_amount(c)
    if suggested is None:
        c.add("amount", "needs_checking", "救助金额：缺少家庭人口或地区标准，需核定", reasons, needs_checking=True,
              figures=("urban_dibao_monthly",) if c.dibao else ())
        return
    suggested, raised = priority_raise(c, suggested)
    suggested, asked = amount_asked(c, suggested)
    cap_value, capped, cap_figures = cap(c)
    is_major, major_reasons = major(c, cap_value)
    if cap_value is not None:
        suggested = min(suggested, cap_value)
    suggested = round(suggested, 2)
    c.suggested, c.cap, c.major = suggested, cap_value, is_major
    c.amount_figures = tuple(dict.fromkeys(("urban_dibao_monthly", *cap_figures)))
    c.amount_example = example
    text = (f"建议救助金额约{yuan(suggested)}{asked}" + (f"（上限{yuan(cap_value)}）" if cap_value else "")
            + ("；超过上限部分需一事一议" if is_major else "") + ("（分档为示例档次，需核实）" if example else ""))
    c.add("amount", "major_hardship" if is_major else "suggested", text, reasons + raised + capped + major_reasons,
          needs_checking=example, figures=c.amount_figures, data={"suggested": suggested, "cap": cap_value})


def approval(c: Context) -> None:
    """Who approves: the township within its delegated limit, the county above it or where the
    county did not delegate."""
    if c.suggested is None:
        rule = c.rule("township_approval") or c.rule("county_approval")
        c.add("approval", ApprovalLevel.UNKNOWN.value, "审批层级：金额核定后确定",
              [Reason(rule.rule, "审批层级取决于救助金额。")] if rule else [], needs_checking=True)
        return
    limit = township_limit(c.region)
    figures = tuple(dict.fromkeys(c.amount_figures + ((limit.figure,) if limit.figure else ())))
    if limit.figure:
        c.figure(limit.figure)
    township = limit.value is not None and not c.major and c.suggested <= limit.value
    c.level, c.township_max = (ApprovalLevel.TOWNSHIP if township else ApprovalLevel.COUNTY), limit.value
    spec, county = c.rule("township_approval"), c.rule("county_approval")
    if township:
        reasons = [Reason(spec.rule, f"金额不超过{limit.text.removeprefix('乡镇审批不超过')}。")]
        if spec["delegation_rule"]:
            reasons.append(Reason(spec["delegation_rule"], "救助金额较小的，县级民政部门可以委托乡镇（街道）审批。"))
    else:
        why = f"金额超过{limit.text.removeprefix('乡镇审批不超过')}" if limit.value is not None else limit.text
        reasons = [Reason(county.rule if county else limit.rule, why + "。")] if (county or limit.rule) else []
    full = c.rule("full_procedure")
    if c.expenditure and not c.emergency and full:
        reasons.append(Reason(full.rule, "支出型严格执行申请、受理、调查、审核、审批程序。"))
    c.add("approval", c.level.value, f"审批：{c.level.label}" + ("（金额依据示例档次）" if c.amount_example else ""), reasons,
          figures=figures, needs_checking=c.amount_example)


def deadline(c: Context) -> None:
    """When the decision is due: working days from acceptance only where a document sets them for
    this hardship type and approval level (XC-2.2.2-township: 支出型, delegated path)."""
    spec, kind, level = c.rule("deadline"), c.kind.hardship_type, c.level      # str enums: compare as their values
    days = spec["working_days"] if spec else None
    applies = bool(days) and kind in (spec["types"] or (kind,)) and level in (spec["levels"] or (level,))
    if applies:
        c.due, sources = c.calendar.add_working_days(c.accepted_on, days)
        c.add("deadline", c.due.isoformat(), f"办理时限：自受理之日（{c.accepted_on}）起{days}个工作日内，即{c.due}前完成审批并发放",
              (Reason(spec.rule, f"工作日按{'、'.join(sources)}计算，受理当日不计。"),),
              needs_checking=any("provisional" in s or "weekends only" in s for s in sources),
              data={"calendar_sources": sources, "working_days": days})
        return
    if c.level == ApprovalLevel.COUNTY and c.rule("county_approval"):
        reason = Reason(c.rule("county_approval").rule, "该审批路径文件未规定时限。")
    elif spec is not None and days:
        reason = Reason(spec.rule, f"{days}个工作日的时限只适用于文件所列情形（{'、'.join(_labels(spec))}），本案不适用。")
    elif spec is not None:
        reason = Reason(spec.rule, "文件未规定具体时限，要求压缩办理时限。")
    else:
        reason = None
    c.add("deadline", "none_stated", "办理时限：政策未规定具体工作日，应尽快办理", (reason,) if reason else ())


def _labels(spec) -> list[str]:
    names = {"emergency": "急难型", "expenditure": "支出型", "township": "乡镇审批", "county": "县级审批"}
    return [names[v] for v in (*(spec["types"] or ()), *(spec["levels"] or ()))]
