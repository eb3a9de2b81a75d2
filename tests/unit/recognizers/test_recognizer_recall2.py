"""Recall, second round: general writings of Japanese business text that the development corpus under-represents
(dates of birth in kanji numerals or with the other calendar's year in brackets, corporate numbers grouped for
reading), each beside look-alikes that must stay unreported."""

from __future__ import annotations

import pytest

from hogo.adapters.recognizers import scan_text
from hogo.adapters.recognizers.dates import kanji_number


def of(entity: str, text: str) -> list[str]:
    return [text[f.start : f.end] for f in scan_text(text) if f.entity == entity]


@pytest.mark.parametrize(
    ("value", "number"), [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("五十三", 53), ("一九八五", 1985)]
)
def test_kanji_numbers(value: str, number: int) -> None:
    assert kanji_number(value) == number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("生年月日：昭和五十年三月一日", ["昭和五十年三月一日"]),
        ("生年月日：一九八五年四月十二日", ["一九八五年四月十二日"]),
        ("生年月日 平成元年五月八日", ["平成元年五月八日"]),
        ("昭和五十年三月一日生まれ", ["昭和五十年三月一日"]),
        ("生年月日 平成12年（2000年）3月5日", ["平成12年（2000年）3月5日"]),  # the western year in brackets
        ("生年月日 1985年(昭和60年)4月12日", ["1985年(昭和60年)4月12日"]),
        ("生年月日 H.2.3.1", ["H.2.3.1"]),  # a dot after the era's letter
    ],
)
def test_dates_of_birth_in_more_writings(text: str, expected: list[str]) -> None:
    assert of("DATE_OF_BIRTH", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "生年月日 昭和六十五年一月一日",  # 昭和 ended in its 64th year
        "生年月日：令和二年二月三十日",  # no 30 February
        "契約日：昭和五十年三月一日",  # a date, but not of a birth
        "平成十二年三月五日に開業",
    ],
)
def test_kanji_dates_that_are_no_birth_date(text: str) -> None:
    assert of("DATE_OF_BIRTH", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("法人番号：7-0100-0108-8960", ["7-0100-0108-8960"]),
        ("法人番号 7010 0010 8896 0", ["7010 0010 8896 0"]),
        ("登録番号：T7-0100-0108-8960", ["T7-0100-0108-8960"]),  # an invoice registration number
    ],
)
def test_corporate_numbers_grouped_for_reading(text: str, expected: list[str]) -> None:
    assert of("JP_CORPORATE_NUMBER", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "法人番号: 7-0100-0108-8961",  # the check digit is wrong
        "注文番号 7-0100-0108-8960",  # no corporate-number word
    ],
)
def test_grouped_numbers_that_are_no_corporate_number(text: str) -> None:
    assert of("JP_CORPORATE_NUMBER", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("姓：山田　名：太郎", ["山田", "太郎"]),  # a form's two fields
        ("セイ：ヤマダ　メイ：タロウ", ["ヤマダ", "タロウ"]),
        ("姓(漢字):佐藤 名(漢字):花子", ["佐藤", "花子"]),
        ("氏名（姓）山田　氏名（名）太郎", ["山田", "太郎"]),
        ("姓 山田 名 太郎", ["山田", "太郎"]),  # no colons: only the pair
        ("旧姓：佐藤", ["佐藤"]),
        ("姓,名,セイ,メイ\n山田,太郎,ヤマダ,タロウ\n", ["山田", "太郎", "ヤマダ", "タロウ"]),  # a table's columns
        ("id\tlast\tfirst\n7\tSmith\tJohn\n", ["Smith", "John"]),
    ],
)
def test_names_split_in_two_fields(text: str, expected: list[str]) -> None:
    assert of("PERSON", text) == expected


