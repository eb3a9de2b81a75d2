"""Dates of birth: a real calendar date (西暦, 和暦 令和/平成/昭和/大正, or English) next to a word that says
it is a birth date (生年月日, 誕生日, …生まれ, date of birth, DOB, born). A date alone is not reported:
order and delivery dates are everywhere and say nothing about a person."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from hogo.adapters.recognizers.base import Finding, Recognizer, occurrences, paragraph_end
from hogo.adapters.recognizers.needles import register

_MONTHS = {
    m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}
_ERAS = {
    **{"令和": 2018, "R": 2018, "令": 2018, "平成": 1988, "H": 1988, "平": 1988},
    **{"昭和": 1925, "S": 1925, "昭": 1925, "大正": 1911, "T": 1911, "大": 1911},
}
_ERA_LAST = {2018: 99, 1988: 31, 1925: 64, 1911: 15}
_MONTH = (
    r"(?P<mname>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)"
    r"(?:[a-z]*|[A-Z]*)\.?"
)
"""A month's name or abbreviation, in any case (April, APR, Apr.: passports and forms write capitals)."""
DATE = re.compile(
    r"(?P<y>(?:19|20)[0-9]{2})"
    r"(?: ?年 ?(?:\([^()0-9]{0,3}[0-9]{1,2} ?年?\) ?)?(?P<m>[0-9]{1,2}) ?月 ?(?P<d>[0-9]{1,2}) ?日"
    r"|(?P<s1>[-/.]) ?(?P<m2>[0-9]{1,2}) ?(?P=s1) ?(?P<d2>[0-9]{1,2})"
    r"|(?P<m3>0[1-9]|1[0-2])(?P<d3>[0-3][0-9])(?![0-9]))"
    r"|(?P<era>令和|平成|昭和|大正|[RHST]\.?|[令平昭大](?=[0-9元])) ?(?P<ey>[0-9]{1,2}|元)"
    r"(?: ?年 ?(?:\((?:19|20)[0-9]{2} ?年?\) ?)?(?P<em>[0-9]{1,2}) ?月 ?(?P<ed>[0-9]{1,2}) ?日"
    r"|(?P<s2>[-/.・])(?P<em2>[0-9]{1,2})(?P=s2)(?P<ed2>[0-9]{1,2}))"
    r"|(?P<us_m>[0-9]{1,2})(?P<s3>[-/.])(?P<us_d>[0-9]{1,2})(?P=s3)(?P<us_y>(?:19|20)[0-9]{2}|[0-9]{2}(?![0-9]))"
    rf"|{_MONTH} (?P<nd>[0-9]{{1,2}})(?:st|nd|rd|th)?,? (?P<ny>(?:19|20)[0-9]{{2}})"
    rf"|(?P<dn>[0-9]{{1,2}})(?:st|nd|rd|th)?(?: of)?[ -]{_MONTH.replace('mname', 'mname2')}"
    r",?[ -](?P<yn>(?:19|20)[0-9]{2})"
)
_BEFORE = (
    "生年月日",
    "誕生日",
    "生誕",
    "出生",
    "irth",
    "IRTH",
    "Born",
    "born",
    "BORN",
    "DOB",
    "D.O.B",
    "Dob",
    "DoB",
    "d.o.b",
    "dob",
    "BDAY",  # vCard
    "Bday",
    "bday",
)
_BIRTHDAY = ("誕生日", "irthday", "IRTHDAY", "BDAY", "Bday", "bday")
"""Words after which a month and a day alone are a date of birth (誕生日って3月8日, Birthday: April 13): a birthday
is the date without its year."""
_MONTH_DAY = re.compile(
    r"(?P<m>[0-9]{1,2}) ?月 ?(?P<d>[0-9]{1,2}) ?日"
    rf"|{_MONTH} (?P<nd>[0-9]{{1,2}})(?:st|nd|rd|th)?(?![0-9])"
    rf"|(?P<dn>[0-9]{{1,2}})(?:st|nd|rd|th)?(?: of)? {_MONTH.replace('mname', 'mname2')}"
)
_KANJI_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "元": 1}
_KN = "[〇一二三四五六七八九十零]"
KANJI_DATE = re.compile(
    rf"(?:(?P<era>令和|平成|昭和|大正) ?(?P<ey>{_KN}{{1,3}}|元)|(?P<y>[〇一二三四五六七八九零]{{4}})) ?年"
    rf" ?(?P<m>{_KN}{{1,2}}) ?月 ?(?P<d>{_KN}{{1,3}}) ?日"
)
"""A date written in kanji numerals, as on formal or vertical forms: 昭和五十年三月一日, 一九八五年四月十二日."""


