"""A third, independently written development corpus for hogo's PII discovery (seeded, labelled).

Written by the helper ``corpus3`` without reading hogo's recognizers, nor the two other corpora. Each record is
``{"text", "spans": [[start, end, ENTITY], ...], "templates": [name], "noisy": bool}`` with character offsets.
The texts imitate what a Japanese company really holds: CRM exports pasted from Excel, OCR'd application forms,
call-centre memos, chat, minutes, invoices, delivery slips, business cards, and English tickets, bookings,
PNR lines, claims and shipping labels. Look-alikes (order, tracking and invoice numbers, JAN codes, amounts,
times, dates that are not births, company, shop and place names) appear unlabelled.

    python bench/corpus_third.py --records 3000 --seed 47 --out /tmp/third.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypedDict

NAMES_FILE = Path(__file__).with_name("data") / "third_names.json"
ENTITIES = (
    "PERSON",
    "DATE_OF_BIRTH",
    "PHONE_NUMBER",
    "EMAIL_ADDRESS",
    "JP_POSTAL_CODE",
    "JP_ADDRESS",
    "STREET_ADDRESS",
    "POSTAL_CODE",
    "JP_MY_NUMBER",
    "JP_CORPORATE_NUMBER",
    "CREDIT_CARD",
    "IP_ADDRESS",
)

# ---------------------------------------------------------------------------------------------- text builder


class Record(TypedDict):
    text: str
    spans: list[list[Any]]  # [start, end, ENTITY]
    templates: list[str]
    noisy: bool


class Doc:
    """Builds a text piece by piece and remembers where each labelled value landed."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.spans: list[list[Any]] = []
        self.size = 0

    def t(self, text: str) -> Doc:
        self.parts.append(text)
        self.size += len(text)
        return self

    def e(self, entity: str, value: str) -> Doc:
        assert entity in ENTITIES, entity
        assert value and value == value.strip(), repr(value)
        self.spans.append([self.size, self.size + len(value), entity])
        return self.t(value)

    def text(self) -> str:
        return "".join(self.parts)


# ---------------------------------------------------------------------------------------------- character noise

_FW_DIGITS = str.maketrans("0123456789-()+", "０１２３４５６７８９－（）＋")
_HIRA = "".join(chr(c) for c in range(0x3041, 0x3097))
_TO_KATA = str.maketrans(_HIRA, "".join(chr(ord(c) + 0x60) for c in _HIRA))


def _half_kana_map() -> dict[str, str]:
    table: dict[str, str] = {}
    for code in range(0xFF61, 0xFFA0):
        half = chr(code)
        full = unicodedata.normalize("NFKC", half)
        if len(full) == 1:
            table.setdefault(full, half)
    for base in "ｳｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾊﾋﾌﾍﾎ":
        table[unicodedata.normalize("NFKC", base + "ﾞ")] = base + "ﾞ"
    for base in "ﾊﾋﾌﾍﾎ":
        table[unicodedata.normalize("NFKC", base + "ﾟ")] = base + "ﾟ"
    table["　"] = " "
    return table


_HALF = _half_kana_map()


def katakana(hira: str) -> str:
    return hira.translate(_TO_KATA)


def half_kana(kata: str) -> str:
    return "".join(_HALF.get(c, c) for c in kata)


def full_digits(text: str) -> str:
    return text.translate(_FW_DIGITS)


_ROMA = {
    "きゃ": "kya", "きゅ": "kyu", "きょ": "kyo", "しゃ": "sha", "しゅ": "shu", "しょ": "sho", "ちゃ": "cha",
    "ちゅ": "chu", "ちょ": "cho", "にゃ": "nya", "にゅ": "nyu", "にょ": "nyo", "ひゃ": "hya", "ひょ": "hyo",
    "みゃ": "mya", "みょ": "myo", "りゃ": "rya", "りゅ": "ryu", "りょ": "ryo", "ぎゃ": "gya", "ぎょ": "gyo",
    "じゃ": "ja", "じゅ": "ju", "じょ": "jo", "びゃ": "bya", "びょ": "byo", "ぴょ": "pyo", "ちぇ": "che",
}  # fmt: skip
_KANA = (
    "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん"
    "がぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽー"
)
_SYLLABLES = (
    "a i u e o ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no ha hi fu he ho ma mi mu me mo ya yu yo "
    "ra ri ru re ro wa o n ga gi gu ge go za ji zu ze zo da ji zu de do ba bi bu be bo pa pi pu pe po -"
)
_ROMA1 = dict(zip(_KANA, _SYLLABLES.split(), strict=True))


def romaji(hira: str) -> str:
    """Passport-style Hepburn (long vowels dropped: さとう → sato, ゆうこ → yuko)."""
    out: list[str] = []
    i = 0
    while i < len(hira):
        pair = hira[i : i + 2]
        if pair in _ROMA:
            out.append(_ROMA[pair])
            i += 2
            continue
        ch = hira[i]
        if ch == "っ" and i + 1 < len(hira):
            nxt = _ROMA.get(hira[i + 1 : i + 3]) or _ROMA1.get(hira[i + 1], "")
            out.append("t" if nxt.startswith("ch") else nxt[:1])
        elif ch == "ゃ":
            out.append("ya")
        else:
            out.append(_ROMA1.get(ch, ""))
        i += 1
    word = "".join(out).replace("ou", "o").replace("oo", "o").replace("uu", "u")
    return word.capitalize()


# ---------------------------------------------------------------------------------------------- check digits


def my_number_check(first11: str) -> int:
    total = 0
    for n, digit in enumerate(reversed(first11), start=1):
        q = n + 1 if n <= 6 else n - 5
        total += int(digit) * q
    rem = total % 11
    return 0 if rem <= 1 else 11 - rem


def corporate_check(base12: str) -> int:
    total = sum(int(d) * (1 if n % 2 else 2) for n, d in enumerate(reversed(base12), start=1))
    return 9 - total % 9


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _luhn_complete(body: str) -> str:
    for last in "0123456789":
        if luhn_ok(body + last):
            return body + last
    raise AssertionError(body)


# ---------------------------------------------------------------------------------------------- people

ERAS = (("令和", "R", date(2019, 5, 1)), ("平成", "H", date(1989, 1, 8)), ("昭和", "S", date(1926, 12, 25)))


@dataclass(frozen=True)
class JpPerson:
    sei: str
    mei: str
    sei_kana: str
    mei_kana: str
    female: bool

    @property
    def sei_roma(self) -> str:
        return romaji(self.sei_kana)

    @property
    def mei_roma(self) -> str:
        return romaji(self.mei_kana)


@dataclass(frozen=True)
class LatinPerson:
    given: str
    surname: str
    middle: str

    @property
    def ascii_given(self) -> str:
        return _ascii(self.given)

    @property
    def ascii_surname(self) -> str:
        return _ascii(self.surname).replace("'", "").replace(" ", "")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


_RAW: dict[str, Any] = json.loads(NAMES_FILE.read_text(encoding="utf-8"))


def _pairs(key: str) -> list[tuple[str, str]]:
    return [(str(kanji), str(kana)) for kanji, kana in _RAW[key]]


JP_SURNAMES = _pairs("jp_surnames")
JP_GIVEN_MALE = _pairs("jp_given_male")
JP_GIVEN_FEMALE = _pairs("jp_given_female")
JP_FOREIGN = [(str(kana), str(latin)) for kana, latin in _RAW["jp_foreign_katakana"]]
LATIN_GIVEN = [str(x) for x in _RAW["latin_given"]]
LATIN_SURNAMES = [str(x) for x in _RAW["latin_surnames"]]

# (prefecture, city/ward, towns): real places; the block numbers and buildings are invented.
JP_PLACES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("東京都", "渋谷区", ("神宮前", "恵比寿南", "代々木", "笹塚")),
    ("東京都", "世田谷区", ("三軒茶屋", "経堂", "玉川", "北沢")),
    ("東京都", "練馬区", ("石神井町", "光が丘", "大泉学園町")),
    ("東京都", "江東区", ("豊洲", "亀戸", "大島", "東陽")),
    ("東京都", "八王子市", ("明神町", "横山町", "めじろ台")),
    ("東京都", "千代田区", ("神田神保町", "麹町", "内神田")),
    ("神奈川県", "横浜市港北区", ("日吉本町", "新横浜", "綱島西")),
    ("神奈川県", "川崎市中原区", ("小杉町", "新丸子東", "木月")),
    ("神奈川県", "藤沢市", ("鵠沼海岸", "辻堂元町", "湘南台")),
    ("埼玉県", "さいたま市浦和区", ("高砂", "仲町", "常盤")),
    ("埼玉県", "川越市", ("新富町", "脇田本町", "仙波町")),
    ("千葉県", "船橋市", ("本町", "前原西", "習志野台")),
    ("千葉県", "柏市", ("柏", "豊四季", "若柴")),
    ("大阪府", "大阪市北区", ("梅田", "天神橋", "中崎西")),
    ("大阪府", "大阪市天王寺区", ("上本町", "生玉町", "真法院町")),
    ("大阪府", "堺市堺区", ("三国ヶ丘御幸通", "大浜北町", "南瓦町")),
    ("大阪府", "豊中市", ("曽根東町", "新千里東町", "服部元町")),
    ("京都府", "京都市中京区", ("烏丸通御池下る虎屋町", "西ノ京小堀町", "壬生東高田町")),
    ("兵庫県", "神戸市中央区", ("三宮町", "元町通", "北野町")),
    ("兵庫県", "姫路市", ("白銀町", "飾磨区英賀", "野里")),
    ("愛知県", "名古屋市中村区", ("名駅", "則武", "太閤")),
    ("愛知県", "豊田市", ("小坂本町", "若宮町", "元城町")),
    ("静岡県", "浜松市中央区", ("砂山町", "鍛冶町", "佐鳴台")),
    ("北海道", "札幌市中央区", ("北一条西", "南三条東", "宮の森一条")),
    ("北海道", "旭川市", ("宮下通", "神楽岡", "春光台")),
    ("宮城県", "仙台市青葉区", ("一番町", "国分町", "八幡")),
    ("青森県", "弘前市", ("大字土手町", "大字富田", "城東中央")),
    ("新潟県", "新潟市中央区", ("古町通", "万代", "関屋")),
    ("長野県", "松本市", ("中央", "深志", "大手")),
    ("石川県", "金沢市", ("広坂", "片町", "此花町")),
    ("広島県", "広島市中区", ("紙屋町", "八丁堀", "大手町")),
    ("岡山県", "倉敷市", ("阿知", "中央", "水島青葉町")),
    ("香川県", "高松市", ("丸亀町", "番町", "栗林町")),
    ("愛媛県", "松山市", ("大街道", "三番町", "道後湯之町")),
    ("福岡県", "福岡市博多区", ("博多駅前", "中洲", "住吉")),
    ("福岡県", "北九州市小倉北区", ("京町", "魚町", "砂津")),
    ("熊本県", "熊本市中央区", ("手取本町", "水前寺", "新市街")),
    ("鹿児島県", "鹿児島市", ("山之口町", "天文館通", "谷山中央")),
    ("沖縄県", "那覇市", ("久茂地", "牧志", "首里金城町")),
    ("沖縄県", "宜野湾市", ("大山", "真志喜", "普天間")),
)
BUILDINGS = ("メゾン", "コーポ", "ハイツ", "パークハウス", "グランドメゾン", "レジデンス", "シティハイツ", "荘")
BUILDING_WORDS = ("桜", "青葉", "緑ヶ丘", "ひまわり", "サンライズ", "エスポワール", "パレス", "第二", "若葉", "朝日")
KANJI_NUM = "〇一二三四五六七八九"
# Japanese addresses as foreigners write them on labels: (ward/city, prefecture, towns).
JP_PLACES_LATIN = (
    ("Shibuya-ku", "Tokyo", ("Jingumae", "Ebisu-minami", "Sasazuka")),
    ("Setagaya-ku", "Tokyo", ("Sangenjaya", "Kyodo", "Kitazawa")),
    ("Minato-ku", "Tokyo", ("Roppongi", "Minami-Aoyama", "Shibaura")),
    ("Kita-ku, Osaka-shi", "Osaka", ("Umeda", "Tenjinbashi", "Nakazakinishi")),
    ("Nakagyo-ku, Kyoto-shi", "Kyoto", ("Nishinokyo Koborimachi", "Mibu")),
    ("Kohoku-ku, Yokohama-shi", "Kanagawa", ("Hiyoshi-honcho", "Shin-Yokohama")),
    ("Chuo-ku, Sapporo-shi", "Hokkaido", ("Kita 1-jo Nishi", "Miyanomori 1-jo")),
    ("Naha-shi", "Okinawa", ("Kumoji", "Makishi")),
    ("Hakata-ku, Fukuoka-shi", "Fukuoka", ("Hakataekimae", "Sumiyoshi")),
)
COUNTRY_NAMES = {
    "us": "USA",
    "uk": "UNITED KINGDOM",
    "ca": "CANADA",
    "au": "AUSTRALIA",
    "nz": "NEW ZEALAND",
    "in": "INDIA",
}

