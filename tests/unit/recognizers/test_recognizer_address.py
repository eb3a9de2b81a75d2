"""Japanese addresses: a prefecture, then a municipality."""

from __future__ import annotations

import random

import pytest

from hogo.adapters.recognizers.address import _CITY_FIRST, PREFECTURES, Address, city_first_matches


def found(text: str) -> list[str]:
    return [text[f.start : f.end] for f in Address().find(text)]


def test_all_47_prefectures() -> None:
    assert len(PREFECTURES) == 47
    for prefecture in PREFECTURES:
        assert found(f"住所 {prefecture}中央市本町1-2-3 です") == [f"{prefecture}中央市本町1-2-3"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("東京都千代田区丸の内1丁目2番3号 丸の内ビル", "東京都千代田区丸の内1丁目2番3号"),
        ("〒220-0012 神奈川県横浜市西区みなとみらい2-3-1", "神奈川県横浜市西区みなとみらい2-3-1"),
        ("埼玉県さいたま市浦和区高砂3-15-1、", "埼玉県さいたま市浦和区高砂3-15-1"),
        ("北海道札幌市中央区北1条西2丁目", "北海道札幌市中央区北1条西2丁目"),
        ("京都府京都市上京区", "京都府京都市上京区"),
        ("和歌山県和歌山市七番丁23", "和歌山県和歌山市七番丁23"),
    ],
)
def test_addresses(text: str, expected: str) -> None:
    assert found(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "東京都が発表した",  # no municipality
        "東京都内の町工場",  # hiragana after the prefecture is not a municipality
        "京都市左京区",  # no prefecture (not reported: only prefecture + municipality)
        "大阪府民の皆さん",
        "首都圏",
    ],
)
def test_not_addresses(text: str) -> None:
    assert found(text) == []


def test_city_first_matches_are_those_of_the_pattern_everywhere() -> None:
    """Trying the city-first pattern only before a 市 finds exactly what trying it at every position finds."""
    rnd = random.Random(3)
    pieces = [
        "市",
        "市",
        "区",
        "横浜",
        "中",
        "山下町",
        "1",
        "2-3",
        "-",
        "丁目",
        "番",
        "番地",
        "三",
        " ",
        "ア",
        "ケ",
        "々",
        "\n",
    ]
    with_matches = 0
    for _ in range(20_000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 25)))
        expected = [m.span() for m in _CITY_FIRST.finditer(text)]
        assert [m.span() for m in city_first_matches(text)] == expected, text
        with_matches += bool(expected)
    assert with_matches > 500
