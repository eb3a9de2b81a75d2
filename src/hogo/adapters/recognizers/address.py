"""Japanese addresses: one of the 47 prefectures followed by a municipality (市区町村郡), then the rest."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from hogo.adapters.recognizers.base import Finding, Recognizer, occurrences
from hogo.adapters.recognizers.needles import register

_PREFECTURE_NAMES = (
    "北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 "
    "茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 神奈川県 "
    "新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 "
    "静岡県 愛知県 三重県 滋賀県 京都府 大阪府 兵庫県 "
    "奈良県 和歌山県 鳥取県 島根県 岡山県 広島県 山口県 "
    "徳島県 香川県 愛媛県 高知県 福岡県 佐賀県 長崎県 "
    "熊本県 大分県 宮崎県 鹿児島県 沖縄県 "
)
PREFECTURES = frozenset(_PREFECTURE_NAMES.split())
PREFECTURES_ROMAJI = tuple(
    """Hokkaido Aomori Iwate Miyagi Akita Yamagata Fukushima Ibaraki Tochigi Gunma Saitama Chiba Tokyo Kanagawa
    Niigata Toyama Ishikawa Fukui Yamanashi Nagano Gifu Shizuoka Aichi Mie Shiga Kyoto Osaka Hyogo Nara Wakayama
    Tottori Shimane Okayama Hiroshima Yamaguchi Tokushima Kagawa Ehime Kochi Fukuoka Saga Nagasaki Kumamoto Oita
    Miyazaki Kagoshima Okinawa Tōkyō Ōsaka Kyōto Hyōgo Kōchi Ōita Hokkaidō""".split()  # noqa: SIM905
)
_CITY_NAMES = (
    "さいたま いすみ さくら むつ みなかみ えりも "
    "つくばみらい つくば いわき ひたちなか かすみがうら "
    "つがる あきる野 いちき串木野 みどり みよし うきは "
    "みやま えびの たつの かほく あわら いなべ "
)
_HIRAGANA_CITIES = "|".join(_CITY_NAMES.split())
_MUNICIPALITY = re.compile(rf"(?:{_HIRAGANA_CITIES}|[\u4e00-\u9fff々ヶケ\u30a1-\u30fa\u30fc]{{1,6}}?)[市区町村郡]")
_GAP = re.compile(r"[ \t]{0,2}(?:\r?\n)?[ \t]{0,2}")
_TOWN = r"[\u4e00-\u9fff々ヶケ\u30a1-\u30fa\u30fc][\u4e00-\u9fff々ヶケ\u30a1-\u30fa\u30fcのが]{0,7}"
"""A town's name: kanji or katakana, and the の or が of 丸の内, 霞が関 inside it."""
_BLOCK = r"(?:(?:[0-9]{1,4}|[一二三四五六七八九十]{1,3})(?:丁目|番地?|条|線)|[0-9]{1,4}-[0-9]{1,4})"
"""The first number of an address: 一丁目, 3番地, Hokkaido's 北1条 and 2線, or 1-2."""
_TOWN_AFTER = rf"(?: ?{_TOWN}|[\u3041-\u3096](?<![のにでをがとへもは])[\u3041-\u3096\u4e00-\u9fff々ヶケ]{{1,7}})"
"""A town after its city or ward, a space between or not (as forms print it), or a town whose name begins in
hiragana (八王子市めじろ台)."""
_CITY_FIRST = re.compile(
    rf"(?:{_HIRAGANA_CITIES}|[\u4e00-\u9fff々ヶケ]{{1,4}})市(?: ?[\u4e00-\u9fff々ヶケ]{{1,4}}区)?{_TOWN_AFTER}{_BLOCK}"
)
_TOKYO_WARDS = frozenset(
    """千代田 中央 港 新宿 文京 台東 墨田 江東 品川 目黒 大田 世田谷 渋谷 中野 杉並 豊島 北 荒川 板橋 練馬 足立 葛飾
    江戸川""".split()  # noqa: SIM905
)
"""Tokyo's 23 special wards, which addresses name without 東京都 and without a city (港区六本木6-10-1)."""
_AFTER_WARD = re.compile(rf"{_TOWN_AFTER}{_BLOCK}")
_AFTER_COUNTY = re.compile(rf" ?[\u4e00-\u9fff々ヶケ]{{1,4}}[町村](?:{_TOWN_AFTER})?{_BLOCK}")
"""A county's town or village, then its district and number: 西多摩郡瑞穂町箱根ケ崎2335番地."""
_REST = re.compile(r"[0-9A-Za-z\u3041-\u3096\u30a1-\u30fa\u30fc\u4e00-\u9fff々ヶ〆\-]{0,40}")