US_STREETS = ("Maple Ave", "Oak Street", "Elm St.", "Washington Blvd", "Sunset Boulevard", "Lakeview Dr",
              "Pine Ridge Road", "Cedar Lane", "Main Street", "5th Avenue", "Hillcrest Ct",
              "Peachtree St NE")  # fmt: skip
US_CITIES = (("Portland", "OR", "97"), ("Austin", "TX", "78"), ("Columbus", "OH", "43"), ("Denver", "CO", "80"),
             ("Seattle", "WA", "98"), ("Atlanta", "GA", "30"), ("Boston", "MA", "02"), ("Honolulu", "HI", "96"),
             ("Madison", "WI", "53"), ("San Jose", "CA", "95"))  # fmt: skip
UK_STREETS = ("High Street", "Church Road", "Victoria Road", "Mill Lane", "Station Road", "Queens Crescent",
              "Kingsway", "Bramble Close", "St Mary's Walk")  # fmt: skip
UK_TOWNS = (("London", "SW", "1A"), ("Manchester", "M", ""), ("Leeds", "LS", ""), ("Bristol", "BS", ""),
            ("Edinburgh", "EH", ""), ("Cardiff", "CF", ""), ("Norwich", "NR", ""), ("Belfast", "BT", ""))  # fmt: skip
CA_PLACES = (("Toronto", "ON", "M"), ("Vancouver", "BC", "V"), ("Montréal", "QC", "H"), ("Calgary", "AB", "T"),
             ("Halifax", "NS", "B"), ("Ottawa", "ON", "K"))  # fmt: skip
AU_PLACES = (("Sydney", "NSW", "20"), ("Melbourne", "VIC", "30"), ("Brisbane", "QLD", "40"), ("Perth", "WA", "60"),
             ("Adelaide", "SA", "50"), ("Hobart", "TAS", "70"))  # fmt: skip
NZ_PLACES = (("Auckland", "10"), ("Wellington", "60"), ("Christchurch", "80"), ("Dunedin", "90"))
IN_PLACES = (("Bengaluru", "Karnataka", "560"), ("Mumbai", "Maharashtra", "400"), ("Chennai", "Tamil Nadu", "600"),
             ("Pune", "Maharashtra", "411"), ("New Delhi", "Delhi", "110"))  # fmt: skip
COMPANIES = ("株式会社サンプル商事", "有限会社山田工務店", "合同会社ミナト企画", "株式会社青葉システムズ",
             "東和物産株式会社",
             "株式会社中村屋", "丸福運輸株式会社", "医療法人社団さくら会", "株式会社ひかり不動産",
             "北斗電機株式会社")  # fmt: skip
SHOPS = ("中村屋", "とらや", "吉野家 新宿店", "ファミリーマート 梅田店", "ローソン 那覇久茂地店", "喫茶 田中",
         "鈴木薬局",
         "佐藤精肉店", "高橋クリーニング")  # fmt: skip
EN_COMPANIES = ("Acme Logistics Ltd", "Brightwater Insurance", "Northwind Traders", "Kiwi Outdoor Co.",
                "Maple Leaf Freight", "Harbour View Hotel", "Pacific Rim Travel")  # fmt: skip
JP_MAIL_DOMAINS = ("gmail.com", "yahoo.co.jp", "docomo.ne.jp", "ezweb.ne.jp", "softbank.ne.jp", "icloud.com",
                   "outlook.jp", "nifty.com", "example.co.jp", "biglobe.ne.jp", "i.softbank.jp")  # fmt: skip
EN_MAIL_DOMAINS = ("gmail.com", "outlook.com", "hotmail.co.uk", "yahoo.com", "proton.me", "bigpond.com",
                   "xtra.co.nz", "rediffmail.com", "shaw.ca", "fastmail.fm")  # fmt: skip


# ---------------------------------------------------------------------------------------------- value factory


