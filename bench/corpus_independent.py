"""An independent, labelled Japanese/English corpus for PII discovery (issue 20).

Written by a helper who had not read hogo's recognizers, their tests or the project's own corpus: the records
are built from templates of everyday registers (order notes, support-desk logs, shipping lines, e-mail bodies,
CSV and JSON lines, chat messages, forms, call-centre memos, access logs) with noise (full-width and half-width
mixes, OCR-like substitutions, extra spaces, line breaks inside addresses) and look-alikes that are not personal
information (order numbers, product and JAN codes, tracking numbers, amounts, non-birth dates, times, versions).

Names come from `bench/data/independent_names.json` (its sources are written in it), never from Faker. My Number
check digits follow 番号法施行令 Art. 8, corporate numbers the 法人番号 rule (Cabinet Office ordinance, Art. 2),
card numbers Luhn.

    .venv/bin/python bench/corpus_independent.py --records 5000 --seed 20 --out /tmp/corpus.jsonl

Each line: {"text": ..., "spans": [[start, end, "ENTITY"], ...], "templates": [...], "noisy": bool}, with
character offsets into text; "templates" and "noisy" say how the record was made (for breakdowns only).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "independent_names.json"

ENTITIES = (
    "PERSON",
    "PHONE_NUMBER",
    "EMAIL_ADDRESS",
    "DATE_OF_BIRTH",
    "JP_POSTAL_CODE",
    "JP_ADDRESS",
    "JP_MY_NUMBER",
    "JP_CORPORATE_NUMBER",
    "CREDIT_CARD",
    "IP_ADDRESS",
    "STREET_ADDRESS",
    "POSTAL_CODE",
)

FULL = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)} | {" ": "\u3000"})
FULL_DIGITS = str.maketrans({str(d): chr(0xFF10 + d) for d in range(10)} | {"-": "－"})


# --- check digits, from the public specifications -------------------------------------------------------------


def my_number_check(base11: str) -> int:
    """番号法施行令 Art. 8: P_n the n-th digit from the right of the 11, Q_n = n+1 (n<=6) or n-5 (n>=7)."""
    total = 0
    for n, ch in enumerate(reversed(base11), start=1):
        q = n + 1 if n <= 6 else n - 5
        total += int(ch) * q
    r = total % 11
    return 0 if r <= 1 else 11 - r


def corporate_check(base12: str) -> int:
    """法人番号: check = 9 - (sum P_n*Q_n mod 9), P_n the n-th digit from the right, Q_n = 1 (odd n) or 2 (even n)."""
    total = sum(int(ch) * (1 if n % 2 else 2) for n, ch in enumerate(reversed(base12), start=1))
    return 9 - total % 9


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_complete(partial: str) -> str:
    for c in "0123456789":
        if luhn_ok(partial + c):
            return partial + c
    raise AssertionError(partial)


def ean13_complete(partial12: str) -> str:
    s = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(partial12))
    return partial12 + str((10 - s % 10) % 10)


# --- the building blocks ----------------------------------------------------------------------------------------

Seg = tuple[str, str | None]


class Rec:
    """A record as segments: plain text, or a value labelled with its entity."""

    def __init__(self) -> None:
        self.parts: list[Seg] = []

    def t(self, text: str) -> Rec:
        self.parts.append((text, None))
        return self

    def e(self, entity: str, text: str) -> Rec:
        assert entity in ENTITIES, entity
        self.parts.append((text, entity))
        return self

    def render(self) -> dict[str, object]:
        text, spans, pos = [], [], 0
        for chunk, entity in self.parts:
            if entity is not None:
                # a span never starts or ends in whitespace; the whitespace goes to the text around it
                lead = len(chunk) - len(chunk.lstrip())
                trail = len(chunk) - len(chunk.rstrip())
                spans.append([pos + lead, pos + len(chunk) - trail, entity])
            text.append(chunk)
            pos += len(chunk)
        return {"text": "".join(text), "spans": spans}


ERAS = (("令和", "R", 2019), ("平成", "H", 1989), ("昭和", "S", 1926))
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October")
MONTHS += ("November", "December")

JP_PLACES = (
    ("東京都", "世田谷区", ("桜新町", "三軒茶屋", "経堂", "用賀")),
    ("東京都", "新宿区", ("西新宿", "高田馬場", "神楽坂")),
    ("東京都", "練馬区", ("石神井町", "大泉学園町", "豊玉北")),
    ("東京都", "八王子市", ("旭町", "元本郷町", "めじろ台")),
    ("大阪府", "大阪市北区", ("梅田", "天神橋", "中崎")),
    ("大阪府", "堺市堺区", ("中瓦町", "南瓦町")),
    ("神奈川県", "横浜市港北区", ("日吉本町", "綱島西", "新横浜")),
    ("神奈川県", "川崎市中原区", ("小杉町", "今井南町")),
    ("愛知県", "名古屋市中区", ("栄", "錦", "大須")),
    ("福岡県", "福岡市中央区", ("天神", "大名", "薬院")),
    ("北海道", "札幌市北区", ("北七条西", "新琴似")),
    ("京都府", "京都市左京区", ("下鴨松原町", "北白川別当町")),
    ("宮城県", "仙台市青葉区", ("一番町", "国分町", "上杉")),
    ("広島県", "広島市中区", ("紙屋町", "八丁堀", "大手町")),
    ("埼玉県", "さいたま市浦和区", ("高砂", "常盤", "岸町")),
    ("千葉県", "船橋市", ("本町", "前原西", "夏見")),
    ("兵庫県", "神戸市中央区", ("三宮町", "元町通", "北野町")),
    ("静岡県", "静岡市葵区", ("呉服町", "紺屋町")),
    ("沖縄県", "那覇市", ("久茂地", "牧志", "首里")),
    ("長野県", "松本市", ("中央", "深志", "大手")),
    ("新潟県", "新潟市中央区", ("古町通", "東大通")),
    ("茨城県", "つくば市", ("吾妻", "竹園", "春日")),
)
BUILDINGS = (
    "サンハイツ",
    "グランドメゾン",
    "コーポ",
    "パークハウス",
    "ライオンズマンション",
    "メゾン・ド",
    "レジデンス",
    "ハイツ",
    "シティタワー",
    "第二",
    "ロイヤル",
    "アーバンコート",
)
KANJI_NUM = "〇一二三四五六七八九"

US_STREETS = (
    "Maple",
    "Oak",
    "Pine",
    "Cedar",
    "Elm",
    "Washington",
    "Lake",
    "Hill",
    "Park",
    "Main",
    "2nd",
    "Sunset",
    "Highland",
    "Madison",
    "Jefferson",
    "Lincoln",
    "Willow",
    "Ridge",
    "Church",
    "Franklin",
)
US_SUFFIXES = (
    "St",
    "St.",
    "Street",
    "Ave",
    "Ave.",
    "Avenue",
    "Rd",
    "Road",
    "Blvd",
    "Lane",
    "Dr.",
    "Drive",
    "Way",
    "Ct",
)
US_CITIES = (
    ("Portland", "OR", "97"),
    ("Austin", "TX", "78"),
    ("Columbus", "OH", "43"),
    ("Denver", "CO", "80"),
    ("Seattle", "WA", "98"),
    ("Boston", "MA", "02"),
    ("San Jose", "CA", "95"),
    ("Honolulu", "HI", "96"),
    ("Chicago", "IL", "60"),
    ("Atlanta", "GA", "30"),
    ("Phoenix", "AZ", "85"),
    ("Brooklyn", "NY", "11"),
)
UK_PLACES = (
    ("London", "SW", "1A"),
    ("Manchester", "M", "14"),
    ("Leeds", "LS", "6"),
    ("Bristol", "BS", "8"),
    ("Edinburgh", "EH", "3"),
    ("Cardiff", "CF", "10"),
)
UK_STREETS = ("High Street", "Queen's Road", "Station Road", "Church Lane", "Victoria Road", "Mill Lane", "Park Avenue")

MAIL_DOMAINS = (
    "example.com",
    "example.co.jp",
    "example.jp",
    "mail.example.ne.jp",
    "gmail.com",
    "yahoo.co.jp",
    "docomo.ne.jp",
    "icloud.com",
    "outlook.jp",
    "ezweb.ne.jp",
    "company.example.org",
)


class Gen:
    """Values and noise, all drawn from one seeded random source."""

    def __init__(self, rng: random.Random, names: dict[str, list[object]]) -> None:
        self.r = rng
        self.jp_sur: list[list[str]] = names["jp_surnames"]  # type: ignore[assignment]
        self.jp_giv: list[list[str]] = names["jp_given"]  # type: ignore[assignment]
        self.lat_giv: list[str] = names["latin_given"]  # type: ignore[assignment]
        self.lat_sur: list[str] = names["latin_surnames"]  # type: ignore[assignment]
        self.noisy = False  # set per record

    def p(self, prob: float) -> bool:
        return self.r.random() < prob

    def pick(self, seq: tuple[str, ...] | list[str]) -> str:
        return self.r.choice(seq)

    # noise ---------------------------------------------------------------------------------------------------

    def width(self, s: str, prob: float = 0.15) -> str:
        """Full-width ASCII (as typed on a Japanese IME) now and then."""
        if self.p(prob):
            return s.translate(FULL_DIGITS if self.p(0.6) else FULL)
        return s

    def ocr(self, s: str, prob: float = 0.06) -> str:
        """OCR-like confusions in digit strings: 0→O, 1→l, 5→S, 8→B, one or two characters."""
        if not (self.noisy and self.p(prob)):
            return s
        table = {"0": "O", "1": "l", "5": "S", "8": "B"}
        idx = [i for i, c in enumerate(s) if c in table]
        if not idx:
            return s
        chars = list(s)
        for i in self.r.sample(idx, k=min(len(idx), self.r.choice((1, 1, 2)))):
            chars[i] = table[chars[i]]
        return "".join(chars)

    def ocr_letters(self, s: str, prob: float = 0.08) -> str:
        """OCR-like confusions in Latin letters: m→rn, l→I, o→0, e→c (one of them, in noisy records)."""
        if not (self.noisy and self.p(prob)):
            return s
        pairs = [(a, b) for a, b in (("m", "rn"), ("l", "I"), ("o", "0"), ("e", "c"), ("h", "b")) if a in s[1:]]
        if not pairs:
            return s
        a, b = self.r.choice(pairs)
        i = s.index(a, 1)
        return s[:i] + b + s[i + 1 :]

    def sp(self) -> str:
        """The space between two words: usually one, sometimes two, an ideographic space or none."""
        return self.r.choices((" ", "  ", "\u3000", ""), weights=(70, 10, 12, 8))[0]

    def nl(self) -> str:
        return self.r.choice(("\n", "\n", "\r\n", "\n\n"))

    # names ---------------------------------------------------------------------------------------------------

    def jp_parts(self) -> tuple[list[str], list[str]]:
        return self.r.choice(self.jp_sur), self.r.choice(self.jp_giv)

    def jp_name(self, form: str | None = None) -> str:
        sur, giv = self.jp_parts()
        form = (
            form
            or self.r.choices(
                ("kanji", "kanji_nospace", "kata", "hira", "romaji", "ROMAJI", "surname"),
                weights=(30, 18, 12, 5, 12, 8, 15),
            )[0]
        )
        if form == "kanji":
            return sur[0] + self.r.choice((" ", "\u3000", "  ")) + giv[0]
        if form == "kanji_nospace":
            return sur[0] + giv[0]
        if form == "kata":
            return sur[1] + self.r.choice((" ", "\u3000")) + giv[1]
        if form == "hira":
            return hira(sur[1]) + self.r.choice((" ", "\u3000", "")) + hira(giv[1])
        if form == "romaji":
            return self.ocr_letters(f"{giv[2]} {sur[2]}" if self.p(0.6) else f"{sur[2]} {giv[2]}")
        if form == "ROMAJI":
            return f"{sur[2].upper()} {giv[2]}" if self.p(0.5) else f"{giv[2].upper()} {sur[2].upper()}"
        return sur[0]  # surname only: 担当の佐藤, 佐藤様

    def latin_name(self) -> str:
        giv, sur = self.pick(self.lat_giv), self.pick(self.lat_sur)
        roll = self.r.random()
        if roll < 0.2:
            mid = self.r.choice("ABCDEFGHJKLMNPRSTW")
            name = f"{giv} {mid}. {sur}"
        elif roll < 0.3:
            name = f"{giv} {self.pick(self.lat_giv)} {sur}"
        else:
            name = f"{giv} {sur}"
        if self.p(0.15):
            name += self.r.choice((" Jr.", " Jr", ", Jr.", " Sr.", " II", " III", " IV"))
        if self.p(0.07):
            name = f"{sur.upper()}, {giv}"
        return self.ocr_letters(name)

    def any_name(self) -> str:
        return self.jp_name() if self.p(0.6) else self.latin_name()

    def honor(self) -> str:
        return self.r.choices(("様", " 様", "さん", "殿", "", "様宛"), weights=(40, 10, 15, 5, 25, 5))[0]

    def title(self) -> str:
        return self.r.choices(("", "Mr. ", "Ms. ", "Mrs. ", "Dr. ", "Prof. "), weights=(50, 15, 15, 8, 8, 4))[0]

    # contact -------------------------------------------------------------------------------------------------

    def phone_jp(self) -> str:
        r = self.r
        kind = r.choices(("mobile", "tokyo", "area", "free", "intl"), weights=(45, 20, 20, 5, 10))[0]
        d = lambda n: "".join(r.choice("0123456789") for _ in range(n))  # noqa: E731
        if kind == "mobile":
            parts = [r.choice(("090", "080", "070")), d(4), d(4)]
        elif kind == "tokyo":
            parts = [r.choice(("03", "06")), d(4), d(4)]
        elif kind == "area":
            parts = [r.choice(("045", "052", "011", "092", "075", "022", "082", "048", "043", "078")), d(3), d(4)]
        elif kind == "free":
            parts = [r.choice(("0120", "0800")), d(3), d(3)]
        else:
            parts = ["+81", r.choice(("90", "80", "70", "3", "6")), d(4), d(4)]
        sep = r.choices(("-", "", " ", "－", "(", "."), weights=(50, 25, 8, 5, 7, 5))[0]
        if sep == "(" and kind in ("tokyo", "area"):
            s = f"{parts[0]}({parts[1]}){parts[2]}"
        elif sep == "(":
            s = "-".join(parts)
        elif kind == "intl" and sep == "":
            s = parts[0] + "".join(parts[1:])
        else:
            s = sep.join(parts)
        return self.ocr(self.width(s, 0.18))

    def phone_en(self) -> str:
        r = self.r
        d = lambda n: "".join(r.choice("0123456789") for _ in range(n))  # noqa: E731
        area = r.choice("23456789") + d(2)
        kind = r.random()
        if kind < 0.35:
            return f"({area}) {d(3)}-{d(4)}"
        if kind < 0.6:
            return f"{area}-{d(3)}-{d(4)}"
        if kind < 0.8:
            return f"+1 {area} {d(3)} {d(4)}"
        return f"+44 {r.choice(('20', '161', '113', '7700'))} {d(4)} {d(4)}"

    def email(self, name_hint: str | None = None) -> str:
        r = self.r
        if name_hint is None:
            sur, giv = self.jp_parts()
            first, last = (giv[2], sur[2]) if self.p(0.6) else (self.pick(self.lat_giv), self.pick(self.lat_sur))
        else:
            first, last = name_hint.split(" ", 1) if " " in name_hint else (name_hint, "x")
        first = "".join(c for c in first.lower() if c.isalnum())
        last = "".join(c for c in last.lower() if c.isalnum())
        local = r.choice(
            (
                f"{first}.{last}",
                f"{first[0]}{last}",
                f"{last}_{first}",
                f"{first}{r.randint(1, 99)}",
                f"{last}.{first[0]}+shop",
                f"{first}-{last}{r.randint(1970, 2005)}",
            )
        )
        return f"{local}@{self.pick(MAIL_DOMAINS)}"

    def ip(self) -> str:
        r = self.r
        if self.p(0.8):
            first = r.choice((10, 172, 192, 203, 198, 61, 126, 153, 210, 133))
            return f"{first}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"
        if self.p(0.5):  # all eight groups
            return "2001:db8:" + ":".join(f"{r.randint(0, 0xFFFF):x}" for _ in range(6))
        head = r.choice(("2001:db8:", "fe80:", "2400:4050:"))
        return head + ":" + ":".join(f"{r.randint(1, 0xFFFF):x}" for _ in range(r.randint(1, 4)))

    # dates ---------------------------------------------------------------------------------------------------

    def ymd(self, lo: int = 1940, hi: int = 2008) -> tuple[int, int, int]:
        return self.r.randint(lo, hi), self.r.randint(1, 12), self.r.randint(1, 28)

    def dob(self) -> str:
        y, m, d = self.ymd()
        r = self.r
        style = r.choices(
            ("kanji", "slash", "dash", "era", "era_abbr", "en_mdy", "en_dmy", "en_word", "dot"),
            weights=(22, 18, 10, 14, 8, 8, 6, 8, 6),
        )[0]
        if style == "kanji":
            s = f"{y}年{m}月{d}日" if self.p(0.7) else f"{y}年{m:02d}月{d:02d}日"
        elif style == "slash":
            s = f"{y}/{m:02d}/{d:02d}" if self.p(0.6) else f"{y}/{m}/{d}"
        elif style == "dash":
            s = f"{y}-{m:02d}-{d:02d}"
        elif style == "dot":
            s = f"{y}.{m:02d}.{d:02d}"
        elif style in ("era", "era_abbr"):
            name, abbr, start = next(e for e in ERAS if y >= e[2])
            ey = y - start + 1
            if style == "era":
                eys = "元" if ey == 1 else str(ey)
                s = f"{name}{eys}年{m}月{d}日"
            else:
                s = r.choice((f"{abbr}{ey}.{m}.{d}", f"{abbr}{ey:02d}/{m:02d}/{d:02d}", f"{abbr}{ey}年{m}月{d}日"))
        elif style == "en_mdy":
            s = f"{m:02d}/{d:02d}/{y}"
        elif style == "en_dmy":
            s = f"{d:02d}/{m:02d}/{y}"
        else:
            mon = MONTHS[m - 1]
            s = r.choice((f"{mon} {d}, {y}", f"{d} {mon} {y}", f"{mon[:3]} {d}, {y}", f"{d}-{mon[:3]}-{y}"))
        return self.ocr(self.width(s, 0.12))

    def other_date(self) -> str:
        y, m, d = self.ymd(2019, 2027)
        return self.r.choice(
            (
                f"{y}/{m:02d}/{d:02d}",
                f"{y}年{m}月{d}日",
                f"{m}月{d}日",
                f"{y}-{m:02d}-{d:02d}",
                f"{m}/{d}",
                f"{MONTHS[m - 1]} {d}, {y}",
                f"令和{y - 2018}年{m}月{d}日",
            )
        )

    def time(self) -> str:
        h, mi = self.r.randint(8, 21), self.r.choice((0, 15, 30, 45, 5, 50))
        return self.r.choice(
            (
                f"{h}:{mi:02d}",
                f"{h}時{mi}分",
                f"{h:02d}:{mi:02d}:{self.r.randint(0, 59):02d}",
                f"{h}:00-{h + 2}:00",
                f"午前{h}時" if h < 12 else f"午後{h - 12}時",
            )
        )

    # addresses -----------------------------------------------------------------------------------------------

    def jp_postal(self, mark: bool | None = None) -> tuple[str, str]:
        """(prefix text, code): the 〒 mark stays outside the span."""
        code = f"{self.r.randint(0, 999):03d}-{self.r.randint(0, 9999):04d}"
        if self.p(0.25):
            code = code.replace("-", "")
        elif self.p(0.08):
            code = code.replace("-", "ー")  # a long-vowel mark where a hyphen belongs, common in forms
        code = self.ocr(self.width(code, 0.2))
        mark = self.p(0.5) if mark is None else mark
        return ("〒" + self.r.choice(("", "", " "))) if mark else "", code

    def jp_address(self) -> str:
        r = self.r
        pref, city, towns = r.choice(JP_PLACES)
        town = r.choice(towns)
        c, b, g = r.randint(1, 9), r.randint(1, 30), r.randint(1, 25)
        style = r.choices(("hyphen", "kanji", "banchi", "kanjinum"), weights=(55, 20, 15, 10))[0]
        if style == "hyphen":
            num = f"{c}-{b}-{g}" if self.p(0.85) else f"{c}-{b}"
        elif style == "kanji":
            num = f"{c}丁目{b}番{g}号"
        elif style == "banchi":
            num = f"{c}丁目{b}番地{g}" if self.p(0.5) else f"{r.randint(100, 2999)}番地"
        else:
            num = f"{KANJI_NUM[c]}丁目{b}-{g}"
        num = self.ocr(self.width(num, 0.25))
        head = (pref if self.p(0.8) else "") + city + town
        addr = head + r.choice(("", "", " ")) + num
        if self.p(0.55):
            bldg = r.choice(BUILDINGS) + r.choice(("", self.jp_parts()[0][0], "桜", "中央", "南", "A棟"))
            room = r.choice(
                (
                    f"{r.randint(1, 12)}{r.randint(1, 9):02d}",
                    f"{r.randint(1, 12)}{r.randint(1, 9):02d}号室",
                    f"{r.randint(1, 12)}F",
                    f"{r.randint(1, 12)}階",
                )
            )
            room = self.width(room, 0.2)
            join = r.choice((" ", "\u3000", "", self.nl())) if self.noisy else r.choice((" ", "\u3000", ""))
            addr = addr + join + bldg + r.choice((" ", "")) + room
        if self.noisy and self.p(0.25):
            # a line break inside the address, after the prefecture or the city
            cut = len(pref) if addr.startswith(pref) and self.p(0.5) else addr.find(city) + len(city)
            if 0 < cut < len(addr):
                addr = addr[:cut] + self.nl() + addr[cut:]
        return addr

    def us_address(self) -> tuple[str, str]:
        r = self.r
        city, state, zip2 = r.choice(US_CITIES)
        line = f"{r.randint(1, 9899)} {r.choice(('', '', 'N ', 'S ', 'W ', 'E '))}{r.choice(US_STREETS)} "
        line += r.choice(US_SUFFIXES)
        if self.p(0.35):
            line += (
                r.choice((", Apt ", " Apt. ", ", Suite ", " #", ", Unit "))
                + f"{r.randint(1, 40)}{r.choice(('', 'B', 'A'))}"
            )
        line += r.choice((", ", "\n" if self.noisy else ", ")) + f"{city}, {state}"
        zipc = f"{zip2}{r.randint(0, 999):03d}"
        if self.p(0.25):
            zipc += f"-{r.randint(0, 9999):04d}"
        return line, zipc

    def uk_address(self) -> tuple[str, str]:
        r = self.r
        city, area, dist = r.choice(UK_PLACES)
        line = (f"Flat {r.randint(1, 20)}, " if self.p(0.3) else "") + f"{r.randint(1, 250)} {r.choice(UK_STREETS)}"
        line += f", {city}"
        pc = f"{area}{dist} {r.randint(1, 9)}{r.choice('ABDEFGHJLNPQRSTUWXYZ')}{r.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        return line, pc

    # numbers -------------------------------------------------------------------------------------------------

    def my_number(self) -> str:
        base = "".join(self.r.choice("0123456789") for _ in range(11))
        s = base + str(my_number_check(base))
        fmt = self.r.choices(("plain", "4-4-4", "space"), weights=(55, 30, 15))[0]
        if fmt == "4-4-4":
            s = f"{s[:4]}-{s[4:8]}-{s[8:]}"
        elif fmt == "space":
            s = f"{s[:4]} {s[4:8]} {s[8:]}"
        return self.width(s, 0.2)

    def corporate_number(self) -> str:
        base = "".join(self.r.choice("0123456789") for _ in range(12))
        s = str(corporate_check(base)) + base
        if self.p(0.07):  # rare in the wild; 13 contiguous digits is the official form
            s = f"{s[0]}-{s[1:5]}-{s[5:9]}-{s[9:]}"
        return self.width(s, 0.15)

    def card(self) -> str:
        r = self.r
        kind = r.choice(("visa", "mc", "amex", "jcb", "visa"))
        d = lambda n: "".join(r.choice("0123456789") for _ in range(n))  # noqa: E731
        if kind == "visa":
            num = luhn_complete("4" + d(14))
        elif kind == "mc":
            num = luhn_complete(str(r.randint(51, 55)) + d(13))
        elif kind == "jcb":
            num = luhn_complete(str(r.randint(3528, 3589)) + d(11))
        else:
            num = luhn_complete(r.choice(("34", "37")) + d(12))
        sep = r.choices((" ", "-", ""), weights=(45, 30, 25))[0]
        if len(num) == 15:
            s = sep.join((num[:4], num[4:10], num[10:]))
        else:
            s = sep.join(num[i : i + 4] for i in range(0, 16, 4))
        return self.width(s, 0.12)

    # look-alikes (never labelled) ----------------------------------------------------------------------------

    def order_no(self) -> str:
        r = self.r
        return r.choice(
            (
                f"ORD-{r.randint(2019, 2027)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}-{r.randint(0, 9999):04d}",
                f"#{r.randint(100000, 9999999)}",
                f"A{r.randint(10, 99)}-{r.randint(100000, 999999)}",
                f"{r.randint(1, 9)}{r.randint(0, 999999999):09d}",
                f"JP{r.randint(10**7, 10**8 - 1)}",
                f"{r.randint(2019, 2027)}-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}",
            )
        )

    def sku(self) -> str:
        r = self.r
        return r.choice(
            (
                f"SKU-{r.randint(1000, 9999)}-{r.choice(('BK', 'WH', 'RD', 'M', 'L'))}",
                f"{r.choice('ABCKMX')}{r.randint(100, 9999)}",
                f"型番 {r.choice(('KX', 'NR', 'EH'))}-{r.randint(10, 999)}{r.choice('ABC')}",
                "JAN " + ean13_complete(r.choice(("45", "49")) + f"{r.randint(0, 10**10 - 1):010d}"),
            )
        )

    def tracking(self) -> str:
        """Yamato-style: 11 digits and a mod-7 check digit, often written 4-4-4; or a Japan Post 13-character code."""
        r = self.r
        if self.p(0.75):
            base = r.randint(10**10, 10**11 - 1)
            s = f"{base}{base % 7}"
            return f"{s[:4]}-{s[4:8]}-{s[8:]}" if self.p(0.6) else s
        return f"{r.choice(('EJ', 'RR', 'LX'))}{r.randint(10**8, 10**9 - 1)}JP"

    def amount(self) -> str:
        r = self.r
        v = r.choice((r.randint(1, 99) * 100 + r.choice((0, 80, 50)), r.randint(1000, 999999)))
        return r.choice((f"¥{v:,}", f"{v:,}円", f"￥{v}", f"${v / 100:,.2f}", f"{v}円（税込）", f"JPY {v:,}"))

    def version(self) -> str:
        r = self.r
        return r.choice(
            (
                f"v{r.randint(1, 12)}.{r.randint(0, 20)}.{r.randint(0, 40)}",
                f"ver.{r.randint(1, 5)}.{r.randint(0, 9)}",
                f"{r.randint(1, 3)}.{r.randint(0, 30)}.{r.randint(0, 9)}-rc{r.randint(1, 4)}",
                f"build {r.randint(2019, 2027)}.{r.randint(1, 12)}.{r.randint(1, 900)}",
            )
        )


def hira(kata: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in kata)


# --- templates ---------------------------------------------------------------------------------------------------
# Each writes one record into Rec. Roles introduce names in many ways: labels, honorifics, role words.


def t_order_note_ja(g: Gen, r: Rec) -> None:
    r.t(f"【注文メモ】注文番号 {g.order_no()}（{g.other_date()} 受付）{g.nl()}")
    r.t(g.pick(("ご注文者：", "注文者 ", "購入者: ", "お客様名：")))
    r.e("PERSON", g.jp_name()).t(g.honor() + g.nl())
    pre, code = g.jp_postal()
    r.t(g.pick(("お届け先：", "配送先 ", "お届け先住所 ", "送付先："))).t(pre).e("JP_POSTAL_CODE", code).t(
        g.pick((" ", "\u3000", g.nl()))
    )
    r.e("JP_ADDRESS", g.jp_address()).t(g.nl())
    r.t(g.pick(("TEL ", "電話：", "連絡先 ", "携帯 "))).e("PHONE_NUMBER", g.phone_jp()).t(g.nl())
    r.t(f"商品 {g.sku()} ×{g.r.randint(1, 5)}　合計 {g.amount()}　{g.pick(('代引き', 'カード決済', '銀行振込'))}")


def t_order_note_role(g: Gen, r: Rec) -> None:
    r.t(f"{g.other_date()} {g.time()} ")
    r.t(g.pick(("担当の", "担当：", "対応者 ", "受付担当の"))).e(
        "PERSON", g.jp_name(g.pick(("surname", "kanji", "kanji_nospace")))
    )
    r.t(g.pick(("が", "より", "です。", "　")))
    r.t(g.pick(("発送先 ", "宛先 ", "宛先：", "発送先は", "お届け先は")))
    r.e("PERSON", g.jp_name()).t(g.pick(("様", "さん", "様。", " 様、")))
    r.t(g.pick(("の件、", "へ再送。", "。")) + f"伝票番号 {g.tracking()}、")
    r.t(g.pick(("電話番号は", "お電話", "折り返し先 ", "ケータイ")))
    r.e("PHONE_NUMBER", g.phone_jp()).t(g.pick(("です。", "までお願いします。", "（日中）", "に連絡済み。")))


def t_support_log(g: Gen, r: Rec) -> None:
    name = g.latin_name()
    r.t(f"[{g.other_date()} {g.time()}] ticket #{g.r.randint(10000, 99999)} opened by ")
    r.t(g.pick(("customer ", "user ", "caller ", "the client ", "requester: ")))
    r.e("PERSON", name).t(g.pick((" ", ". ", ", ")))
    r.t(g.pick(("Callback on ", "Phone: ", "reach at ", "tel "))).e(
        "PHONE_NUMBER", g.phone_en() if g.p(0.6) else g.phone_jp()
    )
    r.t(g.pick((". Email ", ", mail: ", " / "))).e(
        "EMAIL_ADDRESS", g.email(name if " " in name and "," not in name else None)
    )
    r.t(f". App {g.version()} crashes on login; refund of {g.amount()} requested. ")
    r.t(g.pick(("Assigned to ", "Escalated to ", "Handled by "))).e(
        "PERSON", g.latin_name() if g.p(0.5) else g.jp_name("romaji")
    )
    r.t(".")


def t_support_log_ja(g: Gen, r: Rec) -> None:
    r.t(f"{g.other_date()} {g.time()} 受付 問合せ番号{g.order_no()}{g.nl()}")
    r.t(g.pick(("ユーザー ", "会員 ", "お客様 ", "利用者："))).e("PERSON", g.jp_name()).t(g.honor())
    r.t(g.pick(("より", "から")) + "ログインできないとの連絡。登録メール ")
    r.e("EMAIL_ADDRESS", g.email()).t("、生年月日 ").e("DATE_OF_BIRTH", g.dob())
    r.t(g.pick(("で本人確認済み。", "にて照合OK。")) + f"アプリ {g.version()}。")
    if g.p(0.5):
        r.t("接続元IP ").e("IP_ADDRESS", g.ip()).t("。")


def t_shipping_line(g: Gen, r: Rec) -> None:
    pre, code = g.jp_postal()
    r.t(g.pick(("発送先 ", "お届け先 ", "配送先:", "送り先 ", "ship to "))).t(pre).e("JP_POSTAL_CODE", code).t(" ")
    r.e("JP_ADDRESS", g.jp_address()).t(g.pick((" ", "\u3000", " / ")))
    r.e("PERSON", g.jp_name()).t(g.honor() + g.pick((" ", "　")))
    r.e("PHONE_NUMBER", g.phone_jp()).t(f" 追跡 {g.tracking()} 重量 {g.r.randint(1, 25)}kg {g.other_date()} 着")


def t_shipping_en(g: Gen, r: Rec) -> None:
    r.t(g.pick(("Ship to: ", "SHIP TO ", "Deliver to ", "Recipient: ")))
    r.t(g.title()).e("PERSON", g.latin_name()).t(g.nl())
    if g.p(0.7):
        line, zipc = g.us_address()
    else:
        line, zipc = g.uk_address()
    r.e("STREET_ADDRESS", line).t(" ").e("POSTAL_CODE", zipc).t(g.nl())
    r.t("Phone ").e("PHONE_NUMBER", g.phone_en()).t(
        f"{g.nl()}Order {g.order_no()}, {g.r.randint(1, 4)} items, {g.amount()}, "
    )
    r.t(f"tracking {g.tracking()}, ETA {g.other_date()}")


def t_email_body_ja(g: Gen, r: Rec) -> None:
    sur, giv = g.jp_parts()
    r.e("PERSON", sur[0] + g.pick((" ", "", "　")) + giv[0]).t(g.pick(("様", " 様")) + g.nl() + g.nl())
    r.t("いつもご利用いただきありがとうございます。" + g.nl())
    r.t(f"ご注文（{g.order_no()}）の商品を{g.other_date()}に発送いたしました。" + g.nl())
    r.t("お届け先：")
    pre, code = g.jp_postal(mark=g.p(0.4))
    r.t(pre).e("JP_POSTAL_CODE", code).t(g.nl())
    r.e("JP_ADDRESS", g.jp_address()).t(g.nl())
    r.t(f"お問い合わせ番号：{g.tracking()}{g.nl()}{g.nl()}")
    r.t("――――――――" + g.nl() + "株式会社サンプル商事 カスタマーサポート" + g.nl())
    r.t("担当 ").e("PERSON", g.jp_name(g.pick(("kanji", "surname")))).t(g.nl())
    r.t("TEL ").e("PHONE_NUMBER", g.phone_jp()).t(f"（平日 {g.time()}）{g.nl()}")
    r.t("法人番号 ").e("JP_CORPORATE_NUMBER", g.corporate_number())


def t_email_body_en(g: Gen, r: Rec) -> None:
    name = g.latin_name() if g.p(0.7) else g.jp_name("romaji")
    r.t(g.pick(("Dear ", "Hi ", "Hello ", "Dear Mr. ", "Dear Ms. "))).e("PERSON", name).t("," + g.nl() + g.nl())
    r.t(f"Thank you for your order {g.order_no()} placed on {g.other_date()}. ")
    r.t("We will ship it to the address on file:" + g.nl())
    if g.p(0.5):
        line, zipc = g.us_address()
        r.e("STREET_ADDRESS", line).t(" ").e("POSTAL_CODE", zipc).t(g.nl())
    else:
        pre, code = g.jp_postal()
        r.e("JP_ADDRESS", g.jp_address()).t(" ").t(pre).e("JP_POSTAL_CODE", code).t(g.nl())
    r.t("If anything is wrong, reply to ").e("EMAIL_ADDRESS", g.email()).t(" or call ")
    r.e("PHONE_NUMBER", g.phone_en()).t(f" before {g.time()}.{g.nl()}{g.nl()}Best regards,{g.nl()}")
    r.e("PERSON", g.latin_name()).t(f"{g.nl()}Customer Care")


def t_csv_line(g: Gen, r: Rec) -> None:
    sep = g.pick((",", ",", "\t", ";"))
    r.t(sep.join(("id", "name", "kana", "tel", "zip", "address", "birthday", "amount")) + g.nl())
    sur, giv = g.jp_parts()
    r.t(f"{g.r.randint(1, 99999)}{sep}")
    r.e("PERSON", sur[0] + g.pick((" ", "", "　")) + giv[0]).t(sep)
    r.e("PERSON", sur[1] + g.pick((" ", "")) + giv[1]).t(sep)
    r.e("PHONE_NUMBER", g.phone_jp()).t(sep)
    code = g.jp_postal(mark=False)[1]
    r.e("JP_POSTAL_CODE", code).t(sep)
    q = '"' if g.p(0.4) else ""
    r.t(q).e("JP_ADDRESS", g.jp_address().replace("\r\n", " ").replace("\n", " ")).t(q + sep)
    r.e("DATE_OF_BIRTH", g.dob()).t(sep + str(g.r.randint(100, 99999)))


def t_csv_en(g: Gen, r: Rec) -> None:
    r.t("customer_id,full_name,email,phone,ip,signup\n")
    r.t(f"C{g.r.randint(10000, 99999)},")
    q = '"' if g.p(0.5) else ""
    r.t(q).e("PERSON", g.latin_name()).t(q + ",").e("EMAIL_ADDRESS", g.email()).t(",")
    r.e("PHONE_NUMBER", g.phone_en()).t(",").e("IP_ADDRESS", g.ip()).t(f",{g.other_date()} {g.time()}")


def t_json_line(g: Gen, r: Rec) -> None:
    sur, giv = g.jp_parts()
    kana = g.p(0.5)
    r.t(f'log: {{"event": "signup", "ts": "{g.other_date()}T{g.time()}", "user": {{"name": "')
    r.e("PERSON", (sur[1] + " " + giv[1]) if kana else (sur[0] + " " + giv[0])).t('", "email": "')
    r.e("EMAIL_ADDRESS", g.email(f"{giv[2]} {sur[2]}")).t('", "tel": "').e("PHONE_NUMBER", g.phone_jp()).t(
        '", "dob": "'
    )
    r.e("DATE_OF_BIRTH", g.dob()).t(
        f'"}}, "plan": "premium", "price": {g.r.randint(500, 9800)}, "client": "{g.version()}"'
    )
    r.t(', "ip": "').e("IP_ADDRESS", g.ip()).t('"}')


def t_json_en(g: Gen, r: Rec) -> None:
    r.t(f'{{"orderId": "{g.order_no()}", "customer": {{"firstName": "')
    giv, sur = g.pick(g.lat_giv), g.pick(g.lat_sur)
    r.e("PERSON", giv).t('", "lastName": "').e("PERSON", sur).t('"}, "shipping": {"line1": "')
    line, zipc = g.us_address()
    r.e("STREET_ADDRESS", line.replace("\n", ", ")).t('", "zip": "').e("POSTAL_CODE", zipc)
    r.t('"}, "card": "').e("CREDIT_CARD", g.card()).t(f'", "total": "{g.amount()}", "sku": "{g.sku()}"}}')


def t_chat(g: Gen, r: Rec) -> None:
    who = g.jp_name(g.pick(("kanji", "kanji_nospace", "surname", "kata")))
    r.t(f"{g.time()} ").e("PERSON", who).t(g.pick((": ", "：", " > ")))
    r.t(g.pick(("さっきの件、", "お疲れさまです！", "了解です〜 ", "")))
    r.t(g.pick(("お客さんの", "先方の", "")))
    r.e("PERSON", g.jp_name(g.pick(("kanji", "kanji_nospace", "surname"))))
    r.t(g.pick(("さんの携帯", "さんの番号", "様の連絡先", "さん、電話")))
    r.t(g.pick(("は", "→", " ", "：")))
    r.e("PHONE_NUMBER", g.phone_jp()).t(g.pick(("だって", "です", "！", " よろしく")))
    r.t(g.pick((f" 明日{g.time()}に折り返します", f" 在庫 {g.r.randint(1, 40)}個", " 了解")))


def t_chat_en(g: Gen, r: Rec) -> None:
    r.t(f"[{g.time()}] ").e("PERSON", g.pick(g.lat_giv)).t(": ")
    r.t(g.pick(("hey, can you ping ", "pls call ", "FYI new lead: ", "talked to ")))
    r.e("PERSON", g.latin_name()).t(g.pick((" at ", " on ", ", "))).e("PHONE_NUMBER", g.phone_en())
    r.t(g.pick((" re: invoice ", " about order ", " - case "))).t(g.order_no()).t(g.pick((" thx", " :)", "")))


def t_form(g: Gen, r: Rec) -> None:
    sur, giv = g.jp_parts()
    r.t("■お申込みフォーム" + g.nl())
    r.t("氏名（漢字）：").e("PERSON", sur[0] + g.pick(("\u3000", " ", "")) + giv[0]).t(g.nl())
    r.t("氏名（カナ）：").e("PERSON", sur[1] + g.pick(("\u3000", " ", "")) + giv[1]).t(g.nl())
    dob = g.dob()
    r.t("生年月日：").e("DATE_OF_BIRTH", dob).t(g.pick(("", "生", "生まれ", f"（{g.r.randint(18, 80)}歳）"))).t(g.nl())
    pre, code = g.jp_postal()
    r.t("郵便番号：").t(pre).e("JP_POSTAL_CODE", code).t(g.nl())
    r.t("住所：").e("JP_ADDRESS", g.jp_address()).t(g.nl())
    r.t(g.pick(("電話番号：", "携帯電話：", "TEL："))).e("PHONE_NUMBER", g.phone_jp()).t(g.nl())
    r.t("メール：").e("EMAIL_ADDRESS", g.email(f"{giv[2]} {sur[2]}")).t(g.nl())
    if g.p(0.5):
        r.t(g.pick(("個人番号：", "マイナンバー：", "個人番号（12桁）："))).e("JP_MY_NUMBER", g.my_number()).t(g.nl())
    r.t(f"申込日：{g.other_date()}　受付番号：{g.order_no()}")


def t_form_en(g: Gen, r: Rec) -> None:
    r.t("Name: ").e("PERSON", g.latin_name()).t(g.nl())
    r.t(g.pick(("Date of birth: ", "DOB: ", "Birthdate: ", "Born: "))).e("DATE_OF_BIRTH", g.dob()).t(g.nl())
    line, zipc = g.us_address() if g.p(0.7) else g.uk_address()
    r.t("Address: ").e("STREET_ADDRESS", line).t(" ").e("POSTAL_CODE", zipc).t(g.nl())
    r.t("Email: ").e("EMAIL_ADDRESS", g.email()).t(g.nl())
    r.t("Card: ").e("CREDIT_CARD", g.card()).t(f"  exp {g.r.randint(1, 12):02d}/{g.r.randint(26, 31)}{g.nl()}")
    r.t(f"Submitted {g.other_date()} {g.time()} from ").e("IP_ADDRESS", g.ip())


def t_call_memo(g: Gen, r: Rec) -> None:
    r.t(f"＜通話メモ {g.other_date()} {g.time()}＞{g.nl()}")
    r.t(g.pick(("着信：", "発信者番号 ", "着信 "))).e("PHONE_NUMBER", g.phone_jp()).t(g.nl())
    r.t(g.pick(("お客様は", "架電者 ", "本人 "))).e("PERSON", g.jp_name()).t(g.pick(("様。", "さん、", "（ご本人）。")))
    r.t(g.pick(("生年月日", "誕生日は", "生年月日を確認：")))
    r.e("DATE_OF_BIRTH", g.dob()).t(g.pick(("生", "生まれ", "", "生とのこと")))
    r.t(g.pick(("。住所変更の依頼、新住所 ", "。転居先は", "。引越し先 ")))
    pre, code = g.jp_postal()
    r.t(pre).e("JP_POSTAL_CODE", code).t(" ").e("JP_ADDRESS", g.jp_address())
    r.t(f"。前回の請求 {g.amount()}、次回 {g.other_date()} に再連絡。対応 ")
    r.e("PERSON", g.jp_name("surname")).t("。")


def t_payment(g: Gen, r: Rec) -> None:
    r.t(f"決済ログ {g.other_date()} {g.time()} 取引ID {g.order_no()} ")
    r.t("カード番号 ").e("CREDIT_CARD", g.card()).t(
        g.pick((" 有効期限 ", " exp ")) + f"{g.r.randint(1, 12):02d}/{g.r.randint(26, 31)} "
    )
    r.t("名義 ").e("PERSON", g.jp_name("ROMAJI") if g.p(0.6) else g.latin_name().upper())
    r.t(f" 金額 {g.amount()} 承認番号 {g.r.randint(100000, 999999)}")


def t_hr_record(g: Gen, r: Rec) -> None:
    r.t("従業員登録" + g.nl() + "社員番号 E" + str(g.r.randint(10000, 99999)) + " ")
    r.e("PERSON", g.jp_name(g.pick(("kanji", "kanji_nospace")))).t("（").e("PERSON", g.jp_name("kata")).t("）" + g.nl())
    r.t("個人番号 ").e("JP_MY_NUMBER", g.my_number()).t(g.nl())
    r.t("生年月日 ").e("DATE_OF_BIRTH", g.dob()).t(g.nl())
    r.t(f"入社日 {g.other_date()} 基本給 {g.amount()}{g.nl()}")
    r.t("勤務先法人番号 ").e("JP_CORPORATE_NUMBER", g.corporate_number())


def t_access_log(g: Gen, r: Rec) -> None:
    y, m, d = g.ymd(2024, 2026)
    for _ in range(g.r.randint(1, 3)):
        r.e("IP_ADDRESS", g.ip()).t(
            f' - - [{d:02d}/{MONTHS[m - 1][:3]}/{y}:{g.time()} +0900] "GET /api/v{g.r.randint(1, 3)}/orders/'
        )
        status = g.pick(("200", "404", "302"))
        r.t(f'{g.r.randint(1000, 99999)} HTTP/1.1" {status} {g.r.randint(200, 90000)} "-" "app/{g.version()}"')
        r.t(g.nl())
    r.t("login ok user=").e("EMAIL_ADDRESS", g.email()).t(" from ").e("IP_ADDRESS", g.ip())


def t_invoice_corp(g: Gen, r: Rec) -> None:
    r.t(f"請求書 No.{g.order_no()}　発行日 {g.other_date()}{g.nl()}")
    r.t(
        g.pick(("株式会社", "合同会社", "有限会社"))
        + g.pick(("ひかり", "みらい", "東洋", "ノース"))
        + g.pick(("商事", "工業", "システムズ"))
    )
    r.t(" 御中" + g.nl() + "ご担当：").e("PERSON", g.jp_name(g.pick(("kanji", "surname")))).t(g.honor() + g.nl())
    r.t(g.pick(("登録番号 T", "適格請求書発行事業者番号 T", "法人番号："))).e(
        "JP_CORPORATE_NUMBER", g.corporate_number()
    )
    r.t(f"{g.nl()}小計 {g.amount()}　消費税 {g.amount()}　お支払期限 {g.other_date()}{g.nl()}")
    r.t(f"振込先 みずほ銀行 普通 {g.r.randint(1000000, 9999999)}")


def t_delivery_label(g: Gen, r: Rec) -> None:
    pre, code = g.jp_postal(mark=g.p(0.3))
    r.t(g.pick(("お届け先", "配送先", "お届け先様"))).t(g.pick((" ", "：", "\n", "　")))
    r.t(pre).e("JP_POSTAL_CODE", code).t(g.pick((" ", "\n", "　")))
    r.e("JP_ADDRESS", g.jp_address()).t(g.nl())
    r.e("PERSON", g.jp_name(g.pick(("kanji", "kanji_nospace", "kata")))).t(g.honor() + g.nl())
    r.e("PHONE_NUMBER", g.phone_jp()).t(g.nl())
    r.t(f"ご依頼主 {g.pick(('株式会社サンプル', '通販センター', 'ショップ本店'))} TEL ").e("PHONE_NUMBER", g.phone_jp())
    slot = g.pick(("午前中", "14-16時", "18-20時", "19:00-21:00"))
    r.t(f"{g.nl()}配達希望 {g.other_date()} {slot} 個数 {g.r.randint(1, 3)}")


def t_review_sentence(g: Gen, r: Rec) -> None:
    """Prose with names in running text and no labels."""
    r.t(g.pick(("昨日、", "先日", "本日")))
    r.e("PERSON", g.jp_name(g.pick(("kanji", "kanji_nospace"))))
    r.t(g.pick(("さんから", "様より", "氏から")))
    r.t("電話があり、")
    r.e("PHONE_NUMBER", g.phone_jp()).t(g.pick(("に", "へ", "まで")))
    r.t(f"折り返してほしいとのこと。注文 {g.order_no()} は {g.other_date()} 出荷済み、金額 {g.amount()}。")


def t_review_en(g: Gen, r: Rec) -> None:
    r.t(g.pick(("Spoke with ", "Met ", "Per ", "Got a note from ")))
    r.e("PERSON", g.latin_name()).t(g.pick((" today", " yesterday", "", " this morning")))
    r.t("; they moved to ")
    line, zipc = g.us_address()
    r.e("STREET_ADDRESS", line.replace("\n", ", ")).t(" ").e("POSTAL_CODE", zipc)
    r.t(g.pick((". DOB ", ", born ", ". Date of birth "))).e("DATE_OF_BIRTH", g.dob())
    r.t(f". Release {g.version()} fixed the bug; meeting at {g.time()} on {g.other_date()}.")


def t_negatives(g: Gen, r: Rec) -> None:
    """Look-alikes only: nothing here is personal information."""
    r.t(f"在庫連絡：{g.sku()} 残り{g.r.randint(0, 300)}点、入荷予定 {g.other_date()} {g.time()}。")
    r.t(f"注文番号 {g.order_no()}、伝票 {g.tracking()}、合計 {g.amount()}。")
    r.t(f"Server updated to {g.version()} at {g.time()}; order {g.order_no()} shipped, tracking {g.tracking()}.")
    r.t(f" 会議室 {g.r.randint(1, 9)}-{g.r.randint(100, 999)}、内線 {g.r.randint(1000, 9999)}。")


def t_mynumber_submit(g: Gen, r: Rec) -> None:
    r.t(g.pick(("マイナンバー提出のお願い", "個人番号届出書", "扶養控除等申告書")) + g.nl())
    r.t("提出者 ").e("PERSON", g.jp_name(g.pick(("kanji", "kanji_nospace")))).t(g.nl())
    r.t(g.pick(("個人番号", "マイナンバー", "個人番号:"))).t(g.pick((" ", "：", "\u3000"))).e(
        "JP_MY_NUMBER", g.my_number()
    ).t(g.nl())
    r.t("扶養親族 ").e("PERSON", g.jp_name("kanji")).t(" 個人番号 ").e("JP_MY_NUMBER", g.my_number())
    r.t(" 生年月日 ").e("DATE_OF_BIRTH", g.dob()).t(g.nl())
    r.t(f"受付日 {g.other_date()}　書類番号 {g.order_no()}")


def t_sms(g: Gen, r: Rec) -> None:
    """Short messages: numbers run into the Japanese around them, no labels."""
    r.t(g.pick(("至急", "【再送】", "", "お世話になります。")))
    r.e("PERSON", g.jp_name(g.pick(("kanji_nospace", "surname", "hira"))))
    r.t(g.pick(("です。", "さん宛て：", "より、")))
    r.e("PHONE_NUMBER", g.phone_jp())
    r.t(g.pick(("に電話ください", "まで折り返しお願いします", "へSMS送りました", "が新しい番号です")))
    r.t(f"（{g.time()}以降）。荷物は{g.tracking()}で{g.other_date()}着予定。")


def t_reservation(g: Gen, r: Rec) -> None:
    """A hotel booking in mixed Japanese and English."""
    r.t(f"予約確認 / Reservation {g.order_no()}{g.nl()}")
    r.t(g.pick(("Guest: ", "宿泊者名：", "代表者 "))).t(g.title())
    r.e("PERSON", g.latin_name() if g.p(0.5) else g.jp_name(g.pick(("romaji", "ROMAJI", "kata"))))
    r.t(f"{g.nl()}Check-in {g.other_date()} {g.time()} / {g.r.randint(1, 4)}名 / {g.amount()}{g.nl()}")
    r.t(g.pick(("Contact: ", "連絡先："))).e("PHONE_NUMBER", g.phone_jp() if g.p(0.6) else g.phone_en())
    r.t(" / ").e("EMAIL_ADDRESS", g.email()).t(g.nl())
    r.t(g.pick(("Date of birth (passport): ", "生年月日（旅券）：", "DOB "))).e("DATE_OF_BIRTH", g.dob())
    if g.p(0.4):
        r.t(f"{g.nl()}Home address: ")
        line, zipc = g.us_address() if g.p(0.6) else g.uk_address()
        r.e("STREET_ADDRESS", line).t(", ").e("POSTAL_CODE", zipc)


def t_table_rows(g: Gen, r: Rec) -> None:
    """A pasted customer list: several rows, fixed columns, tabs or pipes."""
    sep = g.pick((" | ", "\t", "  "))
    r.t(sep.join(("No", "氏名", "電話", "〒", "生年月日")) + g.nl())
    for i in range(g.r.randint(2, 4)):
        r.t(f"{i + 1}{sep}").e("PERSON", g.jp_name(g.pick(("kanji", "kanji_nospace", "kata")))).t(sep)
        r.e("PHONE_NUMBER", g.phone_jp()).t(sep).e("JP_POSTAL_CODE", g.jp_postal(mark=False)[1]).t(sep)
        r.e("DATE_OF_BIRTH", g.dob()).t(g.nl())
    r.t(f"出力日時 {g.other_date()} {g.time()}　件数 {g.r.randint(2, 4)}")


TEMPLATES: tuple[tuple[Callable[[Gen, Rec], None], int], ...] = (
    (t_order_note_ja, 10),
    (t_order_note_role, 9),
    (t_support_log, 8),
    (t_support_log_ja, 7),
    (t_shipping_line, 8),
    (t_shipping_en, 6),
    (t_email_body_ja, 6),
    (t_email_body_en, 5),
    (t_csv_line, 6),
    (t_csv_en, 4),
    (t_json_line, 5),
    (t_json_en, 4),
    (t_chat, 7),
    (t_chat_en, 5),
    (t_form, 6),
    (t_form_en, 5),
    (t_call_memo, 6),
    (t_payment, 4),
    (t_hr_record, 4),
    (t_access_log, 4),
    (t_invoice_corp, 4),
    (t_delivery_label, 6),
    (t_review_sentence, 5),
    (t_review_en, 4),
    (t_negatives, 5),
    (t_mynumber_submit, 3),
    (t_sms, 5),
    (t_reservation, 4),
    (t_table_rows, 4),
)


def load_names() -> dict[str, list[object]]:
    data: dict[str, list[object]] = json.loads(DATA.read_text(encoding="utf-8"))
    return data


def records(n: int, seed: int) -> Iterator[dict[str, object]]:
    """n labelled records; the same n and seed give the same records."""
    rng = random.Random(seed)
    g = Gen(rng, load_names())
    funcs = [f for f, _ in TEMPLATES]
    weights = [w for _, w in TEMPLATES]
    for _ in range(n):
        g.noisy = rng.random() < 0.35
        rec = Rec()
        used = []
        for i in range(rng.choices((1, 1, 1, 2))[0]):
            if i:
                rec.t(g.nl())
            func = rng.choices(funcs, weights=weights)[0]
            func(g, rec)
            used.append(func.__name__.removeprefix("t_"))
        if g.noisy:
            rec.parts = [(_space_noise(g, s), None) if e is None else (s, e) for s, e in rec.parts]
        yield rec.render() | {"templates": used, "noisy": g.noisy}


def _space_noise(g: Gen, s: str) -> str:
    """Extra spaces and stray line breaks in the text between values (never inside a labelled value)."""
    if g.p(0.2):
        s = s.replace(" ", "  ")
    if g.p(0.1) and "、" in s:
        s = s.replace("、", "、\n", 1)
    return s


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=20)
    ap.add_argument("--out", type=Path, default=None, help="JSONL file; stdout when absent")
    args = ap.parse_args()
    out = args.out.open("w", encoding="utf-8") if args.out else sys.stdout
    try:
        for rec in records(args.records, args.seed):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    finally:
        if args.out:
            out.close()


if __name__ == "__main__":
    main()
