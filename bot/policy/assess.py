"""The assessment of one application against the rules of RULES.md (../shared/policy/RULES.md) as
the region's policy documents state them (config/policies/): the named rules of `rules_case`,
`rules_amount` and `rules_aid`, applied in order, each adding its conclusion with reasons and
rule ids. Pure: takes the application, the placement (who accepts, and so whose rules and figures
apply; `rules_case.residency`) and the calendar."""
from __future__ import annotations

from datetime import date

from bot.domain.application import Application
from bot.policy.calendar import WorkingDayCalendar
from bot.policy.conclusions import ApprovalLevel, Assessment, Conclusion
from bot.policy.context import Context, Placement
from bot.policy.rules_aid import first_aid, frequency, other_programmes, small_fast_aid
from bot.policy.rules_amount import amount, approval, deadline
from bot.policy.rules_case import acceptance, economic_check, hardship_type, housing

__all__ = ["ApprovalLevel", "Assessment", "Conclusion", "assess", "RULES"]

RULES = (hardship_type, acceptance, economic_check, housing, amount, approval, deadline, first_aid, small_fast_aid,
         frequency, other_programmes)


def assess(app: Application, placement: Placement, calendar: WorkingDayCalendar, today: date) -> Assessment:
    region = placement.region
    c = Context(app, region, calendar, app.accepted_on or today, placement)
    for rule in RULES:
        rule(c)
    return Assessment(region_code=region.code, region_name=region.name,
                      documents=region.policy.described,
                      hardship_type=c.kind.hardship_type, approval_level=c.level, suggested_amount=c.suggested, cap=c.cap,
                      major_hardship=c.major, decision_due=c.due, first_aid=c.emergency and c.rule("first_aid") is not None,
                      conclusions=tuple(c.conclusions), figures_used=c.figures_used, rule_documents=region.policy.rule_documents)
