"""Documents on the case page in real headless Chromium (issue #15, 材料): a caseworker uploads a small
PNG and a PDF, sees each against the needed documents (已收到 / 仍缺), opens the photo inline and the
PDF in a new tab, is told in Chinese when a file is not an image or PDF, deletes one with a reason;
the log names them by their display name."""
from __future__ import annotations

import io

from PIL import Image
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from tests.browser.test_desk_pages import Api, _wait, desk, new_case, open_case, wide  # noqa: F401  (fixtures)

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (200, 60, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def row_of(browser, kind: str) -> str:
    return browser.find_element(By.CSS_SELECTOR, f"#checklist li[data-kind='{kind}']").text


def choose(browser, kind: str, path) -> None:
    Select(browser.find_element(By.ID, "document-kind")).select_by_value(kind)
    browser.find_element(By.ID, "document-file").send_keys(str(path))
    browser.find_element(By.CSS_SELECTOR, "#upload button[type=submit]").click()


def test_a_caseworker_uploads_a_photo_and_a_pdf_and_sees_them_against_the_missing_list(wide, desk, tmp_path):
    browser, (server, url) = wide, desk
    number = new_case(url)
    Api(server, "malan").act(number, "accept")
    (tmp_path / "户口本.png").write_bytes(png())
    (tmp_path / "火灾证明.pdf").write_bytes(PDF)
    (tmp_path / "诊断书.png").write_bytes(b"This is a text file, not a photo.")
    open_case(browser, server, number)
    _wait(browser, EC.presence_of_element_located((By.ID, "checklist")))
    assert "仍缺" in row_of(browser, "hukou") and "仍缺" in row_of(browser, "fire_proof")

    choose(browser, "hukou", tmp_path / "户口本.png")
    _wait(browser, EC.text_to_be_present_in_element((By.ID, "message"), "已上传：户口本（户口本.png）"))
    _wait(browser, lambda d: "已收到" in row_of(d, "hukou"))
    choose(browser, "fire_proof", tmp_path / "火灾证明.pdf")
    _wait(browser, lambda d: "已收到" in row_of(d, "fire_proof") and "火灾证明.pdf" in row_of(d, "fire_proof"))
    assert "仍缺" in row_of(browser, "id_card")

    choose(browser, "diagnosis", tmp_path / "诊断书.png")          # the name says PNG, the content does not
    _wait(browser, EC.text_to_be_present_in_element((By.ID, "message"), "只能上传"))
    assert len(browser.find_elements(By.CSS_SELECTOR, "#document-list li.document")) == 2

    photo = browser.find_element(By.XPATH, "//li[contains(@class,'document')][contains(., '户口本.png')]")
    photo.find_element(By.CSS_SELECTOR, "button.show").click()
    image = _wait(browser, lambda d: photo.find_element(By.CSS_SELECTOR, ".preview img"))
    _wait(browser, lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image) == 120)
    pdf = browser.find_element(By.XPATH, "//li[contains(@class,'document')][contains(., '火灾证明.pdf')]//a[@class='show']")
    assert pdf.get_attribute("target") == "_blank" and "noopener" in pdf.get_attribute("rel")
    kind = browser.execute_async_script("const done = arguments[1]; fetch(arguments[0]).then((r) => done(r.headers.get('content-type')));",
                                        pdf.get_attribute("href"))
    assert kind == "application/pdf"

    form = photo.find_element(By.CSS_SELECTOR, "form.delete")
    form.find_element(By.CSS_SELECTOR, "button").click()                # no reason: refused on the page
    _wait(browser, EC.text_to_be_present_in_element((By.ID, "message"), "须写明理由"))
    form.find_element(By.NAME, "reason").send_keys("拍错了")
    form.find_element(By.CSS_SELECTOR, "button").click()
    _wait(browser, EC.text_to_be_present_in_element((By.ID, "message"), "已删除材料"))
    _wait(browser, lambda d: "仍缺" in row_of(d, "hukou"))
    assert "理由：拍错了" in browser.find_element(By.CSS_SELECTOR, "#document-list li.deleted").text

    log = [(tr.find_element(By.CSS_SELECTOR, "td:nth-child(2)").text, tr.find_element(By.CSS_SELECTOR, "td:nth-child(4)").text)
           for tr in browser.find_elements(By.CSS_SELECTOR, "#events tbody tr")]
    documents = [line for line in log if "材料" in line[1]]
    assert [text.split("：")[0] for _, text in documents] == ["上传材料", "上传材料", "查看材料", "查看材料", "删除材料"], documents
    assert {who for who, _ in documents} == {"马栏镇经办人"}, documents
