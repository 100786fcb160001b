"""Issue #19 part 2, the township's page: the monthly comparison's early-warning rows (信息比对预警)
in real headless Chromium, in plain Chinese, each closed with a note that then shows who closed it;
an empty note is refused on the page; the page works at 390 px with readable text and labelled fields."""
from __future__ import annotations

import re
from datetime import date

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from bot.domain.casework import Role, Staff
from bot.services import rosters
from bot.services.bootstrap import bootstrap
from tests.browser.test_desk_pages import CONTRAST, SIDEWAYS, SPY, UNLABELLED, _metrics, _wait, desk, log_in, new_case, sent  # noqa: F401

LIFTED = "411024198503150014"
ROW = "//table[@id='warnings']//tr[@data-case='{}'][@data-kind='{}']"


def test_a_township_works_through_its_warnings_and_closes_each_with_a_note(browser, desk):  # noqa: F811
    server, url = desk
    county = Staff("yanling", "鄢陵县民政局", Role.COUNTY, "411024")
    roster = f"姓名,身份证号,脱贫状态\n王小明,{LIFTED},已脱贫\n".encode("gb18030")
    rosters.import_roster(bootstrap(url), county, "jiandang", "脱贫户.csv", roster, date(2026, 11, 30))
    first = new_case(url, priority_group="jiandang", id_number=LIFTED)
    second = new_case(url, priority_group="jiandang", id_number=LIFTED)
    browser.set_window_size(1280, 900)
    log_in(browser, server, "malan", "/desk/warnings")
    row = _wait(browser, EC.presence_of_element_located((By.XPATH, ROW.format(first, "roster_new_case"))))
    assert "已脱贫或监测户新申请临时救助（返贫风险）" in row.text and "马栏镇" in row.text and "建档立卡" in row.text
    assert browser.find_elements(By.XPATH, ROW.format(second, "repeated"))
    table = browser.find_element(By.ID, "warnings").text
    assert not re.search(r"[a-z_]{4,}|null|undefined", table), table        # labels, never codes
    assert "共 4 条预警，未处理 4 条" in browser.find_element(By.ID, "count").text
    browser.execute_script(SPY)
    row.find_element(By.TAG_NAME, "button").click()                          # no note: refused on the page
    _wait(browser, EC.text_to_be_present_in_element((By.ID, "message"), "请写明处理情况"))
    assert sent(browser, "/close") == []
    row.find_element(By.TAG_NAME, "textarea").send_keys("已入户核实，纳入防返贫监测")
    row.find_element(By.TAG_NAME, "button").click()
    _wait(browser, EC.text_to_be_present_in_element((By.ID, "message"), f"已处理：{first}"))
    _wait(browser, EC.text_to_be_present_in_element((By.ID, "count"), "未处理 3 条"))
    assert not browser.find_elements(By.XPATH, ROW.format(first, "roster_new_case"))   # the open rows only
    Select(browser.find_element(By.ID, "show")).select_by_value("all")
    browser.find_element(By.CSS_SELECTOR, "#month button[type=submit]").click()
    done = _wait(browser, EC.presence_of_element_located((By.XPATH, ROW.format(first, "roster_new_case"))))
    assert "已处理" in done.text and "已入户核实，纳入防返贫监测" in done.text and "马栏镇经办人" in done.text
    problems = []
    try:
        for width in (1280, 390):
            _metrics(browser, width)
            if browser.execute_script(SIDEWAYS) > 0:
                problems.append(f"scrolls sideways at {width} px")
            problems += [f"contrast at {width} px: {bad}" for bad in browser.execute_script(CONTRAST)]
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    problems += [f"field without a label {field}" for field in browser.execute_script(UNLABELLED)]
    assert not problems, "\n".join(problems)
