"""Documents on a case (bot/services/documents) on the fake unit of work: who may upload, look and
delete, each in the case's log; the case page lists them against the needed documents."""
from __future__ import annotations

import pytest

from bot.domain.casework import Refusal
from bot.services import documents, views
from bot.services.errors import Forbidden, NotFound
from tests.fakes import fake_deps
from tests.unit.domain.test_document import PDF, PNG
from tests.unit.services.conftest import ADMIN, COUNTY, OPERATOR, OTHER_TOWNSHIP, TOWNSHIP


def _log(deps, number):
    return [(e["kind"], e["actor"], e["text"]) for e in views.case_page(deps, TOWNSHIP, number)["events"]][2:]


def test_an_upload_is_listed_against_the_missing_documents_and_logged(deps, fire):
    added = documents.upload(deps, TOWNSHIP, fire, "hukou", "户口本.png", PNG)
    assert added["media_type"] == "image/png" and added["is_image"] and added["file_name"] == "户口本.png"
    page = views.case_page(deps, COUNTY, fire)
    rows = {r["kind"]: r["status_label"] for r in page["documents_checklist"]}
    assert rows["hukou"] == "已收到" and rows["id_card"] == "仍缺" and rows["fire_proof"] == "仍缺"
    assert "户口本" not in page["documents_missing"] and "申请人身份证" in page["documents_missing"]
    assert page["documents"][0]["kind_label"] == "户口本" and "data" not in page["documents"][0]
    assert _log(deps, fire) == [("document_added", "malan", "上传材料：户口本（户口本.png，1 KB）")]


def test_a_look_returns_the_bytes_and_is_logged(deps, fire):
    doc = documents.upload(deps, TOWNSHIP, fire, "diagnosis", "诊断书.pdf", PDF)
    shown = documents.content(deps, COUNTY, fire, doc["id"])
    assert (shown.media_type, shown.data) == ("application/pdf", PDF)
    assert _log(deps, fire)[-1] == ("document_viewed", "yanling", "查看材料：医院诊断证明（诊断书）（诊断书.pdf）")


def test_another_township_an_operator_and_an_administrator_are_refused(deps, fire):
    doc = documents.upload(deps, TOWNSHIP, fire, "hukou", "a.png", PNG)
    with pytest.raises(NotFound):
        documents.upload(deps, OTHER_TOWNSHIP, fire, "hukou", "a.png", PNG)
    with pytest.raises(NotFound):
        documents.content(deps, OTHER_TOWNSHIP, fire, doc["id"])
    with pytest.raises(Refusal):
        documents.upload(deps, OPERATOR, fire, "hukou", "a.png", PNG)
    with pytest.raises(Forbidden):
        documents.content(deps, ADMIN, fire, doc["id"])
    with pytest.raises(NotFound):
        documents.content(deps, TOWNSHIP, fire, doc["id"] + 1000)
    assert [k for k, *_ in _log(deps, fire)] == ["document_added"]


def test_a_wrong_file_is_refused_before_anything_is_stored(deps, store, fire):
    with pytest.raises(Refusal) as refused:
        documents.upload(deps, TOWNSHIP, fire, "hukou", "photo.jpg", b"MZ\x90\x00not an image")
    assert refused.value.code == "bad_type" and store.documents == {}
    small, _ = fake_deps(DOCUMENT_MAX_MB="0.001")
    from bot.services.cases import submit_case
    from tests.factories import submission

    other = submit_case(small, submission()).case_number
    with pytest.raises(Refusal) as refused:
        documents.upload(small, TOWNSHIP, other, "hukou", "big.png", PNG + b"\0" * 2048)
    assert refused.value.code == "too_large" and "最大 1 KB" in refused.value.message


def test_a_deletion_needs_a_reason_erases_the_content_and_keeps_the_log(deps, store, fire):
    doc = documents.upload(deps, TOWNSHIP, fire, "hukou", "a.png", PNG)
    with pytest.raises(Refusal):
        documents.delete(deps, TOWNSHIP, fire, doc["id"], "")
    with pytest.raises(Refusal):
        documents.delete(deps, OPERATOR, fire, doc["id"], "拍错了")
    documents.delete(deps, COUNTY, fire, doc["id"], "拍错了")
    assert store.documents[doc["id"]][1] is None
    with pytest.raises(Refusal):
        documents.content(deps, TOWNSHIP, fire, doc["id"])
    page = views.case_page(deps, TOWNSHIP, fire)
    assert page["documents"][0]["deleted"] and page["documents"][0]["delete_reason"] == "拍错了"
    assert {r["kind"]: r["status_label"] for r in page["documents_checklist"]}["hukou"] == "仍缺"
    assert _log(deps, fire)[-1] == ("document_deleted", "yanling", "删除材料：户口本（a.png），理由：拍错了")
