"""Documents on a case over real HTTP, on SQLite and PostgreSQL (issue #15, 材料): an upload is
checked by its bytes and size with a Chinese message, stored encrypted, shown inline to those who
may see the case only, deleted with a reason; each upload, look and deletion is in the case's log
under the caseworker's display name."""
from __future__ import annotations

from urllib.parse import quote

import pytest
import requests
from sqlalchemy import text

from bot.services.bootstrap import unit_of_work
from tests.integration.servers import DeskServer
from tests.integration.test_desk_api import PASSWORD, STAFF, accounts, bootstrap, new_case

PNG = b"\x89PNG\r\n\x1a\n" + b"\0\0\0\rIHDR" + b"\0" * 64
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(scope="module")
def desk(module_database_url, tmp_path_factory):
    url = module_database_url
    for username, (role, county, township) in STAFF.items():
        accounts.create_staff(bootstrap(url), username, f"测试{username}", role, PASSWORD, county, township)
    server = DeskServer(tmp_path_factory.mktemp("documents"), url, {"DOCUMENT_MAX_MB": "1", "REFERRAL_WORKER_IN_WEB": "0"})
    yield server, url
    server.stop()


def session(desk, username: str) -> requests.Session:
    server, _ = desk
    answer = requests.post(server.url + "/api/login", json={"username": username, "password": PASSWORD, "kind": "token"}, timeout=30)
    assert answer.status_code == 200, answer.text
    s = requests.Session()
    s.headers["Authorization"] = "Bearer " + answer.json()["token"]
    return s


def upload(desk, who: requests.Session, number: str, kind: str, name: str, content: bytes) -> requests.Response:
    server, _ = desk
    return who.post(f"{server.url}/api/cases/{number}/documents", params={"kind": kind}, data=content, timeout=30,
                    headers={"X-Filename": quote(name), "Content-Type": "application/octet-stream"})


def test_upload_look_and_delete_are_logged_and_listed_against_the_missing_list(desk):
    server, url = desk
    number, malan = new_case(desk), session(desk, "malan")
    png = upload(desk, malan, number, "hukou", "户口本.png", PNG)
    pdf = upload(desk, malan, number, "fire_proof", "火灾证明.pdf", PDF)
    assert png.status_code == 200 and pdf.status_code == 200, (png.text, pdf.text)
    shown = malan.get(f"{server.url}/api/cases/{number}/documents/{pdf.json()['id']}", timeout=30)
    assert shown.status_code == 200 and shown.content == PDF and shown.headers["content-type"] == "application/pdf"
    assert shown.headers["content-disposition"].startswith("inline") and shown.headers["x-content-type-options"] == "nosniff"
    gone = malan.delete(f"{server.url}/api/cases/{number}/documents/{png.json()['id']}", json={"reason": "拍得不清楚"}, timeout=30)
    assert gone.status_code == 200 and gone.json()["deleted"]
    assert malan.get(f"{server.url}/api/cases/{number}/documents/{png.json()['id']}", timeout=30).status_code == 409
    page = malan.get(f"{server.url}/api/cases/{number}", timeout=30).json()
    rows = {r["kind"]: r["status_label"] for r in page["documents_checklist"]}
    assert {k: rows[k] for k in ("id_card", "hukou", "fire_proof", "photos")} == {"id_card": "仍缺", "hukou": "仍缺", "fire_proof": "已收到", "photos": "仍缺"}
    log = [(e["kind"], e["actor_name"], e["text"]) for e in page["events"] if e["kind"].startswith("document_")]
    assert log == [("document_added", "测试malan", "上传材料：户口本（户口本.png，1 KB）"),
                   ("document_added", "测试malan", "上传材料：火灾证明（消防部门或村（居）委会出具）（火灾证明.pdf，1 KB）"),
                   ("document_viewed", "测试malan", "查看材料：火灾证明（消防部门或村（居）委会出具）（火灾证明.pdf）"),
                   ("document_deleted", "测试malan", "删除材料：户口本（户口本.png），理由：拍得不清楚")]
    assert page["documents"][1]["uploaded_by_name"] == "测试malan"
    with unit_of_work(url) as uow:   # encrypted at rest: neither the bytes nor the name in clear
        stored = uow.session.execute(text("SELECT file_name, content FROM case_documents ORDER BY id")).all()
    assert all(name.startswith("gAAAAA") for name, _ in stored) and stored[0][1] is None
    assert stored[1][1].startswith("gAAAAA") and "%PDF" not in stored[1][1]   # "%" is no base64 letter: "PDF" alone turned up in a ciphertext by chance


def test_a_wrong_type_or_a_file_too_large_is_refused_in_chinese(desk):
    server, _ = desk
    number, malan = new_case(desk), session(desk, "malan")
    renamed = upload(desk, malan, number, "diagnosis", "诊断书.jpg", b"MZ\x90\x00\x03 a program named .jpg")
    assert renamed.status_code == 422 and renamed.json()["error"] == "bad_type" and "只能上传" in renamed.json()["message"]
    big = upload(desk, malan, number, "diagnosis", "big.png", PNG + b"\0" * (1024 * 1024 + 10))
    assert big.status_code == 413 and "文件太大" in big.json()["message"] and "最大 1 MB" in big.json()["message"]
    huge = upload(desk, malan, number, "diagnosis", "huge.png", PNG + b"\0" * (3 * 1024 * 1024))
    assert huge.status_code == 413 and "请求内容太大" in huge.json()["message"]
    unknown = upload(desk, malan, number, "passport", "a.png", PNG)
    assert unknown.status_code == 422 and unknown.json()["error"] == "bad_kind"
    page = malan.get(f"{server.url}/api/cases/{number}", timeout=30).json()
    assert page["documents"] == [] and not [e for e in page["events"] if e["kind"].startswith("document_")]


def test_another_townships_caseworker_and_an_operator_are_refused(desk):
    server, _ = desk
    number, malan = new_case(desk), session(desk, "malan")
    doc = upload(desk, malan, number, "hukou", "a.png", PNG).json()["id"]
    boliang, yuzhou, operator, admin = (session(desk, u) for u in ("boliang", "yuzhou", "operator", "admin"))
    for other in (boliang, yuzhou):
        assert upload(desk, other, number, "hukou", "a.png", PNG).status_code == 404
        assert other.get(f"{server.url}/api/cases/{number}/documents/{doc}", timeout=30).status_code == 404
        assert other.delete(f"{server.url}/api/cases/{number}/documents/{doc}", json={"reason": "x"}, timeout=30).status_code == 404
    assert upload(desk, operator, number, "hukou", "a.png", PNG).status_code == 409          # an operator uploads nothing
    assert admin.get(f"{server.url}/api/cases/{number}/documents/{doc}", timeout=30).status_code == 403
    yanling = session(desk, "yanling")                                                      # the county sees its townships
    assert yanling.get(f"{server.url}/api/cases/{number}/documents/{doc}", timeout=30).content == PNG
    kinds = [e["kind"] for e in malan.get(f"{server.url}/api/cases/{number}", timeout=30).json()["events"]]
    assert kinds.count("document_viewed") == 1
