"""Documents on a case (材料): photos and PDFs of 身份证, 户口本, 火灾证明, 诊断书, 发票 … that a
caseworker attaches, what each cause asks a household to bring, and the check that a file is what
it claims to be. Pure: the file's kind is read from its first bytes (magic numbers), never from its
name; the limits (size, formats) come from settings through the service.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Iterable

from bot.domain.casework import Refusal
from bot.domain.model import Cause


# What each event about a document is called in the case's log.
DOCUMENT_EVENTS = {"document_added": "上传材料", "document_viewed": "查看材料", "document_deleted": "删除材料"}


class DocumentKind(str, Enum):
    """What a document proves (the items of the missing-documents list)."""

    ID_CARD = "id_card"
    HUKOU = "hukou"
    FIRE_PROOF = "fire_proof"
    ACCIDENT_REPORT = "accident_report"
    DISASTER_PROOF = "disaster_proof"
    DIAGNOSIS = "diagnosis"
    INVOICE = "invoice"
    INSURANCE_SETTLEMENT = "insurance_settlement"
    DEATH_CERTIFICATE = "death_certificate"
    ACCOUNT = "account"
    PHOTOS = "photos"
    IDENTITY_ANY = "identity_any"
    SCHOOL_PROOF = "school_proof"
    INCOME_PROOF = "income_proof"
    HOUSING_PROOF = "housing_proof"
    HARDSHIP_PROOF = "hardship_proof"
    PAPERWORK = "paperwork"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    DocumentKind.ID_CARD: "申请人身份证",
    DocumentKind.HUKOU: "户口本",
    DocumentKind.FIRE_PROOF: "火灾证明（消防部门或村（居）委会出具）",
    DocumentKind.ACCIDENT_REPORT: "交通事故认定书",
    DocumentKind.DISASTER_PROOF: "村（居）委会出具的受灾情况证明",
    DocumentKind.DIAGNOSIS: "医院诊断证明（诊断书）",
    DocumentKind.INVOICE: "费用票据（发票）",
    DocumentKind.INSURANCE_SETTLEMENT: "医保报销结算单",
    DocumentKind.DEATH_CERTIFICATE: "死亡证明",
    DocumentKind.ACCOUNT: "事情经过的说明",
    DocumentKind.PHOTOS: "现场或损失情况的照片",
    DocumentKind.IDENTITY_ANY: "能证明身份的材料",
    DocumentKind.SCHOOL_PROOF: "录取通知书或在读证明、学校的收费证明",
    DocumentKind.INCOME_PROOF: "失业、停工或收入减少的证明",
    DocumentKind.HOUSING_PROOF: "住房情况证明（危房鉴定或村（居）委会证明）",
    DocumentKind.HARDSHIP_PROOF: "能说明困难情况的材料",
    DocumentKind.PAPERWORK: "先行救助后须补齐的审核审批手续",
    DocumentKind.OTHER: "其他材料",
}

K = DocumentKind
# What each cause asks a household to bring besides 身份证 and 户口本: the items of Cause.documents
# (bot.domain.model), which is the same list in the words told to residents.
CAUSE_DOCUMENTS: dict[Cause, tuple[DocumentKind, ...]] = {
    Cause.FIRE: (K.FIRE_PROOF, K.PHOTOS),
    Cause.TRAFFIC_ACCIDENT: (K.ACCIDENT_REPORT, K.DIAGNOSIS, K.INVOICE),
    Cause.NATURAL_DISASTER: (K.DISASTER_PROOF, K.PHOTOS),
    Cause.SUDDEN_ILLNESS: (K.DIAGNOSIS, K.INVOICE),
    Cause.ACCIDENT_INJURY: (K.DIAGNOSIS, K.INVOICE, K.ACCOUNT),
    Cause.DEATH: (K.DEATH_CERTIFICATE, K.INVOICE),
    Cause.STRANDED: (K.IDENTITY_ANY,),
    Cause.MEDICAL_COST: (K.DIAGNOSIS, K.INVOICE, K.INSURANCE_SETTLEMENT),
    Cause.EDUCATION_COST: (K.SCHOOL_PROOF,),
    Cause.INCOME_LOSS: (K.INCOME_PROOF,),
    Cause.HOUSING: (K.HOUSING_PROOF, K.PHOTOS),
    Cause.OTHER: (K.HARDSHIP_PROOF,),
}


def required_documents(cause: str | None, first_aid: bool = False, paperwork_done: bool = False) -> list[DocumentKind]:
    """The documents a case needs: 身份证 and 户口本 (a stranded person may bring any proof of who
    they are), those of its cause, and the paperwork a 先行救助 case owes."""
    try:
        chosen = Cause(cause)
    except ValueError:
        chosen = Cause.OTHER
    kinds = ([] if chosen == Cause.STRANDED else [K.ID_CARD, K.HUKOU]) + list(CAUSE_DOCUMENTS[chosen])
    if first_aid and not paperwork_done:
        kinds.append(K.PAPERWORK)
    return kinds


class FileFormat(str, Enum):
    """The formats a document may be, found by the file's first bytes."""

    JPEG = "jpeg"
    PNG = "png"
    PDF = "pdf"

    @property
    def media_type(self) -> str:
        return {"jpeg": "image/jpeg", "png": "image/png", "pdf": "application/pdf"}[self.value]

    @property
    def label(self) -> str:
        return {"jpeg": "JPG 图片", "png": "PNG 图片", "pdf": "PDF 文件"}[self.value]

    @property
    def is_image(self) -> bool:
        return self != FileFormat.PDF


