"""The payment table and the reserve fund (bot/services/money)."""
from __future__ import annotations

from datetime import date

import pytest

from bot.domain.casework import Refusal
from bot.services import casework, money
from bot.services.errors import Forbidden, NotFound
from tests.unit.services.conftest import ADMIN, COUNTY, OPERATOR, OTHER_TOWNSHIP, TOWNSHIP


@pytest.fixture
def paid(deps, fire):
    for action, params in (("accept", {}), ("approve", {"amount": 800}), ("pay", {"amount": 500}),
                           ("pay", {"amount": 300, "form": "in_kind", "goods": "棉被2床"})):
        casework.act(deps, TOWNSHIP, fire, action, params)
    return fire


def test_the_monthly_table_lists_each_payment_in_scope_and_is_audited(deps, store, paid):
    today = date.today()
    rows = money.payment_table(deps, COUNTY, today.year, today.month)
    assert [r[money.PAYMENT_COLUMNS.index("金额（元）")] for r in rows] == [500, 300]
    assert rows[1][money.PAYMENT_COLUMNS.index("发放方式")] == "实物" and rows[0][4] == "王小明"
    assert money.payment_table(deps, OTHER_TOWNSHIP, today.year, today.month) == []
    assert store.audit[-1][1] == "export_payments"
    with pytest.raises(Forbidden):
        money.payment_table(deps, OPERATOR, today.year, today.month)
    with pytest.raises(Refusal):
        money.payment_table(deps, COUNTY, today.year, 13)


def test_the_reserve_fund_counts_cash_only_and_warns_when_spent(deps, paid):
    year = date.today().year
    view = money.set_reserve_fund(deps, COUNTY, year, "411024", "马栏镇", 400, 2000)
    assert (view.budget, view.spent, view.remaining) == (400, 500, -100)          # the goods are not cash
    assert any("用完" in w["text"] for w in view.warnings)
    assert money.reserve_fund(deps, TOWNSHIP, year).budget == 400                 # the township sees its own


def test_only_the_county_sets_a_budget_and_only_in_its_scope(deps):
    year = date.today().year
    with pytest.raises(Forbidden):
        money.set_reserve_fund(deps, TOWNSHIP, year, "411024", "马栏镇", 1000, 0)
    with pytest.raises(Refusal):
        money.set_reserve_fund(deps, COUNTY, year, "411024", "马栏镇", -1, 0)
    with pytest.raises(NotFound):
        money.set_reserve_fund(deps, COUNTY, year, "411024", "没有这个镇", 1000, 0)
    with pytest.raises(NotFound):
        money.reserve_fund(deps, OPERATOR, year, "411024", "马栏镇")
    with pytest.raises(Forbidden):   # the administrator manages accounts and decides nothing (#16 finding 9)
        money.set_reserve_fund(deps, ADMIN, year, "411024", "马栏镇", 1000, 0)
    assert money.set_reserve_fund(deps, COUNTY, year, "411024", "马栏镇", 1000, 0).budget == 1000


def test_the_monthly_table_names_the_county_and_the_caseworker(deps, paid):
    """Seen in the #15 screenshots: the table showed the county's code (411024) and the login."""
    from bot.domain.casework import Role
    from bot.services import accounts

    accounts.create_staff(deps, "malan", "张经办", Role.TOWNSHIP, "money-pass-2026", "411024", "马栏镇")
    today = date.today()
    row = money.payment_table(deps, COUNTY, today.year, today.month)[0]
    assert row[money.PAYMENT_COLUMNS.index("县（区）")] == "鄢陵县"
    assert row[money.PAYMENT_COLUMNS.index("经办人")] == "张经办"
