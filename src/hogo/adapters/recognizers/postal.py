"""Japanese postal codes (〒123-4567, or after a postal word, or before a prefecture or a city)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hogo.adapters.recognizers.address import PREFECTURES, PREFECTURES_ROMAJI
from hogo.adapters.recognizers.base import Finding, Recognizer, occurrences, paragraph_end, standalone
from hogo.adapters.recognizers.needles import register


def _typed_digits(code: str) -> bool:
    """Six digits at least among the seven of a code: one may be a letter typed for a digit."""
    return code.count("O") + code.count("o") + code.count("l") + code.count("I") + code.count("S") <= 1


class PostalCode(Recognizer):
    """〒123-4567 (always); 123-4567 or 1234567 within a few characters after 郵便番号, postal code, zip or a
    delivery label (住所, お届け先, 配送先, 送付先 …), or just before a prefecture or a city (`123-4567 東京都…`,
    `231-0023 横浜市…`). A dash
    typed on a Japanese keyboard (ー, －, ―) counts as a hyphen."""

    entity = "JP_POSTAL_CODE"
    name = "postal_code"
    _mark = re.compile(r"〒 ?[0-9OolIS]{3}(?: ?[-ー―‐−] ?)?[0-9OolIS]{4}")
    _context = (
        "郵便",
        "Postal",
        "postal",
        "POSTAL",
        "ZIP",
        "Zip",
        "zip",
        "Post code",
        "Post Code",
        "POST CODE",
        "Postcode",
        "postcode",
        "POSTCODE",
        "post code",
        "住所",
        "届け先",
        "配送先",
        "送付先",
        "発送先",
        "送り先",
        "宛先",
        "所在地",
        "転居先",
    )
    _code = re.compile(r"[0-9]{3}([-ー―‐−]?)[0-9]{4}")
    _typed = re.compile(r"[0-9OolIS]{3}(?: ?([-ー―‐−]) ?)?[0-9OolIS]{4}")
    """A code as people type it after 〒 or a postal word: spaces around the hyphen (`〒438 - 1608`), and one letter
    that looks like a digit (O for 0, l or I for 1, S for 5: `779-OO85` has two and is refused)."""
    # A code glued to a letter or digit before it is never kept (`standalone`): the look-behind after the first digit
    # says so to `re`, which then gives up at the second digit of a run instead of trying each (half the time).
    _before_prefecture = re.compile(
        rf"[0-9](?<![0-9A-Za-z][0-9])[0-9]{{2}}[-ー―‐−]?[0-9]{{4}}[ \t\r\n,\"]{{0,4}}"
        rf"(?:{'|'.join(sorted(PREFECTURES))}|[\u4e00-\u9fff々ヶ]{{1,5}}[市区町村郡])"
    )

    _romanised = (*PREFECTURES_ROMAJI, "Japan", "JAPAN")
    _after_romanised = re.compile(r"(?:-(?:to|fu|ken|do|To|Fu|Ken|Do))?,? ?")
    _before_japan = re.compile(r"[0-9]{3}[-ー―‐−]?[0-9]{4}[,;]? ?$")  # `…, 100-0001, Japan`; vCard `…;100-0001;Japan`

    def find(self, text: str) -> Iterator[Finding]:
        ends: set[int] = set()  # one finding per code, whichever rule finds it first
        yield from self._in_romanised(text, ends)
        for m in self._mark.finditer(text):
            if not text[m.end() : m.end() + 1].isalnum() and _typed_digits(m.group()):
                ends.add(m.end())
                yield self.finding(m.start(), m.end(), 0.95)
        for _, after in occurrences(text, self._context):
            end = paragraph_end(text, after, 24)
            code = self._typed.search(text, after, end)
            if code is not None and not _typed_digits(code.group()):  # a word of letters first: the next one
                code = next((c for c in self._typed.finditer(text, code.end(), end) if _typed_digits(c.group())), None)
            if (
                code is not None
                and code.end() not in ends
                and text[code.end() : code.end() + 1] != "-"
                and standalone(text, *code.span())
            ):
                ends.add(code.end())
                yield self.finding(code.start(), code.end(), 0.85 if code.group(1) else 0.6)
        for m in self._before_prefecture.finditer(text):
            code = self._code.match(text, m.start())
            if code is not None and code.end() not in ends and standalone(text, *code.span()):
                yield self.finding(code.start(), code.end(), 0.8)

    def _in_romanised(self, text: str, ends: set[int]) -> Iterator[Finding]:
        """An address in Latin letters: `Chiyoda-ku, Tokyo 100-0001, Japan` (the code after a prefecture's name or
        before Japan)."""
        for at, after in occurrences(text, self._romanised):
            if at > 0 and text[at - 1].isalpha():
                continue
            if text[at] == "J":
                code = self._before_japan.search(text, max(0, at - 11), at)
            else:
                gap = self._after_romanised.match(text, after)
                code = self._code.match(text, gap.end() if gap is not None else after)
            if code is not None:
                start, end = code.start(), code.start() + 7 + (text[code.start() + 3] in "-ー―‐−")
                if end not in ends and standalone(text, start, end):
                    ends.add(end)
                    yield self.finding(start, end, 0.8)


register(PostalCode._context)  # in the automaton before the first scan
register(PostalCode._romanised)
