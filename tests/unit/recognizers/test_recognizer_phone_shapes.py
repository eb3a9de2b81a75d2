"""Phone numbers `PhoneNumber` leaves: OCR-damaged, foreign-shaped or bare numbers beside a word, in a contact row
or under a compound header; and the look-alikes that must stay unfound although a phone word is near."""

from __future__ import annotations

import pytest

from hogo.adapters.recognizers import scan_text
from hogo.adapters.recognizers.phone_shapes import PhoneShapes, plan_valid, read_number


def found(text: str) -> list[str]:
    return [text[f.start : f.end] for f in PhoneShapes().find(text)]


def phones(text: str) -> list[str]:
    """What the whole default registry reports as phone numbers."""
    return [text[f.start : f.end] for f in scan_text(text) if f.entity == "PHONE_NUMBER"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # OCR-damaged digits after a label, in any grouping
        ("電話 O90-5736-78l4\n受付印", "O90-5736-78l4"),
        ("電話 O753847O29\n", "O753847O29"),
        ("TEL 0263ーSSー7815 / Mobile", "0263ーSSー7815"),
        ("電話番号：(O90)0496-l048\n", "(O90)0496-l048"),
        ("TEL;TYPE=CELL:+8l 8O 3223 5181\n", "+8l 8O 3223 5181"),
        ("連絡先 O80ーOS15-213l\n", "O80ーOS15-213l"),
        ("TEL OSO-2406ー9074\n", "OSO-2406ー9074"),
        ("遅れたら 07Oー3882ー3S47 に電話してｗ", "07Oー3882ー3S47"),
        ("TEL 03・1234・5678", "03・1234・5678"),
        # North American numbers after a one-letter label, a call word or a contact word
        ("Honolulu, HI 96808\nT: 1-800-510-2567 | connor@example.com", "1-800-510-2567"),
        ("T: 458.396.2041 | rebecca@example.com", "458.396.2041"),
        ("can someone call George McKenzie back on 899.402.0713?", "899.402.0713"),
        ("can someone call ETHAN MOORE back on 1-906-264-4602?", "1-906-264-4602"),
        ("Emergency contact: Carol Turner 690-989-5006\n", "690-989-5006"),
        ("Phone: 2125550147", "2125550147"),
        # British numbers grouped 4 + 3 + 4, 3 + 4 + 4 or 5 + 6, Australian 1300/1800
        ("Mobile: 0161 549 4697\nParcel ref", "0161 549 4697"),
        ("  phone: 0113 496 0123\n", "0113 496 0123"),
        ("Office: 029 2018 0123", "029 2018 0123"),
        ("Mobile: 07700900123", "07700900123"),
        ("Phone: 1300 655 506", "1300 655 506"),
        ("Direct: (0161) 496 0123", "(0161) 496 0123"),
        ("ケータイ O8O-1234-5678 だよ", "O8O-1234-5678"),
        ("📞 O3-1234-5678", "O3-1234-5678"),
        ("You can reach me at 899.402.0713.", "899.402.0713"),
        ("my number is 1-674-461-9907", "1-674-461-9907"),
        ("SMS with 488.506.3858\n> Hi it's Yusuf", "488.506.3858"),
        ("REFERENCES\nDr. Amelia Martin, 1-909-673-8542\n", "1-909-673-8542"),
        ("REFERENCES\nMs. Étienne Rossi Sr., 0161 577 0900\n", "0161 577 0900"),
        ("TEL 092 - 258-3119\n品名", "092 - 258-3119"),
        ("遅れたら (070)2462 - 5576 に電話して", "(070)2462 - 5576"),
        ("折り返しの場合は0312345678までお願いします。", "0312345678"),
        # a bare 10-digit Japanese number after a word PhoneNumber does not know
        ("影響：会員31名。問い合わせ窓口 0120675328\n", "0120675328"),
        ("フリーダイヤル0120675328", "0120675328"),
    ],
)
def test_found_after_a_word(text: str, expected: str) -> None:
    assert found(text) == [expected]
    assert phones(text) == [expected]


@pytest.mark.parametrize(
    "header",
    ["氏名,電話番号(自宅)", "Name|Phone No.", "name;home phone", "氏名\t保護者 TEL"],
)
def test_header_cells_that_end_with_a_phone_word(header: str) -> None:
    delimiter = next(d for d in ",|;\t" if d in header)
    table = f"{header}\n山田 太郎{delimiter}O3-1234-5678\n"
    assert found(table) == ["O3-1234-5678"]


def test_contact_row_with_an_email_address() -> None:
    row = 'C6679552,"McKenzie, Wyatt",wyatt_mckenzie98@example.me,878-276-4705,August 12, 1954,2022-11-28\n'
    assert found(row) == ["878-276-4705"]
    assert phones("x,a@example.com,0161 724 8012,1992\n") == ["0161 724 8012"]