class Gen:
    """Draws people and values; ``noisy`` turns on the character noise of OCR, Excel pastes and phones."""

    def __init__(self, rng: random.Random, noisy: bool) -> None:
        self.r = rng
        self.noisy = noisy

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def pick(self, seq: Sequence[str]) -> str:
        return self.r.choice(seq)

    def digits(self, n: int) -> str:
        return "".join(self.r.choice("0123456789") for _ in range(n))

    # -- people --------------------------------------------------------------------------------------------
    def jp(self) -> JpPerson:
        sei, sei_kana = self.r.choice(JP_SURNAMES)
        female = self.chance(0.5)
        mei, mei_kana = self.r.choice(JP_GIVEN_FEMALE if female else JP_GIVEN_MALE)
        return JpPerson(sei, mei, sei_kana, mei_kana, female)

    def latin(self) -> LatinPerson:
        middle = self.pick(LATIN_GIVEN)[0] + "." if self.chance(0.15) else ""
        return LatinPerson(self.pick(LATIN_GIVEN), self.pick(LATIN_SURNAMES), middle)

    def foreign_resident(self) -> tuple[str, str]:
        """A foreign resident's name in katakana and as in the passport."""
        return self.r.choice(JP_FOREIGN)

    def jp_name(self, p: JpPerson, style: str = "") -> str:
        """A Japanese name as people write it; ``style`` forces one writing."""
        style = style or self.r.choice(("kanji_sp", "kanji", "kanji_zen", "kanji_sp", "kana", "roma", "ROMA", "hira"))
        if style == "kanji_sp":
            return f"{p.sei}{self.pick(('  ', ' 　')) if self.noisy and self.chance(0.2) else ' '}{p.mei}"
        if style == "kanji":
            return p.sei + p.mei
        if style == "kanji_zen":
            return f"{p.sei}　{p.mei}"
        if style == "kana":
            kana = f"{katakana(p.sei_kana)} {katakana(p.mei_kana)}"
            return half_kana(kana) if self.noisy and self.chance(0.5) else kana
        if style == "hira":
            return f"{p.sei_kana} {p.mei_kana}"
        if style == "roma":
            return f"{p.mei_roma} {p.sei_roma}" if self.chance(0.6) else f"{p.sei_roma} {p.mei_roma}"
        if style == "ROMA":
            first, second = (p.sei_roma, p.mei_roma) if self.chance(0.6) else (p.mei_roma, p.sei_roma)
            return f"{first} {second}".upper()
        raise ValueError(style)

    def latin_name(self, p: LatinPerson, style: str = "") -> str:
        style = style or self.r.choice(("plain", "plain", "middle", "comma", "upper", "suffix", "initial"))
        if style == "middle" and p.middle:
            return f"{p.given} {p.middle} {p.surname}"
        if style == "comma":
            return f"{p.surname}, {p.given}"
        if style == "upper":
            return f"{p.given} {p.surname}".upper()
        if style == "suffix":
            return f"{p.given} {p.surname} {self.pick(('Jr.', 'III', 'Sr.', 'II'))}"
        if style == "initial":
            return f"{p.given[0]}. {p.surname}"
        return f"{p.given} {p.surname}"

    # -- dates ---------------------------------------------------------------------------------------------
    def birth(self, lo: int = 1932, hi: int = 2006) -> date:
        start = date(lo, 1, 1)
        return start + timedelta(days=self.r.randrange((date(hi, 12, 31) - start).days))

    def other_date(self) -> date:
        return date(2019, 1, 1) + timedelta(days=self.r.randrange(2400))

    def wareki(self, d: date, style: str = "") -> str:
        name, letter, start = next(e for e in ERAS if d >= e[2])
        y = d.year - start.year + 1
        ys = "元" if y == 1 and self.chance(0.6) else str(y)
        style = style or self.r.choice(("kanji", "kanji", "letter", "letter_dot", "short", "slash", "zen"))
        if style == "kanji":
            return f"{name}{ys}年{d.month}月{d.day}日"
        if style == "zen":
            return full_digits(f"{name}{ys}年{d.month}月{d.day}日")
        if style == "letter":
            return f"{letter}{y}.{d.month}.{d.day}"
        if style == "letter_dot":
            return f"{letter}.{y:02d}.{d.month:02d}.{d.day:02d}"
        if style == "short":
            return f"{name[0]}{y}・{d.month}・{d.day}"
        return f"{letter}{y}/{d.month}/{d.day}"

    def jp_date(self, d: date, style: str = "") -> str:
        style = style or self.r.choice(("kanji", "slash", "slash0", "hyphen", "dot", "wareki", "wareki", "compact"))
        if style == "kanji":
            text = f"{d.year}年{d.month}月{d.day}日"
            return full_digits(text) if self.noisy and self.chance(0.4) else text
        if style == "slash":
            return f"{d.year}/{d.month}/{d.day}"
        if style == "slash0":
            return f"{d.year}/{d.month:02d}/{d.day:02d}"
        if style == "hyphen":
            return d.isoformat()
        if style == "dot":
            return f"{d.year}.{d.month}.{d.day}"
        if style == "compact":
            return d.strftime("%Y%m%d")
        return self.wareki(d)

    def en_date(self, d: date, style: str = "") -> str:
        style = style or self.r.choice(("us", "uk", "long_us", "long_uk", "short_uk", "iso"))
        if style == "us":
            return f"{d.month:02d}/{d.day:02d}/{d.year}"
        if style == "uk":
            return f"{d.day:02d}/{d.month:02d}/{d.year}"
        if style == "long_us":
            return f"{d.strftime('%B')} {d.day}, {d.year}"
        if style == "long_uk":
            return f"{d.day} {d.strftime('%B')} {d.year}"
        if style == "short_uk":
            return f"{d.day} {d.strftime('%b')} {d.year}"
        return d.isoformat()

    # -- contact -------------------------------------------------------------------------------------------
    def jp_phone(self, kind: str = "") -> str:
        kind = kind or self.r.choice(("mobile", "mobile", "tokyo", "osaka", "local", "free", "intl"))
        if kind == "mobile":
            head, a, b = self.pick(("090", "080", "070")), self.digits(4), self.digits(4)
            text = self.r.choice((f"{head}-{a}-{b}", f"{head}{a}{b}", f"{head} {a} {b}", f"{head}({a}){b}"))
        elif kind == "tokyo":
            local = f"{self.r.choice('3456')}{self.digits(3)}"
            text = self.r.choice((f"03-{local}-{self.digits(4)}", f"(03){local}-{self.digits(4)}"))
        elif kind == "osaka":
            text = f"06-6{self.digits(3)}-{self.digits(4)}"
        elif kind == "local":
            area = self.pick(("0466", "0172", "0263", "098", "092", "045", "011", "0544", "0877"))
            rest = 10 - len(area)
            mid = 6 - len(area) if len(area) <= 4 else 2
            text = f"{area}-{self.digits(mid)}-{self.digits(rest - mid)}"
        elif kind == "free":
            text = self.r.choice((f"0120-{self.digits(3)}-{self.digits(3)}", f"0800-{self.digits(3)}-{self.digits(4)}"))
        else:
            text = f"+81-{self.pick(('90', '80', '3', '6'))}-{self.digits(4)}-{self.digits(4)}"
        return self.noise_digits(text)

    def en_phone(self, country: str) -> str:
        d = self.digits
        if country in ("us", "ca"):
            areas = (
                ("604", "416", "514", "403", "902") if country == "ca" else ("415", "503", "212", "617", "808", "206")
            )
            area, exch = self.pick(areas), f"{self.r.randint(2, 9)}{d(2)}"
            return self.r.choice((f"({area}) {exch}-{d(4)}", f"+1 {area}-{exch}-{d(4)}", f"{area}.{exch}.{d(4)}"))
        if country == "uk":
            return self.r.choice((f"+44 20 7{d(3)} {d(4)}", f"020 7{d(3)} {d(4)}", f"07{d(3)} {d(6)}"))
        if country == "au":
            return self.r.choice((f"+61 2 9{d(3)} {d(4)}", f"04{d(2)} {d(3)} {d(3)}", f"(03) 9{d(3)} {d(4)}"))
        if country == "nz":
            return self.r.choice((f"+64 9 {d(3)} {d(4)}", f"021 {d(3)} {d(4)}", f"(04) {d(3)} {d(4)}"))
        return self.r.choice((f"+91 9{d(4)} {d(5)}", f"+91-80-{d(4)}-{d(4)}", f"09{d(3)}{d(6)}"))

    def noise_digits(self, text: str) -> str:
        if not self.noisy:
            return text
        roll = self.r.random()
        if roll < 0.35:
            return full_digits(text)
        if roll < 0.5:
            return text.replace("-", "ー")
        if roll < 0.6:
            return text.replace("0", "O", 1)
        if roll < 0.68:
            return text.replace("1", "l", 1)
        return text

    def email(self, local_hint: str, jp: bool = True) -> str:
        base = _ascii(local_hint).lower().replace(" ", self.pick((".", "_", ""))).replace("'", "")
        if self.chance(0.4):
            base += self.digits(self.r.choice((2, 4)))
        domain = self.pick(JP_MAIL_DOMAINS if jp else EN_MAIL_DOMAINS)
        return f"{base}@{domain}"

    # -- Japanese address ----------------------------------------------------------------------------------
    def jp_postal(self) -> str:
        a, b = self.digits(3), self.digits(4)
        text = self.r.choice((f"{a}-{b}", f"{a}-{b}", f"{a}{b}"))
        return self.noise_digits(text)

    def jp_address(self, from_city: bool = False) -> str:
        pref, city, towns = self.r.choice(JP_PLACES)
        town = self.pick(towns)
        c, b, g = self.r.randint(1, 9), self.r.randint(1, 30), self.r.randint(1, 25)
        block = self.r.choice(
            (
                f"{c}-{b}-{g}",
                f"{c}丁目{b}-{g}",
                f"{c}丁目{b}番{g}号",
                f"{KANJI_NUM[c]}丁目{b}番地{g}",
                f"{b}番地{g}",
                f"{b * 37}番地の{g}",
                f"{c}丁目{b}番地{g}",
            )
        )
        if self.noisy and self.chance(0.5):
            block = full_digits(block)
        head = city if from_city or self.chance(0.15) else pref + city
        sep = self.pick(("", "", " ", "　"))
        text = f"{head}{sep}{town}{block}"
        if self.chance(0.45):
            room = self.r.randint(1, 12) * 100 + self.r.randint(1, 9)
            bldg = self.pick(BUILDING_WORDS) + self.pick(BUILDINGS)
            text += self.r.choice((f" {bldg}{room}号室", f" {bldg} {room}", f"　{bldg}{room}"))
        if self.noisy and self.chance(0.3):
            cut = self.r.randint(len(head) + 1, len(text) - 2)
            if text[cut - 1] != " " and text[cut] != " ":
                text = text[:cut] + "\n" + text[cut:]
        return text

    # -- foreign addresses: (street line, city line prefix, postal code, city line suffix) ---------------------
    def foreign_address(self, country: str) -> tuple[str, str, str, str]:
        r = self.r
        if country == "us":
            city, state, zip2 = r.choice(US_CITIES)
            street = f"{r.randint(10, 9999)} {self.pick(US_STREETS)}"
            if self.chance(0.3):
                street += self.pick((f", Apt {r.randint(1, 40)}{self.pick('ABCD')}", f" #{r.randint(100, 999)}"))
            zipc = zip2 + self.digits(3) + (f"-{self.digits(4)}" if self.chance(0.3) else "")
            return street, f"{city}, {state} ", zipc, ""
        if country == "uk":
            town, area, _ = r.choice(UK_TOWNS)
            street = f"{r.randint(1, 240)}{self.pick(('', '', 'A', 'B'))} {self.pick(UK_STREETS)}"
            letters = "ABDEFGHJLNPQRSTUWXYZ"
            pc = f"{area}{r.randint(1, 20)} {r.randint(1, 9)}{self.pick(letters)}{self.pick(letters)}"
            return street, f"{town} ", pc, ""
        if country == "ca":
            city, prov, letter = r.choice(CA_PLACES)
            name = self.pick(("Rue Sherbrooke Ouest", "Yonge Street", "Granville St", "Jasper Ave", "Spring Garden Rd"))
            street = f"{r.randint(10, 4999)} {name}"
            if self.chance(0.3):
                street = f"Unit {r.randint(1, 2000)}, " + street
            L = "ABCEGHJKLMNPRSTVWXYZ"
            pc = f"{letter}{r.randint(1, 9)}{self.pick(L)} {r.randint(0, 9)}{self.pick(L)}{r.randint(0, 9)}"
            return street, f"{city}, {prov} ", pc, ""
        if country == "au":
            city, state, pc2 = r.choice(AU_PLACES)
            name = self.pick(("Wattle Grove", "George St", "Bourke Street", "Adelaide Tce", "Jacaranda Cres"))
            street = f"{r.randint(1, 300)} {name}"
            if self.chance(0.3):
                street = f"Unit {r.randint(1, 30)}/" + street
            return street, f"{city.upper()} {state} ", pc2 + self.digits(2), ""
        if country == "nz":
            city, pc2 = r.choice(NZ_PLACES)
            street = (
                f"{r.randint(1, 400)} {self.pick(('Ponsonby Road', 'Cuba Street', 'Riccarton Rd', 'George Street'))}"
            )
            return street, f"{city} ", pc2 + self.digits(2), ""
        city, st, pc3 = r.choice(IN_PLACES)
        name = self.pick(("MG Road", "Linking Road", "Anna Salai", "FC Road"))
        street = f"Flat {r.randint(1, 40)}{self.pick('ABC')}, {r.randint(1, 99)} {name}"
        return street, f"{city}, {st} ", pc3 + self.digits(3), ""

    # -- numbers -------------------------------------------------------------------------------------------
    def my_number(self) -> str:
        body = self.digits(11)
        num = body + str(my_number_check(body))
        style = self.r.choice(("plain", "plain", "space", "hyphen"))
        if style == "space":
            return f"{num[:4]} {num[4:8]} {num[8:]}"
        if style == "hyphen":
            return f"{num[:4]}-{num[4:8]}-{num[8:]}"
        return full_digits(num) if self.noisy and self.chance(0.3) else num

    def corporate_number(self) -> str:
        body = self.r.choice("1234567") + self.digits(11)
        return str(corporate_check(body)) + body

    def card(self) -> str:
        brand = self.r.choice(("visa", "mc", "mc2", "amex", "jcb", "diners", "disc"))
        if brand == "visa":
            num = _luhn_complete("4" + self.digits(14))
        elif brand == "mc":
            num = _luhn_complete(str(self.r.randint(51, 55)) + self.digits(13))
        elif brand == "mc2":
            num = _luhn_complete(str(self.r.randint(2221, 2720)) + self.digits(11))
        elif brand == "amex":
            num = _luhn_complete(self.pick(("34", "37")) + self.digits(12))
            return self.r.choice((num, f"{num[:4]} {num[4:10]} {num[10:]}", f"{num[:4]}-{num[4:10]}-{num[10:]}"))
        elif brand == "jcb":
            num = _luhn_complete(str(self.r.randint(3528, 3589)) + self.digits(11))
        elif brand == "diners":
            num = _luhn_complete("36" + self.digits(11))
            return num
        else:
            num = _luhn_complete("6011" + self.digits(11))
        sep = self.pick(("", " ", "-", " "))
        return sep.join(num[i : i + 4] for i in range(0, 16, 4))

    def ipv4(self) -> str:
        r = self.r
        first = r.choice((203, 198, 61, 153, 126, 180, 219, 114, 27))
        return f"{first}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"

    def ipv6(self) -> str:
        groups = [f"{self.r.randint(0, 0xFFFF):x}" for _ in range(4)]
        if self.chance(0.5):
            return f"2001:db8:{groups[0]}:{groups[1]}::{groups[2]}"
        return (
            "240"
            + self.pick("0bd")
            + ":"
            + ":".join(groups)
            + f":{self.r.randint(0, 0xFFFF):x}:{self.r.randint(1, 0xFFFF):x}:1"
        )

    # -- look-alikes (never labelled) ------------------------------------------------------------------------
    def order_no(self) -> str:
        return self.r.choice(
            (
                f"ORD-{self.digits(8)}",
                f"{self.digits(3)}-{self.digits(7)}-{self.digits(7)}",
                f"A{self.digits(9)}",
                f"20{self.digits(10)}",
            )
        )

    def tracking(self) -> str:
        return self.r.choice(
            (
                f"{self.digits(4)}-{self.digits(4)}-{self.digits(4)}",
                self.digits(12),
                f"{self.digits(3)}-{self.digits(3)}-{self.digits(3)}-{self.digits(3)}",
            )
        )

    def jan(self) -> str:
        body = "49" + self.digits(10)
        total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body))
        return body + str((10 - total % 10) % 10)

    def amount(self) -> str:
        n = self.r.randint(300, 2_500_000)
        return self.r.choice((f"¥{n:,}", f"{n:,}円", f"￥{n:,}-", f"{n}円（税込）"))

    def time(self) -> str:
        return self.r.choice(
            (
                f"{self.r.randint(8, 20)}:{self.r.randint(0, 59):02d}",
                f"{self.r.randint(9, 18)}時{self.r.choice((0, 15, 30, 45))}分",
            )
        )


