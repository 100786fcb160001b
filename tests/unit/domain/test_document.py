"""Documents on a case (bot/domain/document): the format read from the bytes, the size limit, the
needed documents per cause as 已收到 / 仍缺, deletion with a reason."""
from __future__ import annotations

from datetime import datetime

import pytest

from bot.domain.casework import Refusal
from bot.domain.document import (Document, DocumentKind, FileFormat, check_upload, checklist, clean_file_name,
                                 required_documents, size_text, sniff)

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 32
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
ALL = tuple(FileFormat)


def test_the_format_comes_from_the_bytes_not_the_name():
    assert (sniff(PNG), sniff(JPEG), sniff(PDF)) == (FileFormat.PNG, FileFormat.JPEG, FileFormat.PDF)
    assert sniff(b"MZ\x90\x00 a program renamed to photo.jpg") is None
    assert sniff(b"PK\x03\x04 a Word file") is None
    with pytest.raises(Refusal) as refused:
        check_upload("hukou", b"MZ\x90\x00", 1024, ALL)
    assert refused.value.code == "bad_type" and "JPG 图片、PNG 图片、PDF 文件" in refused.value.message


def test_a_format_the_settings_leave_out_is_refused():
    with pytest.raises(Refusal) as refused:
        check_upload("hukou", PDF, 1024, (FileFormat.JPEG, FileFormat.PNG))
    assert refused.value.code == "bad_type" and "PDF" not in refused.value.message


def test_a_file_too_large_or_empty_is_refused_with_the_limit():
    with pytest.raises(Refusal) as refused:
        check_upload("diagnosis", PNG + b"\0" * 3 * 1024 * 1024, 2 * 1024 * 1024, ALL)
    assert refused.value.code == "too_large" and "3 MB" in refused.value.message and "最大 2 MB" in refused.value.message
    with pytest.raises(Refusal) as refused:
        check_upload("diagnosis", b"", 1024, ALL)
    assert refused.value.code == "bad_file"
    with pytest.raises(Refusal):
        check_upload("passport", PNG, 1024, ALL)
    assert check_upload("diagnosis", PNG, 1024, ALL) == (DocumentKind.DIAGNOSIS, FileFormat.PNG)
    assert size_text(1536) == "2 KB" and size_text(10 * 1024 * 1024) == "10 MB"


def test_each_cause_asks_for_its_documents_and_first_aid_for_its_paperwork():
    assert required_documents("fire") == [DocumentKind.ID_CARD, DocumentKind.HUKOU, DocumentKind.FIRE_PROOF, DocumentKind.PHOTOS]
    assert DocumentKind.DIAGNOSIS in required_documents("medical_cost") and DocumentKind.INVOICE in required_documents("medical_cost")
    assert required_documents("no-such-cause")[-1] == DocumentKind.HARDSHIP_PROOF
    assert required_documents("fire", first_aid=True)[-1] == DocumentKind.PAPERWORK
    assert DocumentKind.PAPERWORK not in required_documents("fire", first_aid=True, paperwork_done=True)


def _doc(doc_id: int, kind: str, deleted: bool = False) -> Document:
    doc = Document(1, kind, "a.png", "image/png", 10, "malan", id=doc_id)
    if deleted:
        doc.delete("malan", "拍错了", datetime(2026, 12, 3))
    return doc


def test_the_checklist_says_received_or_missing_and_ignores_deleted_documents():
    rows = checklist(required_documents("fire"), [_doc(1, "hukou"), _doc(2, "fire_proof", deleted=True), _doc(3, "invoice")])
    by_kind = {r["kind"]: r for r in rows}
    assert by_kind["hukou"]["status_label"] == "已收到" and by_kind["hukou"]["documents"] == [1]
    assert by_kind["fire_proof"]["status_label"] == "仍缺" and by_kind["id_card"]["received"] is False
    assert by_kind["invoice"]["required"] is False and by_kind["invoice"]["received"] is True   # extra, listed after


def test_a_document_is_deleted_only_with_a_reason_and_once():
    doc = _doc(1, "hukou")
    with pytest.raises(Refusal):
        doc.delete("malan", "  ", datetime(2026, 12, 3))
    doc.delete("malan", "上传错了案件", datetime(2026, 12, 3))
    assert doc.deleted and doc.delete_reason == "上传错了案件"
    with pytest.raises(Refusal):
        doc.delete("malan", "again", datetime(2026, 12, 3))


def test_the_shown_name_has_no_folder_and_the_right_extension():
    assert clean_file_name("C:\\Users\\x\\户口本.exe", FileFormat.PNG) == "户口本.png"
    assert clean_file_name("", FileFormat.JPEG) == "材料.jpg"
