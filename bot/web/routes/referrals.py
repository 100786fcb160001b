"""Referrals on the desk (consent taken by phone, add, cancel) and the partners' signed callback."""
from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from bot.referrals import signing
from bot.services import referrals
from bot.web.deps import Services
from bot.web.errors import error
from bot.web.schemas import ConsentBody, PartnerAnswerBody, ReferralBody
from bot.web.security import Caller

router = APIRouter(tags=["referrals"])


@router.post("/api/cases/{number}/consent")
def consent(number: str, body: ConsentBody, who=Caller, deps=Services):
    """Record the consent the resident gave the caseworker to share data with partners."""
    referrals.record_consent_on_desk(deps, who.staff, number[:32], body.consent, tuple(p[:64] for p in body.partners))
    return {"consent": body.consent, "partners": body.partners}


@router.post("/api/cases/{number}/referrals")
def add_referral(number: str, body: ReferralBody, who=Caller, deps=Services):
    return referrals.add_referral(deps, who.staff, number[:32], body.partner_id)


@router.delete("/api/cases/{number}/referrals/{partner_id}")
def cancel_referral(number: str, partner_id: str, who=Caller, deps=Services):
    return referrals.cancel_referral(deps, who.staff, number[:32], partner_id[:64])


@router.post("/api/partners/{partner_id}/callback")
async def partner_callback(partner_id: str, request: Request, deps=Services):
    """A partner's answer, signed like our deliveries (X-Timestamp, X-Signature: HMAC-SHA256 of
    "timestamp.body" with the shared secret). A repeated answer changes nothing."""
    partner = deps.partners.get(partner_id[:64])
    body = await request.body()
    if partner is None:
        return error(404, "unknown_partner", "没有这个转介机构")
    if not signing.verify(deps.settings.secret(partner.secret_env), request.headers.get("x-timestamp"),
                          request.headers.get("x-signature"), body):
        return error(401, "bad_signature", "签名无效或已过期")
    try:
        answer = PartnerAnswerBody.parse_raw(body)
    except ValueError:
        return error(422, "bad_request", "请求格式不正确")
    view, changed = await run_in_threadpool(referrals.record_partner_answer, deps, partner.id, answer.reference,
                                            answer.status, answer.amount, answer.goods, answer.note)
    return {"changed": changed, "referral": view}