# ---------------------------------------------------------------------------------------------- templates
Template = Callable[[Gen, Doc], None]
JA: dict[str, Template] = {}
EN: dict[str, Template] = {}


def ja(fn: Template) -> Template:
    JA[fn.__name__.removeprefix("t_")] = fn
    return fn


def en(fn: Template) -> Template:
    EN[fn.__name__.removeprefix("t_")] = fn
    return fn


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@ja
def t_crm_excel(g: Gen, d: Doc) -> None:
    """顧客台帳 pasted from Excel: 姓/名 in separate cells, フリガナ columns, 様 in the cell, full-width tabs."""
    sep = g.pick(("\t", ",", "\t"))
    cols = [
        "顧客ID",
        "姓",
        "名",
        "セイ",
        "メイ",
        "生年月日",
        "郵便番号",
        "住所",
        "電話番号",
        "メールアドレス",
        "登録日",
        "最終購入額",
    ]
    d.t(sep.join(cols) + "\n")
    for _ in range(g.r.randint(1, 4)):
        p = g.jp()

        def kana(hira: str) -> str:
            return half_kana(katakana(hira)) if g.noisy else katakana(hira)

        d.t(f"C{g.digits(6)}{sep}").e("PERSON", p.sei).t(sep).e("PERSON", p.mei).t(" 様" if g.chance(0.2) else "")
        d.t(sep).e("PERSON", kana(p.sei_kana)).t(sep).e("PERSON", kana(p.mei_kana)).t(sep)
        d.e("DATE_OF_BIRTH", g.jp_date(g.birth(), g.pick(("slash", "slash0", "compact", "hyphen")))).t(sep)
        d.e("JP_POSTAL_CODE", g.jp_postal()).t(sep)
        d.e("JP_ADDRESS", g.jp_address().replace("\n", "")).t(sep)
        d.e("PHONE_NUMBER", g.jp_phone()).t(sep)
        if g.chance(0.8):
            d.e("EMAIL_ADDRESS", g.email(f"{p.mei_roma}.{p.sei_roma}"))
        d.t(f"{sep}{g.jp_date(g.other_date(), 'slash')}{sep}{g.r.randint(1, 300) * 100}\n")


@ja
def t_inquiry_form(g: Gen, d: Doc) -> None:
    """お問い合わせフォームの通知メール (WordPress/Contact Form 7 風)."""
    p = g.jp()
    d.t("件名: 【お問い合わせ】Webサイトより\n\n以下の内容でお問い合わせがありました。\n\n")
    d.t("■お名前\n").e("PERSON", g.jp_name(p, g.pick(("kanji_sp", "kanji", "kanji_zen")))).t(" 様\n")
    d.t("■フリガナ\n").e("PERSON", g.jp_name(p, "kana")).t("\n")
    if g.chance(0.5):
        d.t("■会社名\n" + g.pick(COMPANIES) + "\n")
    d.t("■ご住所\n〒").e("JP_POSTAL_CODE", g.jp_postal()).t("\n").e("JP_ADDRESS", g.jp_address()).t("\n")
    d.t("■電話番号\n").e("PHONE_NUMBER", g.jp_phone()).t("\n")
    d.t("■メールアドレス\n").e("EMAIL_ADDRESS", g.email(p.sei_roma + p.mei_roma[0])).t("\n")
    d.t(f"■お問い合わせ内容\n{g.jp_date(g.other_date(), 'kanji')}に注文した商品（注文番号 {g.order_no()}）が")
    d.t(f"まだ届きません。JAN {g.jan()} の商品です。{g.time()}以降なら在宅しています。\n")
    d.t("\n--\n送信元IP: ").e("IP_ADDRESS", g.ipv4() if g.chance(0.7) else g.ipv6()).t("\n")


@ja
def t_callcenter_memo(g: Gen, d: Doc) -> None:
    """コールセンターの応対メモ: 担当・本人確認・折り返し."""
    p, staff = g.jp(), g.jp()
    born = g.birth()
    d.t(f"{g.jp_date(g.other_date(), 'slash')} {g.time()} 受電　担当：").e("PERSON", staff.sei).t("\n")
    d.t("お客様：").e("PERSON", g.jp_name(p)).t("様（").e("PERSON", g.jp_name(p, "kana")).t("）\n")
    d.t("本人確認：生年月日 ").e("DATE_OF_BIRTH", g.wareki(born)).t(g.pick(("生", "", "")) + " 一致、住所 一致\n")
    d.t(f"内容：請求書（請求番号 INV-{g.digits(6)}）の金額{g.amount()}について問い合わせ。")
    d.t("上長確認のうえ折り返し。\n折り返し先：").e("PHONE_NUMBER", g.jp_phone("mobile"))
    d.t(g.pick(("（携帯）", "", " ※日中不可")) + "\n")
    if g.chance(0.5):
        d.t("備考：").e("PERSON", p.sei).t("様は以前も同件で入電あり。").e("PERSON", g.jp().sei).t("さんに引継ぎ済。\n")


@ja
def t_ocr_rental(g: Gen, d: Doc) -> None:
    """賃貸申込書を OCR したもの: 行が崩れ、欄名と値がずれ、0/O・1/l が混じる."""
    p = g.jp()
    born = g.birth(1950, 2004)
    d.t("賃 貸 住 宅 入 居 申 込 書\n申込日 ")
    d.t(g.wareki(g.other_date(), "kanji") + "\n物件名 " + g.pick(BUILDING_WORDS) + g.pick(BUILDINGS) + " 2O3号室\n")
    d.t("フリガナ ").e("PERSON", g.jp_name(p, "kana")).t("\n申込者\n氏 名  ").e("PERSON", g.jp_name(p, "kanji_sp")).t(
        " 印\n"
    )
    d.t("生年月日 ").e("DATE_OF_BIRTH", g.wareki(born, "kanji")).t(f" ( {_age(born, date(2024, 4, 1))} 才)\n")
    d.t("現住所 〒").e("JP_POSTAL_CODE", g.jp_postal()).t("\n").e("JP_ADDRESS", g.jp_address()).t("\n")
    d.t("携帯 ").e("PHONE_NUMBER", g.jp_phone("mobile")).t("  自宅 ").e("PHONE_NUMBER", g.jp_phone("local")).t("\n")
    d.t(f"勤務先 {g.pick(COMPANIES)}  年収 {g.r.randint(250, 900)}万円  勤続 {g.r.randint(1, 30)}年\n")
    k = g.jp()
    d.t("連帯保証人 ").e("PERSON", g.jp_name(k, "kanji")).t(f"  続柄 {g.pick(('父', '母', '兄', '叔父'))}  TEL ")
    d.t("").e("PHONE_NUMBER", g.jp_phone()).t("\n大家さん確認欄 ____\n")


@ja
def t_monshin(g: Gen, d: Doc) -> None:
    """クリニックの問診票・受付メモ."""
    p = g.jp()
    born = g.birth(1935, 2020)
    d.t("【問診票】　受付No. " + g.digits(4) + "\n")
    d.t("ふりがな ").e("PERSON", g.jp_name(p, "hira")).t("\nお名前 ").e("PERSON", g.jp_name(p, "kanji_zen")).t("\n")
    d.t(f"性別 {'女' if p.female else '男'}　生年月日 ").e("DATE_OF_BIRTH", g.jp_date(born)).t(
        f"（{_age(born, date(2024, 10, 1))}歳）\n"
    )
    d.t("ご住所 ").e("JP_ADDRESS", g.jp_address()).t("\n電話 ").e("PHONE_NUMBER", g.jp_phone()).t("\n")
    d.t(f"本日の症状: {g.pick(('3日前から発熱', '腰痛', '咳が続く', '健診の再検査'))}。")
    d.t(f"前回受診 {g.jp_date(g.other_date(), 'slash')}。体温 37.{g.r.randint(0, 9)}℃\n")
    d.t("担当医 ").e("PERSON", g.jp().sei).t(" 医師 / 受付 ").e("PERSON", g.jp().sei).t("\n")


@ja
def t_chat(g: Gen, d: Doc) -> None:
    """社内チャット (Slack/Teams 風): 同僚と顧客を名字で呼ぶ."""
    a, b, c, cust = g.jp(), g.jp(), g.jp(), g.jp()
    t0 = f"{g.r.randint(9, 18)}:{g.r.randint(10, 59)}"
    d.t(f"[{t0}] ").e("PERSON", g.jp_name(a, "kanji_sp")).t(": ").e("PERSON", b.sei).t("さん、")
    d.e("PERSON", cust.sei).t(f"様の件どうなりました？ 中村屋さんの手土産は{g.amount()}でした\n")
    d.t(f"[{t0}] ").e("PERSON", g.jp_name(b, "kanji_sp")).t(": 先ほど").e("PERSON", c.sei).t("部長に共有しました。")
    d.t("先方の携帯は ").e("PHONE_NUMBER", g.jp_phone("mobile")).t(" です\n")
    d.t(f"[{t0}] ").e("PERSON", g.jp_name(c, "kanji_sp")).t(
        f": 了解。明日{g.time()}に大家さんと現地確認します。v2.3.1 の件は後で\n"
    )


@ja
def t_minutes(g: Gen, d: Doc) -> None:
    """議事録: 出席者を名字・役職で列挙、日付は会議日 (生年月日ではない)."""
    ps = [g.jp() for _ in range(4)]
    d.t(f"第{g.r.randint(2, 40)}回 営業会議 議事録\n日時：{g.jp_date(g.other_date(), 'kanji')} {g.time()}〜\n出席者：")
    for i, p in enumerate(ps):
        d.e("PERSON", p.sei if i else g.jp_name(p, "kanji")).t(
            g.pick(("部長", "課長", "", "（営業部）")) + ("、" if i < 3 else "\n")
        )
    d.t("1. 前回の宿題：").e("PERSON", ps[1].sei).t(f"さんから{g.pick(COMPANIES)}向け見積（{g.amount()}）の報告。\n")
    d.t("2. クレーム対応：").e("PERSON", g.jp_name(g.jp(), "kanji")).t("様（").e(
        "JP_ADDRESS", g.jp_address(from_city=True)
    )
    d.t("在住）より不在票の件で連絡あり。").e("PERSON", ps[2].sei).t("が対応。\n")
    cause = g.pick(("森林公園前の工事", "林道の通行止め", "原材料の入荷遅れ"))
    code = f"{g.pick('ABKX')}-{g.digits(4)}-{g.digits(2)}"
    d.t(f"3. 遅延の原因は{cause}。品番 {code} は在庫{g.r.randint(0, 90)}個。\n")
    d.t(f"次回：{g.jp_date(g.other_date(), 'slash')} 第2会議室\n")


