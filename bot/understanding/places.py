"""Place names in a message, resolved against the gazetteer, with the role each plays.

Known names (provinces, cities, counties and the configured regions' townships) are matched first,
longest name wins, and adjacent names form one place (鄢陵县马栏镇); villages, communities and roads
written after them are kept (马栏镇张庄村). A name that is known only by its short form (鄢陵, 建华)
or only by its suffix (X镇, X村) counts as a place in a place context (在…, 户口在…, …人), so 「儿子
上高中」 and the name 罗建华 are not places. Whether a place is the 户籍 place or where the hardship
happened is read from the nearest cue words (户口在… / 我是…人 / 在…打工 / 在…出的事).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.understanding import gazetteer as gz
from bot.understanding import names

_CJK = r"[\u4e00-\u9fa5]"
_TOWN_SUFFIX = r"(?:街道办事处|街道办|街道|镇|乡)"
_SMALL_SUFFIX = r"(?:村委会|村(?!民|里)|社区|居委会|小区|组|大道(?!街道)|大街|路(?!街道|街|口)|街(?!道)|巷)"
_NOT_NAME = "在到于从去住是的了我你他她和与及也就都还又很把被给让向往对时里家说称打工出个们这那本咱俺各每上下中要没有啥咋怎"
_NAME = rf"(?:(?![{_NOT_NAME}]){_CJK})"
_TRAILING = re.compile(rf"(?:{_NAME}{{1,6}}?(?:{_TOWN_SUFFIX}|{_SMALL_SUFFIX}))+")
_STANDALONE = re.compile(rf"{_NAME}{{1,5}}?(?:{_TOWN_SUFFIX}|{_SMALL_SUFFIX})(?:{_NAME}{{1,6}}?{_SMALL_SUFFIX})*")
_NOT_A_PLACE = re.compile(r"^(城里|农村|乡下|老乡|家乡|本村|邻村|全村|同村|村里|镇上|乡里|街上|马路|公路|道路|一路|这条路|那条路|小区里)")

# Cue words; the one nearest before a place decides its role (a longer cue wins a tie).
_HUKOU_BEFORE = re.compile(r"(户口本?|户籍|老家|籍贯|原籍|户在|本地户口|户口所在地)[^，。,.;；!?！？]{0,4}$")
_EVENT_BEFORE = re.compile(r"(在|于|到|去|住|事发地?|发生在|出事在|现居|现住|暂住|租住|住在|打工在)$")
_HUKOU_AFTER = re.compile(r"^(人(?!民)|籍|户口|的户口|户籍)")
_EVENT_AFTER = re.compile(r"^(打工|务工|上班|干活|出的事|出事|发生|着火|起火|做生意|那边出|这边出)")
_CARE_AFTER = re.compile(r"^[^，。,.;；!?！？]{0,4}?(化疗|住院|看病|治病|治疗|透析|就医|医院|上学|读书|上大学|念书)")
_EVENT_VERB_AFTER = re.compile(r"^[^，。,.;；!?！？]{0,4}?(撞|出事|出的事|发生|着火|起火|失火|摔|犯病|发病|被偷|叫人偷|丢了)")
_STRONG_EVENT_BEFORE = re.compile(r"(事发地点?|发生在|出事在|出事地点?)[是在:：]?$")
_HUKOU_WORD = re.compile(r"户口|户籍|老家|籍贯|原籍")
_EVENT_WORD = re.compile(r"事发|出事|出的事|发生|打工|务工|着火|失火|车祸|现在住|住在")
_CONTEXT_BEFORE = re.compile(r"(?:在|于|到|去|住|是|从|来自|来|回|位于)$|(?:户口|户籍|老家|籍贯|原籍|地址|地点|住址|所在地)[^，。,.;；]{0,3}$")
_CONTEXT_AFTER = re.compile(r"^(人(?!民)|籍|打工|务工|上班|这边|那边|那里|这里|的时候|附近|一带|境内)")
_SENTENCE_END = re.compile(r"[。！？!?;；\n]")
# 「回不去哈尔滨了」「想回许昌」: where one cannot get back to is neither where it happened nor, surely, the 户籍.
_GOING_BACK = re.compile(r"(回不去|回不了|回不到|回到|返回|想回|要回|回)$")


@dataclass(frozen=True)
class Place:
    """A place as written, with the administrative levels it resolves to and the role it plays."""

    text: str
    span: tuple[int, int]
    province: str | None
    city: str | None
    county: str | None
    detail: str | None
    admin_code: str | None
    role: str  # "hukou", "event", "origin" (我是X的: 户籍, and the event place when no other is named), "care" or "back" (neither)
    township: str | None = None
    explicit: bool = False   # the role comes from a cue word right beside the place

    @property
    def routable(self) -> bool:
        """Resolved to a division the routing knows (a road or a village alone is not)."""
        return bool(self.admin_code)

    @property
    def level(self) -> int:
        """How specific: 0 province … 2 county, 3 below a county (township, street, village)."""
        if self.detail:
            return 3
        return 2 if self.county else 1 if self.city else 0

    @property
    def full(self) -> str:
        """The place as a caseworker reads it: 方山镇 -> 禹州市方山镇, 五一路街道 -> 许昌市魏都区五一路街道,
        江西 -> 江西省; a place the table does not know stays as written."""
        if not (self.county or self.city or self.province):
            return self.text
        head = self.county or self.city or self.province or ""
        if self.county and self.county.endswith("区") and self.city and self.city != self.county:
            head = self.city + self.county
        if self.province and not head.startswith(self.province) and self._names(self.province):   # 江西省赣州市于都县 as said
            city = self.city if self.city and self.city not in head and self._names(self.city) else ""
            head = self.province + city + head
        return head + (self.detail or "")

    def _names(self, division: str) -> bool:
        """The place as written names this division (江西 for 江西省, 赣州 for 赣州市)."""
        short = re.sub(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|地区|自治州)$", "", division)
        return len(short) >= 2 and short in self.text

    def as_dict(self) -> dict:
        return {
            "text": self.text, "full": self.full, "province": self.province, "city": self.city, "county": self.county,
            "township": self.township, "detail": self.detail, "admin_code": self.admin_code,
        }


@lru_cache(maxsize=1)
def national() -> gz.Gazetteer:
    """The gazetteer without configured regions (tests and tools that have no configuration)."""
    return gz.build({})


def find_places(text: str, gazetteer: gz.Gazetteer | None = None) -> list[Place]:
    gazetteer = gazetteer or national()
    places: list[Place] = []
    taken: list[tuple[int, int]] = []
    for start, end, units in _chains(text, gazetteer):
        place = _place(text, start, end, units, gazetteer)
        if place:
            places.append(place)
            taken.append(place.span)
    for match in _STANDALONE.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        place = _standalone(text, match, gazetteer)
        if place:
            places.append(place)
    return sorted(places, key=lambda p: p.span[0])


def _chains(text: str, gazetteer: gz.Gazetteer):
    """Runs of adjacent known names: (start, end, [(name, units), ...])."""
    run: list = []
    start = end = -1
    for match in gazetteer.pattern.finditer(text):
        if run and match.start() != end:
            yield start, end, run
            run = []
        if not run:
            start = match.start()
        run.append((match.group(0), gazetteer.units(match.group(0))))
        end = match.end()
    if run:
        yield start, end, run


def _in_context(text: str, start: int, end: int, whole: bool) -> bool:
    """A place context around a name that could also be an ordinary word; a short name right
    after a surname is part of a person's name (张建华), not a place."""
    if start > 0 and names.is_surname(text[start - 1]) and end - start == 2 and not whole:
        return False
    return whole or bool(_CONTEXT_BEFORE.search(text[max(0, start - 6):start]) or _CONTEXT_AFTER.match(text[end:end + 4]))


