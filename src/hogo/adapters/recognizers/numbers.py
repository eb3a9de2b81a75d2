"""Numbers with a check digit: My Number (個人番号), corporate number (法人番号), payment card numbers (Luhn)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from operator import mul

from hogo.adapters.recognizers import engine
from hogo.adapters.recognizers.base import (
    Finding,
    Recognizer,
    digits_of,
    near,
    occurrences,
    paragraph_end,
    standalone,
)
from hogo.adapters.recognizers.needles import register

NOT_PERSONAL = re.compile(
    r"注文|伝票|受付番号|問い?合わ?せ番号|請求書?番号|商品|品番|型番|追跡|[Oo]rder|ORDER|[Ii]nvoice|[Tt]racking|[Rr]ef\b|"
    r"[Rr]eference|SKU|[Pp]roduct|#|JAN|EAN|バーコード|[Bb]arcode"
)
"""Words before a number that say what it is instead: an order, an invoice, a product, a parcel."""


_AFTER_NOTHING = r"(?:^|[^0-9A-Za-z\-./ ]|(?:^|[^0-9])[\-./ ])"
"""For the native pass (`engine.register`): what may come before a number's first digit, the bytes' form of the
look-behinds `(?<![0-9A-Za-z][0-9])(?<![0-9][-./ ][0-9])` (nothing, or neither a letter nor a digit, and a
separator only when no digit is before it): the pass then reports a number once, not again after each separator."""

_MY_NUMBER_WEIGHTS = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
"""Q_n for the digits left to right (Q_n = n + 1 for n ≤ 6, n − 5 above, n counted from the right)."""


_ZERO = ord("0")
_CORPORATE_WEIGHTS = (2, 1) * 6
"""Q_n for the 12 digits left to right (Q_n = 1 for n odd, 2 for n even, n counted from the right)."""
_LUHN_DOUBLED = bytes.maketrans(b"0123456789", bytes((0, 2, 4, 6, 8, 1, 3, 5, 7, 9)))
"""A digit's byte to the digit sum of its double: what Luhn adds for every second digit from the right."""


def _ascii_digits(digits: str) -> bool:
    return digits.isascii() and digits.isdigit()


def my_number_check_digit(first11: str) -> int:
    """番号法施行令 Art. 8 / 総務省令第85号 Art. 5: weights 2–7 then 2–6 from the right, mod 11.

    ASCII digits are summed as their bytes (a dense MB has ~2,000 candidates: 0.6 µs each instead of 2.5)."""
    if len(first11) == 11 and _ascii_digits(first11):
        total = sum(map(mul, first11.encode(), _MY_NUMBER_WEIGHTS)) - _ZERO * sum(_MY_NUMBER_WEIGHTS)
    else:
        total = sum(map(mul, map(int, first11), _MY_NUMBER_WEIGHTS))
    remainder = total % 11
    return 0 if remainder <= 1 else 11 - remainder


def corporate_number_check_digit(base12: str) -> int:
    """法人番号 (法人番号の指定等に関する省令 Art. 2): the first digit is 9 - (Σ P_n·Q_n mod 9), Q = 1, 2, 1, 2 …"""
    total: int
    if len(base12) == 12 and _ascii_digits(base12):
        total = sum(map(mul, base12.encode(), _CORPORATE_WEIGHTS)) - _ZERO * sum(_CORPORATE_WEIGHTS)
    else:
        total = sum(int(d) * (1 if n % 2 else 2) for n, d in enumerate(reversed(base12), start=1))
    return 9 - total % 9


def luhn(digits: str) -> bool:
    if _ascii_digits(digits):  # the digits' bytes: every other one from the right as is, the others doubled
        data = digits.encode()
        kept = data[-1::-2]
        total = sum(kept) - _ZERO * len(kept) + sum(data[-2::-2].translate(_LUHN_DOUBLED))
        return total % 10 == 0
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


class MyNumber(Recognizer):
    """12 digits (grouped 4-4-4 or not) whose 12th is the check digit; 1 in 11 random numbers passes, so the
    score stays moderate unless a context word (マイナンバー, 個人番号, My Number) is near."""

    entity = "JP_MY_NUMBER"
    name = "my_number"
    # the boundaries of `standalone()` inside the pattern; the look-behinds come after the first digit so that
    # the regex engine can still skip ahead to the next digit
    _pattern = engine.register(
        re.compile(
            r"[0-9](?<![0-9A-Za-z][0-9])(?<![0-9][-./ ][0-9])[0-9]{3}([ -]?)[0-9]{4}\1[0-9]{4}"
            r"(?![0-9A-Za-z]|[-./ ][0-9])"
        ),
        prefilter=_AFTER_NOTHING + r"[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}",
    )
    _context = re.compile(r"マイナンバー|個人番号|[Mm]y ?[Nn]umber|MY NUMBER|通知カード")

    def find(self, text: str) -> Iterator[Finding]:
        for m in engine.finditer(self._pattern, text):
            start, end = m.span()
            digits = digits_of(m.group())
            if int(digits[11]) != my_number_check_digit(digits[:11]):
                continue
            if near(self._context, text, start, end, 30):
                yield self.finding(start, end, 0.95)
            elif not near(NOT_PERSONAL, text, start, end, 16):
                yield self.finding(start, end, 0.55)


