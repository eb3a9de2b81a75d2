"""What issue 20 added: names from role words and the name lists, numbers and codes written as people type them
in sentences, dates of birth with 生 or an age, city-first Japanese addresses, US and UK street lines and codes.
Each case below was written from business text as it is found (order notes, support logs, shipping labels), and
each list of look-alikes holds what must stay unreported."""

from __future__ import annotations

import pytest

from hogo.adapters.recognizers import scan_text
from hogo.adapters.recognizers.gazetteer import gazetteer
from hogo.adapters.recognizers.romaji import romanised


def found(text: str) -> list[tuple[str, str]]:
    return [(f.entity, text[f.start : f.end]) for f in scan_text(text)]


def of(entity: str, text: str) -> list[str]:
    return [value for e, value in found(text) if e == entity]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Japanese role words: the run must begin with a listed surname; a listed given name after it joins it
        ("本件は担当の佐藤が対応いたします。", ["佐藤"]),
        ("担当の田中部長より連絡します", ["田中"]),
        ("お届け先は山田太郎様です", ["山田太郎"]),
        ("宛先：鈴木 一郎", ["鈴木 一郎"]),
        ("会員 中村みどり（ゴールド）", ["中村みどり"]),
        ("ユーザー ヤマダ タロウ からの問い合わせ", ["ヤマダ タロウ"]),
        ("配送先\n高橋 健一\n", ["高橋 健一"]),
        # honorific after a surname that is not among the ~300 most common
        ("五十嵐さんに折り返し", ["五十嵐"]),
        # no context at all: a listed surname and a listed given name, both two characters or more
        ("昨日、山本健太と打ち合わせ", ["山本健太"]),
        ("佐藤 美咲から電話あり", ["佐藤 美咲"]),
        # a label then a name in Latin letters
        ("氏名: TARO YAMADA", ["TARO YAMADA"]),
        # English role words: the first word must be a listed given name
        ("customer John Smith called about the refund", ["John Smith"]),
        ("Assigned to: Emily R. Carter", ["Emily R. Carter"]),
        ("SHIP TO: SMITH, JOHN", ["SMITH, JOHN"]),
        ("Regards,\nMichael Johnson", ["Michael Johnson"]),
        ("Requester: Maria Garcia-Lopez", ["Maria Garcia-Lopez"]),
        ("Contact Mary Ann Smith III today", ["Mary Ann Smith III"]),
        ("Cardholder: JOHN Q PUBLIC", ["JOHN Q PUBLIC"]),
        # no context: a listed given name and a listed surname side by side, or "Surname, Given"
        ("Thank you, David Miller, for the order", ["David Miller"]),
        ("Robert Brown Jr. paid in full", ["Robert Brown Jr."]),
        ("Anderson, Susan wrote on Monday", ["Anderson, Susan"]),
    ],
)
def test_names_from_roles_and_lists(text: str, expected: list[str]) -> None:
    assert of("PERSON", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "会員の中村区在住者",  # a surname running on into a place name
        "担当者不在のため",
        "ご担当者様",
        "皆様、奥様、神様",  # one-kanji words before 様 that are surnames too
        "株式会社山田建設",
        "小林製薬の商品",
        "大阪市北区の店舗",
        "通販ショップ",
        "本日は晴天なり",
        "お客様各位",
        "ユーザー名 を入力",  # a role word before a field name
        "Customer Service Team",
        "The May report is late",
        "Grant Park opens at nine",
        "user jsmith logged in",
        "Dear Customer,",
        "New York City",
        "Order ID, Customer Name, Phone",  # a table header
        "Mark as read",
    ],
)
def test_not_names(text: str) -> None:
    assert of("PERSON", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("山田さん宛て：09012345678に電話ください", "09012345678"),
        ("携帯０９０ー１２３４ー５６７８まで", "０９０ー１２３４ー５６７８"),  # IME long-vowel marks as dashes
        ("TEL 03―1234―5678", "03―1234―5678"),
        ("連絡先 080.1234.5678", "080.1234.5678"),
        ("Call (212) 555-0147 after 5pm", "(212) 555-0147"),
        ("Phone: 212-555-0147", "212-555-0147"),
    ],
)
def test_phone_numbers_as_typed(text: str, expected: str) -> None:
    assert of("PHONE_NUMBER", text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "注文番号 0901234567890",  # 13 digits
        "伝票番号 1234-5678-9012",  # a tracking number
        "Order 212-555-0147",  # a US shape with no phone word
        "JAN 4901234567894",
        "合計 12,800円",
        "version 10.0.1234.5678",
    ],
)
def test_not_phone_numbers(text: str) -> None:
    assert of("PHONE_NUMBER", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("お届け先：123-4567 東京都千代田区1-1", "123-4567"),  # a delivery label, no 〒
        ("配送先 1234567\n大阪府大阪市北区梅田1-1", "1234567"),
        ("住所 123ー4567 京都府京都市中京区", "123ー4567"),  # an IME dash
        ("5300001 大阪府大阪市北区梅田3-1", "5300001"),  # just before a prefecture
    ],
)
def test_postal_codes_without_the_mark(text: str, expected: str) -> None:
    assert of("JP_POSTAL_CODE", text) == [expected]


