"""Request bodies of the desk's JSON API (pydantic 1), validated before any service runs."""
from __future__ import annotations

from typing import Any, List, Optional

from pydantic import BaseModel, Field


class LoginBody(BaseModel):
    username: str = Field(..., max_length=64)
    password: str = Field(..., max_length=256)
    kind: str = Field("cookie", regex="^(cookie|token)$", description="cookie: browser session; token: API bearer token")


class RelatedBody(BaseModel):
    other: str = Field(..., max_length=32, description="the other case's number")
    kind: str = Field(..., regex="^(duplicate|same_incident|dismiss)$")
    note: str = Field("", max_length=500)


class RevealBody(BaseModel):
    field: str = Field(..., regex="^(phone|id_number)$")


class ReferralBody(BaseModel):
    partner_id: str = Field(..., max_length=64)


class ConsentBody(BaseModel):
    consent: bool
    partners: List[str] = Field(default_factory=list, max_items=10, description="the partners the resident agreed to (a yes names at least one)")


class PartnerAnswerBody(BaseModel):
    reference: str = Field(..., max_length=64)
    status: str = Field(..., max_length=16, description="received, accepted, declined or helped")
    amount: Optional[float] = Field(None, ge=0, le=1e9)
    goods: Optional[str] = Field(None, max_length=500)
    note: Optional[str] = Field(None, max_length=500)


class UtteranceBody(BaseModel):
    text: str = Field(..., max_length=5000)
    speaker: str = Field("caller", regex="^(caller|operator|note)$", description="caller: what the caller said; operator: "
                                                                               "what the operator said (recorded only); note")


class FactBody(BaseModel):
    value: Any = Field(..., description="the corrected value")


class ReserveFundBody(BaseModel):
    year: int = Field(..., ge=2000, le=2100)
    county_code: str = Field(..., max_length=12)
    township: str = Field(..., max_length=64)
    budget: float = Field(..., ge=0, le=1e10)
    last_year_use: float = Field(..., ge=0, le=1e10)