class CorporateNumber(Recognizer):
    """13 digits whose first is the check digit, optionally after `T` (適格請求書発行事業者登録番号)."""

    entity = "JP_CORPORATE_NUMBER"
    name = "corporate_number"
    _pattern = engine.register(
        re.compile(r"[0-9](?<![0-9A-SU-Za-z][0-9])(?<![0-9][-./ ][0-9])[0-9]{12}(?![0-9A-Za-z]|[-./ ][0-9])"),
        prefilter=r"(?:^|[^0-9A-SU-Za-z\-./ ]|(?:^|[^0-9])[\-./ ])[0-9]{13}",
    )
    _context = re.compile(r"法人番号|登録番号|[Cc]orporate [Nn]umber|インボイス")
    _words = ("法人番号", "登録番号", "orporate number", "orporate Number", "ORPORATE NUMBER")
    _grouped = re.compile(r"T?[0-9](?:[ -]?[0-9]){12}(?![0-9])")
    """After a corporate-number word, the 13 digits as people group them for reading (`1-2345-6789-0123`,
    `7010 0010 8896 0`, `T1-2345-…`): the single run is found by the native pass above."""

    def find(self, text: str) -> Iterator[Finding]:
        yield from self._after_word(text)
        for m in engine.finditer(self._pattern, text):
            start, end = m.span()
            invoice = start > 0 and text[start - 1] == "T" and standalone(text, start - 1, end)
            if not (invoice or standalone(text, start, end)):
                continue
            digits = m.group()
            if int(digits[0]) != corporate_number_check_digit(digits[1:]):
                continue
            if invoice or near(self._context, text, start, end, 30):
                yield self.finding(start - 1 if invoice else start, end, 0.9)
            elif not _jan(digits) and not near(NOT_PERSONAL, text, start, end, 16):
                yield self.finding(start, end, 0.5)  # not a JAN code (45/49 + EAN-13 check digit), not after 商品/SKU

    def _after_word(self, text: str) -> Iterator[Finding]:
        for _, after in occurrences(text, self._words):
            m = self._grouped.search(text, after, paragraph_end(text, after, 20))
            if m is None or m.group().lstrip("T").isdigit() or not standalone(text, *m.span()):
                continue  # a run of 13 digits (after T or not) is the native pass's
            digits = digits_of(m.group()).lstrip("T")
            if int(digits[0]) == corporate_number_check_digit(digits[1:]):
                yield self.finding(m.start(), m.end(), 0.9)


register(CorporateNumber._words)  # in the automaton before the first scan


def ean13_valid(digits: str) -> bool:
    """The EAN-13 (JAN) check digit: weights 1 and 3 alternating from the left, the total a multiple of 10."""
    return len(digits) == 13 and sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10 == 0


def _jan(digits: str) -> bool:
    """A Japanese product code (JAN: EAN-13 with the prefix 45 or 49), which a 13-digit card or corporate number
    may look like: without a card or corporate-number word near, the product code is the likelier reading."""
    return digits.startswith(("45", "49")) and ean13_valid(digits)


_BRANDS = re.compile(
    r"4[0-9]{12}(?:[0-9]{3}){0,2}"  # Visa
    r"|(?:5[1-5][0-9]{2}|222[1-9]|22[3-9][0-9]|2[3-6][0-9]{2}|27[01][0-9]|2720)[0-9]{12}"  # Mastercard
    r"|3[47][0-9]{13}"  # American Express
    r"|35(?:2[89]|[3-8][0-9])[0-9]{12,15}"  # JCB
    r"|3(?:0[0-5]|[68][0-9])[0-9]{11,16}"  # Diners Club
    r"|6(?:011|5[0-9]{2}|4[4-9][0-9])[0-9]{12,15}"  # Discover
    r"|62[0-9]{14,17}"  # UnionPay
)


class CreditCard(Recognizer):
    """13–19 digits in groups of up to 6, with a known brand prefix and a valid Luhn sum."""

    entity = "CREDIT_CARD"
    name = "credit_card"
    _pattern = engine.register(
        re.compile(
            r"[2-6](?<![0-9A-Za-z][2-6])(?<![0-9][-./ ][2-6])(?:[0-9]{12,18}(?![0-9])|[0-9]{3}(?:[ -][0-9]{2,6}){2,4})"
        ),
        prefilter=_AFTER_NOTHING + r"[2-6](?:[0-9]{12,18}|[0-9]{3}(?:[ -][0-9]{2,6}){2,4})",
    )
    _groups = re.compile(r" ")
    _context = re.compile(r"カード|[Cc]ard|VISA|Visa|JCB|Master|AMEX|Amex|決済")

    def find(self, text: str) -> Iterator[Finding]:
        for m in engine.finditer(self._pattern, text):
            start = m.start()
            candidate = m.group()
            # a trailing group may belong to what follows ("… 1111 12/25"): try the longest prefix first
            cuts = [g.start() for g in self._groups.finditer(candidate)] + [len(candidate)]
            for cut in reversed(cuts):
                digits = digits_of(candidate[:cut])
                if len(digits) < 13:
                    break
                if len(digits) <= 19 and _BRANDS.fullmatch(digits) and luhn(digits):
                    end = start + cut
                    if standalone(text, start, end, loose_end=cut < len(candidate)):
                        if near(self._context, text, start, end, 30):
                            yield self.finding(start, end, 0.95)
                        elif not near(NOT_PERSONAL, text, start, end, 16) and not _jan(digits):
                            yield self.finding(start, end, 0.8)
                    break