def _place(text: str, start: int, end: int, run: list, gazetteer: gz.Gazetteer) -> Place | None:
    chosen = _resolve(run)
    if not chosen:
        return None
    end = start + sum(len(u.name) for u in chosen)
    whole = text[:start].strip(" ，,。") == "" and text[end:].strip(" ，,。!！") == ""
    if len(run) == 1 and chosen[0].is_short and not _in_context(text, start, end, whole):
        return None
    if chosen[-1].is_short and chosen[-1].level == "township" and re.match(r"[区市县路街村乡镇]", text[end:end + 1]):
        chosen = chosen[:-1]   # 「老城区」 is no 老城镇; 「南坞乡」 stays as written
        end = start + sum(len(u.name) for u in chosen)
        if not chosen:
            return None
    trailing = _TRAILING.match(text, end)
    if trailing and not _NOT_A_PLACE.match(trailing.group(0)):
        end = trailing.end()
    return _build(text, start, end, chosen, gazetteer)


def _resolve(run: list) -> list[gz.Unit]:
    """One unit per name, consistent with the names before it (朝阳区 after 北京市); the run stops
    at a name that does not lie under the one before it (汝南县 + 清河: 清河 is a road here)."""
    chosen: list[gz.Unit] = []
    for _name, units in run:
        parent = chosen[-1] if chosen else None
        fits = [u for u in units if parent is None or _under(u, parent)]
        if not fits:
            break
        chosen.append(fits[0])
    return chosen


