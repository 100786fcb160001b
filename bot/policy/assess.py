"""The assessment of one application against the rules of RULES.md (../shared/policy/RULES.md):
the steps of `bot.policy.steps` applied in order, each adding its conclusion with reasons and rule
ids. Pure: takes the application, the resolved region and the calendar."""
from __future__ import annotations

from datetime import date

from bot.domain.application import Application
from bot.policy.calendar import WorkingDayCalendar
from bot.policy.conclusions import ApprovalLevel, Assessment, Conclusion
from bot.policy.regions import Region
from bot.policy.steps import STEPS, Context

__all__ = ["ApprovalLevel", "Assessment", "Conclusion", "assess"]


def assess(app: Application, region: Region, calendar: WorkingDayCalendar, today: date) -> Assessment:
    c = Context(app, region, calendar, app.accepted_on or today)
    for step in STEPS:
        step(c)
    return Assessment(region_code=region.code, region_name=region.name, policy_text=region.policy_text,
                      hardship_type=c.kind.hardship_type, approval_level=c.level, suggested_amount=c.suggested, cap=c.cap,
                      major_hardship=c.major, decision_due=c.due, first_aid=c.emergency, conclusions=tuple(c.conclusions),
                      figures_used=c.figures_used)
