"""Documents on a case (材料): a caseworker attaches a photo or PDF (checked by its content and size,
stored encrypted), anyone who may see the case may look at it, a caseworker may delete it with a
reason. Each upload, look and deletion is an event in the case's log. The one access check is
`visible_case` (bot.services.access), as for every other case command."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from bot.domain.case import Case, Event
from bot.domain.casework import Refusal, Role, Staff, may_handle_cases
from bot.domain.document import (Document, DocumentKind, FileFormat, check_upload, checklist, clean_file_name,
                                 required_documents, size_text)
from bot.services.access import visible_case
from bot.services.bootstrap import Deps
from bot.services.errors import Forbidden, NotFound


@dataclass(frozen=True)
class Content:
    """A document's bytes, to be shown inline."""

    file_name: str
    media_type: str
    data: bytes


def formats(deps: Deps) -> tuple[FileFormat, ...]:
    """The formats settings allow (DOCUMENT_FORMATS), of those the domain can recognise."""
    return tuple(f for f in FileFormat if f.value in deps.settings.document_formats)


def rules(deps: Deps) -> dict[str, Any]:
    """What the page tells the caseworker before an upload: the formats and the size limit."""
    allowed = formats(deps)
    return {"max_bytes": deps.settings.document_max_bytes, "max_label": size_text(deps.settings.document_max_bytes),
            "media_types": [f.media_type for f in allowed], "formats_label": "、".join(f.label for f in allowed),
            "kinds": {k.value: k.label for k in DocumentKind}}


def _event(kind: str, document: Document, **extra: Any) -> dict[str, Any]:
    return {"document": document.id, "kind_label": DocumentKind(document.kind).label, "file_name": document.file_name,
            "size": size_text(document.size), **extra}


def upload(deps: Deps, staff: Staff, number: str, kind: str, file_name: str | None, content: bytes) -> dict[str, Any]:
    """Attach a document to a case the caseworker handles; refused with a plain message when the
    file is empty, too large or not one of the allowed formats (read from its bytes)."""
    may_handle_cases(staff, "上传材料")
    chosen, fmt = check_upload(kind, content, deps.settings.document_max_bytes, formats(deps))
    with deps.uow() as uow:
        case = visible_case(uow, staff, number)
        document = uow.documents.add(Document(case.id, chosen.value, clean_file_name(file_name, fmt), fmt.media_type,
                                              len(content), staff.username), content)
        uow.cases.add_event(case.id, Event("document_added", staff.username, _event("document_added", document)))
        uow.commit()
        return view(document, deps.local)


def _document(uow, case: Case, document_id: int) -> Document:
    document = uow.documents.get(case.id, document_id)
    if document is None:
        raise NotFound()
    return document


def content(deps: Deps, staff: Staff, number: str, document_id: int) -> Content:
    """A document's bytes for a reader who may see the case (not an administrator: an ID card's
    photo shows the full number); the look is recorded on the case."""
    if staff.role == Role.ADMIN:
        raise Forbidden("管理员不能查看居民的材料")
    with deps.uow() as uow:
        case = visible_case(uow, staff, number)
        document = _document(uow, case, document_id)
        data = None if document.deleted else uow.documents.content(document.id)
        if data is None:
            raise Refusal("deleted", "这份材料已删除")
        uow.cases.add_event(case.id, Event("document_viewed", staff.username, _event("document_viewed", document)))
        uow.commit()
        return Content(document.file_name, document.media_type, data)


def delete(deps: Deps, staff: Staff, number: str, document_id: int, reason: str) -> dict[str, Any]:
    """Delete a document with a reason: its content is erased, its row and the reason stay in the log."""
    may_handle_cases(staff, "删除材料")
    with deps.uow() as uow:
        case = visible_case(uow, staff, number)
        document = _document(uow, case, document_id)
        document.delete(staff.username, reason, deps.clock().replace(tzinfo=None))
        uow.documents.save(document)
        uow.cases.add_event(case.id, Event("document_deleted", staff.username,
                                           _event("document_deleted", document, reason=document.delete_reason)))
        uow.commit()
        return view(document, deps.local)


def view(document: Document, local: Callable) -> dict[str, Any]:
    """A document as the case page lists it (no content)."""
    return {"id": document.id, "kind": document.kind, "kind_label": DocumentKind(document.kind).label,
            "file_name": document.file_name, "media_type": document.media_type, "is_image": document.is_image,
            "size": document.size, "size_label": size_text(document.size), "uploaded_by": document.uploaded_by,
            "uploaded_at": local(document.uploaded_at), "deleted": document.deleted, "deleted_by": document.deleted_by,
            "deleted_at": local(document.deleted_at), "delete_reason": document.delete_reason}


def of_case(deps: Deps, uow, case: Case) -> dict[str, Any]:
    """The case page's part: the documents (deleted ones too, marked), the needed documents as
    已收到 / 仍缺, and the upload rules."""
    documents = uow.documents.of_case(case.id)
    rows = checklist(required_documents(case.cause, case.first_aid, case.paperwork_done), documents)
    return {"documents": [view(d, deps.local) for d in documents], "checklist": rows,
            "missing": [r["label"] for r in rows if r["required"] and not r["received"]], "rules": rules(deps)}
