"""Issue 20, recall: the forms of names, dates of birth and postal codes that business text uses and hogo missed
(a job title after a surname, an unlisted given name after a role word, 19850412 after 生年月日, `Springfield IL
62704`, `Tokyo 100-0001`), and next to each, look-alikes that must stay unreported."""

from __future__ import annotations

import pytest

from hogo.adapters.recognizers import scan_text


def of(entity: str, text: str) -> list[str]:
    return [text[f.start : f.end] for f in scan_text(text) if f.entity == entity]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("山田さまへ、いつもお世話になっております。", ["山田"]),  # さま in hiragana
        ("田中部長に確認しました。", ["田中"]),  # a job title names a person as an honorific does
        ("鈴木先生の授業は明日です。", ["鈴木"]),
        ("営業部の佐藤課長から連絡がありました。", ["佐藤"]),
        ("私、高橋陽翔と申します。", ["高橋陽翔"]),  # introducing oneself
        ("お世話になっております。経理部の高橋です。", ["高橋"]),
        ("作成者：渡辺湊", ["渡辺湊"]),  # a given name in no list, after a role word
        ("連帯保証人 小林大翔", ["小林大翔"]),
        ("入居者 加藤 悠真", ["加藤 悠真"]),
        ("CC: 伊藤 結菜", ["伊藤 結菜"]),  # 結菜: a given name of the recent list
    ],
)
def test_japanese_names_in_more_contexts(text: str, expected: list[str]) -> None:
    assert of("PERSON", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "大家さんに連絡した。",  # a landlord: 大家 is a surname too
        "八百屋さんで買った",
        "お客さんが来た。",
        "ご主人様によろしく",
        "奥さんによろしく",
        "本部長が承認した",  # 本 is a surname, but not one of the common ones a title may follow alone
        "事業部長の承認",
        "以上です。",
        "会員の中村区在住",  # a ward, not a given name
        "予定は上野駅です",  # not at a sentence's start
    ],
)
def test_words_before_honorifics_and_titles_that_are_no_names(text: str) -> None:
    assert of("PERSON", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("To: Jane Doe", ["Jane Doe"]),
        ("CC: Priya Raman", ["Priya Raman"]),  # neither name listed: after a role word and a colon
        ("Prepared by Chen Wei", ["Chen Wei"]),  # after `… by`
        ("Meeting with Priya Raman tomorrow", ["Priya Raman"]),
        ("Landlord: Maria Garcia", ["Maria Garcia"]),
        ("Dear Mrs. Dolores Smith,", ["Dolores Smith"]),  # a listed name that is a Latin word too
    ],
)
def test_latin_names_in_more_contexts(text: str, expected: list[str]) -> None:
    assert of("PERSON", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Lorem ipsum dolor sit amet",  # placeholder text
        "Mrs. Dolor sit amet, consectetur",
        "Prepared by Acme Corp",  # a company
        "Meeting with Support Team",
    ],
)
def test_filler_and_companies_are_no_latin_names(text: str) -> None:
    assert of("PERSON", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("生年月日：19850412", "19850412"),  # no separators, as forms store it
        ("生年月日：昭和60年 4 月 12 日", "昭和60年 4 月 12 日"),  # spaces around 年月日
        ("DOB: 04/12/85", "04/12/85"),  # a two-digit year after a birth word
        ("Date of birth: 12 APR 1985", "12 APR 1985"),  # capitals, as passports write it
        ("Born APRIL 12, 1985", "APRIL 12, 1985"),
        ("出生日：1985年4月12日", "1985年4月12日"),
        ("DoB 1985-04-12", "1985-04-12"),
    ],
)
def test_dates_of_birth_as_written(text: str, expected: str) -> None:
    assert of("DATE_OF_BIRTH", text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "生年月日：19851312",  # no 13th month
        "生年月日：198504121",  # part of a longer number
        "注文日 19850412",  # no birth word
        "DOB: 02/30/85",  # no such day
    ],
)
def test_not_dates_of_birth(text: str) -> None:
    assert of("DATE_OF_BIRTH", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("郵便番号（ハイフンなし）：1000001", "1000001"),  # a longer label
        ("postcode: 100-0001", "100-0001"),
        ("1-1 Chiyoda, Chiyoda-ku, Tokyo 100-0001", "100-0001"),  # a Japanese address in Latin letters
        ("Kita-ku, Osaka-fu 530-0001", "530-0001"),
        ("Naka-ku, Yokohama 231-0023, Japan", "231-0023"),
    ],
)
def test_japanese_postal_codes_as_written(text: str, expected: str) -> None:
    assert of("JP_POSTAL_CODE", text) == [expected]


