"""Acquisition-time checks of personal values: normal forms, rejections, and messages free of the value."""

from __future__ import annotations

import random
import re

import pytest

from hogo.errors import DomainError
from hogo.ledger.schemas.catalogue import ValueType
from hogo.subjects.values import (
    ValueProblem,
    is_valid_my_number,
    my_number_check_digit,
    normalise,
    normalise_identifier,
)

T = ValueType

# --- My Number check digit, computed independently: left-to-right weights, remainder rule spelled out ---

LEFT_TO_RIGHT_WEIGHTS = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]


def independent_check_digit(first11: str) -> int:
    total = 0
    for weight, char in zip(LEFT_TO_RIGHT_WEIGHTS, first11, strict=True):
        total += weight * int(char)
    remainder = total % 11
    if remainder in (0, 1):
        return 0
    return 11 - remainder


def test_left_to_right_weights_are_what_the_ordinance_formula_gives() -> None:
    # The ordinance: P_n is the n-th digit from the RIGHT of the first 11, Q_n = n+1 (n<=6), n-5 (7<=n<=11).
    q = {n: (n + 1 if n <= 6 else n - 5) for n in range(1, 12)}
    # The digit at left position i (0-based) is P_n with n = 11 - i.
    assert [q[11 - i] for i in range(11)] == LEFT_TO_RIGHT_WEIGHTS


def _seeds() -> list[str]:
    rng = random.Random(20261122)
    fixed = ["12345678901", "00000000000", "99999999999", "31415926535", "27182818284", "98765432109"]
    return fixed + ["".join(rng.choice("0123456789") for _ in range(11)) for _ in range(30)]


VALID_MY_NUMBERS = [seed + str(independent_check_digit(seed)) for seed in _seeds()]


def test_known_check_digit() -> None:
    # 1*6 + 2*5 + 3*4 + 4*3 + 5*2 + 6*7 + 7*6 + 8*5 + 9*4 + 0*3 + 1*2 = 212; 212 mod 11 = 3; 11 - 3 = 8.
    assert my_number_check_digit("12345678901") == 8
    assert is_valid_my_number("123456789018")
    assert not is_valid_my_number("123456789017")
    assert not is_valid_my_number(123456789018)  # type: ignore[arg-type]


def test_the_generated_table_covers_the_remainder_0_or_1_rule() -> None:
    remainders = {sum(w * int(c) for w, c in zip(LEFT_TO_RIGHT_WEIGHTS, seed, strict=True)) % 11 for seed in _seeds()}
    assert remainders & {0, 1}
    assert len(VALID_MY_NUMBERS) >= 5


@pytest.mark.parametrize("number", VALID_MY_NUMBERS)
def test_generated_my_numbers_are_valid_and_every_other_check_digit_is_not(number: str) -> None:
    assert my_number_check_digit(number[:11]) == int(number[11])
    assert is_valid_my_number(number)
    assert normalise(T.my_number, f"{number[:4]} {number[4:8]} {number[8:]}") == number
    for wrong in set("0123456789") - {number[11]}:
        assert not is_valid_my_number(number[:11] + wrong)


@pytest.mark.parametrize("first11", ["1234567890", "123456789012", "1234567890a", "１２３４５６７８９０１"])
def test_check_digit_needs_eleven_ascii_digits(first11: str) -> None:
    with pytest.raises(ValueProblem) as caught:
        my_number_check_digit(first11)
    assert caught.value.code == "invalid-my-number"


# --- Valid values and their normal forms ---