@pytest.mark.parametrize(
    "text", ["品名：りんご", "同姓同名の方がいます", "姓名判断の本", "書名：坊っちゃん", "件名:お見積り"]
)
def test_words_ending_in_name_that_name_nobody(text: str) -> None:
    assert of("PERSON", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("札幌市中央区北1条西2丁目1番地", ["札幌市中央区北1条西2丁目1番地"]),  # Hokkaido's 条
        ("住所：千代田区丸の内一丁目九番二号", ["千代田区丸の内一丁目九番二号"]),  # a Tokyo ward, の in the town
        ("住所：世田谷区桜新町２－３－４ サンハイツ201", ["世田谷区桜新町２－３－４"]),
        ("西多摩郡瑞穂町箱根ケ崎2335番地", ["西多摩郡瑞穂町箱根ケ崎2335番地"]),  # a county's town
        ("上川郡東川町南町1丁目1-1", ["上川郡東川町南町1丁目1-1"]),
    ],
)
def test_addresses_without_prefecture(text: str, expected: list[str]) -> None:
    assert of("JP_ADDRESS", text) == expected


@pytest.mark.parametrize("text", ["地区1番目の", "北区の2丁目", "港区では1-2割が", "東北区1-2"])
def test_wards_without_an_address(text: str) -> None:
    assert of("JP_ADDRESS", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  1.HORI/MAKOTO MR\n  2.TUHIWAI/SEO-YEON MRS\n", ["HORI/MAKOTO", "TUHIWAI/SEO-YEON"]),  # a booking
        ("SSR DOCS NH HK1 P/JPN/TR0834890/JPN/12OCT85/M/19AUG30/URUSHIBARA/MIZUHO\n", ["URUSHIBARA/MIZUHO"]),
        ("Thanks, Aleksandra\n", ["Aleksandra"]),  # a sign-off, the name in no list
        ("Best regards,\nJack López\n", ["Jack López"]),
        ("Notes: Spoke with Yusuf about renewal.", ["Yusuf"]),
        ("Called Sven re: the invoice.", ["Sven"]),
    ],
)
def test_latin_names_by_their_form(text: str, expected: list[str]) -> None:
    assert of("PERSON", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Thanks, Team\n",
        "Regards,\nSupport Team\n",
        "I called Support about it.",
        "Spoke with Customer Service today.",
        "ORDER 12 MS/XL MR\n",  # sizes, not a passenger
    ],
)
def test_sign_offs_and_calls_without_a_person(text: str) -> None:
    assert of("PERSON", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("担当ドライバー 後藤 携帯 080-9975-4631", ["後藤"]),  # a delivery slip
        ("担当医 青木 医師 / 受付 大西", ["青木", "大西"]),
        ("おめでとう〜 まおちゃんの誕生日って", ["まお"]),  # a given name's reading before ちゃん
        ("氏　　名　一戸　康介", ["一戸\u3000康介"]),  # a résumé's label spread over its cell
        ("申込者\n氏 名  市川 さくら 印", ["市川 さくら"]),  # a hiragana given name
        ("氏名 山田 からの連絡", ["山田"]),  # からの is no given name
    ],
)
def test_japanese_names_in_more_forms(text: str, expected: list[str]) -> None:
    assert of("PERSON", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ご依頼主 株式会社中村屋",
        "ご依頼主 東和物産株式会社",
        "中村屋さんの手土産",  # a shop named after a family
        "赤ちゃんが生まれた",
        "あかちゃんが泣いた",
        "受付番号 12345",
        "受付 完了",
    ],
)
def test_companies_shops_and_words_stay_unreported(text: str) -> None:
    assert of("PERSON", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本人確認：生年月日 昭43・11・27 一致", ["昭43・11・27"]),  # the era's first kanji, middle dots
        ("SSR DOCS NH HK1 P/JPN/TR0834890/JPN/12OCT85/M/19AUG30/HORI/MAKOTO", ["12OCT85"]),  # not the expiry
    ],
)
def test_dates_of_birth_in_short_writings(text: str, expected: list[str]) -> None:
    assert of("DATE_OF_BIRTH", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("再配達受付 0120-545-846（24時間自動受付）", ["0120-545-846"]),  # a desk's number
        ("Direct line 604.312.3473.", ["604.312.3473"]),
        ("Contact number: (416) 139-6736", ["(416) 139-6736"]),  # brackets: a phone number, whatever the exchange
    ],
)
def test_phone_numbers_after_more_words(text: str, expected: list[str]) -> None:
    assert of("PHONE_NUMBER", text) == expected