@pytest.mark.parametrize(
    "text", ["注文番号 1234567 の商品", "合計 123-4567円", "在庫 1234567 個", "お問い合わせ番号 123-4567-8901"]
)
def test_not_postal_codes(text: str) -> None:
    assert of("JP_POSTAL_CODE", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1985年4月12日生の方", "1985年4月12日"),
        ("昭和60年4月12日生まれ", "昭和60年4月12日"),
        ("1985/04/12 (40歳)", "1985/04/12"),
        ("DOB: 25/12/1985", "25/12/1985"),  # day first: 25 is no month
        ("Date of birth: 12th April 1985", "12th April 1985"),
        ("born April 12th, 1985", "April 12th, 1985"),
    ],
)
def test_birth_dates_as_written(text: str, expected: str) -> None:
    assert of("DATE_OF_BIRTH", text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "2024年4月1日 12歳以上対象",  # an age limit, not an age
        "2024年4月1日生産",
        "出荷日 2024/04/12 生産ロット",
        "Delivered 12th April 2024",
    ],
)
def test_not_birth_dates(text: str) -> None:
    assert of("DATE_OF_BIRTH", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("東京都\n千代田区丸の内1-2-3", "東京都\n千代田区丸の内1-2-3"),  # a line break after the prefecture
        ("横浜市中区山下町1-2-3 ビル5F", "横浜市中区山下町1-2-3"),  # no prefecture
        ("大阪市北区梅田3丁目", "大阪市北区梅田3丁目"),
    ],
)
def test_japanese_addresses(text: str, expected: str) -> None:
    assert of("JP_ADDRESS", text) == [expected]


def test_a_city_alone_is_no_address() -> None:
    assert of("JP_ADDRESS", "名古屋市の天気は晴れ") == []


@pytest.mark.parametrize(
    ("text", "street", "code"),
    [
        (
            "Ship to: 1600 Pennsylvania Ave NW, Suite 200\nWashington, DC 20500",
            "1600 Pennsylvania Ave NW, Suite 200",
            "20500",
        ),
        ("221B Baker Street, London NW1 6XE", "221B Baker Street", "NW1 6XE"),
        ("742 Evergreen Terrace, Springfield, IL 62704", "742 Evergreen Terrace", "62704"),
    ],
)
def test_street_lines_and_codes(text: str, street: str, code: str) -> None:
    assert of("STREET_ADDRESS", text) == [street]
    assert of("POSTAL_CODE", text) == [code]


@pytest.mark.parametrize(
    "text",
    [
        "12 Apples in stock",
        "Model 3 Performance",
        "Order AB1 2CD shipped",
        "Ref XY12 3AB in transit",
        "Invoice 90210, page 2",
    ],
)
def test_not_street_lines_or_codes(text: str) -> None:
    assert of("STREET_ADDRESS", text) == [] and of("POSTAL_CODE", text) == []


CSV = """氏名,生年月日,郵便番号,メモ
山田 稔,1985/04/12,123-4567,通販ショップ
佐藤 零,昭和60年4月12日,5300001,JAN 4901234567894

ユーザー名,ID
jsmith,3
"""


def test_a_pasted_table_names_its_columns_in_its_header() -> None:
    assert of("PERSON", CSV) == ["山田 稔", "佐藤 零"]
    assert of("DATE_OF_BIRTH", CSV) == ["1985/04/12", "昭和60年4月12日"]
    assert of("JP_POSTAL_CODE", CSV) == ["123-4567", "5300001"]
    assert of("PERSON", "品名,数量\n青いカップ,2\nウール手袋,1\n") == []  # a product column is no name column


@pytest.mark.parametrize(
    "text",
    [
        "Name\tQty\nBlue Widget 2\t3\n",  # a digit: no name
        "氏名,電話\n氏名,電話\n",  # a repeated header is not a row
        'ID|Customer Name|Total\n1|"Ann Lee"|300\n{"event":"order"}\n',  # a JSON line after the table ends it
        "生年月日,備考\n不明,なし\n",  # no date in the birth-date column
        "郵便番号,備考\n12345678,x\n",
    ],
)
def test_table_cells_without_the_shape_are_not_taken(text: str) -> None:
    findings = found(text)
    assert [f for f in findings if f[0] in {"DATE_OF_BIRTH", "JP_POSTAL_CODE"}] == []
    assert [value for e, value in findings if e == "PERSON"] in ([], ["Ann Lee"])


