"""Repository over the documents on a case: loads and saves domain `Document`s; the content (the
file's bytes, encrypted at rest) is read only by `content`, never with a list."""
from __future__ import annotations

from dataclasses import fields

from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from bot.domain.document import Document
from bot.store.document_models import DocumentRow
from bot.store.mapping import IdentityMap

FIELDS = tuple(f.name for f in fields(Document))


class DocumentRepository:
    def __init__(self, session: Session):
        self.session = session
        self.rows = IdentityMap(session)

    def _document(self, row: DocumentRow | None) -> Document | None:
        if row is None:
            return None
        self.rows.remember(row)
        return Document(**{name: getattr(row, name) for name in FIELDS})

    def add(self, document: Document, content: bytes) -> Document:
        row = self.rows.insert(DocumentRow(content=content, **{n: v for n in FIELDS if (v := getattr(document, n)) is not None}))
        document.id, document.uploaded_at = row.id, row.uploaded_at
        return document

    def of_case(self, case_id: int) -> list[Document]:
        rows = self.session.execute(select(DocumentRow).options(defer(DocumentRow.content))
                                    .where(DocumentRow.case_id == case_id).order_by(DocumentRow.id)).scalars()
        return [self._document(r) for r in rows]

    def get(self, case_id: int, document_id: int) -> Document | None:
        row = self.session.execute(select(DocumentRow).options(defer(DocumentRow.content))
                                   .where(DocumentRow.id == document_id, DocumentRow.case_id == case_id)).scalar_one_or_none()
        return self._document(row)

    def content(self, document_id: int) -> bytes | None:
        return self.session.execute(select(DocumentRow.content).where(DocumentRow.id == document_id)).scalar_one_or_none()

    def save(self, document: Document) -> None:
        """Write the changes (a deletion); a deleted document's content is erased."""
        row = self.rows.write(DocumentRow, document, FIELDS)
        if document.deleted:
            row.content = None