@pytest.mark.parametrize("text", ["Tokyo 100-00012", "Tokyo office: 03-1234-5678", "Japan 2024-0001 rev."])
def test_not_japanese_postal_codes(text: str) -> None:
    assert of("JP_POSTAL_CODE", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Springfield IL 62704", "62704"),  # no comma before the state
        ("Austin, Texas 78701", "78701"),  # the state's name
        ("Ottawa, ON K1A 0B1", "K1A 0B1"),  # a Canadian postal code after its province
        ("London SW1A 1AA.", "SW1A 1AA"),  # after a place's name, a full stop after it
        ("10 Downing St, London SW1A 2AA United Kingdom", "SW1A 2AA"),
        ("Zip code: 94105", "94105"),
        ("ZIP Code 94105", "94105"),  # a label with no colon
        ("POSTCODE: EC1A 1BB", "EC1A 1BB"),
    ],
)
def test_us_uk_and_canadian_postal_codes(text: str, expected: str) -> None:
    assert of("POSTAL_CODE", text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Order ID 12345 shipped",  # ID is Idaho too: only after a comma
        "Portland OR 97201",  # the same for OR
        "Order AB1 2CD shipped",  # the UK shape, then a lower-case word
        "Ref XY12 3AB.",  # no UK area XY
        "Version QC 12345",  # a capital before QC: no city
        "zip file 2 GB",
    ],
)
def test_not_postal_codes(text: str) -> None:
    assert of("POSTAL_CODE", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("350 5th Avenue, New York", "350 5th Avenue"),  # a numbered street
        ("123 W 42nd St", "123 W 42nd St"),
        ("1600 Martin Luther King Jr Blvd", "1600 Martin Luther King Jr Blvd"),  # four words
    ],
)
def test_street_lines(text: str, expected: str) -> None:
    assert of("STREET_ADDRESS", text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8731 NE Church Road, Suite 305", "8731 NE Church Road, Suite 305"),  # a two-letter direction
        ("49B St Mary's Close", "49B St Mary's Close"),
        ("116 George Parade, ADELAIDE SA 5000", "116 George Parade"),  # an Australian street type
        ("1192 rue Sainte-Catherine O, Winnipeg", "1192 rue Sainte-Catherine O"),  # the type first
        ("2951 E Main Dr Apt. 12", "2951 E Main Dr Apt. 12"),  # Dr is Drive here, not a doctor
        ("Ship to: 29502 Andrews Walks Apt. 587, North Michaelbury", "29502 Andrews Walks Apt. 587"),  # USPS: Walks
        ("764 Doris Loaf Suite 620, West Brian, CO 32601", "764 Doris Loaf Suite 620"),
    ],
)
def test_more_street_lines(text: str, expected: str) -> None:
    assert of("STREET_ADDRESS", text) == [expected]
    assert of("PERSON", text) == []


@pytest.mark.parametrize(
    ("text", "street", "code"),
    [
        ("Address: 8731 NE Church Road, Suite 305, Honolulu, HI 96848", "8731 NE Church Road, Suite 305", "96848"),
        ("Billing address: 1581 rue Sainte-Catherine O, Winnipeg MB R3C 7P3", "1581 rue Sainte-Catherine O", "R3C 7P3"),
        ("Address: 12 Queen St, SYDNEY NSW 2000", "12 Queen St", "2000"),
        ("Address: 216 Queen's Avenue, BIRMINGHAM B15 6XQ", "216 Queen's Avenue", "B15 6XQ"),
    ],
)
def test_a_labelled_address_leaves_its_city_and_code_to_the_postal_code(text: str, street: str, code: str) -> None:
    """Both are reported: the street address no longer runs over the postal code (where only one was kept)."""
    assert of("STREET_ADDRESS", text) == [street]
    assert of("POSTAL_CODE", text) == [code]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("〒438 - 1608 埼玉県川越市", "〒438 - 1608"),  # spaces around the hyphen
        ("郵便番号：51O-4738", "51O-4738"),  # O typed for 0
        ('"zip":"l76-1748"', "l76-1748"),
        ("ADR;TYPE=HOME:;;沖縄県那覇市久茂地1101番地;;;8769170;Japan", "8769170"),  # a vCard address
    ],
)
def test_japanese_postal_codes_as_typed(text: str, expected: str) -> None:
    assert of("JP_POSTAL_CODE", text) == [expected]


