"""The desk in real headless Chromium: a case made through the assistant is found, read, approved,
paid and exported by a township caseworker; no log holds the resident's full numbers."""
from __future__ import annotations

import re
from datetime import date

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from bot.domain.casework import Role
from bot.services import accounts
from bot.services.bootstrap import bootstrap, unit_of_work
from tests.integration.servers import SQLITE_TRACKER, DeskServer, Servers

PHONE, ID_NUMBER = "13812345678", "411024198503150014"


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{workdir / 'cases.sqlite3'}"
    assistant = Servers(workdir, url, SQLITE_TRACKER)
    try:
        replies = [assistant.say("browser-fire", m) for m in (
            "我家昨晚着火了，房子烧没了，一家四口现在没地方住", "鄢陵县马栏镇", "一样", "我叫王小明", PHONE, ID_NUMBER, "都不是", "对")]
    finally:
        assistant.stop()
    number = re.search(r"LS\d+", " ".join(replies[-1])).group(0)
    accounts.create_staff(bootstrap(url), "malan", "马栏镇经办人", Role.TOWNSHIP, "browser-pass-2026", "411024", "马栏镇")
    accounts.create_staff(bootstrap(url), "operator", "接线员小张", Role.OPERATOR, "browser-pass-2026")
    desk = DeskServer(workdir, url)
    yield desk, number, assistant
    desk.stop()


def _wait(driver, condition, seconds: int = 20):
    return WebDriverWait(driver, seconds).until(condition)


def _act(driver, action: str, **fields) -> None:
    form = driver.find_element(By.CSS_SELECTOR, f"form[data-action='{action}']")
    for name, value in fields.items():
        field = form.find_element(By.NAME, name)
        if field.tag_name == "select":
            Select(field).select_by_value(value)
        else:
            field.send_keys(value)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    _wait(driver, EC.text_to_be_present_in_element((By.ID, "message"), "已"))


def _log_in(browser, desk, username: str, page: str = "/desk/") -> None:
    browser.delete_all_cookies()
    browser.get(desk.url + page)
    _wait(browser, EC.url_contains("/desk/login"))
    browser.find_element(By.ID, "username").send_keys(username)
    browser.find_element(By.ID, "password").send_keys("browser-pass-2026")
    browser.find_element(By.ID, "submit").click()
    _wait(browser, EC.url_to_be(desk.url + "/desk/"))
    _wait(browser, EC.text_to_be_present_in_element((By.ID, "who"), "（"))


