"""My Number, corporate number and card numbers: found when the check digit holds, never otherwise."""

from __future__ import annotations

import random

import pytest

from hogo.adapters.recognizers import scan_text
from hogo.adapters.recognizers.numbers import (
    CorporateNumber,
    CreditCard,
    MyNumber,
    corporate_number_check_digit,
    luhn,
    my_number_check_digit,
)
from hogo.subjects.values import my_number_check_digit as vault_check_digit


def spans(recognizer: MyNumber | CorporateNumber | CreditCard, text: str) -> list[str]:
    return [text[f.start : f.end] for f in recognizer.find(text)]


def test_my_number_check_digit_agrees_with_the_vault_validator() -> None:
    rng = random.Random(6)
    for _ in range(2000):
        first11 = "".join(rng.choice("0123456789") for _ in range(11))
        assert my_number_check_digit(first11) == vault_check_digit(first11)


@pytest.mark.parametrize(
    "text",
    [
        "個人番号: 123456789018",
        "マイナンバー 1234 5678 9018 を提出",
        "my number 1234-5678-9018.",
        "１２３４５６７８９０１８",
    ],
)
def test_my_number_found_with_or_without_grouping(text: str) -> None:
    found = [f for f in scan_text(text) if f.entity == "JP_MY_NUMBER"]
    assert len(found) == 1
    assert "".join(c for c in text[found[0].start : found[0].end] if c.isdigit()) in {
        "123456789018",
        "１２３４５６７８９０１８",
    }


@pytest.mark.parametrize(
    "text",
    [
        "注文番号 123456789012",  # check digit 2 is wrong (8 is right)
        "1234 5678 9017",
        "伝票 A123456789018",  # glued to a letter: an order code
        "1234567890189",  # 13 digits
        "4111-1234-5678-9018",  # the tail of a longer hyphenated number
        "tel 12345678901",  # 11 digits
    ],
)
def test_numbers_that_are_not_my_numbers(text: str) -> None:
    assert spans(MyNumber(), text) == []


def test_my_number_without_context_scores_lower() -> None:
    plain = next(iter(MyNumber().find("123456789018")))
    named = next(iter(MyNumber().find("マイナンバー：123456789018")))
    assert plain.score < named.score
    assert plain.score >= 0.5


def test_corporate_number() -> None:
    assert corporate_number_check_digit("000012050002") == 7  # the NTA's own number
    assert spans(CorporateNumber(), "法人番号 7000012050002") == ["7000012050002"]
    assert spans(CorporateNumber(), "登録番号 T7000012050002 の請求書") == ["T7000012050002"]


@pytest.mark.parametrize("text", ["法人番号 6000012050002", "7000012050002345", "X7000012050002", "700001205000"])
def test_thirteen_digits_failing_the_check_are_not_corporate_numbers(text: str) -> None:
    assert spans(CorporateNumber(), text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("VISA 4111 1111 1111 1111 exp 12/25", "4111 1111 1111 1111"),
        ("カード番号：5555-5555-5555-4444", "5555-5555-5555-4444"),
        ("amex 378282246310005.", "378282246310005"),
        ("JCB 3530111333300000", "3530111333300000"),
        ("card 4111 1111 1111 1111 12 months", "4111 1111 1111 1111"),
    ],
)
def test_card_numbers(text: str, expected: str) -> None:
    assert spans(CreditCard(), text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "4111 1111 1111 1112",  # Luhn fails
        "9111111111111111",  # Luhn may hold, no brand starts with 9
        "1234567812345670",  # passes Luhn, no brand
        "ID 54111111111111111111",  # too long
    ],
)
def test_numbers_that_are_not_cards(text: str) -> None:
    assert spans(CreditCard(), text) == []


def test_luhn() -> None:
    assert luhn("79927398713")
    assert not luhn("79927398710")


@pytest.mark.parametrize(
    "text", ["Order #123456789018", "注文番号 123456789018", "ref 4111111111111111", "商品コード 4111 1111 1111 1111"]
)
def test_a_word_that_names_the_number_as_something_else(text: str) -> None:
    assert spans(MyNumber(), text) == []
    assert spans(CreditCard(), text) == []
