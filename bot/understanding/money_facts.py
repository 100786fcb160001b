"""Which sum of money in a message is the household's income, which a necessary expense and which a
loss, from the words around each sum (bot.understanding.numbers finds the sums).

Income is named before the sum (收入, 工资, 挣, 靠妻子打零工每月…) or after it (…左右的低保金过日子,
…维持); a year's income is divided by twelve; a total (总共, 一共, 算下来) is the expense before any
single item; 「没有收入」 and 「一分收入没有」 said in passing are an income of 0, and so is an income
said before 「现在…没有收入」 (it was the income).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.model import FactName
from bot.understanding import numbers

MAX_AMOUNT = 10_000_000
BAD_AMOUNT = "这个金额看起来不对，请再说一下大概多少钱（例如：两万、3500元）。"
INCOME_CUE = re.compile(r"(收入|工资|挣|赚|月入|低保金|养老金|退休金|补助)[^，。,.]{0,6}$")
_LIVES_ON = re.compile(r"(靠|指着|就指)[^，。,.;；]{0,10}$")
_INCOME_AFTER = re.compile(r"^(左右|上下)?的?(低保金|工资|收入|过日子|维持|生活费?|养家)")
_ANNUAL_CUE = re.compile(r"(一年|年收入|全年|每年)")
_EXPENSE_CUE = re.compile(r"(花|花了|花费|花掉|花去|花光|用了|用去|用掉|医药费|医疗费|住院费|手术费|治疗费|学费|费用|欠了?|借了?|需要|还需|还差|交|缴|要|债|支出|开销)[^，。,.]{0,6}$")
_LOSS_CUE = re.compile(r"(损失|烧掉|冲走|毁了?)[^，。,.]{0,6}$")
_TOTAL_CUE = re.compile(r"(总共|一共|合计|总计|加起来|算下来|加一块)[^，。,.]{0,4}$")
# what the family pays itself after the insurance paid its part (自己还得掏三万多, 自付两万): the cost it bears
_OWN_SHARE = re.compile(r"((自己|自个儿?|自家|个人|俺|我|家里)[^，。,.;；]{0,4}(掏|垫|出|付|承担)|自付|自费|掏了?|垫了?)[^，。,.;；]{0,3}$")
# a sum spent, owed or paid out once is no monthly income, whatever the question asked
# 租 and 吃 are spending (房租, 吃药) but not in 开出租 (driving a taxi) or 吃低保 (living on 低保)
_NOT_INCOME = re.compile(r"(掏|垫|花|欠|借|报销?|赔|捐|凑|交|缴|还贷|还款|还钱|贷|(?<!出)租(?!车)|吃(?!低保)|看病|住院|药|治疗|手术|学费|"
                         r"生活费|债|一共|总共|前后)[^，。,.;；]{0,5}$")
_MONTHLY = re.compile(r"(每个?月|一个月|一月|月月|月均)[^，。,.;；]{0,4}$")   # 打工一个月两千来块
NOT_INCOME = "您说的{}是花掉、欠下或一次拿到的钱，不是每月收入。"   # the income question follows
_NO_INCOME = re.compile(r"(没有|没|无)(任何)?(收入|进项)|(收入|进项)(都|也)?没有?(?!以前|那么|多少|原来)|一分钱?(收入)?(都|也)?没有?(收入|进项)?")

# 「一个月六千多 现在干不了了 没有收入」: the sum was the income; none now
_NOW_NONE = re.compile(r"(现在|如今|目前|眼下|这会儿|而今)[^。！？!?]{0,10}?((没有|没|无)(任何)?(收入|进项)|(收入|进项|工资)(都|也)?没|"
                       r"啥(也|都)没(了|有)|一分钱?(收入)?(都|也)?没)")


_ITEM = re.compile(r"(学费|住宿费|生活费|书本费|药费|医药费|手术费|住院费|治疗费|检查费|护理费|房租|路费|车费|丧葬费)[^，。,.;；0-9]{0,5}$")


@dataclass(frozen=True)
class MoneyFact:
    name: FactName
    value: float
    span: tuple[int, int]
    upper: float | None = None


def read(text: str, expecting: FactName | None) -> tuple[list[MoneyFact], str | None]:
    """The money facts of `text` in the order they should be kept (the first of a kind wins), and a
    problem to show when a sum cannot be right."""
    money_question = expecting in (FactName.EXPENSE_AMOUNT, FactName.HOUSEHOLD_INCOME)
    found: list[MoneyFact] = []
    problem = None
    amounts = numbers.find_amounts(text, expecting_money=money_question)
    for amount in sorted(amounts, key=lambda a: _rank(text, a)):
        before = text[max(0, amount.span[0] - 10):amount.span[0]]
        income = _is_income(text, amount, expecting)
        if not (0 < amount.value < MAX_AMOUNT or (amount.value == 0 and income)):
            problem = BAD_AMOUNT
            continue
        if expecting == FactName.HOUSEHOLD_INCOME and not income:   # asked again, saying why; the sum is no answer
            problem = problem or NOT_INCOME.format(amount.text)
            continue
        if income and expecting != FactName.EXPENSE_AMOUNT:
            value = amount.value
            if _ANNUAL_CUE.search(text[max(0, amount.span[0] - 12):amount.span[1]]):
                value = round(value / 12, 2)
            found.append(MoneyFact(FactName.HOUSEHOLD_INCOME, value, amount.span, amount.upper))
        elif _LOSS_CUE.search(before) and expecting != FactName.EXPENSE_AMOUNT:
            found.append(MoneyFact(FactName.LOSS_AMOUNT, amount.value, amount.span, amount.upper))
        elif (_EXPENSE_CUE.search(before) or _TOTAL_CUE.search(before) or _ITEM.search(before)
              or _OWN_SHARE.search(before) or expecting == FactName.EXPENSE_AMOUNT):
            found.append(MoneyFact(FactName.EXPENSE_AMOUNT, amount.value, amount.span, amount.upper))
        else:
            found.append(MoneyFact(FactName.LOSS_AMOUNT, amount.value, amount.span, amount.upper))
    found = _items_summed(text, found)
    found = _income_that_was(text, found, expecting)
    no_income = _NO_INCOME.search(text)
    if no_income and expecting != FactName.EXPENSE_AMOUNT and not any(f.name == FactName.HOUSEHOLD_INCOME for f in found):
        found.append(MoneyFact(FactName.HOUSEHOLD_INCOME, 0, no_income.span()))
    return found, problem


def _income_that_was(text: str, found: list[MoneyFact], expecting: FactName | None) -> list[MoneyFact]:
    """An income named before 「现在…没有收入」 (他在时候一个月四五千 现在啥也没了) is what it was: now it is 0."""
    now_none = _NOW_NONE.search(text)
    if now_none is None or expecting == FactName.EXPENSE_AMOUNT:
        return found
    past = [f for f in found if f.name == FactName.HOUSEHOLD_INCOME and f.span[1] <= now_none.start()]
    if not past:
        return found
    return [f for f in found if f not in past] + [MoneyFact(FactName.HOUSEHOLD_INCOME, 0, now_none.span())]


def _rank(text: str, amount: numbers.Amount) -> int:
    """The family's own share of a cost first (住院花了八万多，报了一部分，自己还得掏三万多), then a
    total (总共), then the sums in the order said."""
    before = text[max(0, amount.span[0] - 10):amount.span[0]]
    return 0 if _OWN_SHARE.search(before) else 1 if _TOTAL_CUE.search(text[max(0, amount.span[0] - 8):amount.span[0]]) else 2


def _is_income(text: str, amount: numbers.Amount, expecting: FactName | None) -> bool:
    """Income is named (收入, 工资, 靠…, …的低保金过日子) or a sum a month (打工一个月两千来块); the
    answer to the income question is income unless it is a sum spent, owed or received once."""
    before = text[max(0, amount.span[0] - 10):amount.span[0]]
    if INCOME_CUE.search(before) or _LIVES_ON.search(text[max(0, amount.span[0] - 14):amount.span[0]]) \
            or _INCOME_AFTER.match(text[amount.span[1]:amount.span[1] + 8]):
        return True
    spent = _NOT_INCOME.search(before) or _OWN_SHARE.search(before) or _EXPENSE_CUE.search(before)
    if expecting == FactName.HOUSEHOLD_INCOME:
        return not spent
    return bool(_MONTHLY.search(before)) and not spent and not _ITEM.search(before)


def _items_summed(text: str, found: list[MoneyFact]) -> list[MoneyFact]:
    """「学费一年一万二，住宿费加生活费还得五六千」: separate cost items, each named, add up; a total said
    with them, or a sum without its own item word (已花二十万，后面还要十几万), leaves them as they are."""
    expenses = [f for f in found if f.name == FactName.EXPENSE_AMOUNT]
    if len(expenses) < 2 or any(_TOTAL_CUE.search(text[max(0, f.span[0] - 8):f.span[0]]) for f in expenses):
        return found
    items = [_ITEM.search(text[max(0, f.span[0] - 10):f.span[0]]) for f in expenses]
    if not all(items) or len({m.group(1) for m in items}) < len(items):
        return found
    total = MoneyFact(FactName.EXPENSE_AMOUNT, sum(f.value for f in expenses), (expenses[0].span[0], expenses[-1].span[1]),
                      sum(f.upper or f.value for f in expenses))
    return [total] + [f for f in found if f.name != FactName.EXPENSE_AMOUNT]