def kanji_number(value: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 五十三 → 53, 一九八五 → 1985 (digits one by one when there is no 十)."""
    if "十" not in value:
        total = 0
        for c in value:
            total = total * 10 + _KANJI_DIGITS[c]
        return total
    tens, _, ones = value.partition("十")
    return (kanji_number(tens) if tens else 1) * 10 + (kanji_number(ones) if ones else 0)


def kanji_date(m: re.Match[str]) -> dt.date | None:
    g = m.groupdict()
    try:
        if g["era"]:
            base = _ERAS[g["era"]]
            year = kanji_number(g["ey"])
            if not 1 <= year <= _ERA_LAST[base]:
                return None
            year += base
        else:
            year = kanji_number(g["y"])
        return dt.date(year, kanji_number(g["m"]), kanji_number(g["d"]))
    except (ValueError, KeyError):
        return None


_TYPED = str.maketrans("OolISー", "00115-")
"""Letters typed or read for digits (O for 0, l for 1, S for 5) and the long-vowel mark typed for a dash: tried after a
birth word when the date as written is no date (`1993年lO月12日`, `1960ー04-15`)."""
_AFTER = ("生", "歳")
_AFTER_WORD = re.compile(r"[ )]?(?:生まれ|生(?![0-9a-zA-Z産活命地徒協鮮])| ?\([0-9]{1,3}歳)")


def calendar_date(m: re.Match[str]) -> dt.date | None:
    g = m.groupdict()
    try:
        if g["y"]:
            return dt.date(int(g["y"]), int(g["m"] or g["m2"] or g["m3"]), int(g["d"] or g["d2"] or g["d3"]))
        if g["era"]:
            base = _ERAS[g["era"].rstrip(".")]
            year = 1 if g["ey"] == "元" else int(g["ey"])
            if not 1 <= year <= _ERA_LAST[base]:
                return None
            return dt.date(base + year, int(g["em"] or g["em2"]), int(g["ed"] or g["ed2"]))
        if g["us_y"]:
            first, second = int(g["us_m"]), int(g["us_d"])
            if first > 12:  # 25/12/1985: day first, as written outside the US
                first, second = second, first
            return dt.date(_full_year(g["us_y"]), first, second)
        name = (g["mname"] or g["mname2"]).lower()[:3]
        return dt.date(int(g["ny"] or g["yn"]), _MONTHS[name], int(g["nd"] or g["dn"]))
    except (ValueError, TypeError):
        return None


def typed_date(value: str) -> str:
    """`value` with letters typed for digits read as digits, if there are two at most; else `value`."""
    typed = value.translate(_TYPED)
    return typed if sum(a != b for a, b in zip(value, typed, strict=True)) <= 2 else value


def _full_year(year: str) -> int:
    """A year for checking the calendar only (no finding carries the date): `85` → 2085, `00` → 2000.

    19yy and 20yy have the same leap days except for 00, and 2000 was a leap year, so `29/02/00` is a date and
    `29/02/01` is not whichever century the writer meant; no clock is read, so a scan gives the same findings in
    every year."""
    return int(year) if len(year) == 4 else 2000 + int(year)


class DateOfBirth(Recognizer):
    entity = "DATE_OF_BIRTH"
    name = "date_of_birth"

    def find(self, text: str) -> Iterator[Finding]:
        # context first: the words are rare, dates are not
        for at, after in occurrences(text, _BEFORE):
            end = paragraph_end(text, after, 40)
            m = DATE.search(text, after, end)  # Date of birth (MM/DD/YYYY): …
            valid = m is not None and self._valid(text, m)
            # a date further on may be another one (生年月日 1985/1O/3 調剤日 令和5年…): a typed one before it wins
            found = None
            if m is None or not valid or m.start() - after > 3:
                found = self._typed(text, after, m.start() if m is not None and valid else end)
            if found is None and m is not None and valid:
                yield self.finding(m.start(), m.end(), 0.85)
                continue
            if found is None and m is None:
                found = self._kanji(text, after, end)
            if found is None and text.startswith(_BIRTHDAY, at):
                found = self._month_day(text, after, paragraph_end(text, after, 16))
            if found is not None:
                yield found
        for start, end in docs_births(text):
            yield self.finding(start, end, 0.85)
        for word, _ in occurrences(text, _AFTER):  # 1985年4月12日生, 1985/4/12生まれ, 1985-04-12 (40歳)
            for m in DATE.finditer(text, max(0, word - 24), word):
                tail = _AFTER_WORD.match(text, m.end())
                if tail is not None and tail.end() > word and self._valid(text, m):
                    yield self.finding(m.start(), m.end(), 0.85)
            if word > 0 and text[word - 1] == "日":  # 昭和五十年三月一日生まれ
                for m in KANJI_DATE.finditer(text, max(0, word - 16), word):
                    if m.end() == word and kanji_date(m) is not None and _AFTER_WORD.match(text, m.end()):
                        yield self.finding(m.start(), m.end(), 0.85)

    def _kanji(self, text: str, start: int, end: int) -> Finding | None:
        m = KANJI_DATE.search(text, start, end)
        if m is None or kanji_date(m) is None:
            return None
        return self.finding(m.start(), m.end(), 0.85)

    def _typed(self, text: str, start: int, end: int) -> Finding | None:
        """The date after a birth word with a letter or two typed for digits (`1985/1O/3`)."""
        window = text[start:end]
        typed = window.translate(_TYPED)
        if typed == window:
            return None
        m = DATE.search(typed)
        before = text[start + m.start() - 1 : start + m.start()] if m is not None else ""
        if m is None or calendar_date(m) is None or (before.isascii() and before.isalnum()):
            return None
        if sum(a != b for a, b in zip(window[m.start() : m.end()], m.group(), strict=True)) > 2:
            return None
        return self.finding(start + m.start(), start + m.end(), 0.75)

    def _month_day(self, text: str, start: int, end: int) -> Finding | None:
        m = _MONTH_DAY.search(text, start, end)
        if m is None:
            return None
        g = m.groupdict()
        month = int(g["m"]) if g["m"] else _MONTHS[(g["mname"] or g["mname2"]).lower()[:3]]
        try:
            dt.date(2000, month, int(g["d"] or g["nd"] or g["dn"]))  # a leap year: 2月29日 is a birthday
        except ValueError:
            return None
        return self.finding(m.start(), m.end(), 0.75)

    @staticmethod
    def _valid(text: str, m: re.Match[str]) -> bool:
        before = text[m.start() - 1 : m.start()]
        return not (before.isascii() and before.isalnum()) and calendar_date(m) is not None


_DOCS = ("SSR DOCS", "SSRDOCS")
_DOCS_BIRTH = re.compile(
    r"[^\n]{0,60}?/(?P<d>[0-3][0-9])(?P<m>JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(?P<y>[0-9]{2})/[MFU]I?/"
)
"""An airline's passport line: `SSR DOCS NH HK1 P/JPN/TR0834890/JPN/12OCT85/M/19AUG30/SURNAME/GIVEN`, the date of
birth before the sex (the date after it is the passport's expiry)."""


def docs_births(text: str) -> Iterator[tuple[int, int]]:
    for _, after in occurrences(text, _DOCS):
        m = _DOCS_BIRTH.match(text, after)
        if m is None:
            continue
        try:
            dt.date(_full_year(m.group("y")), _MONTHS[m.group("m").lower()], int(m.group("d")))
        except ValueError:
            continue
        yield m.start("d"), m.end("y")


register(_DOCS)
register(_BEFORE)  # in the automaton before the first scan
register(_AFTER)