@ja
def t_fuzaihyo(g: Gen, d: Doc) -> None:
    """宅配の不在連絡票."""
    p = g.jp()
    d.t("ご不在連絡票\n").e("PERSON", g.jp_name(p, g.pick(("kanji_sp", "kanji", "kana")))).t(" 様\n")
    d.t(f"お届け日時 {g.jp_date(g.other_date(), 'slash')} {g.time()}\nお問い合わせ伝票番号 {g.tracking()}\n")
    d.t(f"ご依頼主 {g.pick(COMPANIES)}\n品名 {g.pick(('食品', '衣類', '書籍', '精密機器'))}\n")
    d.t("担当ドライバー ").e("PERSON", g.jp().sei).t(" 携帯 ").e("PHONE_NUMBER", g.jp_phone("mobile")).t("\n")
    d.t("再配達受付 ").e("PHONE_NUMBER", g.jp_phone("free")).t("（24時間自動受付）\n")


@ja
def t_invoice(g: Gen, d: Doc) -> None:
    """請求書/領収書: 宛名・登録番号 (T + 法人番号)・金額."""
    p = g.jp()
    d.t(
        g.pick(("請 求 書", "領収書", "御請求書"))
        + f"\n請求番号 {g.order_no()}\n発行日 {g.jp_date(g.other_date())}\n\n"
    )
    if g.chance(0.5):
        d.t(g.pick(COMPANIES) + " 御中\nご担当 ").e("PERSON", g.jp_name(p, "kanji_sp")).t(" 様\n")
    else:
        d.e("PERSON", g.jp_name(p, g.pick(("kanji_sp", "kanji")))).t(" 様\n")
    d.t(f"品番 {g.pick('ABKX')}{g.digits(3)}-{g.digits(2)}  数量 {g.r.randint(1, 40)}  単価 {g.amount()}\n")
    d.t(f"ご請求金額 {g.amount()}\n但し 商品代として\n\n{g.pick(COMPANIES)}\n登録番号 T").e(
        "JP_CORPORATE_NUMBER", g.corporate_number()
    )
    d.t("\n〒").e("JP_POSTAL_CODE", g.jp_postal()).t(" ").e("JP_ADDRESS", g.jp_address().replace("\n", "")).t("\n")
    d.t("TEL ").e("PHONE_NUMBER", g.jp_phone(g.pick(("tokyo", "osaka", "local")))).t(" FAX ")
    d.e("PHONE_NUMBER", g.jp_phone(g.pick(("tokyo", "osaka", "local")))).t("\n")


@ja
def t_meishi(g: Gen, d: Doc) -> None:
    """名刺管理ソフトの書き出し (会社・部署・役職・氏名・TEL・FAX・携帯・Mail)."""
    p = g.jp()
    comp = g.pick(COMPANIES)
    fields = g.pick(("csv", "lines"))
    if fields == "csv":
        d.t("会社名,部署名,役職,姓,名,郵便番号,住所,TEL,FAX,携帯,E-mail,法人番号\n")
        d.t(f"{comp},営業本部,課長,").e("PERSON", p.sei).t(",").e("PERSON", p.mei).t(",").e(
            "JP_POSTAL_CODE", g.jp_postal()
        )
        d.t(",").e("JP_ADDRESS", g.jp_address().replace("\n", "")).t(",").e("PHONE_NUMBER", g.jp_phone("tokyo")).t(",")
        d.e("PHONE_NUMBER", g.jp_phone("tokyo")).t(",").e("PHONE_NUMBER", g.jp_phone("mobile")).t(",")
        d.e("EMAIL_ADDRESS", f"{p.sei_roma.lower()}@{g.pick(('aoba-sys.co.jp', 'toawa.jp', 'minato-kikaku.com'))}").t(
            ","
        )
        d.e("JP_CORPORATE_NUMBER", g.corporate_number()).t("\n")
    else:
        d.t(
            f"{comp}\n{g.pick(('総務部', '経理課', '開発部 第二グループ'))}  "
            f"{g.pick(('主任', '部長', 'マネージャー'))}\n"
        )
        d.e("PERSON", g.jp_name(p, "kanji_zen")).t("\n").e("PERSON", g.jp_name(p, g.pick(("roma", "ROMA")))).t("\n")
        d.t("〒").e("JP_POSTAL_CODE", g.jp_postal()).t(" ").e("JP_ADDRESS", g.jp_address()).t("\n")
        d.t("TEL: ").e("PHONE_NUMBER", g.jp_phone("tokyo")).t(" / Mobile: ").e("PHONE_NUMBER", g.jp_phone("mobile")).t(
            "\n"
        )
        d.t("Mail: ").e("EMAIL_ADDRESS", g.email(f"{p.mei_roma}.{p.sei_roma}")).t("\n")


@ja
def t_hr_roster(g: Gen, d: Doc) -> None:
    """社員名簿 (人事システムの TSV 書き出し) with 個人番号."""
    d.t("社員番号\t氏名\tフリガナ\t生年月日\t入社日\t個人番号\t緊急連絡先\n")
    for _ in range(g.r.randint(1, 3)):
        p = g.jp()
        d.t(f"{g.r.randint(10000, 99999)}\t").e("PERSON", g.jp_name(p, g.pick(("kanji_sp", "kanji_zen", "kanji"))))
        d.t("\t").e("PERSON", g.jp_name(p, "kana")).t("\t").e("DATE_OF_BIRTH", g.jp_date(g.birth(1958, 2003), "slash"))
        d.t(f"\t{g.jp_date(g.other_date(), 'slash')}\t").e("JP_MY_NUMBER", g.my_number()).t("\t")
        d.e("PHONE_NUMBER", g.jp_phone()).t("\n")


@ja
def t_nengajo(g: Gen, d: Doc) -> None:
    """年賀状/喪中 宛名リスト (筆まめ風 CSV): 連名・郵便番号・住所の行折り返し."""
    d.t("氏名,連名,敬称,郵便番号,住所1,住所2,喪中\n")
    for _ in range(g.r.randint(2, 4)):
        p = g.jp()
        d.e("PERSON", g.jp_name(p, "kanji_sp")).t(",")
        if g.chance(0.5):
            d.e("PERSON", g.jp().mei)
        d.t(",様,").e("JP_POSTAL_CODE", g.jp_postal()).t(",")
        d.e("JP_ADDRESS", g.jp_address().replace("\n", "")).t(f",,{g.pick(('', '', '○'))}\n")


@ja
def t_line(g: Gen, d: Doc) -> None:
    """LINE のトーク履歴書き出し."""
    a, b = g.jp(), g.jp()
    day = g.other_date()
    d.t("[LINE] ").e("PERSON", b.sei).t(f"とのトーク履歴\n保存日時：{day.year}/{day.month:02d}/{day.day:02d} 22:14\n\n")
    d.t(f"{day.strftime('%Y/%m/%d')}(土)\n{g.time()}\t").e("PERSON", g.jp_name(a, g.pick(("kanji_sp", "hira"))))
    d.t("\tこんど引っ越したよ！新しい住所→ ").e("JP_ADDRESS", g.jp_address(from_city=g.chance(0.5))).t("\n")
    d.t(f"{g.time()}\t").e("PERSON", g.jp_name(b, "kanji_sp")).t("\tおめでとう〜 ")
    d.e("PERSON", a.mei_kana).t("ちゃんの誕生日って ").e(
        "DATE_OF_BIRTH", f"{(bd := g.birth(1990, 2004)).month}月{bd.day}日"
    )
    d.t(" だよね？\n")
    d.t(f"{g.time()}\t").e("PERSON", g.jp_name(a, "kanji_sp")).t("\tそうそう笑 電話は ").e(
        "PHONE_NUMBER", g.jp_phone("mobile")
    )
    d.t(" に変わったよ\n")


@ja
def t_survey(g: Gen, d: Doc) -> None:
    """アンケート自由記述: 本来書かなくてよい個人情報を書いてしまう."""
    d.t(f"回答ID {g.digits(7)}　満足度 {g.r.randint(1, 5)}\n自由記述：")
    roll = g.r.random()
    if roll < 0.4:
        p = g.jp()
        d.t("店員の").e("PERSON", p.sei).t(f"さんがとても親切でした。{g.pick(SHOPS)}にまた行きます。")
    elif roll < 0.7:
        d.t("景品の送付先は ").e("JP_ADDRESS", g.jp_address()).t(" ").e("PERSON", g.jp_name(g.jp())).t(
            " までお願いします。"
        )
    else:
        d.t(f"{g.pick(SHOPS)}の{g.time()}頃の対応が悪かった。連絡ください ").e(
            "EMAIL_ADDRESS", g.email(g.jp().sei_roma)
        )
    d.t("\n")


@ja
def t_app_log(g: Gen, d: Doc) -> None:
    """アプリの JSON ログ (会員登録・決済)."""
    p = g.jp()
    ts = (
        f"{g.other_date().isoformat()}T{g.r.randint(0, 23):02d}:{g.r.randint(0, 59):02d}:{g.r.randint(0, 59):02d}+09:00"
    )
    d.t('{"ts":"' + ts + '","level":"INFO","event":"member.registered","ip":"').e("IP_ADDRESS", g.ipv4())
    d.t('","name":"').e("PERSON", g.jp_name(p, g.pick(("kanji_sp", "kanji")))).t('","birthday":"')
    d.e("DATE_OF_BIRTH", g.birth().isoformat()).t('","mail":"').e("EMAIL_ADDRESS", g.email(p.sei_roma + p.mei_roma))
    d.t(f'","app_version":"4.{g.r.randint(0, 20)}.{g.r.randint(0, 9)}"}}\n')
    d.t('{"ts":"' + ts + '","level":"WARN","event":"payment.declined","card":"').e("CREDIT_CARD", g.card())
    d.t(f'","amount":{g.r.randint(500, 90000)},"order":"{g.order_no()}","remote":"').e("IP_ADDRESS", g.ipv6()).t('"}\n')


@ja
def t_rirekisho(g: Gen, d: Doc) -> None:
    """求人応募 (履歴書の OCR/転記)."""
    p = g.jp()
    born = g.birth(1965, 2005)
    d.t("履 歴 書　" + g.wareki(g.other_date(), "kanji") + "現在\n")
    d.t("ふりがな　").e("PERSON", g.jp_name(p, "hira")).t("\n氏　　名　").e("PERSON", g.jp_name(p, "kanji_zen")).t("\n")
    d.t("生年月日　").e("DATE_OF_BIRTH", g.pick((g.wareki(born, "kanji"), g.jp_date(born, "kanji"))))
    d.t(f"生（満{_age(born, date(2024, 6, 1))}歳）\n")
    d.t("現住所　〒").e("JP_POSTAL_CODE", g.jp_postal()).t("\n　").e("JP_ADDRESS", g.jp_address()).t("\n")
    d.t("電話　").e("PHONE_NUMBER", g.jp_phone()).t("　E-mail　").e(
        "EMAIL_ADDRESS", g.email(p.mei_roma + p.sei_roma)
    ).t("\n")
    y = born.year + 18
    d.t(f"学歴・職歴\n{y}年4月　{g.pick(('県立', '私立'))}{g.pick(('桜丘', '北陵', '城南'))}高等学校 卒業\n")
    d.t(f"{y + 4}年4月　{g.pick(COMPANIES)} 入社\n本人希望記入欄　勤務地は{g.pick(('大阪', '新宿', '横浜'))}を希望\n")