VALID = [
    # email: domain lower-cased, local part as the library leaves it
    (T.email, "User.Name@Example.COM", "User.Name@example.com"),
    (T.email, "  taro@example.co.jp ", "taro@example.co.jp"),
    (T.email, "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", "taro@example.jp"),
    (T.email, "花子@例え.jp", "花子@例え.jp"),
    # phone
    (T.phone, "03-1234-5678", "+81312345678"),
    (T.phone, "0312345678", "+81312345678"),
    (T.phone, "090-1234-5678", "+819012345678"),
    (T.phone, "+81 90 1234 5678", "+819012345678"),
    (T.phone, "+81-3-1234-5678", "+81312345678"),
    (T.phone, "(03)1234-5678", "+81312345678"),
    (T.phone, "０９０－１２３４－５６７８", "+819012345678"),
    (T.phone, "０９０ー１２３４ー５６７８", "+819012345678"),
    (T.phone, "090−1234−5678", "+819012345678"),
    (T.phone, "0120-123-456", "+81120123456"),
    (T.phone, "0800-123-4567", "+818001234567"),
    (T.phone, "+1 (212) 555-0100", "+12125550100"),
    (T.phone, "+44 20 7946 0958", "+442079460958"),
    # postal code
    (T.postal_code, "123-4567", "123-4567"),
    (T.postal_code, "1234567", "123-4567"),
    (T.postal_code, "〒123-4567", "123-4567"),
    (T.postal_code, "〒 100-0001", "100-0001"),
    (T.postal_code, "１２３－４５６７", "123-4567"),
    # my number
    (T.my_number, "123456789018", "123456789018"),
    (T.my_number, "1234 5678 9018", "123456789018"),
    (T.my_number, "1234-5678-9018", "123456789018"),
    (T.my_number, "１２３４　５６７８　９０１８", "123456789018"),
    # card number (test numbers of the card schemes)
    (T.card_number, "4111 1111 1111 1111", "4111111111111111"),
    (T.card_number, "5555-5555-5555-4444", "5555555555554444"),
    (T.card_number, "378282246310005", "378282246310005"),
    (T.card_number, "３５３０１１１３３３３０００００", "3530111333300000"),
    # date
    (T.date, "2026-11-22", "2026-11-22"),
    (T.date, "2026/11/22", "2026-11-22"),
    (T.date, "2026/1/5", "2026-01-05"),
    (T.date, "2026年11月22日", "2026-11-22"),
    (T.date, "２０２４年２月２９日", "2024-02-29"),
    # number
    (T.number, 42, "42"),
    (T.number, -7, "-7"),
    (T.number, 42.0, "42"),
    (T.number, 0.1, "0.1"),
    (T.number, 1e-7, "0.0000001"),
    (T.number, 1e16, "10000000000000000"),
    (T.number, "42", "42"),
    (T.number, "+042", "42"),
    (T.number, "1.50", "1.5"),
    (T.number, "-0.0", "0"),
    (T.number, "1e3", "1000"),
    (T.number, "2.5E-3", "0.0025"),
    (T.number, "１２３", "123"),
    (T.number, "−5", "-5"),
    (T.number, "12345678901234567890123456789012.5", "12345678901234567890123456789012.5"),
    # ip address
    (T.ip_address, "192.168.0.1", "192.168.0.1"),
    (T.ip_address, "2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
    (T.ip_address, "１９２．１６８．０．１", "192.168.0.1"),
    # url: kept as given
    (T.url, " https://example.com/path?q=1 ", "https://example.com/path?q=1"),
    (T.url, "http://例え.jp/", "http://例え.jp/"),
    (T.url, "HTTPS://example.com:8443", "HTTPS://example.com:8443"),
    # written values: NFC only, the person's writing kept
    (T.name, "  山田　太郎 ", "山田　太郎"),
    (T.name, "ﾔﾏﾀﾞ ﾀﾛｳ", "ﾔﾏﾀﾞ ﾀﾛｳ"),
    (T.name, "Zoe\u0308", "Zoë"),
    (T.text, "line one\nline two", "line one\nline two"),
    (T.address, "東京都千代田区千代田１－１", "東京都千代田区千代田１－１"),
    (T.file, "documents/2026/abc.pdf", "documents/2026/abc.pdf"),
    # json: canonical dump
    (T.json, {"b": 1, "a": [True, None, "日本"]}, '{"a":[true,null,"日本"],"b":1}'),
    (T.json, [1, 2.5], "[1,2.5]"),
    (T.json, "text", '"text"'),
    (T.json, 0, "0"),
]


@pytest.mark.parametrize(("value_type", "raw", "expected"), VALID)
def test_valid_values_normalise(value_type: ValueType, raw: object, expected: str) -> None:
    assert normalise(value_type, raw) == expected


def test_every_value_type_has_valid_cases() -> None:
    assert {case[0] for case in VALID} == set(ValueType)


@pytest.mark.parametrize(("value_type", "raw", "expected"), [c for c in VALID if c[0] is not T.json])
def test_normal_forms_are_fixed_points(value_type: ValueType, raw: object, expected: str) -> None:
    assert normalise(value_type, expected) == expected


# --- Invalid values and their codes ---


class Unserialisable:
    pass


INVALID: list[tuple[ValueType, object, str]] = [
    *[(t, "", "empty-value") for t in ValueType],
    *[(t, " \u3000\n ", "empty-value") for t in ValueType],
    *[(t, None, "empty-value") for t in ValueType],
    (T.text, "x" * 10_001, "too-long"),
    (T.name, "y" * 10_001, "too-long"),
    (T.email, "z" * 20_000 + "@example.com", "too-long"),
    (T.name, "Taro\x00Yamada", "control-character"),
    (T.text, "bell\x07here", "control-character"),
    (T.email, 12345, "wrong-type"),
    (T.name, ["Taro", "Yamada"], "wrong-type"),
    (T.phone, 312345678, "wrong-type"),
    (T.number, True, "wrong-type"),
    (T.email, "taro.example.com", "invalid-email"),
    (T.email, "taro@example", "invalid-email"),
    (T.email, "taro@@example.com", "invalid-email"),
    (T.email, "taro yamada@example.com", "invalid-email"),
    (T.email, "taro@exa#mple.com", "invalid-email"),
    (T.email, "taro@localhost", "invalid-email"),
    (T.phone, "1234-5678", "invalid-phone"),
    (T.phone, "03-1234-567", "invalid-phone"),
    (T.phone, "090-1234-56789", "invalid-phone"),
    (T.phone, "00-1234-56789", "invalid-phone"),
    (T.phone, "+81 090 1234 5678", "invalid-phone"),
    (T.phone, "+81 12 345", "invalid-phone"),
    (T.phone, "+81 90 1234 56789", "invalid-phone"),
    (T.phone, "+1 555 01", "invalid-phone"),
    (T.phone, "+1234567890123456", "invalid-phone"),
    (T.phone, "03-1234-5678 ext 9", "invalid-phone"),
    (T.phone, "090+1234+5678", "invalid-phone"),
    (T.phone, "tel:0312345678", "invalid-phone"),
    (T.postal_code, "123-456", "invalid-postal-code"),
    (T.postal_code, "12-34567", "invalid-postal-code"),
    (T.postal_code, "12345678", "invalid-postal-code"),
    (T.postal_code, "abc-defg", "invalid-postal-code"),
    (T.my_number, "12345678901", "invalid-my-number"),
    (T.my_number, "1234567890189", "invalid-my-number"),
    (T.my_number, "123-456789018", "invalid-my-number"),
    (T.my_number, "1234  5678 9018", "invalid-my-number"),
    (T.my_number, "ABCD56789018", "invalid-my-number"),
    (T.my_number, "123456789017", "my-number-check-digit"),
    (T.my_number, "1234 5678 9010", "my-number-check-digit"),
    (T.card_number, "4111 1111 1111 1112", "invalid-card-number"),
    (T.card_number, "41111111111", "invalid-card-number"),
    (T.card_number, "41111111111111111111", "invalid-card-number"),
    (T.card_number, "4111.1111.1111.1111", "invalid-card-number"),
    (T.date, "2026-02-30", "invalid-date"),
    (T.date, "2026-13-01", "invalid-date"),
    (T.date, "2026-11/22", "invalid-date"),
    (T.date, "22/11/2026", "invalid-date"),
    (T.date, "令和8年11月22日", "invalid-date"),
    (T.date, "0000-01-01", "invalid-date"),
    (T.date, "2026年13月1日", "invalid-date"),
    (T.number, "1,234", "invalid-number"),
    (T.number, "NaN", "invalid-number"),
    (T.number, "Infinity", "invalid-number"),
    (T.number, "1_000", "invalid-number"),
    (T.number, "12 34", "invalid-number"),
    (T.number, "0x1f", "invalid-number"),
    (T.number, "1e5000", "invalid-number"),
    (T.number, float("nan"), "invalid-number"),
    (T.number, float("inf"), "invalid-number"),
    (T.number, 10**1500, "invalid-number"),
    (T.ip_address, "256.1.1.1", "invalid-ip-address"),
    (T.ip_address, "192.168.001.001", "invalid-ip-address"),
    (T.ip_address, "2001:db8::1::2", "invalid-ip-address"),
    (T.ip_address, "example.com", "invalid-ip-address"),
    (T.url, "ftp://example.com/file", "invalid-url"),
    (T.url, "javascript:alert(1)", "invalid-url"),
    (T.url, "https://", "invalid-url"),
    (T.url, "example.com/path", "invalid-url"),
    (T.url, "https://exa mple.com/", "invalid-url"),
    (T.url, "https://example.com:99999/", "invalid-url"),
    (T.url, "http://[::1/", "invalid-url"),
    (T.url, "https://example.com:0/", "invalid-url"),
    (T.json, {1, 2, 3}, "invalid-json"),
    (T.json, {"value": float("nan")}, "invalid-json"),
    (T.json, {"secret-key": Unserialisable()}, "invalid-json"),
    (T.json, {1: "a", "b": 2}, "invalid-json"),
]


def _problem(value_type: ValueType, raw: object) -> ValueProblem:
    with pytest.raises(ValueProblem) as caught:
        normalise(value_type, raw)
    return caught.value


@pytest.mark.parametrize(("value_type", "raw", "code"), INVALID)
def test_invalid_values_are_rejected_with_their_code(value_type: ValueType, raw: object, code: str) -> None:
    problem = _problem(value_type, raw)
    assert problem.code == code
    assert isinstance(problem, DomainError)


def _fragments(raw: object) -> list[str]:
    """The forms of `raw` that must not appear in a message: the text, its stripped form, its digits."""
    text = raw if isinstance(raw, str) else repr(raw)
    fragments = [text, text.strip()] if len(text.strip()) >= 4 else []
    digits = re.sub(r"\D", "", text)
    if len(digits) >= 4:
        fragments.append(digits)
    return fragments


@pytest.mark.parametrize(("value_type", "raw", "code"), INVALID)
def test_problems_never_carry_the_value(value_type: ValueType, raw: object, code: str) -> None:
    problem = _problem(value_type, raw)
    for shown in (str(problem), problem.message, repr(problem), *map(str, problem.args)):
        for fragment in _fragments(raw):
            assert fragment not in shown
    # No chained library exception whose own text might quote the value.
    assert problem.__cause__ is None
    assert problem.__context__ is None


def test_the_invalid_table_exercises_the_no_echo_check() -> None:
    assert sum(1 for _, raw, _ in INVALID if _fragments(raw)) >= 60


# --- Lookup identifiers ---

IDENTIFIERS = [
    ("email", "Taro.Yamada@Example.COM", "taro.yamada@example.com"),
    ("email", "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", "taro@example.jp"),
    ("phone", "090-1234-5678", "+819012345678"),
    ("phone", "+81 90 1234 5678", "+819012345678"),
    ("member_id", " M-0001 ", "M-0001"),
    ("member_id", "Ｍ－０００１", "M-0001"),
    ("customer_id", "abcDEF", "abcDEF"),
    ("employee_id", "e_42", "e_42"),
    ("external", "x" * 200, "x" * 200),
]


@pytest.mark.parametrize(("kind", "raw", "expected"), IDENTIFIERS)
def test_identifiers_normalise(kind: str, raw: str, expected: str) -> None:
    assert normalise_identifier(kind, raw) == expected


def test_equal_identifiers_normalise_equally_and_ids_stay_case_sensitive() -> None:
    assert normalise_identifier("email", "A@B.JP") == normalise_identifier("email", "a@b.jp")
    assert normalise_identifier("phone", "03-1234-5678") == normalise_identifier("phone", "+81 3 1234 5678")
    assert normalise_identifier("member_id", "abc") != normalise_identifier("member_id", "ABC")


INVALID_IDENTIFIERS = [
    ("my_number", "123456789018", "identifier-not-allowed"),
    ("my_number", "not even a number", "identifier-not-allowed"),
    ("Member_id", "M-0001", "invalid-identifier-kind"),
    ("member-id", "M-0001", "invalid-identifier-kind"),
    ("1member", "M-0001", "invalid-identifier-kind"),
    ("", "M-0001", "invalid-identifier-kind"),
    ("member_id\n", "M-0001", "invalid-identifier-kind"),
    ("k" * 41, "M-0001", "invalid-identifier-kind"),
    ("member_id", "   ", "empty-value"),
    ("member_id", "x" * 201, "too-long"),
    ("member_id", "M-00\x0001", "control-character"),
    ("email", "not-an-address", "invalid-email"),
    ("phone", "12-3456", "invalid-phone"),
]


@pytest.mark.parametrize(("kind", "raw", "code"), INVALID_IDENTIFIERS)
def test_invalid_identifiers_are_rejected(kind: str, raw: str, code: str) -> None:
    with pytest.raises(ValueProblem) as caught:
        normalise_identifier(kind, raw)
    assert caught.value.code == code
    for fragment in _fragments(raw):
        assert fragment not in str(caught.value)


def test_my_number_refusal_cites_the_act() -> None:
    with pytest.raises(ValueProblem) as caught:
        normalise_identifier("my_number", "123456789018")
    assert "番号法" in caught.value.message
