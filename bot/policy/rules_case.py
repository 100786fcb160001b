"""The rules about the case itself, one function each, reading the facts and the parameters of
the region's documents (bot.policy.documents) and adding a conclusion with reasons and rule ids:
hardship type, residency (who accepts, and so whose rules and figures apply), acceptance, the
economic check, housing (XC-2.1.2-housing). Pure; unknown facts give 待核实, never a guess."""
from __future__ import annotations

import re
from functools import lru_cache

from bot.domain.application import Application
from bot.domain.model import HardshipType, PriorityGroup
from bot.policy.classify import Reason, classify
from bot.policy.context import Context, Placement, yuan
from bot.policy.documents import Provision
from bot.policy.regions import Region


@lru_cache(maxsize=2048)
def _office(place: str) -> str:
    """「长葛市长社路街道」 names its office; 「长葛」 names only the county, whose township is asked."""
    if re.search(r"(镇|乡|街道|村|社区)", place or ""):
        return f"（{place}）乡镇人民政府（街道办事处）"
    return f"（{place}）的乡镇（街道），具体乡镇待核实"


def different_places(app: Application) -> bool:
    """The emergency happened away from the 户籍 place: both are known and neither contains the
    other (a township's code lies inside its county's; the same township named twice is one place)."""
    event, hukou = (app.event_region or "").rstrip("0"), (app.hukou_region or "").rstrip("0")
    if not event or not hukou or event.startswith(hukou) or hukou.startswith(event):
        return False
    return not (app.event_township and app.hukou_township and
                (app.event_township.endswith(app.hukou_township) or app.hukou_township.endswith(app.event_township)))


DEFINITIONS = {"emergency": "emergency_definition", "expenditure": "expenditure_definition", "housing": "housing_definition",
               "unknown": "local_scope", "both": "both_kinds"}


def _rules_of(region: Region) -> dict[str, str]:
    """The rule ids classification cites in this region (worked out once per region)."""
    derived = region.policy.derived
    if "definitions" not in derived:
        derived["definitions"] = {k: region.policy.rule(topic) for k, topic in DEFINITIONS.items()}
    return derived["definitions"]


def residency(app: Application, hukou: Region | None, event: Region | None, fallback: Region | None) -> Placement | None:
    """Who accepts: the place of the emergency where its region helps non-residents (its
    `event_place_acceptance` rule: JX-2.2-residency, CN-2026-small-fast), and then under that
    place's rules and figures; otherwise the 户籍 place (CN-2014-47) under its own."""
    emergency = classify(app.cause, app.other_causes).hardship_type == HardshipType.EMERGENCY
    away = bool(app.event_region or app.event_township) and (
        hukou is None or different_places(app)
        or (event is not None and hukou.code not in event.chain and event.code not in hukou.chain))
    offer = event.policy.get("event_place_acceptance") if event is not None and emergency and away else None
    if offer is not None and "emergency" in (offer["types"] or ["emergency"]):
        place = app.event_township or event.name
        return Placement(event, "event_place", f"受理：由急难发生地{_office(place)}或县级民政部门直接救助",
                         (Reason(offer.rule, f"{event.name}放宽户籍地申请限制，急难发生地可直接实施救助。"),))
    if hukou is not None:
        rule = hukou.policy.rule("hukou_acceptance")
        why = ""
        if emergency and different_places(app):
            where = event.name if event is not None else (app.event_township or app.event_region)
            why = (f"急难发生地与户籍地不同：急难发生地（{where}）" + ("未放宽户籍地申请限制" if event is not None else "不在已配置地区，是否放宽户籍限制待核实")
                   + "，由户籍地受理；急难发生地乡镇（街道）可协助其向当地县级民政部门或救助管理机构申请。")
        reasons = (Reason(rule, why or "由户籍地（或居住证所在地）乡镇（街道）受理。"),) if rule else ()
        return Placement(hukou, "hukou_place", f"受理：户籍所在地{_office(app.hukou_township or app.hukou_region)}", reasons)
    region = event or fallback
    if region is None:
        return None
    rule = region.policy.rule("hukou_acceptance")
    return Placement(region, "unknown", "受理地：户籍地不明，需核实",
                     (Reason(rule, "需先确认户籍地或居住证所在地。"),) if rule else (), needs_checking=True)


def hardship_type(c: Context) -> None:
    """急难型 or 支出型 and why (the region's definitions: XC-2.1.1 / XC-2.1.2, or CN-2018-23)."""
    kind = classify(c.app.cause, c.app.other_causes, _rules_of(c.region))
    both = f"，同时有{'、'.join(k.label for k in kind.also)}情形" if kind.also else ""
    c.add("hardship_type", kind.hardship_type.value,
          f"困难类型：{kind.hardship_type.label}{both}（{kind.cause.label if kind.cause else '原因未明'}）",
          kind.reasons, needs_checking=kind.hardship_type == HardshipType.UNKNOWN)
    c.kind, c.emergency = kind, kind.hardship_type == HardshipType.EMERGENCY
    c.expenditure = HardshipType.EXPENDITURE in (kind.hardship_type, *kind.also)


def acceptance(c: Context) -> None:
    """Who accepts (the residency rule's placement); never conditional on a group (XC-2.1-open, JX-3-open)."""
    p, open_access = c.placement, c.rule("open_access")
    extra = (Reason(open_access.rule, "不以是否为低保、特困、建档立卡家庭为受理前提。"),) if open_access else ()
    c.add("acceptance", p.verdict, p.text, p.reasons + extra, needs_checking=p.needs_checking)


