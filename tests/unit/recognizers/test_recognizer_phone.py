"""Telephone numbers (Japanese plan, +81, other countries in + form) and postal codes."""

from __future__ import annotations

import pytest

from hogo.adapters.recognizers.phone import PhoneNumber, japanese_number_valid
from hogo.adapters.recognizers.postal import PostalCode


def found(text: str) -> list[str]:
    return [text[f.start : f.end] for f in PhoneNumber().find(text) if f.score >= 0.5]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TEL 03-1234-5678 10時〜", "03-1234-5678"),
        ("携帯：090-1234-5678", "090-1234-5678"),
        ("(03)1234-5678", "(03)1234-5678"),
        ("03(1234)5678", "03(1234)5678"),
        ("フリーダイヤル 0120-123-456", "0120-123-456"),
        ("ナビダイヤル0570-000-123", "0570-000-123"),
        ("0800-123-4567", "0800-123-4567"),
        ("+81 90-1234-5678", "+81 90-1234-5678"),
        ("+81(0)3-1234-5678", "+81(0)3-1234-5678"),
        ("電話 09012345678", "09012345678"),
        ("Phone: +55 (12) 3923-5555", "+55 (12) 3923-5555"),
        ("０６－６１２３－４５６７", "０６－６１２３－４５６７"),
    ],
)
def test_phone_numbers(text: str, expected: str) -> None:
    from hogo.adapters.recognizers import scan_text

    assert [text[f.start : f.end] for f in scan_text(text) if f.entity == "PHONE_NUMBER"] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "12-3456-7890",  # does not start with 0
        "070-1234-567",  # a mobile prefix needs 11 digits
        "0012-345-6789",  # international call prefix
        "注文 0312345678",  # unseparated 10 digits without a context word: too weak
        "ver 03-1234-5678-9",  # part of a longer number
        "A03-1234-5678",
        "+1 23",
    ],
)
def test_not_phone_numbers(text: str) -> None:
    assert found(text) == []


def test_numbering_plan() -> None:
    assert japanese_number_valid("0312345678")
    assert japanese_number_valid("09012345678")
    assert not japanese_number_valid("0901234567")
    assert not japanese_number_valid("03123456789")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("〒100-0001 東京都", "〒100-0001"),
        ("〒 1000001", "〒 1000001"),
        ("郵便番号：100-0001", "100-0001"),
        ("Zip code: 1000001", "1000001"),
    ],
)
def test_postal_codes(text: str, expected: str) -> None:
    assert [text[f.start : f.end] for f in PostalCode().find(text)] == [expected]


@pytest.mark.parametrize("text", ["品番 100-0001", "〒100-00012", "郵便番号 03-1234-5678", "在庫 1000001 個"])
def test_not_postal_codes(text: str) -> None:
    assert list(PostalCode().find(text)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("100-0001 東京都千代田区", ["100-0001"]),
        ("A100-0001 東京都千代田区", []),  # glued to a letter: a reference, not a code
        ("99100-0001 東京都千代田区", []),  # the tail of a longer number
        ("123ー4567890 東京都", ["4567890"]),  # after a long-vowel dash, not glued
        ("(212) 555-0147", ["(212) 555-0147"]),
        ("Tel 212-555-0147", ["212-555-0147"]),
        ("Call 1-800-555-0199", ["1-800-555-0199"]),
        ("Tel A212-555-0147", []),
        ("Tel 9212-555-0147", []),
    ],
)
def test_codes_and_numbers_glued_to_what_comes_before(text: str, expected: list[str]) -> None:
    """The look-behind that lets `re` give up early (a postal code before a prefecture, a US number) keeps what
    `standalone` keeps."""
    found = [*PostalCode().find(text), *PhoneNumber().find(text)]
    assert [text[f.start : f.end] for f in found if f.score >= 0.5] == expected