_PREFECTURES_ROMAJI_SET = frozenset(PREFECTURES_ROMAJI)
_ROMAJI_MARKS = register(("-ku, ", "-shi, ", "-gun, ", "-ku ", "-shi "))
_ROMANISED = re.compile(
    r" ?(?P<a>[0-9]{1,4}(?:-[0-9]{1,4}){1,3}(?: ?#[0-9]{1,5})?,? [A-Z][^\n]{2,80}?-(?:ku|shi|gun)"
    r"(?:,? [A-Z][a-z]+-(?:ku|shi|gun|cho|machi))?,? (?P<pref>[A-Z][a-zō]+))",
)
"""A Japanese address in Latin letters: `3-12-13 Mibu, Nakagyo-ku, Kyoto-shi, Kyoto`, a block number first and a
prefecture last."""
_CITY_CELLS = register(("市,", "区,", "町,", "村,", "市\t", "区\t", "町\t", "村\t"))
_TOWN_CELL = re.compile(r"[\u4e00-\u9fff々ヶケ\u30a1-\u30fa\u30fc]{1,10}[0-9]{1,4}(?:[-ー−][0-9]{1,4}){1,2}(?![0-9])")
"""The town and numbers in the cell after a city's (`千葉県,柏市,若柴3-15-1`): an export that splits the address."""


def romanised_addresses(text: str) -> Iterator[tuple[int, int]]:
    end = -1
    for at, _ in occurrences(text, _ROMAJI_MARKS):
        if at < end:
            continue
        start = text.rfind("\n", max(0, at - 100), at) + 1
        colon = text.find(": ", start, at)  # TO: 3-12-13 Mibu, …
        m = _ROMANISED.match(text, colon + 1 if colon != -1 else start, min(len(text), at + 40))
        if m is not None and m.group("pref") in _PREFECTURES_ROMAJI_SET and m.start("a") < at:
            end = m.end("a")
            yield m.start("a"), end


def town_cells(text: str) -> Iterator[tuple[int, int]]:
    for _, after in occurrences(text, _CITY_CELLS):
        m = _TOWN_CELL.match(text, after)
        if m is not None and text[m.end() : m.end() + 1] in {",", "\t", "\n", ""}:
            yield m.span()


