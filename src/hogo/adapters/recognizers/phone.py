"""Telephone numbers (Japanese numbering plan first, then any +country number)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hogo.adapters.recognizers import engine
from hogo.adapters.recognizers.base import (
    Finding,
    Recognizer,
    digits_of,
    near,
    standalone,
)

_PHONE_CONTEXT = re.compile(r"電話|TEL|Tel|tel|携帯|FAX|Fax|fax|[Pp]hone|[Mm]obile|[Cc]ell|[Cc]all|連絡先|☎|PHONE|Ph\.")
_ELEVEN = ("070", "080", "090", "050", "020", "0800")
_NON_GEOGRAPHIC_10 = ("0120", "0570", "0990", "0180")
_SEPARATOR = re.compile(r" ")


def japanese_number_valid(digits: str) -> bool:
    """Whether `digits` (national form, leading 0) fits the Japanese plan: mobile/IP/0800 numbers have 11
    digits, landlines and 0120/0570 have 10, and nothing starts with 00 (international prefix)."""
    if len(digits) == 11:
        return digits.startswith(_ELEVEN)
    if len(digits) == 10:
        if digits.startswith(_NON_GEOGRAPHIC_10):
            return True
        return digits[1] != "0" and not digits.startswith(_ELEVEN)
    return False


class PhoneNumber(Recognizer):
    """Japanese numbers written as 03-1234-5678, 03(1234)5678, (03)1234-5678, 090 1234 5678, 0120-123-456,
    +81 90-1234-5678, +81(0)3-…; other countries' numbers only in international form (+NN …)."""

    entity = "PHONE_NUMBER"
    name = "phone"
    _pattern = re.compile(
        r"(?:\+[1-9][0-9]{0,2}[ -]?(?:\(0\)[ -]?)?\(?|\(0|0(?<![0-9A-Za-z]0)(?<![0-9][-./]0))"
        r"[0-9](?:[0-9]|[ ()\-.ー―‐‑–—−]{1,2}(?=[0-9(])){6,16}[0-9]"
    )
    _us = engine.register(
        re.compile(r"(?:\([2-9][0-9]{2}\) ?|[2-9](?<![0-9A-Za-z][2-9])[0-9]{2}[-. ])[2-9][0-9]{2}[-. ][0-9]{4}")
    )
    _us_trunk = re.compile(r"1[-. ]$")
    _uk = engine.register(re.compile(r"0[1-9][0-9]{3} [0-9]{6}"))

    def find(self, text: str) -> Iterator[Finding]:
        score_of = self._score
        for m in self._pattern.finditer(text):
            start = m.start()
            whole = m.group()
            size = len(whole)
            # "03-1234-5678 10時": a trailing group may be the next number; try the longest prefix first (most
            # candidates have no space after their first digits: one cut, the whole)
            cuts = [size]
            if whole.find(" ", 4) != -1:
                cuts = [*(g.start() for g in _SEPARATOR.finditer(whole, 4)), size][::-1]
            for cut in cuts:
                scored = score_of(whole[:cut] if cut < size else whole)
                if scored is not None and standalone(text, start, start + cut, loose_end=cut < size):
                    score = max(scored, 0.9) if near(_PHONE_CONTEXT, text, start, start + cut, 20) else scored
                    yield self.finding(start, start + cut, score)
                    break
        yield from self._north_american(text)

    def _north_american(self, text: str) -> Iterator[Finding]:
        """(212) 555-0147 always; 212-555-0147, 1-800-555-0199 or 212.555.0147 next to a phone word (+1 numbers are
        found above); a UK number grouped 5 + 6 (07700 900123, 01632 960123: no Japanese number is grouped so)."""
        # begins with "(" or a digit: the engine skips ahead in C; a digit glued to a letter or digit before it is
        # never kept (`standalone`, and "1-" before it is no letter or digit): the look-behind gives up there at once
        for m in engine.finditer(self._us, text):
            start, end = m.span()
            if self._us_trunk.search(text, max(0, start - 2), start):
                start -= 2  # 1-800-555-0199
            if not standalone(text, start, end) or (start > 0 and text[start - 1] in "+("):
                continue
            if text[start] == "(" or near(_PHONE_CONTEXT, text, start, end, 24):
                yield self.finding(start, end, 0.7)
        for m in engine.finditer(self._uk, text):
            if standalone(text, *m.span()):
                yield self.finding(m.start(), m.end(), 0.6)

    @staticmethod
    def _score(candidate: str) -> float | None:
        if candidate.count("(") != candidate.count(")"):
            return None
        if candidate[0] == "+":
            digits = digits_of(candidate).replace("+", "")
            if candidate.startswith("+81"):
                return 0.85 if japanese_number_valid("0" + digits[2:].removeprefix("0")) else None
            return 0.6 if 8 <= len(digits) <= 15 else None
        digits = digits_of(candidate)  # a "+" is only ever the first character
        if not japanese_number_valid(digits):
            return None
        if len(digits) < len(candidate):
            return 0.75
        # 09012345678 run into a sentence: a mobile number's prefix and length are rare in other numbers
        return 0.6 if len(digits) == 11 and digits.startswith(("070", "080", "090")) else 0.4
