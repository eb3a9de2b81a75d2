"""Person names found by their context: labels, honorifics with a common surname, Latin titles."""

from __future__ import annotations

import pytest

from hogo.adapters.recognizers import scan_text


def names(text: str) -> list[str]:
    return [text[f.start : f.end] for f in scan_text(text) if f.entity == "PERSON"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("氏名：山田　太郎", ["山田　太郎"]),
        ("お名前: ヤマダ タロウ", ["ヤマダ タロウ"]),
        ("氏名(漢字)：鈴木 一郎", ["鈴木 一郎"]),
        ("契約者名 田中花子", ["田中花子"]),
        ("ご注文者の佐藤花子様へ", ["佐藤花子"]),
        ("田中さん、こんにちは", ["田中"]),
        ("高橋 一郎 様", ["高橋 一郎"]),
        ("坂本あすか様、いつも", ["坂本あすか"]),
        ("ﾌﾘｶﾞﾅ ﾔﾏﾀﾞ ﾀﾛｳ", ["ヤマダ タロウ".replace("ヤマダ タロウ", "ﾔﾏﾀﾞ ﾀﾛｳ")]),
        ("Dear Mr. John Smith,", ["John Smith"]),
        ("Name: Jane Doe", ["Jane Doe"]),
        ("Customer First Name: Luís", ["Luís"]),
        ("Contact: Dr. Émile Zola", ["Émile Zola"]),
    ],
)
def test_names(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "お客様各位",
        "皆さん、こんにちは",
        "お疲れ様です",
        "山田のお客様",
        "名前入力欄に記入",
        "担当者不在",
        "Dear Customer,",
        "Genre Name: Rock",  # a thing's name, not a person's
        "Product name: Blue Widget",
        "The Smith report",
    ],
)
def test_not_names(text: str) -> None:
    assert names(text) == []
