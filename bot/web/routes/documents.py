"""Documents on a case (材料): upload (the file as the raw request body, its name in the X-Filename
header, URL-encoded, as for rosters), show inline, delete with a reason."""
from __future__ import annotations

import re
from urllib.parse import quote, unquote

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from bot.services import documents
from bot.web.deps import Services
from bot.web.security import Caller

router = APIRouter(tags=["documents"])
UPLOAD_PATH = re.compile(r"^/api/cases/[^/]+/documents$")   # the body limit allows a document's size here
# A document shown on its own (a PDF in a new tab): nothing runs, the browser's viewer may show it.
CONTENT_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'"


class DeleteBody(BaseModel):
    reason: str = Field(..., max_length=200)


@router.post("/api/cases/{number}/documents")
async def upload(number: str, request: Request, who=Caller, deps=Services,
                 kind: str = Query(..., max_length=32, description="what the document is (labels: document_kind)")):
    """Attach a photo or PDF: checked by its content (JPG, PNG or PDF by default) and size
    (DOCUMENT_MAX_MB), stored encrypted; the upload is recorded on the case."""
    name = unquote(request.headers.get("x-filename", ""))[:200]
    content = await request.body()
    return await run_in_threadpool(documents.upload, deps, who.staff, number[:32], kind, name, content)


@router.get("/api/cases/{number}/documents/{document_id}")
def show(number: str, document_id: int, who=Caller, deps=Services):
    """The document itself, to be shown inline (an image on the case page, a PDF in a new tab); each
    look is recorded on the case."""
    found = documents.content(deps, who.staff, number[:32], document_id)
    disposition = f"inline; filename*=UTF-8''{quote(found.file_name)}"
    return Response(found.data, media_type=found.media_type,
                    headers={"Content-Disposition": disposition, "Content-Security-Policy": CONTENT_POLICY})


@router.delete("/api/cases/{number}/documents/{document_id}")
def delete(number: str, document_id: int, body: DeleteBody, who=Caller, deps=Services):
    """Delete with a reason: the content is erased; the deletion and its reason stay in the log."""
    return documents.delete(deps, who.staff, number[:32], document_id, body.reason)