class Address(Recognizer):
    """`東京都千代田区丸の内1-2-3`: found at the prefecture's last character (都道府県), checked against the
    47 names, then a municipality must follow; the finding runs on through the block and lot numbers up to
    the first space or punctuation (a building name after a space is not included)."""

    entity = "JP_ADDRESS"
    name = "address"
    _trigger = re.compile(r"[都道府県]")

    def find(self, text: str) -> Iterator[Finding]:
        spans = list(self._prefecture_first(text))
        yield from spans
        yield from self._city_first(text, spans)
        for start, end in (*romanised_addresses(text), *town_cells(text)):
            yield self.finding(start, end, 0.75)

    def _prefecture_first(self, text: str) -> Iterator[Finding]:
        resume = 0
        for m in self._trigger.finditer(text):
            end = m.end()
            if end <= resume:
                continue
            if end >= 4 and text[end - 4 : end] in PREFECTURES:
                start = end - 4
            elif end >= 3 and text[end - 3 : end] in PREFECTURES:
                start = end - 3
            else:
                continue
            gap = _GAP.match(text, end)
            city = _MUNICIPALITY.match(text, gap.end() if gap else end)
            if city is None:
                continue
            rest = _REST.match(text, city.end())
            stop = rest.end() if rest else city.end()
            resume = stop
            yield self.finding(start, stop, 0.85)

    def _city_first(self, text: str, found: list[Finding]) -> Iterator[Finding]:
        """`横浜市中区山下町1-2-3` with no prefecture: a city, a ward, a town and a block number (the number is
        what tells an address from a mention of the city)."""
        i = 0
        spans = [(f.start, f.end) for f in found]
        for m in city_first_matches(text, spans):
            while i < len(found) and found[i].end <= m.start():
                i += 1
            if i < len(found) and found[i].start < m.end():
                continue  # inside an address found from its prefecture
            rest = _REST.match(text, m.end())
            spans.append((m.start(), rest.end() if rest else m.end()))
            yield self.finding(*spans[-1], 0.75)
        spans.sort()
        for start, end in ward_or_county_first(text, spans):
            rest = _REST.match(text, end)
            yield self.finding(start, rest.end() if rest else end, 0.75)


def _outside(spans: Sequence[tuple[int, int]], at: int, i: int) -> tuple[int, int]:
    """(where to look next, the index of the first span not before `at`) for the mark at `at`: past the end of the
    span holding it (an address already found), or `at` itself. `spans` is sorted and does not overlap."""
    while i < len(spans) and spans[i][1] <= at:
        i += 1
    return (spans[i][1], i) if i < len(spans) and spans[i][0] <= at else (at, i)


def ward_or_county_first(text: str, found: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """(start, end) of a town and number after one of Tokyo's wards (`千代田区丸の内一丁目`) or after a county
    (`上川郡東川町南町1丁目`), with no prefecture or city before: the ward's or county's 区 or 郡 found first, outside
    the addresses `found` already (sorted spans)."""
    for mark, pattern in (("区", _AFTER_WARD), ("郡", _AFTER_COUNTY)):
        at, i = text.find(mark, 1), 0
        while at != -1:
            skip, i = _outside(found, at, i)
            if skip != at:
                at = text.find(mark, skip)
                continue
            start = -1
            if mark == "郡":
                start = at - 1
                while start > 0 and at - start < 4 and "\u4e00" <= text[start - 1] <= "\u9fff":
                    start -= 1
            else:
                start = next((at - k for k in (3, 2, 1) if text[at - k : at] in _TOKYO_WARDS), -1)
                before = text[start - 1 : start] if start > 0 else ""
                if before and "\u4e00" <= before <= "\u9fff":  # 大阪市北区: a city's ward, found from the city
                    start = -1
            m = pattern.match(text, at + 1) if start >= 0 else None
            if m is not None:
                yield start, m.end()
            at = text.find(mark, (m.end() if m is not None else at) + 1)


def city_first_matches(text: str, found: Sequence[tuple[int, int]] = ()) -> Iterator[re.Match[str]]:
    """`_CITY_FIRST.finditer(text)`, tried only where a 市 follows within six characters: a match starts one to four
    kanji (or a hiragana city's name: つくばみらい) before a 市, so the pattern need not be tried at every kanji of a
    text (5 ms a MB, most texts have no 市). A 市 inside an address `found` from its prefecture is passed over."""
    pos, i = 0, 0  # where finditer would search next; the first of `found` not before it
    city = text.find("市", 1)
    while city != -1:
        skip, i = _outside(found, city, i)
        if skip != city:
            pos = max(pos, skip)
            city = text.find("市", skip)
            continue
        first = city - 6 if "\u3041" <= text[city - 1] <= "\u3096" else city - 4  # つくばみらい市
        for start in range(max(pos, first), city):
            m = _CITY_FIRST.match(text, start)
            if m is not None:
                yield m
                pos = m.end()
                break
        city = text.find("市", max(city, pos) + 1)
