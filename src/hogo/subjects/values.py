"""Check and normalise personal values as they are acquired, one rule per ValueType (accuracy, APPI Art. 22).

A malformed value raises ValueProblem, whose code is stable and whose message never contains the value.
"""

from __future__ import annotations

import ipaddress
import json
import math
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from decimal import Context, Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal, TypeVar
from urllib.parse import urlsplit

import phonenumbers
from email_validator import SPECIAL_USE_DOMAIN_NAMES, EmailNotValidError, validate_email
from email_validator.rfc_constants import CASE_INSENSITIVE_MAILBOX_NAMES

from hogo.errors import InvalidInput
from hogo.ledger.schemas.catalogue import ValueType

MAX_TEXT = 10_000
MAX_IDENTIFIER = 200
MAX_EXPONENT = 1_000  # numbers beyond 1e±1000 are not personal data, and would print as megabytes

_T = TypeVar("_T")

# Dash-like characters NFKC leaves alone (hyphen, dashes, minus sign, katakana prolonged sound mark).
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc", "-"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE = re.compile(r"\s")
_KIND = re.compile(r"[a-z][a-z0-9_]{0,39}")
_PHONE = re.compile(r"\+?[0-9 ()\-.]+")
_NOT_DIGIT = re.compile(r"[^0-9]")
_POSTAL = re.compile(r"([0-9]{3})-?([0-9]{4})")
_MY_NUMBER = re.compile(r"([0-9]{4})[ -]?([0-9]{4})[ -]?([0-9]{4})")
_CARD = re.compile(r"[0-9]{12,19}")
_DATE = re.compile(r"([0-9]{4})([-/])([0-9]{1,2})\2([0-9]{1,2})")
_DATE_JA = re.compile(r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")

_WRITTEN = frozenset({ValueType.name, ValueType.text, ValueType.address, ValueType.file})
_DIGITAL = frozenset(ValueType(t) for t in ("phone", "postal_code", "my_number", "card_number", "date", "number"))


class ValueProblem(InvalidInput):
    """A value broke the rule of its type. `code` is stable; `message` names the rule, never the value."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _attempt(call: Callable[[], _T], *errors: type[Exception]) -> _T | None:
    """`call()`, or None if it raises one of `errors`. Callers raise outside the `except` block, so a
    ValueProblem never chains (__context__) a library exception whose text may quote the value."""
    try:
        return call()
    except errors:
        return None


def _clean(raw: str, form: Literal["NFC", "NFKC"] | None, limit: int = MAX_TEXT) -> str:
    if len(raw) > MAX_TEXT:
        raise ValueProblem("too-long", f"The value is longer than {MAX_TEXT:,} characters.")
    text = (unicodedata.normalize(form, raw) if form else raw).strip()
    if not text:
        raise ValueProblem("empty-value", "A value is required; it is empty or blank.")
    if len(text) > limit:
        raise ValueProblem("too-long", f"The value is longer than {limit:,} characters.")
    if _CONTROL.search(text):
        raise ValueProblem("control-character", "The value contains a control character.")
    return text


# A plain ASCII address: dot-atom local part, host-name labels, a top-level label ending in a letter. For these,
# email-validator (check_deliverability off) changes nothing but the domain's case, so `_email` takes them without
# calling it; `_plain_email` lists the few plain-looking cases it still hands over (and the tests compare both).
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"  # 1 to 63 characters
_PLAIN_ADDRESS = re.compile(
    rf"({_ATEXT}+(?:\.{_ATEXT}+)*)@((?:{_LABEL}\.)+(?:[A-Za-z0-9][A-Za-z0-9-]{{0,61}})?[A-Za-z])"
)
_MAILBOX_NAMES = frozenset(CASE_INSENSITIVE_MAILBOX_NAMES)
_SPECIAL_USE = frozenset(SPECIAL_USE_DOMAIN_NAMES)
_UNDER_SPECIAL_USE = tuple("." + name for name in SPECIAL_USE_DOMAIN_NAMES)


def _plain_email(text: str) -> str | None:
    """The normal form of a plain ASCII address, exactly as `validate_email` gives it; None: ask `validate_email`.

    Handed over: any length beyond the limits (254 in all, 253 after the @, 63 a label: the pattern takes no longer
    label), a `--` in the domain (Punycode and reserved labels), a special-use domain (.local, .test, …), a role
    mailbox RFC 2142 makes case-insensitive (postmaster@, info@, …: email-validator lower-cases those)."""
    match = _PLAIN_ADDRESS.fullmatch(text)
    if match is None or len(text) > 254:
        return None
    local, domain = match.group(1, 2)
    domain = domain.lower()
    if len(domain) > 253 or "--" in domain or local.lower() in _MAILBOX_NAMES:
        return None
    if domain in _SPECIAL_USE or domain.endswith(_UNDER_SPECIAL_USE):
        return None
    return f"{local}@{domain}"


def _email(text: str) -> str:
    plain = _plain_email(text)
    return plain if plain is not None else _checked_email(text)


@lru_cache(maxsize=4096)
def _checked_email(text: str) -> str:
    """Memoised: the same address comes as an identifier and as a value of one acquisition."""
    checked = _attempt(lambda: validate_email(text, check_deliverability=False), EmailNotValidError, ValueError)
    if checked is None:
        raise ValueProblem("invalid-email", "Not a valid e-mail address (one @, then a domain name with a dot).")
    local, _, domain = checked.normalized.rpartition("@")
    return f"{local}@{domain.lower()}"


def _phone(text: str) -> str:
    digits = _NOT_DIGIT.sub("", text)
    if _PHONE.fullmatch(text):
        if not text.startswith("+"):
            if digits.startswith("0") and len(digits) in (10, 11) and digits[1] != "0":
                return "+81" + digits[1:]
        elif digits.startswith("81"):
            if len(digits) in (11, 12) and digits[2] != "0":
                return "+" + digits
        elif 8 <= len(digits) <= 15 and digits[0] != "0":
            return "+" + digits
    raise ValueProblem(
        "invalid-phone",
        "Not a valid phone number: a Japanese number starts with 0 and has 10 or 11 digits; "
        "an international one starts with + and the country code (+81 followed by 9 or 10 digits, no trunk 0).",
    )


def _postal_code(text: str) -> str:
    match = _POSTAL.fullmatch(text.removeprefix("〒").strip())
    if match is None:
        raise ValueProblem("invalid-postal-code", "Not a valid postal code: seven digits, as NNN-NNNN.")
    return f"{match[1]}-{match[2]}"


def my_number_check_digit(first11: str) -> int:
    """The check digit of a My Number from its first 11 digits (番号法施行令 Art. 8; 平成26年総務省令第85号 Art. 5)."""
    if not (len(first11) == 11 and first11.isascii() and first11.isdigit()):
        raise ValueProblem("invalid-my-number", "The check digit is computed from exactly 11 digits.")
    # P_n is the n-th digit counted from the right; Q_n = n + 1 for n <= 6, n - 5 for n >= 7.
    total = sum(int(first11[-n]) * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    remainder = total % 11
    return 0 if remainder <= 1 else 11 - remainder


def _my_number(text: str) -> str:
    match = _MY_NUMBER.fullmatch(text)
    if match is None:
        raise ValueProblem("invalid-my-number", "Not a valid My Number: 12 digits, optionally grouped 4-4-4.")
    digits = "".join(match.groups())
    if int(digits[11]) != my_number_check_digit(digits[:11]):
        raise ValueProblem("my-number-check-digit", "Not a valid My Number: the check digit (12th) does not match.")
    return digits


def is_valid_my_number(value: str) -> bool:
    """Whether `value` is a well-formed My Number with a correct check digit (grouping allowed)."""
    return _attempt(lambda: normalise(ValueType.my_number, value), ValueProblem) is not None


def _luhn(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        doubled = int(char) * (2 if position % 2 else 1)
        total += doubled - 9 if doubled > 9 else doubled
    return total % 10 == 0


def _card_number(text: str) -> str:
    digits = re.sub(r"[ -]", "", text)
    if not (_CARD.fullmatch(digits) and _luhn(digits)):
        raise ValueProblem("invalid-card-number", "Not a valid card number: 12 to 19 digits passing the Luhn check.")
    return digits


def _date(text: str) -> str:
    if match := _DATE.fullmatch(text):
        parts = (match[1], match[3], match[4])
    elif match := _DATE_JA.fullmatch(text):
        parts = (match[1], match[2], match[3])
    day = _attempt(lambda: date(*map(int, parts)), ValueError) if match else None
    if day is None:
        raise ValueProblem(
            "invalid-date", "Not a valid date: a real calendar date as YYYY-MM-DD, YYYY/MM/DD or YYYY年M月D日."
        )
    return day.isoformat()


def _number(raw: int | float | str) -> str:
    if isinstance(raw, str):
        number = _attempt(lambda: Decimal(raw), InvalidOperation, ValueError) if _NUMBER.fullmatch(raw) else None
    elif isinstance(raw, float):
        number = Decimal(repr(raw)) if math.isfinite(raw) else None  # repr: the shortest exact round trip
    else:
        number = Decimal(raw)
    if number is None or not number.is_finite():
        raise ValueProblem("invalid-number", "Not a valid number: digits with an optional sign, point and exponent.")
    if number.is_zero():
        return "0"
    if abs(number.adjusted()) > MAX_EXPONENT:
        raise ValueProblem("invalid-number", f"The number is outside the range 1e-{MAX_EXPONENT} to 1e{MAX_EXPONENT}.")
    exact = Context(prec=len(number.as_tuple().digits), Emax=MAX_EXPONENT + 1, Emin=-MAX_EXPONENT - 1)
    return format(number.normalize(exact), "f")


def _ip_address(text: str) -> str:
    address = _attempt(lambda: ipaddress.ip_address(text), ValueError)
    if address is None:
        raise ValueProblem("invalid-ip-address", "Not a valid IPv4 or IPv6 address.")
    return address.compressed


def _url(text: str) -> str:
    try:
        parts = urlsplit(text)
        valid = parts.scheme.lower() in {"http", "https"} and bool(parts.hostname) and parts.port != 0
    except ValueError:  # a malformed host or port (.port raises); the problem is raised below, unchained
        valid = False
    if not valid or _SPACE.search(text):
        raise ValueProblem("invalid-url", "Not a valid web address: it needs the scheme http or https and a host name.")
    return text


def _json(raw: object) -> str:
    if isinstance(raw, str) and not raw.strip():
        raise ValueProblem("empty-value", "A value is required; it is empty or blank.")

    def dump() -> str:
        return json.dumps(raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)

    text = _attempt(dump, TypeError, ValueError, RecursionError)
    if text is None:
        raise ValueProblem(
            "invalid-json",
            "Not representable as JSON: objects with string keys, arrays, strings, finite numbers, booleans.",
        )
    return text


_RULES: dict[ValueType, Callable[[str], str]] = {
    ValueType.email: _email,
    ValueType.phone: _phone,
    ValueType.postal_code: _postal_code,
    ValueType.my_number: _my_number,
    ValueType.card_number: _card_number,
    ValueType.date: _date,
    ValueType.number: _number,
    ValueType.ip_address: _ip_address,
    ValueType.url: _url,
    **dict.fromkeys(_WRITTEN, lambda text: text),
}


def normalise(value_type: ValueType, raw: object) -> str:
    """The canonical text form of a value of this type, or ValueProblem."""
    if raw is None:
        raise ValueProblem("empty-value", "A value is required; none was given.")
    if value_type is ValueType.json:
        return _json(raw)
    if value_type is ValueType.number and isinstance(raw, int | float) and not isinstance(raw, bool):
        return _number(raw)
    if not isinstance(raw, str):
        expected = "a string or a number" if value_type is ValueType.number else "a string"
        raise ValueProblem("wrong-type", f"A {value_type.value} value must be {expected}, not {type(raw).__name__}.")
    form: Literal["NFC", "NFKC"] | None = "NFC" if value_type in _WRITTEN else "NFKC"
    if value_type is ValueType.url:
        form = None  # kept as given
    text = _clean(raw, form)
    if value_type in _DIGITAL and not text.isascii():  # every dash `_DASHES` maps is outside ASCII
        text = text.translate(_DASHES)
    return _RULES[value_type](text)


_KINDS_SEEN: set[str] = set()
"""Identifier kinds that passed `_KIND` (a few: member_id, email, …), so each is matched once per process."""


def _valid_kind(kind: str) -> bool:
    if not _KIND.fullmatch(kind):
        return False
    if len(_KINDS_SEEN) < 1_000:  # kinds come from callers: keep the set bounded
        _KINDS_SEEN.add(kind)
    return True


def normalise_identifier(kind: str, raw: str, value: Callable[[ValueType, object], str] = normalise) -> str:
    """Canonical form of a lookup identifier so that equal identifiers hash equally (`value`: how an e-mail address
    or phone number is normalised as a value, e.g. a batch's `Normaliser`)."""
    if not (isinstance(kind, str) and (kind in _KINDS_SEEN or _valid_kind(kind))):
        raise ValueProblem("invalid-identifier-kind", "An identifier kind is 1-40 of a-z, 0-9 and _, starting a-z.")
    if kind == "my_number":
        raise ValueProblem(
            "identifier-not-allowed",
            "My Number may not be used as a lookup identifier (番号法 Art. 15): "
            "it may be requested and kept only for the statutory tasks.",
        )
    if kind == "email":
        return value(ValueType.email, raw).lower()
    if kind == "phone":
        return value(ValueType.phone, raw)
    if not isinstance(raw, str):
        raise ValueProblem("wrong-type", f"An identifier must be a string, not {type(raw).__name__}.")
    return _clean(raw, "NFKC", limit=MAX_IDENTIFIER)


class Normaliser:
    """`normalise`, memoised for the text values of one batch: an acquisition's e-mail address and phone number
    come as its identifiers and again as its values. Lives as long as the batch, so it holds no value longer.
    One dict of text per value type: no key tuple per value, and dicts of text alone the garbage collector does
    not track."""

    __slots__ = ("_by_type",)

    def __init__(self) -> None:
        self._by_type: dict[ValueType, dict[str, str]] = {}

    def __call__(self, value_type: ValueType, raw: object) -> str:
        if type(raw) is not str:
            return normalise(value_type, raw)
        known = self._by_type.get(value_type)
        if known is None:
            known = self._by_type[value_type] = {}
        found = known.get(raw)
        if found is None:
            found = known[raw] = normalise(value_type, raw)
        return found

    def known(self) -> dict[ValueType, dict[str, str]]:
        """The normal forms kept so far, by value type."""
        return self._by_type


def display(value_type: str, value: str) -> str:
    """A stored value as a person reads it on paper: a phone number in its national form (+81 90… → 090-…),
    anything else as stored."""
    if value_type == "phone" and value.startswith("+"):
        try:
            parsed = phonenumbers.parse(value)
        except phonenumbers.NumberParseException:
            return value
        form = phonenumbers.PhoneNumberFormat
        return phonenumbers.format_number(parsed, form.NATIONAL if parsed.country_code == 81 else form.INTERNATIONAL)
    return value


def normal_form(kind: str, value: str) -> str | None:
    """The identifier as acquisition normalises it (`normalise_identifier`, the same rule), or None where it is not a
    valid one: a person found elsewhere by an identifier is found by the very digest stored.

    An ASCII e-mail address goes straight to `_email`'s fast path, as `normalise_identifier` would take it: NFKC
    leaves ASCII as it is, so its cleaning is the strip, and the fast path refuses anything it would still reject."""
    if kind == "email" and type(value) is str and value.isascii():
        plain = _plain_email(value.strip())
        if plain is not None:
            return plain.lower()
    try:
        return normalise_identifier(kind, value)
    except ValueProblem:
        return None
