"""Dates of birth: a valid date next to a word that makes it one."""

from __future__ import annotations

import pytest

from hogo.adapters.recognizers.dates import DateOfBirth


def found(text: str) -> list[str]:
    return [text[f.start : f.end] for f in DateOfBirth().find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("生年月日：1985年3月12日", "1985年3月12日"),
        ("生年月日 昭和60年3月12日", "昭和60年3月12日"),
        ("誕生日は平成元年1月8日です", "平成元年1月8日"),
        ("令和2年5月1日生まれ", "令和2年5月1日"),
        ("1990/04/01生まれ", "1990/04/01"),
        ("Date of birth: 1985-03-12", "1985-03-12"),
        ("DOB: 03/12/1985", "03/12/1985"),
        ("born on March 12, 1985 in Osaka", "March 12, 1985"),
        ("Birthday: 12 March 1985", "12 March 1985"),
        ("生年月日：Ｈ３年２月２８日".translate({c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}), "H3年2月28日"),
    ],
)
def test_dates_of_birth(text: str, expected: str) -> None:
    assert found(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "注文日：2024年3月12日",  # a date without a birth word
        "生年月日：1985年2月30日",  # no such day
        "生年月日：平成32年1月1日",  # 平成 ended in its 31st year
        "生年月日：昭和65年1月1日",
        "生年月日 1985-13-01",
        "出荷 2024/01/01 生産",  # 生産 is not 生(まれ)
    ],
)
def test_not_dates_of_birth(text: str) -> None:
    assert found(text) == []


def test_a_two_digit_year_is_checked_against_the_calendar_the_same_in_every_year() -> None:
    """29 February of year 00 is a date (2000 was a leap year), of year 01 none, of 96 one; no clock decides it."""
    assert found("DOB: 02/29/00") == ["02/29/00"]
    assert found("DOB: 02/29/96") == ["02/29/96"]
    assert found("DOB: 02/29/01") == []
    assert found("DOB: 12/31/85") == ["12/31/85"]