def _under(unit: gz.Unit, parent: gz.Unit) -> bool:
    if parent.level == "province":
        return unit.province == parent.province
    if parent.level == "city":
        return unit.city == parent.city
    return unit.county == parent.county


def _standalone(text: str, match: re.Match, gazetteer: gz.Gazetteer) -> Place | None:
    raw = match.group(0)
    if _NOT_A_PLACE.match(raw) or len(raw) < 2:
        return None
    whole = text[:match.start()].strip(" ，,。") == "" and text[match.end():].strip(" ，,。!！") == ""
    head = re.match(rf"{_NAME}+?{_TOWN_SUFFIX}", raw)
    known_town = bool(head and gazetteer.is_town_name(head.group(0)))
    if not (known_town or _in_context(text, match.start(), match.end(), whole)):
        return None
    return _build(text, match.start(), match.end(), [], gazetteer)


def _build(text: str, start: int, end: int, units: list[gz.Unit], gazetteer: gz.Gazetteer) -> Place:
    raw = text[start:end]
    top = next((u for u in reversed(units) if u.level != "township"), None)
    township = next((u for u in units if u.level == "township"), None)
    rest = raw[len("".join(u.name for u in units)):] if units else raw
    if township is None:
        township = _township_in(rest, top, gazetteer)
    if top is None and township is not None:
        top = township
    code = top.code if top else None
    detail = (township.full_name if township and township in units else "") + rest if (township or rest) else None
    role, explicit = _role(text, start, end)
    return Place(
        text=raw, span=(start, end),
        province=top.province if top else None, city=top.city if top else None,
        county=top.county if top else None, detail=detail or None, admin_code=code,
        role=role, township=township.full_name if township else None, explicit=explicit,
    )


def _township_in(rest: str, top: gz.Unit | None, gazetteer: gz.Gazetteer) -> gz.Unit | None:
    """The configured township that the unknown remainder starts with, under the named county."""
    head = re.match(rf"{_NAME}+?{_TOWN_SUFFIX}", rest)
    if not head:
        return None
    for unit in gazetteer.units(head.group(0)):
        if unit.level == "township" and (top is None or top.level != "county" or unit.code == top.code):
            return gz.Unit(head.group(0), "township", unit.code, unit.province, unit.city, unit.county, head.group(0))
    return None


def _role(text: str, start: int, end: int) -> tuple[str, bool]:
    """("hukou" | "event" | "care", explicit): the nearest cue before the place, then words after
    it, then the nearest cue word earlier in the same sentence (「户口说错了，是长葛市坡胡镇」, not
    explicit). A place followed by treatment or schooling (在郑州化疗, 来北京看病) is "care"."""
    before = text[max(0, start - 12):start]
    after = text[end:end + 6]
    if _HUKOU_BEFORE.search(before):
        return "hukou", True
    if _GOING_BACK.search(before):
        return "back", True   # 回不去哈尔滨了: the place one wants to get back to
    if _HUKOU_AFTER.match(after) and re.search(r"(是|系|为)$", before):
        return "hukou", True
    if after.startswith("的") and re.search(r"(我|俺|咱|他|她|我们|俺们|咱们)(?:都|也|就)?是$", before):
        return "origin", True   # 「俺是禹州火龙镇的」: the 户籍, and where one lives
    if _CARE_AFTER.match(text[end:end + 10]) and not re.search(r"(镇|乡|街道|村)$", text[start:end]):
        return "care", True   # a city's hospital; a township's is where one lives
    if _EVENT_AFTER.match(after) or _EVENT_VERB_AFTER.match(text[end:end + 8]) or _STRONG_EVENT_BEFORE.search(before):
        return "event", True
    if _EVENT_BEFORE.search(before):
        return "event", False
    if _HUKOU_AFTER.match(after):
        return "hukou", True
    sentence = _SENTENCE_END.split(text[max(0, start - 20):start])[-1]
    hukou = [m.end() for m in _HUKOU_WORD.finditer(sentence)]
    event = [m.end() for m in _EVENT_WORD.finditer(sentence)]
    if hukou and (not event or max(hukou) > max(event)):
        return "hukou", False
    return "event", False