@en
def t_zendesk(g: Gen, d: Doc) -> None:
    """Zendesk-like ticket with requester details and an agent's note."""
    p = g.latin()
    country = g.pick(("us", "uk", "ca", "au", "nz", "in"))
    d.t(f"Ticket #{g.r.randint(10000, 99999)} · Priority: {g.pick(('Low', 'Normal', 'High'))}\nRequester: ")
    d.e("PERSON", g.latin_name(p, g.pick(("plain", "middle", "initial")))).t(" <").e(
        "EMAIL_ADDRESS", g.email(f"{p.ascii_given}.{p.ascii_surname}", jp=False)
    ).t(">\n")
    d.t(
        f"Subject: Order {g.order_no()} arrived damaged\n\n"
        f"Hi, my parcel (tracking {g.tracking()}) came with a cracked lid. "
    )
    d.t(f"I paid ${g.r.randint(20, 400)}.{g.r.randint(10, 99)} on {g.en_date(g.other_date(), 'long_us')}. ")
    d.t("Please call me on ").e("PHONE_NUMBER", g.en_phone(country)).t(" after 5pm.\nThanks, ").e("PERSON", p.given).t(
        "\n"
    )
    agent = g.latin()
    d.t("\n-- Internal note (").e("PERSON", g.latin_name(agent, "plain")).t("): will ship a replacement to\n")
    street, city, pc, _ = g.foreign_address(country)
    d.e("STREET_ADDRESS", street).t("\n" + city).e("POSTAL_CODE", pc).t(
        f"\nMay want to check with Will in warehouse. App v{g.r.randint(1, 9)}.{g.r.randint(0, 30)}\n"
    )


@en
def t_hotel(g: Gen, d: Doc) -> None:
    """Hotel reservation confirmation."""
    p = g.latin()
    arrive = g.other_date()
    d.t(f"Harbour View Hotel — Reservation Confirmation\nConfirmation No.: {g.r.randint(1000000, 9999999)}\nGuest: ")
    d.e("PERSON", g.latin_name(p, g.pick(("comma", "plain", "upper")))).t("\n")
    d.t(
        f"Arrival: {g.en_date(arrive, 'long_uk')}  "
        f"Departure: {g.en_date(arrive + timedelta(days=g.r.randint(1, 6)), 'long_uk')}\n"
    )
    d.t(f"Room: Deluxe King, rate ¥{g.r.randint(18, 60)},000 per night\nGuarantee: ").e("CREDIT_CARD", g.card())
    d.t(f" exp {g.r.randint(1, 12):02d}/{g.r.randint(26, 31)}\nPhone: ").e(
        "PHONE_NUMBER", g.en_phone(g.pick(("us", "uk", "au")))
    )
    d.t("\nE-mail: ").e("EMAIL_ADDRESS", g.email(p.ascii_given + p.ascii_surname, jp=False)).t("\n")
    if g.chance(0.5):
        d.t("Passport DOB: ").e("DATE_OF_BIRTH", g.en_date(g.birth(), g.pick(("short_uk", "iso", "uk")))).t("\n")
    d.t("Special requests: late check-in around 23:30, quiet room.\n")


@en
def t_pnr(g: Gen, d: Doc) -> None:
    """Airline PNR-like lines: SURNAME/GIVEN MR."""
    d.t(
        f"RP/TYOJL08AA/TYOJL08AA  {g.pick(('AA', 'SU', 'GS'))}/{g.r.randint(10, 28)}"
        f"{g.pick(('JAN', 'FEB', 'MAR', 'OCT'))}{g.r.randint(24, 25)}/{g.pick(('MAY', 'JUN'))}\n"
    )
    pax = []
    for i in range(1, g.r.randint(2, 4)):
        if g.chance(0.5):
            p = g.latin()
            pax.append((p.ascii_surname.upper(), p.ascii_given.upper()))
        else:
            q = g.jp()
            pax.append((q.sei_roma.upper(), q.mei_roma.upper()))
        sur, giv = pax[-1]
        d.t(f"  {i}.").e("PERSON", f"{sur}/{giv}").t(f" {g.pick(('MR', 'MS', 'MRS', 'MSTR'))}\n")
    n = len(pax) + 1
    d.t(f"  {n} NH 010 Y {g.r.randint(10, 28)}JUN 2 HNDJFK HK{len(pax)}  1040 0930\n")
    d.t(f"  {n + 1} AP ").e("PHONE_NUMBER", g.jp_phone("intl")).t("-M\n")
    d.t(f"  {n + 2} APE ").e("EMAIL_ADDRESS", g.email(pax[0][1] + "." + pax[0][0], jp=False).upper()).t("\n")
    d.t(f"  {n + 3} SSR DOCS NH HK1 P/JPN/TR{g.digits(7)}/JPN/")
    b = g.birth()
    d.e("DATE_OF_BIRTH", f"{b.day:02d}{b.strftime('%b').upper()}{b.year % 100:02d}").t(
        f"/M/{g.r.randint(10, 28)}AUG30/"
    )
    d.e("PERSON", f"{pax[0][0]}/{pax[0][1]}").t("\n  TKT/TIME LIMIT 1.TK OK12JUN/TYOJL08AA\n")


@en
def t_insurance_claim(g: Gen, d: Doc) -> None:
    """Insurance claim form (travel/health), English."""
    p = g.latin()
    country = g.pick(("au", "nz", "ca", "uk", "us"))
    d.t(
        f"CLAIM FORM — Brightwater Insurance\nPolicy number: BW-{g.digits(8)}   "
        f"Claim ref: {g.digits(3)}-{g.digits(5)}\n"
    )
    d.t("Policyholder name: ").e("PERSON", g.latin_name(p)).t("\nDate of birth: ").e(
        "DATE_OF_BIRTH", g.en_date(g.birth(), g.pick(("uk", "us", "long_uk")))
    )
    street, city, pc, _ = g.foreign_address(country)
    d.t("\nResidential address: ").e("STREET_ADDRESS", street).t(", " + city).e("POSTAL_CODE", pc).t("\n")
    d.t("Contact number: ").e("PHONE_NUMBER", g.en_phone(country)).t("\nEmail: ")
    d.e("EMAIL_ADDRESS", g.email(p.ascii_surname + p.ascii_given[0], jp=False)).t("\n")
    d.t(f"Date of incident: {g.en_date(g.other_date(), 'uk')}  Amount claimed: ${g.r.randint(100, 9000)}.00\n")
    d.t("Treating doctor: Dr ").e("PERSON", g.latin_name(g.latin(), g.pick(("plain", "initial")))).t("\n")


@en
def t_shipping_label(g: Gen, d: Doc) -> None:
    """Shipping label (US/UK/CA/AU/NZ/IN)."""
    p = g.latin()
    country = g.pick(("us", "uk", "ca", "au", "nz", "in"))
    street, city, pc, _ = g.foreign_address(country)
    name = g.latin_name(p, g.pick(("plain", "upper", "initial", "suffix")))
    d.t("SHIP TO:\n").e("PERSON", name.upper() if g.chance(0.5) else name).t("\n").e("STREET_ADDRESS", street).t("\n")
    d.t(city).e("POSTAL_CODE", pc).t(f"\n{COUNTRY_NAMES[country]}\n")
    d.t("TEL ").e("PHONE_NUMBER", g.en_phone(country)).t(
        f"\nTRACKING # 1Z{g.digits(16)}  WT 2.{g.r.randint(1, 9)} KG  REF {g.order_no()}\n"
    )


@en
def t_crm_note(g: Gen, d: Doc) -> None:
    """Salesforce-like CRM activity note."""
    p, rep = g.latin(), g.latin()
    d.t(f"Activity: Call — {g.en_date(g.other_date(), 'iso')} {g.r.randint(8, 17)}:{g.r.randint(10, 59)}\nContact: ").e(
        "PERSON", g.latin_name(p, "comma")
    )
    d.t(f" ({g.pick(EN_COMPANIES)})\nAssigned to: ").e("PERSON", g.latin_name(rep, "plain")).t("\n")
    d.t("Notes: Spoke with ").e("PERSON", p.given).t(" about renewal. Prefers email (").e(
        "EMAIL_ADDRESS", g.email(p.ascii_given[0] + p.ascii_surname, jp=False)
    )
    d.t(f"). Budget approx ${g.r.randint(5, 90)}k. Follow up in May. Direct line ").e(
        "PHONE_NUMBER", g.en_phone(g.pick(("us", "ca")))
    )
    d.t(".\n")


@en
def t_access_log(g: Gen, d: Doc) -> None:
    """Web server access log lines (combined format)."""
    for _ in range(g.r.randint(2, 4)):
        ip = g.ipv4() if g.chance(0.7) else g.ipv6()
        day = g.other_date()
        d.e("IP_ADDRESS", ip).t(
            f" - - [{day.day:02d}/{day.strftime('%b')}/{day.year}:{g.r.randint(0, 23):02d}:"
            f"{g.r.randint(10, 59)}:{g.r.randint(10, 59)} +0900] "
        )
        path = g.pick(("/api/v2/orders/" + g.digits(8), "/static/app.1.4.2.js", "/login", "/members/profile"))
        d.t(f'"GET {path} HTTP/1.1" {g.pick(("200", "302", "404"))} {g.r.randint(200, 90000)} "-" "Mozilla/5.0"\n')


@ja
def t_hoken_ocr(g: Gen, d: Doc) -> None:
    """保険申込書を OCR したもの: 欄が崩れ、氏名が改行で割れ、和暦の丸囲みが文字化けする."""
    p, q = g.jp(), g.jp()
    born = g.birth(1940, 2000)
    d.t(f"生命保険契約申込書　証券番号 {g.digits(10)}\n契約者 フリガナ ").e("PERSON", g.jp_name(p, "kana")).t("\n")
    d.t("氏名 ")
    if g.noisy and g.chance(0.5):
        d.e("PERSON", p.sei).t("\n").e("PERSON", p.mei)
    else:
        d.e("PERSON", g.jp_name(p, "kanji_sp"))
    era = g.wareki(born, g.pick(("short", "letter", "letter_dot", "kanji")))
    d.t(f"\n生年月日 {g.pick(('明・大・(昭)・平', '昭 平 令', ''))} ").e("DATE_OF_BIRTH", era).t(" 性別 ")
    d.t(("女" if p.female else "男") + "\n住所 〒").e("JP_POSTAL_CODE", g.jp_postal()).t("\n").e(
        "JP_ADDRESS", g.jp_address()
    )
    d.t("\n電話 ").e("PHONE_NUMBER", g.jp_phone()).t(
        f"\n保険金額 {g.amount()}  月払保険料 {g.r.randint(3, 30)},{g.digits(3)}円\n"
    )
    d.t("死亡保険金受取人 ").e("PERSON", g.jp_name(q, "kanji")).t(f"（続柄 {g.pick(('妻', '夫', '長男', '長女'))}）\n")
    d.t("取扱者 ").e("PERSON", g.jp().sei).t(f" 代理店コード {g.digits(6)}\n")


