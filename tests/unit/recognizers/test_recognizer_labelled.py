"""Addresses and postal codes of any country, after a label (or a column name)."""

from __future__ import annotations

import pytest

from hogo.adapters.recognizers import classify_column, scan_text


def found(text: str) -> list[tuple[str, str]]:
    return [(f.entity, text[f.start : f.end]) for f in scan_text(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Address: Av. Brigadeiro Faria Lima, 2170", ("STREET_ADDRESS", "Av. Brigadeiro Faria Lima, 2170")),
        ("Billing Address: Theodor-Heuss-Straße 34\n", ("STREET_ADDRESS", "Theodor-Heuss-Straße 34")),
        ("住所：横浜市中区山下町1-2。", ("JP_ADDRESS", "横浜市中区山下町1-2")),  # a Japanese address by its shape
        ("Postal Code: T6G 2C7", ("POSTAL_CODE", "T6G 2C7")),
        ("Postcode: SW1V 3EN", ("POSTAL_CODE", "SW1V 3EN")),
        ("ZIP: 94103", ("POSTAL_CODE", "94103")),
    ],
)
def test_labelled_values(text: str, expected: tuple[str, str]) -> None:
    assert found(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Address: none",  # no number
        "Address: 42",  # no word
        "Addresses: see below 1",
        "Email address: taro@example.jp",  # an e-mail address, found as one
        "Zip: 12",  # too short
        "Postal code: ABCDE",  # no digits
        "We will address the issue 3 times",  # no label: no colon
    ],
)
def test_not_labelled_values(text: str) -> None:
    assert [e for e, _ in found(text) if e in {"STREET_ADDRESS", "POSTAL_CODE"}] == []


def test_a_japanese_address_wins_over_the_label() -> None:
    assert found("住所：東京都千代田区丸の内1-2-3") == [("JP_ADDRESS", "東京都千代田区丸の内1-2-3")]


def test_column_names_are_the_label() -> None:
    [street] = classify_column(
        ["Av. Brigadeiro Faria Lima, 2170", "1498 rue Bélanger"], "BillingAddress", table="Invoice"
    )
    assert street.entity == "STREET_ADDRESS"
    assert classify_column(["Volume 2: The Best Of"], "Title", table="Album") == []
