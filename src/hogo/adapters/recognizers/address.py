"""Japanese addresses: one of the 47 prefectures followed by a municipality (市区町村郡), then the rest."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hogo.adapters.recognizers.base import Finding, Recognizer

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
_CITY_NAMES = (
    "さいたま いすみ さくら むつ みなかみ えりも "
    "つくばみらい つくば いわき ひたちなか かすみがうら "
    "つがる あきる野 いちき串木野 みどり みよし うきは "
    "みやま えびの たつの かほく あわら いなべ "
)
_HIRAGANA_CITIES = "|".join(_CITY_NAMES.split())
_MUNICIPALITY = re.compile(rf"(?:{_HIRAGANA_CITIES}|[\u4e00-\u9fff々ヶケ\u30a1-\u30fa\u30fc]{{1,6}}?)[市区町村郡]")
_GAP = re.compile(r"[ \t]{0,2}(?:\r?\n)?[ \t]{0,2}")
_CITY_FIRST = re.compile(
    r"[\u4e00-\u9fff々ヶケ]{1,4}市(?:[\u4e00-\u9fff々ヶケ]{1,4}区)?[\u4e00-\u9fff々ヶケ\u30a1-\u30fa\u30fc]{1,8}"
    r"(?:(?:[0-9]{1,4}|[一二三四五六七八九十]{1,3})(?:丁目|番地?)|[0-9]{1,4}-[0-9]{1,4})"
)
_REST = re.compile(r"[0-9A-Za-z\u3041-\u3096\u30a1-\u30fa\u30fc\u4e00-\u9fff々ヶ〆\-]{0,40}")


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
        for m in city_first_matches(text):
            while i < len(found) and found[i].end <= m.start():
                i += 1
            if i < len(found) and found[i].start < m.end():
                continue  # inside an address found from its prefecture
            rest = _REST.match(text, m.end())
            yield self.finding(m.start(), rest.end() if rest else m.end(), 0.75)


def city_first_matches(text: str) -> Iterator[re.Match[str]]:
    """`_CITY_FIRST.finditer(text)`, tried only where a 市 follows within four characters: a match starts one to four
    kanji before a 市, so the pattern need not be tried at every kanji of a text (5 ms a MB, most texts have no 市)."""
    pos = 0  # where finditer would search next
    city = text.find("市", 1)
    while city != -1:
        for start in range(max(pos, city - 4), city):
            m = _CITY_FIRST.match(text, start)
            if m is not None:
                yield m
                pos = m.end()
                break
        city = text.find("市", max(city, pos) + 1)