def _skipping(c: Context, skip: Provision | None) -> tuple[list[str], bool]:
    """The applicant's groups that skip the check under `skip`, and whether a 建档立卡 household's
    脱贫 status must be checked first (where only 未脱贫 households skip)."""
    if skip is None:
        return [], False
    groups = sorted(c.groups & set(skip["groups"] or ()))
    unknown = False
    if "jiandang" in groups and skip["jiandang"] == "not_lifted" and c.app.jiandang_lifted is not False:
        groups.remove("jiandang")
        unknown = c.app.jiandang_lifted is None
    return groups, unknown


def economic_check(c: Context) -> None:
    """Whether and how the household's means are checked: simplified for emergencies (XC-2.2.1,
    JX-2.2), skipped for the document's groups where its types apply (XC-2.2.2-skipcheck,
    JX-2.2-skipcheck), otherwise the income test the document sets, or none."""
    skip, recipients, high = c.rule("skip_check"), c.rule("recipients"), c.rule("high_costs")
    primary = c.kind.hardship_type          # a str enum: compares as its value
    groups, status_unknown = _skipping(c, skip if skip and primary in (skip["types"] or ()) else None)
    supportive = []
    if recipients and c.emergency and c.groups & set(recipients["groups"]):
        supportive.append(Reason(recipients.rule, "已纳入低保、特困等救助的对象遭遇突发困难，要及时给予临时救助。"))
    if high and c.expenditure and c.groups & set(high["groups"]):
        supportive.append(Reason(high.rule, "因子女就学、疾病治疗等支出较大的，可及时给予临时救助。"))
    if groups:
        labels = "、".join(PriorityGroup(g).label for g in groups)
        c.add("economic_check", "skipped", f"家庭经济状况：{labels}不再核对，重点核实生活必需支出",
              (Reason(skip.rule, "优先救助人群不再核对家庭经济状况，重点核实必需支出。"), *supportive))
    elif status_unknown:
        c.add("economic_check", "needs_checking", "家庭经济状况：建档立卡户是否已脱贫待核实（未脱贫的不再调查收入和财产，已脱贫的需调查）",
              (Reason(skip.rule, "只有未脱贫建档立卡贫困户不再进行家庭收入和财产状况调查。"), *supportive), needs_checking=True)
    elif c.emergency and c.rule("simplified_check"):
        c.add("economic_check", "simplified", "家庭经济状况：急难型简化核对（不是免除），可先行救助后补齐",
              (Reason(c.rule("simplified_check").rule, "急难型简化审核审批程序，经济状况核对、民主评议、公示等环节简化。"), *supportive))
    else:
        _income_test(c, supportive)


def _income_test(c: Context, supportive: list[Reason]) -> None:
    test = c.rule("income_test")
    if test is None:
        c.add("economic_check", "needs_checking", "家庭经济状况：本地区文件未规定核对办法，需工作人员按规定核实", supportive, needs_checking=True)
        return
    assets = Reason(test["asset_rule"] or test.rule, f"家庭财产：{test['asset_text'] or '按当地规定'}，需核实。")
    if test["line"] == "none":
        c.add("economic_check", "local_rule", "家庭经济状况：按审核审批程序核对家庭收入和财产（文件未设收入线，按当地规定认定）",
              (Reason(test.rule, "文件未规定收入标准，按当地规定核对。"), assets, *supportive), needs_checking=True)
        return
    app, line = c.app, c.figure(test["line"])
    if app.monthly_income is None or not app.household_size or line is None:
        missing = "家庭收入" if app.monthly_income is None else "家庭人口" if not app.household_size else "当地上年度人均可支配收入"
        c.add("economic_check", "needs_checking", f"家庭经济状况：缺少{missing}，需核实",
              (Reason(test.rule, "支出型需核对家庭收入和财产。"), *supportive), needs_checking=True)
        return
    per_capita = app.monthly_income * 12 / app.household_size
    below = per_capita < line
    text = (f"家庭人均可支配收入约{yuan(per_capita)}/年，{'低于' if below else '不低于'}当地上年度标准{yuan(line)}"
            + ("" if below else "，原则上不符合支出型条件，可由工作人员说明理由后办理"))
    c.add("economic_check", "passed" if below else "flagged", text,
          (Reason(test.rule, "原则上家庭人均可支配收入应低于当地上年度人均可支配收入。"), assets, *supportive),
          needs_checking=app.assets_within_rule is None, figures=(test["line"],), data={"per_capita_income": round(per_capita, 2)})


def housing(c: Context) -> None:
    """XC-2.1.2-housing: 建档立卡, 低保 and 分散供养特困 households whose basic living is in difficulty
    while their housing problem is solved must be covered promptly."""
    rule = c.rule("housing")
    causes = {c.app.cause, *c.app.other_causes}
    if rule is None or "housing" not in causes:
        return
    groups = c.groups & set(rule["groups"])
    if not groups:
        c.add("housing", "general", "住房困难：不属于必须保障的优先人群，按一般临时救助条件办理",
              (Reason(rule.rule, "必须及时保障的是建档立卡贫困户、低保家庭和分散供养特困人员。"),))
        return
    tekun_only = groups == {"tekun"}
    text = "住房问题解决过程中基本生活遇到困难：要通过临时救助及时保障基本生活" + ("（特困人员须为分散供养，需核实）" if tekun_only else "")
    c.add("housing", "must_cover", text,
          (Reason(rule.rule, "建档立卡贫困户、低保家庭和分散供养特困人员在解决住房问题过程中基本生活遇到困难的，要通过临时救助及时保障。"),),
          needs_checking=tekun_only)
