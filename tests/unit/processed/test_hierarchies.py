"""The Japanese hierarchies shipped with hogo."""

from __future__ import annotations

import pytest

from hogo.processed.hierarchies import (
    Addresses,
    AgeBands,
    Dates,
    NumberBands,
    PostalCodes,
    Prefectures,
    Uncovered,
    builtin,
    era_of_year,
    occupations,
)


def test_age_bands_top_code() -> None:
    assert AgeBands().levels(["0", "24", "89", "95"]) == [
        ["0-4", "20-24", "85-89", "90-"],
        ["0-9", "20-29", "80-89", "90-"],
        ["0-19", "20-39", "80-89", "90-"],
        ["*", "*", "*", "*"],
    ]
    with pytest.raises(Uncovered):
        AgeBands().levels(["-1"])


def test_dates_day_month_year_era() -> None:
    assert Dates().levels(["2019-04-30", "2019-05-01", "1989-01-07", "2026-12-31"]) == [
        ["2019-04", "2019-05", "1989-01", "2026-12"],
        ["2019", "2019", "1989", "2026"],
        ["平成", "平成", "昭和", "令和"],
        ["*"] * 4,
    ]
    assert Dates(start="month").levels(["2026-04"]) == [["2026"], ["令和"], ["*"]]
    assert era_of_year(2020) == "令和"
    with pytest.raises(Uncovered):
        Dates().levels(["2026-02-30"])


def test_postal_codes_to_prefecture_and_region() -> None:
    assert PostalCodes().levels(["100-0001", "5300001", "9000001", "0600001"]) == [
        ["100", "530", "900", "060"],
        ["東京都", "大阪府", "沖縄県", "北海道"],
        ["関東", "近畿", "九州・沖縄", "北海道"],
        ["*"] * 4,
    ]
    with pytest.raises(Uncovered):
        PostalCodes().levels(["12-345"])


def test_addresses_levels() -> None:
    got = Addresses().levels(
        ["東京都千代田区丸の内1丁目2-3", "三重県四日市市諏訪町1-5 ビル101", "神奈川県横浜市中区山下町10"]
    )
    assert got[0] == ["東京都千代田区丸の内", "三重県四日市市諏訪町", "神奈川県横浜市中区山下町"]
    assert got[1] == ["東京都千代田区", "三重県四日市市", "神奈川県横浜市中区"]
    assert got[2] == ["東京都", "三重県", "神奈川県"]
    assert got[3] == ["関東", "近畿", "関東"]
    with pytest.raises(Uncovered):
        Addresses().levels(["どこか"])


def test_prefectures_occupations_numbers() -> None:
    assert Prefectures().levels(["沖縄県"]) == [["九州・沖縄"], ["*"]]
    assert occupations().levels(["医師", "営業"]) == [["専門的・技術的職業従事者", "販売従事者"], ["*", "*"]]
    with pytest.raises(Uncovered):
        occupations().levels(["宇宙飛行士見習い"])
    amounts = NumberBands(name="amount", widths=(1000, 10000), top_code=100000)
    assert amounts.levels(["1500", "250000"]) == [["1000-1999", "100000-"], ["0-9999", "100000-"], ["*", "*"]]
    assert builtin("month").height == 3