def test_a_json_key_is_a_role_word() -> None:
    assert of("PERSON", '{"event":"order","customer":"鈴木知実","tel":"09012345678"}') == ["鈴木知実"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("担当 Taro Yamada です", ["Taro Yamada"]),  # romanised from the lists' readings
        ("YAMADA TARO (passport)", ["YAMADA TARO"]),  # surname first, in capitals
        ("Please contact Kyoko Sato today", ["Kyoko Sato"]),
        ("ヤマダ タロウ様", ["ヤマダ タロウ"]),
        ("すずき はなこ さん", ["すずき はなこ"]),
        ("山田 稔 (経理)", ["山田 稔"]),  # a space says where the surname ends: a one-kanji given name
    ],
)
def test_japanese_names_in_other_scripts(text: str, expected: list[str]) -> None:
    assert of("PERSON", text) == expected


@pytest.mark.parametrize(
    "text", ["コーヒー ゼリー", "データ ベース", "サービス センター", "山田 店", "Go So", "Sale Date"]
)
def test_kana_and_romaji_words_that_are_not_names(text: str) -> None:
    assert of("PERSON", text) == []


def test_romanisation() -> None:
    assert romanised("サトウ") == {"Satou", "Sato"}
    assert romanised("キョウコ") == {"Kyouko", "Kyoko"}
    assert romanised("ハットリ") == {"Hattori"}
    assert romanised("シュンスケ") == {"Shunsuke"}
    assert romanised("オオノ") == {"Oono", "Ono"}
    assert romanised("ヤマダ1") == set()  # not kana: no spelling


def test_the_name_lists_ship_with_the_package() -> None:
    names = gazetteer()
    assert {"佐藤", "鈴木", "五十嵐"} <= names.ja_surnames and {"太郎", "美咲"} <= names.ja_given
    assert {"James", "Mary"} <= names.latin_given and {"Smith", "Garcia"} <= names.latin_surnames
    assert {"サトウ", "さとう"} <= names.ja_surname_kana and {"Sato", "Satou"} <= names.ja_surname_romaji
    assert "お客" not in names.ja_surnames and "Customer" not in names.latin_given


@pytest.mark.parametrize(
    ("text", "entity", "expected"),
    [
        ('{"dob":"1985-04-12"}', "DATE_OF_BIRTH", "1985-04-12"),
        ("Date of Birth (MM/DD/YYYY): 04/12/1985", "DATE_OF_BIRTH", "04/12/1985"),
        ("DOB 12-Apr-1985", "DATE_OF_BIRTH", "12-Apr-1985"),
        ("Call 1-800-555-0199", "PHONE_NUMBER", "1-800-555-0199"),
        ("Mobile 07700 900123", "PHONE_NUMBER", "07700 900123"),  # UK, grouped 5 + 6
        ("231-0023 横浜市中区山下町1-2", "JP_POSTAL_CODE", "231-0023"),  # before a city, no prefecture
        ("横浜市中区山下町一丁目2番", "JP_ADDRESS", "横浜市中区山下町一丁目2番"),  # kanji numerals
        ("ジョン・スミス様からの電話", "PERSON", "ジョン・スミス"),
        ("Thanks Yamada-san!", "PERSON", "Yamada"),
        ("name,phone,zip\nAnn Lee,555-123-4567,94103\n", "POSTAL_CODE", "94103"),
        ("電話番号\t備考\n0312345678\tなし\n", "PHONE_NUMBER", "0312345678"),
    ],
)
def test_more_forms(text: str, entity: str, expected: str) -> None:
    assert of(entity, text) == [expected]


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("ドライバーさんに渡しました", "PERSON"),  # one katakana word before さん: a trade
        ("オーナー様", "PERSON"),
        ("Project-san", "PERSON"),
        ("Order ID 12345", "POSTAL_CODE"),  # ID is Idaho too
        ("在庫 12345 678901", "PHONE_NUMBER"),  # 5 + 6 digits, but not a 0 in front
        ("zip,qty\n12345678,2\n", "POSTAL_CODE"),
        ("出荷日 2024/04/12", "DATE_OF_BIRTH"),
    ],
)
def test_more_look_alikes(text: str, entity: str) -> None:
    assert of(entity, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Assigned to: Priya Raman", ["Priya Raman"]),  # a role word and a colon: no list needed
        ("Contact Sean O'Brien today", ["Sean O'Brien"]),
        ("Requester: John van der Berg", ["John van der Berg"]),
        ("Customer: Acme Corp", []),  # a company after the label
        ("Ship to: Blue Widget Store", []),
        ("customer Priya Raman called", []),  # no colon, no listed given name: not enough
    ],
)
def test_latin_names_after_a_role_and_a_colon(text: str, expected: list[str]) -> None:
    assert of("PERSON", text) == expected
