"""「120」 is an ambulance call only as a number of its own, never inside a phone, ID or case number."""
from bot.understanding import lexicon


def causes(text: str) -> list[str]:
    return [hit.value.value for hit in lexicon.find_causes(text)]


def test_120_inside_other_digits_is_not_an_illness():
    assert causes("我家昨晚着火了，电话13812045678") == ["fire"]
    assert "sudden_illness" not in causes("查一下LS2612031204567的进度")
    assert causes("老伴突然倒地，赶紧打了120") == ["sudden_illness"]
