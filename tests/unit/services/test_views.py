"""The desk's read side (bot/services/views)."""
from __future__ import annotations

from bot.services import views
from bot.services.cases import submit_case
from tests.factories import submission
from tests.unit.services.conftest import ADMIN, COUNTY, OTHER_TOWNSHIP, TOWNSHIP


def test_the_inbox_is_scoped_and_puts_emergencies_first(deps, fire):
    costly = submit_case(deps, submission("medical", values={"cause": "medical_cost", "phone": "13900000001",
                                                             "id_number": None})).case_number
    assert [c["case_number"] for c in views.inbox(deps, COUNTY)["cases"]] == [fire, costly]
    assert views.inbox(deps, OTHER_TOWNSHIP)["total"] == 0
    assert views.inbox(deps, ADMIN, search=fire.lower())["total"] == 1


def test_the_case_page_masks_numbers_and_lists_what_is_missing(deps, fire):
    page = views.case_page(deps, TOWNSHIP, fire)
    assert page["applicant"]["phone"] == "138****5678" and "13812345678" not in str(page)
    assert page["documents_missing"][:2] == ["申请人身份证", "户口本"] and "火灾证明" in page["documents_missing"][2]
    assert page["allowed_actions"] == ["accept", "transfer", "assign", "note"] and page["limits"]["township_max"] > 0
    assert [e["kind"] for e in page["events"]] == ["created", "assessed"]


def test_offices_put_the_readers_county_first(deps):
    assert views.offices(deps, TOWNSHIP)[0]["county_code"] == "411024"


def test_the_log_and_the_lists_name_staff_by_their_display_name(deps, fire):
    """Issue #15 item 2: the log showed the login (malan) as the actor and 「分派给 malan」."""
    from bot.domain.casework import Role
    from bot.services import accounts, casework

    accounts.create_staff(deps, "malan", "张经办", Role.TOWNSHIP, "views-pass-2026", "411024", "马栏镇")
    casework.act(deps, TOWNSHIP, fire, "accept", {})
    casework.act(deps, TOWNSHIP, fire, "assign", {"assignee": "malan"})
    page = views.case_page(deps, TOWNSHIP, fire)
    assign = page["events"][-1]
    assert (assign["actor_name"], assign["text"]) == ("张经办", "分派给 张经办")
    assert page["assignee_name"] == "张经办" and page["events"][0]["actor_name"] is None   # the resident's own event
    assert views.inbox(deps, TOWNSHIP)["cases"][0]["assignee_name"] == "张经办"