_MAGIC = ((b"\xff\xd8\xff", FileFormat.JPEG), (b"\x89PNG\r\n\x1a\n", FileFormat.PNG), (b"%PDF-", FileFormat.PDF))


def sniff(content: bytes) -> FileFormat | None:
    """The file's format from its first bytes; None for anything else (a renamed .exe, a Word file)."""
    return next((kind for magic, kind in _MAGIC if content.startswith(magic)), None)


def size_text(size: int) -> str:
    """A size as people read it: 850 KB, 2.4 MB."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f}".rstrip("0").rstrip(".") + " MB"


def check_upload(kind: str, content: bytes, max_bytes: int, formats: Iterable[FileFormat]) -> tuple[DocumentKind, FileFormat]:
    """The document's kind and format, or a Refusal whose message says what is wrong in plain Chinese."""
    try:
        chosen = DocumentKind(kind)
    except ValueError:
        raise Refusal("bad_kind", "请选择这份材料是什么（如户口本、诊断书）") from None
    allowed = tuple(formats)
    names = "、".join(f.label for f in allowed)
    if not content:
        raise Refusal("bad_file", "文件是空的，请重新选择")
    if len(content) > max_bytes:
        raise Refusal("too_large", f"文件太大（{size_text(len(content))}），每份材料最大 {size_text(max_bytes)}；"
                                   "照片可以缩小后再上传，多页材料可以分开上传")
    found = sniff(content)
    if found is None or found not in allowed:
        raise Refusal("bad_type", f"只能上传{names}；这个文件的内容不是其中一种（与文件名无关），请换一个文件")
    return chosen, found


@dataclass
class Document:
    """A file attached to a case; its content is stored apart (encrypted) and read only to be shown."""

    case_id: int
    kind: str
    file_name: str
    media_type: str
    size: int
    uploaded_by: str
    id: int | None = None
    uploaded_at: datetime | None = None
    deleted_at: datetime | None = None
    deleted_by: str | None = None
    delete_reason: str | None = None

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_image(self) -> bool:
        return self.media_type.startswith("image/")

    def delete(self, actor: str, reason: str, now: datetime) -> None:
        """Deleted with a reason (kept in the case's log); the content is erased by the store."""
        reason = (reason or "").strip()
        if not reason:
            raise Refusal("missing_reason", "删除材料须写明理由")
        if self.deleted:
            raise Refusal("already_deleted", "这份材料已经删除")
        self.deleted_at, self.deleted_by, self.delete_reason = now, actor, reason[:200]


def clean_file_name(name: str | None, fmt: FileFormat) -> str:
    """The name shown on the desk: no folders or control characters, at most 100 characters, and an
    extension that matches the content."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()[:100]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return f"{stem or '材料'}.{'jpg' if fmt == FileFormat.JPEG else fmt.value}"


def checklist(required: list[DocumentKind], documents: list[Document]) -> list[dict]:
    """Each needed document as 已收到 (with the files that show it) or 仍缺, then any other kind
    that was received."""
    present = [d for d in documents if not d.deleted]
    rows = []
    for kind in required + [k for k in DocumentKind if k not in required and any(d.kind == k.value for d in present)]:
        ids = [d.id for d in present if d.kind == kind.value]
        rows.append({"kind": kind.value, "label": kind.label, "required": kind in required, "received": bool(ids),
                     "status_label": "已收到" if ids else "仍缺", "documents": ids})
    return rows