@pytest.mark.parametrize("text", ["受付 2024-01-15 10:00", "受付番号 0123456789", "T: 378-128-6165"])
def test_numbers_after_desk_words_that_are_no_phone(text: str) -> None:
    assert of("PHONE_NUMBER", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("新しい住所→ 松本市 大手12番地16 桜荘603号室", ["松本市 大手12番地16"]),  # a space after the city
        ("練馬区 大泉学園町五丁目1番地2", ["練馬区 大泉学園町五丁目1番地2"]),
        ("八王子市めじろ台18番地17", ["八王子市めじろ台18番地17"]),  # a town in hiragana
        ("さいたま市浦和区 高砂7-11-4", ["さいたま市浦和区 高砂7-11-4"]),  # a city in hiragana
    ],
)
def test_addresses_with_spaces_and_hiragana(text: str, expected: list[str]) -> None:
    assert of("JP_ADDRESS", text) == expected


@pytest.mark.parametrize("text", ["横浜市の1番目", "大阪市では1-2割", "名古屋市 3-4月の予定"])
def test_cities_before_numbers_that_are_no_address(text: str) -> None:
    assert of("JP_ADDRESS", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [("連絡あり。荒木が対応。", ["荒木"]), ("本件は営業部の佐藤が担当します。", ["佐藤"]), ("当社が対応します。", [])],
)
def test_a_surname_before_what_the_person_did(text: str, expected: list[str]) -> None:
    assert of("PERSON", text) == expected


def test_the_second_name_of_an_address_list() -> None:
    text = "氏名,連名,敬称,郵便番号\n原 亜由美,夢,様,8083288\n戸田 美穂,さくら,様,838-9040\n"
    assert of("PERSON", text) == ["原 亜由美", "夢", "戸田 美穂", "さくら"]


@pytest.mark.parametrize(
    ("text", "street", "code"),
    [
        ("Flat 14B, 77 MG Road\nNew Delhi, Delhi 110321\nINDIA\n", ["77 MG Road"], ["110321"]),  # a road's initials
        ("307 Cuba Street\nChristchurch 8020\nNEW ZEALAND\n", ["307 Cuba Street"], ["8020"]),
        ("Address: 338 Cuba Street, Wellington 6048\n", ["338 Cuba Street"], ["6048"]),
        ("273 Adelaide Tce\nHOBART TAS 7004\n", ["273 Adelaide Tce"], ["7004"]),
        ("513 Rue Sherbrooke Ouest\nVancouver, BC V5M 9G9\n", ["513 Rue Sherbrooke Ouest"], ["V5M 9G9"]),
    ],
)
def test_street_lines_and_the_codes_after_them(text: str, street: list[str], code: list[str]) -> None:
    assert (of("STREET_ADDRESS", text), of("POSTAL_CODE", text)) == (street, code)


@pytest.mark.parametrize("text", ["12 Apples 2024\n", "Order 4411 shipped to Wellington 6048 units\n"])
def test_four_digits_after_no_street_line_are_no_code(text: str) -> None:
    assert of("POSTAL_CODE", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("booking_ref,lead_guest,dob\nBK802194,MUGURUMA HIROYUKI,1949-10-26\n", ["MUGURUMA HIROYUKI"]),
        ("Anna (agent): Hi, may I have your name?\n", ["Anna"]),  # a role in brackets
        ("Ayşe: sure\nAnna (agent): Thanks!\nAyşe: yes.\n", ["Ayşe", "Anna", "Ayşe"]),  # a speaker on two lines
        ("On 6 Nov 2023, Rhys Wiśniewski wrote:\n> Could you", ["Rhys Wiśniewski"]),
        ("取扱者 林田 代理店コード 278128", ["林田"]),
        ("担任 桜井　作成日 2019/1/23", ["桜井"]),  # 作成日 is the next field
        ("本年2月に祖母 渡邉 仁美が90歳にて永眠いたしました", ["渡邉 仁美"]),
    ],
)
def test_names_in_exports_transcripts_and_slips(text: str, expected: list[str]) -> None:
    assert of("PERSON", text) == expected