@ja
def t_kaiin_moushikomi(g: Gen, d: Doc) -> None:
    """会員申込書 (スポーツクラブ): 月会費のカード払い、緊急連絡先."""
    p, k = g.jp(), g.jp()
    born = g.birth(1950, 2008)
    d.t(f"会員番号 {g.digits(8)}　入会日 {g.jp_date(g.other_date(), 'slash')}　店舗 {g.pick(SHOPS[:3])}\n")
    d.t("お名前（漢字） ").e("PERSON", g.jp_name(p, g.pick(("kanji", "kanji_sp")))).t("\n")
    d.t("お名前（カナ） ").e("PERSON", g.jp_name(p, "kana")).t("\n")
    d.t("生年月日 ").e("DATE_OF_BIRTH", g.jp_date(born)).t(f"　年齢 {_age(born, date(2025, 4, 1))}歳\n")
    d.t("ご住所 〒").e("JP_POSTAL_CODE", g.jp_postal()).t(" ").e("JP_ADDRESS", g.jp_address()).t("\n")
    d.t("携帯電話 ").e("PHONE_NUMBER", g.jp_phone("mobile")).t("\nPCメール ").e(
        "EMAIL_ADDRESS", g.email(p.sei_roma + p.mei_roma)
    )
    d.t("\nお支払い クレジットカード ").e("CREDIT_CARD", g.card()).t(
        f"  有効期限 {g.r.randint(1, 12):02d}/{g.r.randint(26, 31)}\n"
    )
    d.t("緊急連絡先 ").e("PERSON", g.jp_name(k, "kanji_sp")).t(f"（{g.pick(('母', '父', '妻', '夫'))}） ")
    d.e("PHONE_NUMBER", g.jp_phone()).t(f"\n月会費 {g.amount()}　コース レギュラー\n")


@ja
def t_school_roster(g: Gen, d: Doc) -> None:
    """学級名簿 (児童・保護者・緊急連絡先)."""
    grade = g.r.randint(1, 6)
    d.t(
        f"{g.r.randint(2019, 2025)}年度 {grade}年{g.r.randint(1, 4)}組 名簿\n"
        f"番号,児童氏名,ふりがな,生年月日,保護者,連絡先\n"
    )
    for i in range(1, g.r.randint(3, 5)):
        child = g.jp()
        parent = JpPerson(child.sei, g.jp().mei, child.sei_kana, g.jp().mei_kana, not child.female)
        born = g.birth(2012, 2018)
        d.t(f"{i},").e("PERSON", g.jp_name(child, g.pick(("kanji_sp", "kanji")))).t(",").e(
            "PERSON", g.jp_name(child, "hira")
        )
        d.t(",").e("DATE_OF_BIRTH", g.jp_date(born, g.pick(("slash", "wareki", "kanji")))).t(",")
        d.e("PERSON", parent.sei + " " + parent.mei).t(",").e("PHONE_NUMBER", g.jp_phone()).t("\n")
    d.t("担任 ").e("PERSON", g.jp().sei).t(f"　作成日 {g.jp_date(g.other_date(), 'slash')}\n")


@ja
def t_mail_thread(g: Gen, d: Doc) -> None:
    """取引先とのメールスレッド: 引用 (>) と署名."""
    me, them = g.jp(), g.jp()
    comp = g.pick(COMPANIES)
    d.e("PERSON", them.sei).t(f"様\n\nいつもお世話になっております。{g.pick(COMPANIES)}の").e("PERSON", me.sei).t(
        "です。\n"
    )
    d.t(
        f"ご依頼の見積書（見積番号 Q-{g.digits(5)}）を添付いたします。\n"
        f"{g.jp_date(g.other_date(), 'kanji')}までにご検討ください。\n\n"
    )
    d.t("--\n").e("PERSON", g.jp_name(me, "kanji_sp")).t(" / ").e("PERSON", g.jp_name(me, "roma")).t("\n営業部\n")
    d.t("TEL ").e("PHONE_NUMBER", g.jp_phone("tokyo")).t("  携帯 ").e("PHONE_NUMBER", g.jp_phone("mobile")).t("\n")
    d.t("Mail ").e("EMAIL_ADDRESS", g.email(me.sei_roma + "." + me.mei_roma[0])).t("\n\n")
    d.t(f"{g.jp_date(g.other_date(), 'slash')} {g.time()} ").e("PERSON", g.jp_name(them, "kanji_sp")).t(" <")
    d.e("EMAIL_ADDRESS", f"{them.sei_roma.lower()}@{g.pick(('toawa.jp', 'marufuku-unyu.co.jp', 'hokuto-denki.jp'))}").t(
        "> wrote:\n"
    )
    d.t("> ").e("PERSON", me.sei).t("様\n> お見積りをお願いします。納品先は弊社倉庫\n> 〒").e(
        "JP_POSTAL_CODE", g.jp_postal()
    ).t(" ")
    d.e("JP_ADDRESS", g.jp_address().replace("\n", "")).t(f"\n> です。{comp}\n")


@ja
def t_complaint(g: Gen, d: Doc) -> None:
    """お客様からの苦情の手紙 (手書きを転記)."""
    p, clerk = g.jp(), g.jp()
    d.t(
        f"{g.pick(COMPANIES)}\nお客様相談室 御中\n\n"
        f"前略　{g.jp_date(g.other_date(), 'kanji')}に{g.pick(SHOPS)}で購入した"
    )
    d.t(f"商品（レシート番号 {g.digits(4)}-{g.digits(4)}）について申し上げます。\n店員の").e("PERSON", clerk.sei)
    d.t(f"という方の態度がひどく、{g.time()}から一時間も待たされました。私は").e(
        "DATE_OF_BIRTH", g.wareki(g.birth(1935, 1960), "kanji")
    )
    d.t("生まれの年寄りですが、あんまりです。\n誠意あるご回答を下記までお願いします。\n\n")
    d.e("JP_ADDRESS", g.jp_address()).t("\n").e("PERSON", g.jp_name(p, "kanji_zen")).t("\n電話 ").e(
        "PHONE_NUMBER", g.jp_phone("local")
    )
    d.t("\n草々\n")


@ja
def t_salesforce_export(g: Gen, d: Doc) -> None:
    """Salesforce の取引先責任者エクスポート: 英語の見出しに日本語の値.

    State and City cells alone are place names (unlabelled); the Street cell (town and block) is the address.
    """
    d.t(
        "Id,LastName,FirstName,Account.Name,MailingPostalCode,MailingState,MailingCity,MailingStreet,Phone,MobilePhone,Email,Birthdate,CreatedDate\n"
    )
    for _ in range(g.r.randint(1, 3)):
        p = g.jp()
        pref, city, towns = g.r.choice(JP_PLACES)
        d.t(f"003{g.digits(4)}0000{g.pick(('AbC', 'xYz', 'Q9k'))}{g.digits(3)},").e("PERSON", p.sei).t(",").e(
            "PERSON", p.mei
        )
        d.t(f",{g.pick(COMPANIES)},").e("JP_POSTAL_CODE", g.jp_postal()).t(f",{pref},{city}")
        block = f"{g.pick(towns)}{g.r.randint(1, 5)}-{g.r.randint(1, 30)}-{g.r.randint(1, 20)}"
        d.t(",").e("JP_ADDRESS", block).t(",").e("PHONE_NUMBER", g.jp_phone("tokyo")).t(",").e(
            "PHONE_NUMBER", g.jp_phone("mobile")
        )
        d.t(",").e("EMAIL_ADDRESS", g.email(p.mei_roma + "_" + p.sei_roma)).t(",").e(
            "DATE_OF_BIRTH", g.birth().isoformat()
        )
        d.t(f",{g.other_date().isoformat()}T0{g.r.randint(0, 9)}:12:44.000+0000\n")


@ja
def t_takuhai_slip(g: Gen, d: Doc) -> None:
    """宅配便の送り状 (お届け先・ご依頼主)."""
    to, frm = g.jp(), g.jp()
    d.t(f"送り状番号 {g.tracking()}　お届け予定日 {g.jp_date(g.other_date(), 'slash')} 時間帯 14-16\n【お届け先】\n〒")
    d.e("JP_POSTAL_CODE", g.jp_postal()).t("\n").e("JP_ADDRESS", g.jp_address()).t("\n")
    d.e("PERSON", g.jp_name(to, g.pick(("kanji_sp", "kanji", "kana")))).t(" 様\nTEL ").e(
        "PHONE_NUMBER", g.jp_phone()
    ).t("\n【ご依頼主】\n〒")
    d.e("JP_POSTAL_CODE", g.jp_postal()).t(" ").e("JP_ADDRESS", g.jp_address().replace("\n", "")).t("\n")
    d.e("PERSON", g.jp_name(frm, "kanji_sp")).t("\nTEL ").e("PHONE_NUMBER", g.jp_phone())
    d.t(f"\n品名 {g.pick(('お中元', '衣類', 'りんご 10kg', 'パソコン部品'))}  JAN {g.jan()}  代引金額 {g.amount()}\n")


@ja
def t_mochu(g: Gen, d: Doc) -> None:
    """喪中はがきの文面 (故人の名と享年; 生年月日ではない日付)."""
    p, dead = g.jp(), g.jp()
    d.t(
        "喪中につき年末年始のご挨拶を失礼させていただきます\n"
        f"本年{g.r.randint(1, 12)}月に{g.pick(('父', '母', '祖母', '義父'))} "
    )
    d.e(
        "PERSON",
        dead.mei
        if g.chance(0.5)
        else g.jp_name(JpPerson(p.sei, dead.mei, p.sei_kana, dead.mei_kana, dead.female), "kanji_sp"),
    )
    d.t(
        f"が{g.r.randint(70, 99)}歳にて永眠いたしました\n"
        f"本年中に賜りましたご厚情に深謝いたします\n令和{g.r.randint(2, 7)}年十二月\n\n〒"
    )
    d.e("JP_POSTAL_CODE", g.jp_postal()).t("\n").e("JP_ADDRESS", g.jp_address()).t("\n").e(
        "PERSON", g.jp_name(p, "kanji_zen")
    ).t("\n")


@ja
def t_fuyou_shinkoku(g: Gen, d: Doc) -> None:
    """扶養控除等申告書の転記 (本人・配偶者・扶養親族の個人番号)."""
    p = g.jp()
    d.t(
        f"令和{g.r.randint(5, 8)}年分 給与所得者の扶養控除等（異動）申告書\n"
        f"所轄税務署長 {g.pick(('渋谷', '麹町', '北', '中'))}\n"
    )
    d.t("氏名 ").e("PERSON", g.jp_name(p, "kanji_sp")).t("　個人番号 ").e("JP_MY_NUMBER", g.my_number()).t("\n")
    d.t("生年月日 ").e("DATE_OF_BIRTH", g.wareki(g.birth(1955, 2002), "kanji")).t("\n住所 ").e(
        "JP_ADDRESS", g.jp_address()
    ).t("\n")
    for rel in ("配偶者", "控除対象扶養親族")[: g.r.randint(1, 2)]:
        fam = JpPerson(p.sei, g.jp().mei, p.sei_kana, g.jp().mei_kana, g.chance(0.5))
        d.t(f"{rel} ").e("PERSON", g.jp_name(fam, "kanji_sp")).t(" 個人番号 ").e("JP_MY_NUMBER", g.my_number())
        d.t(" 生年月日 ").e("DATE_OF_BIRTH", g.wareki(g.birth(1950, 2020), g.pick(("kanji", "letter")))).t("\n")
    d.t(f"支払者 {g.pick(COMPANIES)} 法人番号 ").e("JP_CORPORATE_NUMBER", g.corporate_number()).t("\n")


