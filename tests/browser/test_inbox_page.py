"""The inbox in real headless Chromium (issue #15, assignment): 我的 / 未分配 / 全部, the applicant's
name masked, a one-line summary, the assignee by display name and the deadline that applies (for
先行救助 the paperwork's). Before, the page had none of these though the API offered them."""
from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from tests.browser.test_desk_pages import Api, _wait, desk, log_in, new_case, wide  # noqa: F401  (fixtures)


def rows(browser) -> dict[str, str]:
    """The rows as one snapshot (the table is replaced when a filter changes)."""
    return browser.execute_script("""return Object.fromEntries([...document.querySelectorAll("#cases tbody tr")]
                                     .map((tr) => [tr.getAttribute("data-case"), tr.innerText]));""")


def test_the_inbox_shows_mine_and_unassigned_with_applicant_summary_assignee_and_deadline(wide, desk):
    browser, (server, url) = wide, desk
    api = Api(server, "malan")
    mine, other = new_case(url, applicant_name="王小明"), new_case(url, applicant_name="李四")
    api.act(mine, "accept")
    api.act(mine, "assign", assignee="malan")
    api.act(mine, "approve", amount=800, form="cash", reason="火灾先行救助")
    paperwork = api.case(mine)["paperwork_due"]
    log_in(browser, server, "malan", "/desk/")
    _wait(browser, lambda d: {mine, other} <= set(rows(d)))
    shown = rows(browser)
    assert "王*明" in shown[mine] and "火灾，4口之家，马栏镇" in shown[mine] and "马栏镇经办人" in shown[mine], shown[mine]
    assert paperwork and paperwork in shown[mine] and "未分配" in shown[other] and "李*" in shown[other]
    Select(browser.find_element(By.ID, "view")).select_by_value("mine")
    _wait(browser, lambda d: mine in rows(d) and other not in rows(d))
    Select(browser.find_element(By.ID, "view")).select_by_value("unassigned")
    _wait(browser, lambda d: other in rows(d) and mine not in rows(d))
    _wait(browser, EC.text_to_be_present_in_element((By.ID, "count"), "共"))