def test_contact_line_of_a_cv() -> None:
    line = "12 Main St, Calgary AB T2P 7T0\n1-361-986-6012 · r-mark@example.com\n"
    assert found(line) == ["1-361-986-6012"]
    assert found("a@example.com | 0161 944 8685 | York\n") == ["0161 944 8685"]


def test_cells_under_a_compound_phone_header() -> None:
    table = (
        "番号\t氏名\t生年月日\t緊急連絡先\n"
        "1\t福井 美空\t2009/05/14\t0362641208\n"
        "2\t一ノ瀬 健太郎\t2015/2/8\t08O 6219 2132\n"
        "3\t平野 駿\t2012/10/09\t05061161837\n"
        "\n"
        "4\t後 続\t2012/10/09\t0362641208\n"  # after the blank line: no longer the table
    )
    assert found(table) == ["0362641208", "08O 6219 2132", "05061161837"]
    assert phones(table) == ["0362641208", "08O 6219 2132", "05061161837"]


@pytest.mark.parametrize(
    "text",
    [
        # numbers the numbering plans exclude, whatever the label says
        "問い合わせ窓口 0800-920-962",  # Japan's 0800 numbers have 11 digits
        "電話 0800(66l)902",
        "  phone: 0161 012 0098\n",  # a British local number never begins with 0 or 1
        "Mobile: 0161 197 5909\n",
        "T: (02) 0478 5781 | a@example.com",  # nor an Australian one with 0
        "call Callum D. Hassan back on 611.368.4828?",  # N11 is a service code, not an area code
        "T: 1-644-211-3814",  # nor an exchange
        "T: 378-128-6165",  # an exchange begins 2-9
        # look-alikes beside a phone or call word
        "Contact us about order 555-123-4567",
        "お問い合わせ番号 0312345678",
        "電話 料金 1,234,567円",
        "Call: $1,234.56 due 2024-01-05",
        "電話 2024-01-05 受付",
        "Phone: 03/12/2024",
        "call v10.0.22229.3405 broke it",
        "contact 192.168.100.200 from",
        "電話 追跡番号 RN754650526GB",
        "連絡 追跡番号 459600875300",
        "電話 4901234567894",  # a JAN code
        "連絡先 〒100-0001 東京都",
        "phone: SW1A 1AA",
        "電話 03-OOOO-OOOO",  # a mask: too few real digits
        "Intel: 378-728-6165",  # no word: `tel` is glued to a letter
        "hotel 0161 549 4697",
        "Email: a@example.com 378-728-6165",  # no delimiter after the address: no contact row
        "Carol Olivia 690-989-5006",  # no phone word
        "Dear Ms. Evans, your balance is 555.123.4567 today",  # a title, but the number does not end the line
        "Mr. Smith, order 555-123-4567\n",
        "03-1234-5678 - 090-1234-5678に電話",  # two numbers: each is PhoneNumber's, no spaced-dash number here
        "氏名,メールアドレス\n山田 太郎,O3-1234-5678\n",  # a header that is no phone word
        "氏名,電話番号\n山田 太郎,O3-OOOO-OO78\n",  # too damaged to read (3 real digits)
    ],
)
def test_not_found(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize("text", ["問い合わせ窓口 0800-920-962", "  phone: 0161 012 0098\n", "T: (02) 0478 5781"])
def test_plan_exclusions_stay_unfound_by_every_recognizer(text: str) -> None:
    assert phones(text) == []


@pytest.mark.parametrize(
    ("candidate", "valid"),
    [
        ("0120-675-328", True),
        ("0800-920-9620", True),
        ("0800-920-962", False),
        ("+81 90 0953 8956", True),
        ("+44 161 496 0000", True),
        ("+0 12345678", False),
        ("899.402.0713", True),
        ("1-674-461-9907", True),
        ("(378) 728-6165", True),
        ("611.368.4828", False),
        ("378-011-6165", False),
        ("378-728.6165", False),  # mixed separators
        ("0161 496 0000", True),
        ("0161 012 0098", False),
        ("020 7946 0000", True),
        ("0300 123 4567", True),
        ("1300 655 506", True),
        ("1500 655 506", False),
    ],
)
def test_plan_valid(candidate: str, valid: bool) -> None:
    assert plan_valid(candidate) is valid


def test_read_number_cuts_a_trailing_group_and_reads_ocr_letters() -> None:
    assert read_number("03-1234-5678 10") == len("03-1234-5678")
    assert read_number("O90-5736-78l4") == len("O90-5736-78l4")
    assert read_number("03-OOOO-OOOO") is None
