"""Japanese addresses: a prefecture, then a municipality."""

from __future__ import annotations

import pytest

from hogo.adapters.recognizers.address import PREFECTURES, Address


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
