"""Telephone numbers (Japanese numbering plan first, then any +country number) and Japanese postal codes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hogo.adapters.recognizers.base import (
    Finding,
    Recognizer,
    digits_of,
    near,
    occurrences,
    paragraph_end,
    standalone,
)

_PHONE_CONTEXT = re.compile(r"電話|TEL|Tel|tel|携帯|FAX|Fax|fax|[Pp]hone|[Mm]obile|連絡先|☎")
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
        r"[0-9](?:[0-9]|[ ()-]{1,2}(?=[0-9(])){6,16}[0-9]"
    )

    def find(self, text: str) -> Iterator[Finding]:
        for m in self._pattern.finditer(text):
            start = m.start()
            whole = m.group()
            # "03-1234-5678 10時": a trailing group may be the next number; try the longest prefix first
            for cut in [*(g.start() for g in _SEPARATOR.finditer(whole, 4)), len(whole)][::-1]:
                scored = self._score(whole[:cut])
                if scored is not None and standalone(text, start, start + cut, loose_end=cut < len(whole)):
                    score = max(scored, 0.9) if near(_PHONE_CONTEXT, text, start, start + cut, 20) else scored
                    yield self.finding(start, start + cut, score)
                    break

    @staticmethod
    def _score(candidate: str) -> float | None:
        if candidate.count("(") != candidate.count(")"):
            return None
        digits = digits_of(candidate).replace("+", "")
        if candidate.startswith("+81"):
            return 0.85 if japanese_number_valid("0" + digits[2:].removeprefix("0")) else None
        if candidate.startswith("+"):
            return 0.6 if 8 <= len(digits) <= 15 else None
        if not japanese_number_valid(digits):
            return None
        return 0.75 if len(digits) < len(candidate) else 0.4


class PostalCode(Recognizer):
    """〒123-4567 (always), or 123-4567 / 1234567 within a few characters after 郵便番号, postal code, zip."""

    entity = "JP_POSTAL_CODE"
    name = "postal_code"
    _mark = re.compile(r"〒 ?[0-9]{3}-?[0-9]{4}")
    _context = ("郵便", "Postal", "postal", "POSTAL", "ZIP", "Zip", "zip", "Post code", "Postcode", "post code")
    _code = re.compile(r"[0-9]{3}(-?)[0-9]{4}")

    def find(self, text: str) -> Iterator[Finding]:
        for m in self._mark.finditer(text):
            if not text[m.end() : m.end() + 1].isalnum():
                yield self.finding(m.start(), m.end(), 0.95)
        for _, after in occurrences(text, self._context):
            code = self._code.search(text, after, paragraph_end(text, after, 16))
            if code is not None and text[code.end() : code.end() + 1] != "-" and standalone(text, *code.span()):
                yield self.finding(code.start(), code.end(), 0.85 if code.group(1) else 0.6)
