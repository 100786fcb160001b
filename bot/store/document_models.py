"""The table of documents on a case (材料, issue #15): the file's bytes and name are Fernet tokens like
the other personal data; a deleted document keeps its row (who deleted it, when, why) without its
content. Read and written only by bot/store's document repository."""
from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String

from bot.store.crypto import EncryptedBytes, EncryptedText
from bot.store.models import Base, utcnow


class DocumentRow(Base):
    __tablename__ = "case_documents"

    id = Column(Integer, primary_key=True)
    case_id = Column(Integer, ForeignKey("cases.id"), nullable=False, index=True)
    kind = Column(String(32), nullable=False)
    file_name = Column(EncryptedText, nullable=False)
    media_type = Column(String(64), nullable=False)
    size = Column(Integer, nullable=False)
    content = Column(EncryptedBytes)                    # None once deleted
    uploaded_by = Column(String(64), nullable=False)
    uploaded_at = Column(DateTime, nullable=False, default=utcnow)
    deleted_at = Column(DateTime)
    deleted_by = Column(String(64))
    delete_reason = Column(EncryptedText)