@ja
def t_foreign_resident(g: Gen, d: Doc) -> None:
    """外国人住民の窓口メモ (カタカナ氏名、ローマ字、西暦の生年月日、国際電話)."""
    name, latin = g.foreign_resident()
    born = g.birth(1975, 2004)
    d.t(
        f"受付 {g.jp_date(g.other_date(), 'slash')}"
        f"　在留カード番号 {g.pick('ABCDEFGH')}{g.pick('ABCDEFGH')}{g.digits(8)}"
        f"{g.pick('ABCDEFGH')}{g.pick('ABCDEFGH')}\n"
    )
    d.t("氏名 ").e("PERSON", name).t(" （").e("PERSON", latin if g.chance(0.7) else latin.title()).t("）\n")
    d.t("生年月日 ").e(
        "DATE_OF_BIRTH", g.pick((born.strftime("%Y/%m/%d"), g.en_date(born, "short_uk"), g.jp_date(born, "kanji")))
    )
    d.t(f"　国籍 {g.pick(('ベトナム', 'ネパール', 'フィリピン', 'ブラジル', 'インド', 'スリランカ'))}\n住居地 ")
    d.e("JP_ADDRESS", g.jp_address()).t("\n連絡先 ").e("PHONE_NUMBER", g.jp_phone("mobile")).t(" / 母国 ")
    d.e("PHONE_NUMBER", g.en_phone("in")).t("\n勤務先 ").t(g.pick(COMPANIES)).t("　通訳 ").e("PERSON", g.jp().sei).t(
        "さん同席\n"
    )


@ja
def t_yaml_record(g: Gen, d: Doc) -> None:
    """kintone から YAML に落とした顧客レコード."""
    p = g.jp()
    d.t(f"- record_id: {g.r.randint(100, 99999)}\n  氏名: ").e("PERSON", g.jp_name(p, g.pick(("kanji_sp", "kanji"))))
    d.t("\n  氏名カナ: ").e("PERSON", g.jp_name(p, "kana")).t("\n  生年月日: '").e(
        "DATE_OF_BIRTH", g.jp_date(g.birth(), "hyphen")
    )
    d.t("'\n  郵便番号: '").e("JP_POSTAL_CODE", g.jp_postal()).t("'\n  住所: ").e(
        "JP_ADDRESS", g.jp_address().replace("\n", "")
    )
    d.t("\n  電話: '").e("PHONE_NUMBER", g.jp_phone()).t("'\n  メール: ").e(
        "EMAIL_ADDRESS", g.email(p.mei_roma + p.sei_roma)
    )
    d.t(
        f"\n  ランク: {g.pick(('ゴールド', 'シルバー', '一般'))}\n"
        f"  更新日時: {g.other_date().isoformat()} {g.time()}\n  担当者: "
    )
    d.e("PERSON", g.jp().sei).t("\n")


@en
def t_email_signature(g: Gen, d: Doc) -> None:
    """English business e-mail with a quoted reply and signature (UK/AU/NZ/CA)."""
    me, them = g.latin(), g.latin()
    country = g.pick(("uk", "au", "nz", "ca"))
    d.t("Hi ").e("PERSON", them.given).t(",\n\nThanks for the quick turnaround on PO ").t(f"{g.digits(6)}. ")
    d.t(
        f"Will the revised quote (ref Q-{g.digits(4)}) be ready by {g.en_date(g.other_date(), 'long_uk')}?\n"
        f"\nKind regards,\n"
    )
    d.e("PERSON", g.latin_name(me, g.pick(("plain", "middle")))).t(
        f"\n{g.pick(('Operations Manager', 'Account Executive'))} | {g.pick(EN_COMPANIES)}\n"
    )
    street, city, pc, _ = g.foreign_address(country)
    d.e("STREET_ADDRESS", street).t(", " + city).e("POSTAL_CODE", pc).t("\nM: ").e("PHONE_NUMBER", g.en_phone(country))
    d.t("  E: ").e("EMAIL_ADDRESS", g.email(me.ascii_given + "." + me.ascii_surname, jp=False)).t("\n\n")
    d.t(f"On {g.en_date(g.other_date(), 'short_uk')}, ").e("PERSON", g.latin_name(them, "plain")).t(
        " wrote:\n> Could you send the figures for May?\n"
    )


@en
def t_patient_intake(g: Gen, d: Doc) -> None:
    """US clinic patient intake form."""
    p, ec = g.latin(), g.latin()
    born = g.birth(1940, 2015)
    d.t(f"PATIENT INTAKE FORM   MRN {g.digits(7)}   Visit {g.en_date(g.other_date(), 'us')}\nName (Last, First, MI): ")
    d.e("PERSON", f"{p.surname}, {p.given}" + (f" {p.middle}" if p.middle else "")).t("\nDOB: ").e(
        "DATE_OF_BIRTH", g.en_date(born, "us")
    )
    d.t(f"   Age: {_age(born, date(2025, 1, 1))}   Sex: {g.pick(('F', 'M'))}\nAddress: ")
    street, city, pc, _ = g.foreign_address("us")
    d.e("STREET_ADDRESS", street).t(", " + city).e("POSTAL_CODE", pc).t("\nHome phone: ").e(
        "PHONE_NUMBER", g.en_phone("us")
    )
    d.t("\nEmergency contact: ").e("PERSON", g.latin_name(ec, "plain")).t(f" ({g.pick(('spouse', 'mother', 'son'))}) ")
    d.e("PHONE_NUMBER", g.en_phone("us")).t(
        f"\nInsurance ID: {g.pick(('XJH', 'BCB', 'UHC'))}{g.digits(9)}   Copay $25.00\n"
    )
    d.t("Referring physician: Dr. ").e("PERSON", g.latin_name(g.latin(), "initial")).t("\n")


@en
def t_booking_csv(g: Gen, d: Doc) -> None:
    """Tour operator booking export (English headers, mixed guests)."""
    d.t("booking_ref,lead_guest,nationality,dob,phone,email,pax,total_jpy\n")
    for _ in range(g.r.randint(2, 4)):
        if g.chance(0.5):
            p = g.latin()
            name, mail, nat = (
                g.latin_name(p, g.pick(("plain", "comma", "upper"))),
                g.email(p.ascii_given + p.ascii_surname, jp=False),
                g.pick(("AU", "US", "GB", "IN", "CA", "NZ")),
            )
            phone = g.en_phone({"AU": "au", "US": "us", "GB": "uk", "IN": "in", "CA": "ca", "NZ": "nz"}[nat])
        else:
            q = g.jp()
            name, mail, nat, phone = (
                g.jp_name(q, g.pick(("roma", "ROMA"))),
                g.email(q.sei_roma + q.mei_roma),
                "JP",
                g.jp_phone(),
            )
        quoted = '"' + name + '"' if "," in name else name
        d.t(f"BK{g.digits(6)},")
        d.t('"' if quoted != name else "").e("PERSON", name).t('"' if quoted != name else "")
        d.t(f",{nat},").e("DATE_OF_BIRTH", g.birth().isoformat()).t(",").e("PHONE_NUMBER", phone).t(",").e(
            "EMAIL_ADDRESS", mail
        )
        d.t(f",{g.r.randint(1, 6)},{g.r.randint(20, 900) * 1000}\n")


@en
def t_support_chat(g: Gen, d: Doc) -> None:
    """Live-chat transcript (Canada/India support desk)."""
    p, agent = g.latin(), g.latin()
    country = g.pick(("ca", "in"))
    d.t(f"Chat started {g.en_date(g.other_date(), 'iso')} {g.r.randint(8, 20)}:{g.r.randint(10, 59)}\n")
    d.e("PERSON", agent.given).t(" (agent): Hi, may I have your full name and date of birth?\n")
    d.e("PERSON", p.given).t(": sure, it's ").e("PERSON", g.latin_name(p, g.pick(("plain", "upper", "suffix")))).t(
        ", born "
    )
    d.e("DATE_OF_BIRTH", g.en_date(g.birth(), g.pick(("long_us", "long_uk", "short_uk")))).t("\n")
    d.e("PERSON", agent.given).t(" (agent): Thanks! And the card on file ends in ")
    d.t(f"{g.digits(4)}? Your order #{g.digits(7)} shipped to\n")
    street, city, pc, _ = g.foreign_address(country)
    d.e("STREET_ADDRESS", street).t(", " + city).e("POSTAL_CODE", pc).t("\n").e("PERSON", p.given)
    d.t(": yes. You can reach me at ").e("PHONE_NUMBER", g.en_phone(country)).t(
        " if anything goes wrong. Will do, thanks\n"
    )


@en
def t_label_to_japan(g: Gen, d: Doc) -> None:
    """International parcel label to Japan, address in Latin letters (Japanese address, Japanese postal code)."""
    sender, p = g.latin(), g.jp()
    ward, pref, towns = g.r.choice(JP_PLACES_LATIN)
    c, b, n = g.r.randint(1, 6), g.r.randint(1, 30), g.r.randint(1, 20)
    flat = f" #{g.r.randint(1, 12)}0{g.r.randint(1, 9)}" if g.chance(0.4) else ""
    country = g.pick(("us", "uk", "au", "ca"))
    street, city, pc, _ = g.foreign_address(country)
    d.t("FROM: ").e("PERSON", g.latin_name(sender, "plain")).t("\n").e("STREET_ADDRESS", street).t("\n" + city)
    d.e("POSTAL_CODE", pc).t("\n\nTO: ").e("PERSON", g.jp_name(p, g.pick(("roma", "ROMA")))).t("\n")
    d.e("JP_ADDRESS", f"{c}-{b}-{n}{flat} {g.pick(towns)}, {ward}, {pref}").t(" ").e("JP_POSTAL_CODE", g.jp_postal())
    d.t("\nJAPAN\nTel: ").e("PHONE_NUMBER", g.jp_phone("intl")).t(
        f"\nCustoms: GIFT, value USD {g.r.randint(10, 200)}\n"
    )


# ---------------------------------------------------------------------------------------------- records


FORWARD_SEPARATORS = (
    "\n\n---------- Forwarded message ---------\n",
    "\n\n-----Original Message-----\n",
    "\n\n＝＝＝＝＝ 以下、転送 ＝＝＝＝＝\n",
    "\n\n",
)


def records(n: int, seed: int = 47) -> Iterator[Record]:
    """``n`` labelled records, about 55 % Japanese; deterministic for a seed.

    About one record in ten glues a second document of the same language under a forward/paste separator, as
    mail bodies and ticket histories do.
    """
    rng = random.Random(seed)
    ja_names, en_names = sorted(JA), sorted(EN)
    for _ in range(n):
        noisy = rng.random() < 0.3
        pool = ja_names if rng.random() < 0.55 else en_names
        names = [rng.choice(pool)]
        if rng.random() < 0.1:
            names.append(rng.choice(pool))
        gen = Gen(random.Random(rng.getrandbits(64)), noisy)
        doc = Doc()
        for i, name in enumerate(names):
            if i:
                doc.t(gen.pick(FORWARD_SEPARATORS))
            (JA.get(name) or EN[name])(gen, doc)
        yield {"text": doc.text(), "spans": doc.spans, "templates": names, "noisy": noisy}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=47)
    parser.add_argument("--out", type=Path, default=None, help="JSONL file (default: stdout)")
    args = parser.parse_args(argv)
    out = args.out.open("w", encoding="utf-8") if args.out else sys.stdout
    try:
        for rec in records(args.records, args.seed):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    finally:
        if args.out:
            out.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
