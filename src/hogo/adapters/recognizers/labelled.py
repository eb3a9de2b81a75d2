"""Addresses and postal codes of any country, found only after a label (Address:, 住所:, Postal Code:).

The Japanese recognizers know the shape of a Japanese address or postal code; a street address in
Lisbon or a Canadian postcode has no shape to find in free text. After a label, though, the value is
the thing: `Address: Av. Brigadeiro Faria Lima, 2170`, and, in a database column, the column's own
name is that label (`Invoice Billing Address: …`, see `classify_column`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hogo.adapters.recognizers.base import Finding, Recognizer, occurrences
from hogo.adapters.recognizers.needles import register

_VALUE = re.compile(r" ?[:：] ?([^\n:：]{3,100})")
_HAS_NUMBER_AND_WORD = re.compile(r"(?=.*[0-9])(?=.*[^\W\d_]{2})")
_CITY_AND_CODE = re.compile(
    r",? +(?:[A-ZÀ-Þ][\w'.\-]*(?: [A-ZÀ-Þ][\w'.\-]*){0,3},? +)?"
    r"(?:(?:[A-Z]{2,3},? +)?(?:[A-Z][0-9][A-Z] ?[0-9][A-Z][0-9]|[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2})"
    r"|[A-Z]{2,3},? +[0-9]{4,5}(?:-[0-9]{4})?"
    r"|(?<=[a-z] )(?:[0-9]{4}|[1-9][0-9]{5}))$"  # `, Wellington 6048`, `, Pune, Maharashtra 411417`
)
"""`, Honolulu, HI 96848` / `, Toronto ON M5V 6A7` / `, LONDON SW1A 1AA` at the end of a labelled address: the city
and the postal code, which the postal-code recognizers report; the street address ends before them (else the
two findings overlap and only one of them is kept)."""
_POSTAL_VALUE = re.compile(r"(?: ?[:：#] ?| )([A-Z0-9](?:[A-Z0-9]|[ -](?=[A-Z0-9])){2,9})(?![A-Za-z0-9])")
"""The value after a colon, or after a space alone (`ZIP Code 94105`): a label so specific needs no colon."""


class StreetAddress(Recognizer):
    """After 住所/所在地/Address/Street: a value holding at least a number and a word."""

    entity = "STREET_ADDRESS"
    name = "street_address"
    _labels = ("住所", "所在地", "Address", "address", "ADDRESS", "Street", "street")

    def find(self, text: str) -> Iterator[Finding]:
        for start, after in occurrences(text, self._labels):
            if text[start : start + 5] == "Addre" and text[after : after + 2] in {"ee", "es"}:
                continue  # "Addressee", "Addresses"
            m = _VALUE.match(text, after)
            if m is None:
                continue
            value = m.group(1).rstrip(" 、。,.")
            tail = _CITY_AND_CODE.search(value, max(0, len(value) - 40)) if value[-1:].isalnum() else None
            if tail is not None and _HAS_NUMBER_AND_WORD.match(value, 0, tail.start()):
                value = value[: tail.start()]
            if _HAS_NUMBER_AND_WORD.match(value) and "@" not in value:
                yield self.finding(m.start(1), m.start(1) + len(value), 0.7)


class LabelledPostalCode(Recognizer):
    """After Postal Code/Postcode/ZIP (Code): 3–10 letters and digits with at least two digits."""

    entity = "POSTAL_CODE"
    name = "postal_code_labelled"
    _labels = (
        "Postal Code",
        "Postal code",
        "postal code",
        "POSTAL CODE",
        "Post Code",
        "Post code",
        "post code",
        "Postcode",
        "postcode",
        "POSTCODE",
        "ZIP",
        "Zip",
        "zip",
        "ZIP Code",
        "ZIP code",
        "Zip Code",
        "Zip code",
        "zip code",
        "ZIP CODE",
        "Zipcode",
        "zipcode",
    )

    def find(self, text: str) -> Iterator[Finding]:
        for _, after in occurrences(text, self._labels):
            m = _POSTAL_VALUE.match(text, after)
            if m is not None and sum(c.isdigit() for c in m.group(1)) >= 2:
                yield self.finding(m.start(1), m.end(1), 0.65)


register(StreetAddress._labels)  # in the automaton before the first scan
register(LabelledPostalCode._labels)
