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
_ERAS = {"令和": 2018, "R": 2018, "平成": 1988, "H": 1988, "昭和": 1925, "S": 1925, "大正": 1911, "T": 1911}
_ERA_LAST = {2018: 99, 1988: 31, 1925: 64, 1911: 15}
_MONTH = (
    r"(?P<mname>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)"
    r"(?:[a-z]*|[A-Z]*)\.?"
)
"""A month's name or abbreviation, in any case (April, APR, Apr.: passports and forms write capitals)."""
DATE = re.compile(
    r"(?P<y>(?:19|20)[0-9]{2})"
    r"(?: ?年 ?(?P<m>[0-9]{1,2}) ?月 ?(?P<d>[0-9]{1,2}) ?日"
    r"|(?P<s1>[-/.])(?P<m2>[0-9]{1,2})(?P=s1)(?P<d2>[0-9]{1,2})"
    r"|(?P<m3>0[1-9]|1[0-2])(?P<d3>[0-3][0-9])(?![0-9]))"
    r"|(?P<era>令和|平成|昭和|大正|[RHST]) ?(?P<ey>[0-9]{1,2}|元)"
    r"(?: ?年 ?(?P<em>[0-9]{1,2}) ?月 ?(?P<ed>[0-9]{1,2}) ?日"
    r"|(?P<s2>[-/.])(?P<em2>[0-9]{1,2})(?P=s2)(?P<ed2>[0-9]{1,2}))"
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
)
_AFTER = ("生", "歳")
_AFTER_WORD = re.compile(r"[ )]?(?:生まれ|生(?![0-9a-zA-Z産活命地徒協鮮])| ?\([0-9]{1,3}歳)")


def calendar_date(m: re.Match[str]) -> dt.date | None:
    g = m.groupdict()
    try:
        if g["y"]:
            return dt.date(int(g["y"]), int(g["m"] or g["m2"] or g["m3"]), int(g["d"] or g["d2"] or g["d3"]))
        if g["era"]:
            base = _ERAS[g["era"]]
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


def _full_year(year: str) -> int:
    """`85` → 1985, `05` → 2005: a two-digit year of birth is in the last hundred years."""
    if len(year) == 4:
        return int(year)
    short = int(year)
    return 2000 + short if short <= dt.datetime.now(dt.UTC).year % 100 else 1900 + short


class DateOfBirth(Recognizer):
    entity = "DATE_OF_BIRTH"
    name = "date_of_birth"

    def find(self, text: str) -> Iterator[Finding]:
        # context first: the words are rare, dates are not
        for _, after in occurrences(text, _BEFORE):
            m = DATE.search(text, after, paragraph_end(text, after, 40))  # Date of birth (MM/DD/YYYY): …
            if m is not None and self._valid(text, m):
                yield self.finding(m.start(), m.end(), 0.85)
        for word, _ in occurrences(text, _AFTER):  # 1985年4月12日生, 1985/4/12生まれ, 1985-04-12 (40歳)
            for m in DATE.finditer(text, max(0, word - 24), word):
                tail = _AFTER_WORD.match(text, m.end())
                if tail is not None and tail.end() > word and self._valid(text, m):
                    yield self.finding(m.start(), m.end(), 0.85)

    @staticmethod
    def _valid(text: str, m: re.Match[str]) -> bool:
        before = text[m.start() - 1 : m.start()]
        return not (before.isascii() and before.isalnum()) and calendar_date(m) is not None


register(_BEFORE)  # in the automaton before the first scan
register(_AFTER)