def test_a_caseworker_approves_pays_and_exports_a_case_made_through_the_assistant(browser, stack):
    desk, number, assistant = stack
    browser.get(desk.url + "/desk/")
    _wait(browser, EC.url_contains("/desk/login"))
    browser.find_element(By.ID, "username").send_keys("malan")
    browser.find_element(By.ID, "password").send_keys("wrong-password")
    browser.find_element(By.ID, "submit").click()
    _wait(browser, EC.text_to_be_present_in_element((By.ID, "message"), "用户名或密码不正确"))
    browser.find_element(By.ID, "password").clear()
    browser.find_element(By.ID, "password").send_keys("browser-pass-2026")
    browser.find_element(By.ID, "submit").click()

    # Inbox: the case is there, searchable by the resident's phone.
    before = _wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, f"tr[data-case='{number}']")))
    browser.find_element(By.ID, "q").send_keys(PHONE)
    browser.find_element(By.CSS_SELECTOR, "#filters button").click()
    _wait(browser, EC.staleness_of(before))                      # the search's answer replaced the list
    _wait(browser, EC.text_to_be_present_in_element((By.ID, "count"), "共 1 件"))
    browser.find_element(By.LINK_TEXT, number).click()

    # Case page: pre-filled, numbers masked, sources and rule ids shown.
    _wait(browser, EC.text_to_be_present_in_element((By.ID, "title"), number))
    page = browser.find_element(By.TAG_NAME, "main").text
    assert "火灾" in page and "马栏镇" in page and "138****5678" in page and PHONE not in page
    assert "XC-2.2.1" in page and "我家昨晚着火了" in page
    fact_row = browser.find_element(By.XPATH, "//table[@id='facts']//tr[td[1][text()='困难情况']]")
    assert "着火" in fact_row.get_attribute("title")
    fact_row.click()
    assert browser.find_elements(By.CSS_SELECTOR, "#transcript mark.hl")

    # Act: accept, approve 先行救助 within the township's level, pay in cash.
    _act(browser, "accept")
    _wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "form[data-action='approve']")))
    _act(browser, "approve", amount="1000", form="cash", reason="火灾先行救助")
    _wait(browser, EC.text_to_be_present_in_element((By.ID, "status"), "已审批"))
    _act(browser, "pay", amount="1000", form="cash")
    _wait(browser, EC.text_to_be_present_in_element((By.ID, "status"), "救助已发放"))

    # Money: the monthly payment table lists the payment; its CSV download carries it too.
    browser.get(desk.url + "/desk/money")
    _wait(browser, EC.text_to_be_present_in_element((By.ID, "payments"), number))
    csv_url = browser.find_element(By.ID, "csv").get_attribute("href")
    text = browser.execute_async_script(
        "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done);", csv_url)
    assert number in text and "1000.0" in text and PHONE not in text
    assert f"year={date.today().year}" in csv_url

    # No log of any process holds the full phone or ID number (the search put the phone in a URL).
    for log in (desk.log, assistant.action_log, assistant.rasa_log):
        content = log.read_text(errors="replace")
        assert PHONE not in content and ID_NUMBER not in content, log.name
    assert "138****5678" in desk.log.read_text(errors="replace")


def test_an_operator_takes_a_call_corrects_a_fact_and_the_case_reaches_the_township(browser, stack):
    desk, _, _ = stack
    _log_in(browser, desk, "operator")
    browser.get(desk.url + "/console")
    _wait(browser, EC.presence_of_element_located((By.ID, "text")))
    lines = ("来电人说，昨天夜里家里着火了，在鄢陵县马栏镇，户口也在马栏镇，一家五口", "我叫赵六", "13712340000")
    for said, line in enumerate(lines, 1):
        browser.find_element(By.ID, "text").send_keys(line)
        browser.find_element(By.ID, "caller-said").click()
        _wait(browser, lambda driver, n=said: len(driver.find_elements(By.CSS_SELECTOR, "#transcript p")) == n)
    page = browser.find_element(By.TAG_NAME, "main").text
    assert "急难型" in page and "火灾" in page and "XC-2.1.1" in page and "137****0000" in page
    question = browser.find_element(By.ID, "next-question").text
    assert "身份证" in question                                # the next missing fact, in plain Chinese
    browser.refresh()                                          # the call survives a reload
    _wait(browser, EC.text_to_be_present_in_element((By.ID, "transcript"), "我叫赵六"))
    size = browser.find_element(By.CSS_SELECTOR, "input[data-fact='household_size']")
    size.clear()
    size.send_keys("6")
    browser.find_element(By.CSS_SELECTOR, "button[data-save='household_size']").click()
    _wait(browser, EC.text_to_be_present_in_element((By.ID, "message"), "已修改"))
    browser.find_element(By.ID, "create-case").click()
    _wait(browser, EC.text_to_be_present_in_element((By.ID, "case-result"), "已生成案件"))
    number = re.search(r"LS\d+", browser.find_element(By.ID, "case-result").text).group(0)

    _log_in(browser, desk, "malan")
    _wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, f"tr[data-case='{number}']")))
    browser.get(desk.url + f"/desk/case?n={number}")
    _wait(browser, EC.text_to_be_present_in_element((By.ID, "title"), number))
    page = browser.find_element(By.TAG_NAME, "main").text
    assert "赵六" in page and "家庭人口：6" in page and "接线员小张" in page and "接线员修改" in page
    assert "operator" not in page                              # staff by display name, not login (#15 item 2)