@pytest.mark.parametrize("text", ["郵便番号：779-OO8S", "〒ABC-DEFG", "〒SOS-lOOI"])
def test_codes_with_more_letters_than_one_typo_are_refused(text: str) -> None:
    assert of("JP_POSTAL_CODE", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BDAY:1950-11-21", "1950-11-21"),  # vCard
        ("菅ちゃんの誕生日って1月8日だっけ？", "1月8日"),  # a birthday: the date without its year
        ("Birthday: April 13", "April 13"),
        ("生年月日 1993年lO月12日", "1993年lO月12日"),  # letters typed for digits
        ("生年月日 l960ー04-15", "l960ー04-15"),
        ("生年月日 1985/1O/3 調剤日 令和5年4月1日", "1985/1O/3"),  # not the date after it
        ("被保険者（1997- 11-03生）", "1997- 11-03"),  # a spaced separator
    ],
)
def test_dates_of_birth_as_typed(text: str, expected: str) -> None:
    assert of("DATE_OF_BIRTH", text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "誕生日って13月8日だっけ",  # no such month
        "生年月日：lOOO/OO/OO",  # letters, not a date
        "Birthday party on Friday",
        "納品日は1月8日です",  # a month and a day without a birthday word
    ],
)
def test_not_dates_of_birth_as_typed(text: str) -> None:
    assert of("DATE_OF_BIRTH", text) == []


def test_a_row_with_an_unquoted_comma_does_not_end_the_table() -> None:
    text = (
        "customer_id,full_name,dob,signup_date\n"
        "C1,April Novak,1967-08-22,2022-03-15\n"
        "C2,Minh Andersen,December 19, 1948,2024-09-25\n"
        "C3,Lily Collins,1998-11-17,2024-08-13\n"
    )
    assert of("DATE_OF_BIRTH", text) == ["1967-08-22", "December 19, 1948", "1998-11-17"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Deliver to: Mr CHRIS DAVIS", ["CHRIS DAVIS"]),  # in capitals after a title
        ("Emergency contact: I. Khan", ["I. Khan"]),  # an initial and a surname
        ("Cardholder: CONNOR LONG", ["CONNOR LONG"]),
        ("From: HARA Hinata", ["HARA Hinata"]),  # a Japanese name, surname first
        ("On 18 May 2024, Luca Oliveira <oliveira@example.com> wrote:", ["Luca Oliveira"]),  # a display name
        ("山田 太郎 <taro@example.jp>", ["山田 太郎"]),
        ("Douglas 7:00 pm: can someone call back?\nÉtienne 1230h: will do.", ["Douglas", "Étienne"]),  # speakers
        ("Attendees: James Jones, NATHAN TAYLOR, M. Petrov", ["James Jones", "NATHAN TAYLOR", "M. Petrov"]),
        ("出席者：星課長 / 菅野（記），市川（記） / 高田", ["星", "菅野", "市川", "高田"]),
        ("[LINE]\n11:00 けいすけ 今日の打ち上げ、どこでいい？\n19時 中村 おっけー", ["けいすけ", "中村"]),
    ],
)
def test_names_by_the_shape_of_a_line(text: str, expected: list[str]) -> None:
    assert of("PERSON", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "FROM: Redwood Analytics LLC",  # a company: the word after says so
        "Account Manager, Maple & Finch Ltd",
        "Ship to: 4530 Adams Pl, Boston, MA 02173",  # a city and a state, not `Surname, Given`
        "Customer Service <help@example.com>",
        "Note: the build is late\nUpdate 10:30: fixed",  # headings before a colon
        "番号\t氏名\tふりがな\t生年月日",  # a header row: the cell after 氏名 is another header
        "Attendees: Acme Corp, Support Team",
    ],
)
def test_companies_headers_and_places_are_no_names(text: str) -> None:
    assert of("PERSON", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("確認者：人事部 中川", ["中川"]),  # a department before the name
        ("[オペレーター 宮下] ご本人様確認のため", ["宮下"]),
        ("依頼人 キクチ　ココア TEL 050-0000-0000", ["キクチ\u3000ココア"]),
        ("被保険者 ヒラタユミコ（1963.8.25生）", ["ヒラタユミコ"]),  # two listed readings run together
        ("お薬手帳\nまつむら ひなた 様", ["まつむら ひなた"]),  # a name in hiragana before 様
        ("[LINE] のぶことのトーク\n12:45 のぶこ 今日どうする？", ["のぶこ", "のぶこ"]),
        ("\n10時 昭夫 神奈川県の住所だよ\n10時15分 ゆき おっけー\n10時20分 ゆき 了解", ["昭夫", "ゆき", "ゆき"]),
        ('{"user":{"name":"TAMAKI Osamu","tel":"080"}}', ["TAMAKI Osamu"]),
        ("notes\n- Action: Clark to follow up.", ["Clark"]),
        ("Thanks for the quick reply.\n\nBest,\nM. Schmidt\nAccount Manager", ["M. Schmidt"]),  # a sign-off
        ("can someone call Sofía Larsen back on 020 1234 5678?", ["Sofía Larsen"]),
        ("Hi it's Giovanni, your courier.", ["Giovanni"]),
        ("MIYAKE Minato 様\n\nこの度は", ["MIYAKE Minato"]),  # a romanised name before 様
    ],
)
def test_more_name_contexts(text: str, expected: list[str]) -> None:
    assert of("PERSON", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "\n10:00 開始 朝会\n12:00 昼休み",  # a schedule: no listed name, none that comes back
        "ドライバーさん",  # one katakana word before さん: a trade
        "Best,\nAcme Support Team",
        "- Action items to follow up",
        '{"name":"Acme Corp"}',
    ],
)
def test_not_names_in_those_contexts(text: str) -> None:
    assert of("PERSON", text) == []


