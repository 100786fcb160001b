"""Services on the fake unit of work: the project's regions and partners, no database."""
from __future__ import annotations

import pytest

from bot.domain.casework import Role, Staff
from bot.services.cases import submit_case
from tests.factories import submission
from tests.fakes import fake_deps

TOWNSHIP = Staff("malan", "马栏镇经办人", Role.TOWNSHIP, "411024", "马栏镇")
OTHER_TOWNSHIP = Staff("bailiang", "柏梁镇经办人", Role.TOWNSHIP, "411024", "柏梁镇")
COUNTY = Staff("yanling", "鄢陵县民政局", Role.COUNTY, "411024")
OPERATOR = Staff("op", "接线员", Role.OPERATOR)
ADMIN = Staff("admin", "管理员", Role.ADMIN)


@pytest.fixture
def deps():
    return fake_deps()[0]


@pytest.fixture
def store(deps):
    return deps.uow().store


@pytest.fixture
def fire(deps) -> str:
    """A fire case in 鄢陵县马栏镇 (township limit 1890 元, cap 15120 元 for four people)."""
    return submit_case(deps, submission()).case_number