@pytest.mark.parametrize(
    "text", ["Note: x\nNote: y\n", "Status: open\nStatus: closed\n", "On Monday, the Support Team wrote:\n"]
)
def test_labels_that_open_lines_are_no_speakers(text: str) -> None:
    assert of("PERSON", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1-8-14 Mibu, Nakagyo-ku, Kyoto-shi, Kyoto 114-6328\nJAPAN\n", []),  # a city (市), not Mr Kyoto
        ("Thanks, Yamada-shi.", ["Yamada"]),
        ("332 Cuba Street\nDunedin 9042\nNEW ZEALAND\nTEL +64 9 313 2565\n", []),  # a country's line
    ],
)
def test_places_in_addresses_are_no_names(text: str, expected: list[str]) -> None:
    assert of("PERSON", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "3-12-13 Mibu, Nakagyo-ku, Kyoto-shi, Kyoto 805-0380\nJAPAN\n",
            ["3-12-13 Mibu, Nakagyo-ku, Kyoto-shi, Kyoto"],
        ),
        (
            "TO: SAITO DAN\n4-28-7 #504 Kita 1-jo Nishi, Chuo-ku, Sapporo-shi, Hokkaido 323-2587\n",
            ["4-28-7 #504 Kita 1-jo Nishi, Chuo-ku, Sapporo-shi, Hokkaido"],
        ),
        ("東和物産株式会社,037-8015,千葉県,柏市,若柴3-15-1,03-6859-2577\n", ["若柴3-15-1"]),  # the town's own cell
        ("Order 3-4 Blue-shi, Red 5\n", []),  # no prefecture at the end
    ],
)
def test_romanised_addresses_and_split_cells(text: str, expected: list[str]) -> None:
    assert of("JP_ADDRESS", text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Emergency contact: Tariq Almeida (spouse) 808.968.4522", ["808.968.4522"]),  # a relation in brackets
        ("You can reach me at 09926297466 if anything", ["09926297466"]),  # an Indian mobile with its 0
        ("TEL (04) 729 6214", ["(04) 729 6214"]),  # a New Zealand landline
    ],
)
def test_phone_numbers_of_more_plans(text: str, expected: list[str]) -> None:
    assert of("PHONE_NUMBER", text) == expected


@pytest.mark.parametrize("text", ["Order 09926297466 shipped", "invoice (04) 729 6214"])
def test_those_plans_need_a_phone_word(text: str) -> None:
    assert of("PHONE_NUMBER", text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Name (Last, First, MI): Chowdhury, Declan\nDOB: 09/26/1955", ["Chowdhury, Declan"]),
        ("Guest: Mwangi, Sergei\nArrival: 24 April", ["Mwangi, Sergei"]),
        ("-- Internal note (Aoife Featherstonehaugh): will ship", ["Aoife Featherstonehaugh"]),
        ("店員の月見里という方の態度がひどく", ["月見里"]),  # a surname in no list
        ("see (Figure Three): x", []),
        ("営業部という方", []),
        ("そういう方", []),
    ],
)
def test_names_by_a_label_or_a_phrase(text: str, expected: list[str]) -> None:
    assert of("PERSON", text) == expected


def test_attendees_with_their_department_in_brackets() -> None:
    text = "出席者：大久保将太（営業部）、早川（営業部）、岸本課長"
    assert of("PERSON", text) == ["大久保将太", "早川", "岸本"]


def test_a_label_opening_lines_of_a_log_is_no_speaker() -> None:
    assert of("PERSON", "Ticket: opened by the portal\nTicket: closed\n") == []