def test_recent_given_names_are_listed_with_their_readings() -> None:
    """A bare kanji name, and the same name in katakana, need both lists: 陽翔 and ハルト come from the recent list."""
    assert of("PERSON", "山田陽翔が対応します") == ["山田陽翔"]
    assert of("PERSON", "ヤマダ ハルト") == ["ヤマダ ハルト"]
    assert of("PERSON", "山田太翔が対応します") == []  # 太翔: in neither list


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BEGIN:VCARD\nVERSION:3.0\nFN:廣田 結菜\nN:廣田;結菜;;;\nEND:VCARD", ["廣田 結菜", "廣田;結菜"]),
        (
            "連絡は下記まで。\n\n沖縄県那覇市久茂地8-15-22\n熊谷 トメ\n電話 012-345-6789",
            ["熊谷 トメ"],
        ),  # a letter's signature
        ("住所録\n鬼塚匠 〒215-5978 福岡県福岡市", ["鬼塚匠"]),  # a name before 〒 on its line
        ("2026/05/09 15:00 出勤 平井 社員番号 739999", ["平井"]),  # an attendance log
        ("議題：リリース判定\n・早川より進捗報告。", ["早川"]),  # より after a bullet
    ],
)
def test_names_on_lines_of_their_own(text: str, expected: list[str]) -> None:
    assert of("PERSON", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "代表取締役 山田 太郎\n本店所在地 〒100-0001 東京都",  # a label before 〒
        "生年月日 S16.1.2\n新住所 〒 100-0001",
        "本日より営業時間を変更します",  # より not after a bullet
        "たくさんの方に",  # さん inside a word
    ],
)
def test_labels_before_a_postal_code_are_no_names(text: str) -> None:
    assert [n for n in of("PERSON", text) if n != "山田 太郎"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Subject: RE: quote\n\nHi François,\n\nThanks for the reply.", ["François"]),  # a greeting, unlisted
        ("> Hi it's Jean-Pierre, your courier.", ["Jean-Pierre"]),  # saying who one is
        ("Hi team,\nthe build is late.", []),
        ("Hi All,\nplease read.", []),
        ("Hi Support Team, please help", []),
    ],
)
def test_one_word_names_in_greetings(text: str, expected: list[str]) -> None:
    assert of("PERSON", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("particularly your program Mr. Appear season child", []),  # generated filler: a common word
        ("tonight Mrs. Themselves step them word", []),
        ("Mr. Young said", ["Young"]),  # a common word that is a listed surname stays a name
        ("Mr. Okonkwo said", ["Okonkwo"]),  # a word in no list and no common word: a name after a title
    ],
)
def test_a_common_word_after_a_title_is_filler(text: str, expected: list[str]) -> None:
    assert of("PERSON", text) == expected


def test_a_guardian_column_holds_names() -> None:
    text = "番号\t氏名\t保護者\n1\t山田 太郎\t山田 花子\n2\t佐藤 陽翔\t佐藤 美咲\n"
    assert of("PERSON", text) == ["山田 太郎", "山田 花子", "佐藤 陽翔", "佐藤 美咲"]
