"""Development corpus for PII discovery (the "dev set"), written without reading hogo's recognizers.

Seeded generator of labelled Japanese and English records (about 55 % Japanese) in the registers a Japanese
company really keeps: inquiry-form dumps, call-centre memos, delivery slips, invoices, HR records, clinic
notes, school rosters, chat logs, e-mail threads, CSV/TSV/JSON/YAML/log exports, English tickets and shipping
labels.  Each record is ``{"text", "spans": [[start, end, ENTITY], ...], "templates", "noisy"}`` with
character offsets.  Look-alikes (order and tracking numbers, JAN codes, amounts, times, dates that are not
birth dates, company, shop and place names, words that are also names, version numbers) are written into the
text unlabelled; :func:`records_with_decoys` also returns where they are so that tests and the scorer can
check them.  Names and places come from ``bench/data/dev_names.json`` (hand-written; see its ``source``).

    python bench/corpus_dev.py --records 3000 --seed 31 --out /tmp/dev.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

NAMES_FILE = Path(__file__).resolve().parent / "data" / "dev_names.json"
JA_SHARE = 0.55
NOISY_SHARE = 0.3
PAIR_SHARE = 0.12
T = TypeVar("T")

# ---------------------------------------------------------------------------------------------------------
# Script conversions: kana, romaji, full-width, OCR-like damage
# ---------------------------------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


_ROMAJI = dict(
    zip(
        "あいうえおかきくけこがぎぐげごさしすせそざじずぜぞたちつてとだぢづでどなにぬねのはひふへほばびぶべぼ"
        "ぱぴぷぺぽまみむめもやゆよらりるれろわをんぁぃぅぇぉゔ",
        _words(
            "a i u e o ka ki ku ke ko ga gi gu ge go sa shi su se so za ji zu ze zo "
            "ta chi tsu te to da ji zu de do na ni nu ne no ha hi fu he ho ba bi bu be bo "
            "pa pi pu pe po ma mi mu me mo ya yu yo ra ri ru re ro wa o n a i u e o vu"
        ),
        strict=True,
    )
)
_SMALL_Y = {"ゃ": "a", "ゅ": "u", "ょ": "o"}
_FULL_KATA = (
    "ァアィイゥウェエォオカキクケコサシスセソタチッツテトナニヌネノハヒフヘホマミムメモャヤュユョヨラリルレロワヲンー"
)
_HALF_KATA = "ｧｱｨｲｩｳｪｴｫｵｶｷｸｹｺｻｼｽｾｿﾀﾁｯﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓｬﾔｭﾕｮﾖﾗﾘﾙﾚﾛﾜｦﾝｰ"
_TO_HALF = dict(zip(_FULL_KATA, _HALF_KATA, strict=True)) | {"\u3099": "ﾞ", "\u309a": "ﾟ", "\u3000": " "}


def romaji(kana: str, long_vowels: bool = False) -> str:
    """Hepburn romanisation of a hiragana reading; long vowels dropped as on passports unless asked."""
    out: list[str] = []
    double = False
    for ch in kana:
        if ch == "っ":
            double = True
            continue
        if ch in _SMALL_Y:
            prev = out.pop() if out else ""
            stem = prev[:-1] if prev.endswith("i") else prev
            stem = stem if stem.endswith(("sh", "ch", "j")) else stem + "y"
            out.append(stem + _SMALL_Y[ch])
            continue
        syl = _ROMAJI.get(ch, "")
        if double and syl:
            syl = ("t" if syl.startswith("ch") else syl[0]) + syl
            double = False
        out.append(syl)
    text = "".join(out)
    if not long_vowels:
        text = text.replace("ou", "o").replace("uu", "u").replace("oo", "o")
    return text


def kanji_number(n: int) -> str:
    """1..99 in kanji numerals as written in addresses (十二, 二十三)."""
    digits = "〇一二三四五六七八九"
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else digits[tens] + "十")
    return head + (digits[ones] if ones else "")


def katakana(kana: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in kana)


def halfwidth_kana(text: str) -> str:
    return "".join(_TO_HALF.get(c, c) for c in unicodedata.normalize("NFD", text))


def fullwidth(text: str) -> str:
    """ASCII letters, digits and punctuation to their full-width forms (spaces left alone)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def ocr(text: str, rng: random.Random) -> str:
    """OCR-like damage: a few 0/O, 1/l, -/ー swaps."""
    swaps = {"0": "O", "1": "l", "-": "ー", "ー": "-", "5": "S"}
    chars = list(text)
    for i, c in enumerate(chars):
        if c in swaps and rng.random() < 0.25:
            chars[i] = swaps[c]
    return "".join(chars)


# ---------------------------------------------------------------------------------------------------------
# Check digits
# ---------------------------------------------------------------------------------------------------------


def my_number_check(first11: str) -> int:
    """番号法施行令第8条: weights 2..7 then 2..6 from the right, 11 - (sum mod 11), 0 when the rest is 0 or 1."""
    total = sum(int(first11[11 - n]) * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    rest = total % 11
    return 0 if rest <= 1 else 11 - rest


def corporate_check(base12: str) -> int:
    """法人番号: weights 1,2 alternating from the right, 9 - (sum mod 9), written first."""
    total = sum(int(base12[12 - n]) * (1 if n % 2 else 2) for n in range(1, 13))
    return 9 - total % 9


def luhn_digit(partial: str) -> int:
    total = 0
    for i, c in enumerate(reversed(partial)):
        d = int(c)
        if i % 2 == 0:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return (10 - total % 10) % 10


def ean13_digit(first12: str) -> int:
    total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(first12))
    return (10 - total % 10) % 10


# ---------------------------------------------------------------------------------------------------------
# The record being written
# ---------------------------------------------------------------------------------------------------------


class Doc:
    """Text written piece by piece; labelled pieces become spans, decoy pieces are remembered apart."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.spans: list[list[Any]] = []
        self.decoys: list[list[Any]] = []

    def t(self, text: str) -> Doc:
        self.parts.append(text)
        self.size += len(text)
        return self

    def e(self, entity: str, value: str) -> Doc:
        if value:
            self.spans.append([self.size, self.size + len(value), entity])
        return self.t(value)

    def d(self, kind: str, value: str) -> Doc:
        self.decoys.append([self.size, self.size + len(value), kind])
        return self.t(value)

    def text(self) -> str:
        return "".join(self.parts)


@dataclass(frozen=True)
class JpName:
    sur: str
    sur_kana: str
    giv: str
    giv_kana: str


@dataclass(frozen=True)
class LatinName:
    given: str
    surname: str
    middle: str


_MONTHS = _words("January February March April May June July August September October November December")


class Gen:
    """Values for one record: names, numbers, dates, phones, addresses, look-alikes; noisy or clean."""

    def __init__(self, rng: random.Random, data: dict[str, Any], noisy: bool) -> None:
        self.rng = rng
        self.data = data
        self.noisy = noisy

    # -- helpers ----------------------------------------------------------------------------------------
    def pick(self, seq: Sequence[T]) -> T:
        return seq[self.rng.randrange(len(seq))]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def digits(self, n: int) -> str:
        return "".join(str(self.rng.randrange(10)) for _ in range(n))

    def nz(self, text: str, fw: float = 0.35, damage: float = 0.15) -> str:
        """Noise for a number-like value in a noisy record: full-width forms or OCR damage."""
        if not self.noisy:
            return text
        if self.chance(fw):
            if self.chance(0.75):
                return fullwidth(text)
            return "".join(fullwidth(c) if self.chance(0.5) else c for c in text)  # a mix, as typed
        if self.chance(damage):
            return ocr(text, self.rng)
        if self.chance(0.1):
            return text.replace("-", self.pick([" - ", " -", "- "]), 1)
        return text

    # -- names ------------------------------------------------------------------------------------------
    def jp(self) -> JpName:
        s, sk = self.pick(self.data["jp_surnames"])
        g, gk = self.pick(self.data["jp_given"])
        return JpName(s, sk, g, gk)

    def latin(self) -> LatinName:
        middle = self.pick("ABCDEFGHJKLMNPRSTW") + "." if self.chance(0.15) else ""
        return LatinName(self.pick(self.data["latin_given"]), self.pick(self.data["latin_surnames"]), middle)

    def jp_full(self, n: JpName, style: str = "") -> str:
        style = style or self.pick(["kanji", "kanji", "kanji", "nospace", "fwspace", "kata", "hira", "roman"])
        if self.noisy and style == "kata" and self.chance(0.5):
            style = "halfkata"
        if self.noisy and style == "roman" and self.chance(0.3):
            return fullwidth(self.jp_roman(n))
        if self.noisy and style == "kanji" and self.chance(0.1):
            return f"{n.sur}  {n.giv}"
        if style == "kanji":
            return f"{n.sur} {n.giv}"
        if style == "nospace":
            return n.sur + n.giv
        if style == "fwspace":
            return f"{n.sur}\u3000{n.giv}"
        if style == "kata":
            return f"{katakana(n.sur_kana)}{self.pick([' ', '　', ''])}{katakana(n.giv_kana)}"
        if style == "halfkata":
            return halfwidth_kana(f"{katakana(n.sur_kana)} {katakana(n.giv_kana)}")
        if style == "hira":
            return f"{n.sur_kana} {n.giv_kana}"
        return self.jp_roman(n)

    def resident(self) -> tuple[str, str]:
        """A foreign resident: (katakana with ・, Latin spelling)."""
        kata, latin = self.pick(self.data["residents_kata"])
        return kata, latin

    def jp_kana(self, n: JpName) -> str:
        kana = f"{katakana(n.sur_kana)}{self.pick([' ', '　'])}{katakana(n.giv_kana)}"
        return halfwidth_kana(kana) if self.noisy and self.chance(0.4) else kana

    def jp_roman(self, n: JpName) -> str:
        long = self.chance(0.2)
        s, g = romaji(n.sur_kana, long).capitalize(), romaji(n.giv_kana, long).capitalize()
        form = self.rng.randrange(4)
        if form == 0:
            return f"{g} {s}"
        if form == 1:
            return f"{s.upper()} {g}"
        if form == 2:
            return f"{g.upper()} {s.upper()}"
        return f"{s} {g}"

    def latin_full(self, n: LatinName) -> str:
        form = self.rng.randrange(9)
        mid = f" {n.middle}" if n.middle else ""
        if form == 0:
            return f"{n.surname.upper() if self.chance(0.5) else n.surname}, {n.given}{mid}"
        if form == 1:
            return f"{n.given[0]}. {n.surname}"
        if form == 2:
            return f"{n.given}{mid} {n.surname} {self.pick(['Jr.', 'Sr.', 'III', 'II'])}"
        if form == 3:
            return f"{n.given.upper()} {n.surname.upper()}"
        return f"{n.given}{mid} {n.surname}"

    # -- dates --------------------------------------------------------------------------------------------
    def birth(self, young: bool = False) -> date:
        lo, hi = (date(2008, 4, 2), date(2019, 4, 1)) if young else (date(1938, 1, 1), date(2006, 12, 31))
        return lo + timedelta(days=self.rng.randrange((hi - lo).days))

    def recent(self) -> date:
        lo = date(2022, 1, 1)
        return lo + timedelta(days=self.rng.randrange(1800))

    def ja_date(self, d: date) -> str:
        y, m, dd = d.year, d.month, d.day
        if d >= date(2019, 5, 1):
            era, e, ey = "令和", "R", y - 2018
        elif d >= date(1989, 1, 8):
            era, e, ey = "平成", "H", y - 1988
        elif d >= date(1926, 12, 25):
            era, e, ey = "昭和", "S", y - 1925
        else:
            era, e, ey = "大正", "T", y - 1911
        eys = "元" if ey == 1 and self.chance(0.5) else str(ey)
        forms = [
            f"{y}年{m}月{dd}日",
            f"{y}年{m:02}月{dd:02}日",
            f"{era}{eys}年{m}月{dd}日",
            f"{era}{ey}年{m:02}月{dd:02}日",
            f"{e}{ey}.{m}.{dd}",
            f"{e}{ey:02}.{m:02}.{dd:02}",
            f"{y}/{m:02}/{dd:02}",
            f"{y}/{m}/{dd}",
            f"{y}-{m:02}-{dd:02}",
            f"{y}.{m}.{dd}",
        ]
        return self.nz(self.pick(forms), fw=0.4, damage=0.05)

    def en_date(self, d: date) -> str:
        y, m, dd = d.year, d.month, d.day
        month = _MONTHS[m - 1]
        nth = "th" if 11 <= dd <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(dd % 10, "th")
        forms = [
            f"{month} {dd}, {y}",
            f"{dd} {month[:3]} {y}",
            f"{dd} {month} {y}",
            f"{m:02}/{dd:02}/{y}",
            f"{dd:02}/{m:02}/{y}",
            f"{y}-{m:02}-{dd:02}",
            f"{month[:3]}. {dd}, {y}",
            f"{dd}-{month[:3]}-{y}",
            f"{dd}{nth} {month} {y}",
        ]
        return self.pick(forms)

    # -- phones, mail -------------------------------------------------------------------------------------
    def jp_phone(self, kind: str = "") -> str:
        kind = kind or self.pick(["mobile", "mobile", "land", "land", "free", "ip"])
        if kind == "mobile":
            a, b, c = self.pick(["090", "080", "070"]), self.digits(4), self.digits(4)
        elif kind == "free":
            a, b, c = self.pick(["0120", "0800"]), self.digits(3), self.digits(3)
        elif kind == "ip":
            a, b, c = "050", self.digits(4), self.digits(4)
        else:
            a = self.pick(["03", "06", "045", "052", "011", "092", "075", "022", "0263", "0467", "0276", "098"])
            b = self.digits(6 - len(a)) if len(a) > 2 else self.digits(4)
            b = str(self.rng.randint(2, 9)) + b[1:]
            c = self.digits(4)
        form = self.rng.randrange(9)
        if form <= 3:
            text = f"{a}-{b}-{c}"
        elif form == 4:
            text = a + b + c
        elif form == 5:
            text = f"{a}({b}){c}"
        elif form == 6:
            text = f"({a}){b}-{c}"
        elif form == 7 and kind != "free":
            text = f"+81-{a[1:]}-{b}-{c}" if self.chance(0.5) else f"+81 {a[1:]} {b} {c}"
        else:
            text = f"{a} {b} {c}"
        if self.noisy and self.chance(0.12):
            text = text.replace("-", self.pick(["−", "‐", "―", "ｰ"]))  # dashes pasted from Word or Excel
        return self.nz(text)

    def intl_phone(self, country: str = "") -> str:
        country = country or self.pick(["us", "us", "uk", "ca", "au", "kr", "cn", "de"])
        area = str(self.rng.randint(201, 989))
        ex, num = str(self.rng.randint(200, 989)), self.digits(4)
        if country in {"us", "ca"}:
            return self.pick(
                [
                    f"({area}) {ex}-{num}",
                    f"{area}-{ex}-{num}",
                    f"{area}.{ex}.{num}",
                    f"+1 {area} {ex} {num}",
                    f"+1 ({area}) {ex}-{num}",
                    f"1-{area}-{ex}-{num}",
                ]
            )
        if country == "uk":
            return self.pick(
                [
                    f"+44 20 {self.digits(4)} {self.digits(4)}",
                    f"020 {self.digits(4)} {self.digits(4)}",
                    f"07{self.digits(3)} {self.digits(6)}",
                    f"+44 7{self.digits(3)} {self.digits(6)}",
                    f"0161 {self.digits(3)} {self.digits(4)}",
                    f"+44 (0)131 {self.digits(3)} {self.digits(4)}",
                ]
            )
        if country == "au":
            return self.pick(
                [
                    f"+61 2 {self.digits(4)} {self.digits(4)}",
                    f"(02) {self.digits(4)} {self.digits(4)}",
                    f"04{self.digits(2)} {self.digits(3)} {self.digits(3)}",
                    f"+61 4{self.digits(2)} {self.digits(3)} {self.digits(3)}",
                ]
            )
        if country == "kr":
            return f"+82 10-{self.digits(4)}-{self.digits(4)}"
        if country == "cn":
            return f"+86 13{self.digits(1)} {self.digits(4)} {self.digits(4)}"
        return f"+49 30 {self.digits(8)}"

    def email(self, local_hint: str = "", jp: bool = True) -> str:
        base = local_hint.lower().replace(" ", ".").replace("'", "") or self.pick(["info", "support", "contact"])
        base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode() or "user"
        form = self.rng.randrange(5)
        if form == 1:
            base = base.replace(".", "_") + self.digits(2)
        elif form == 2:
            parts = base.split(".")
            base = parts[-1][:1] + "-" + parts[0] if len(parts) > 1 else base + self.digits(4)
        elif form == 3:
            base = base.replace(".", "") + str(self.rng.randint(1960, 2005))
        domains_jp = ["gmail.com", "yahoo.co.jp", "icloud.com", "docomo.ne.jp", "ezweb.ne.jp", "softbank.ne.jp"]
        domains_jp += ["outlook.jp", "nifty.com", "biglobe.ne.jp", "midori-shoji.co.jp", "hokuto-sys.jp", "ac.jp"]
        domains_en = ["gmail.com", "outlook.com", "yahoo.com", "proton.me", "comcast.net", "btinternet.com"]
        domains_en += ["northwind.example", "kestrel.io", "mail.co.uk", "bigpond.com", "shaw.ca"]
        domain = self.pick(domains_jp if jp else domains_en)
        if domain == "ac.jp":
            domain = self.pick(["s.kyoto-u.ac.jp", "edu.tohoku.ac.jp", "stu.waseda.jp"])
        at = "＠" if self.noisy and self.chance(0.1) else "@"
        return f"{base}{at}{domain}"

    # -- Japanese postal code and address -------------------------------------------------------------------
    def jp_postal(self) -> str:
        a, b = f"{self.rng.randint(10, 999):03}", self.digits(4)
        return self.nz(self.pick([f"{a}-{b}", f"{a}-{b}", a + b, f"{a}－{b}"]), damage=0.1)

    def jp_address(self, with_pref: bool = True, building: float = 0.5) -> str:
        pref, city, town = self.pick(self.data["jp_places"])
        c, b, g = self.rng.randint(1, 9), self.rng.randint(1, 40), self.rng.randint(1, 30)
        block = self.pick(
            [
                f"{c}-{b}-{g}",
                f"{c}-{b}-{g}",
                f"{c}丁目{b}-{g}",
                f"{c}丁目{b}番{g}号",
                f"{kanji_number(c)}丁目{b}番{g}号",
                f"{kanji_number(c)}丁目{kanji_number(b)}番{kanji_number(g)}号",
                f"{c}丁目{b}番地の{g}",
                f"{self.rng.randint(100, 3999)}番地",
                f"{self.rng.randint(100, 3999)}-{g}",
                f"{c}ー{b}ー{g}",
            ]
        )
        if "通" in town and "上る" in town:
            block = str(self.rng.randint(100, 700))
        block = self.nz(block, fw=0.45, damage=0.1)
        head = f"{pref}{city}" if with_pref else city
        sep = "\n" if self.noisy and self.chance(0.2) else ""
        text = f"{head}{sep}{town}{block}"
        if self.chance(building):
            name = self.pick(self.data["jp_buildings"])
            room = self.nz(str(self.rng.choice([101, 102, 201, 203, 305, 402, 503, 1203, 808])))
            bldg = self.pick([f"{name}ビル{self.rng.randint(2, 9)}F", f"{name}{room}号室", f"{name} {room}"])
            text += self.pick([" ", "　", "", "\n" if self.noisy else " "]) + bldg
        return text

    # -- foreign addresses: (street line, town line with postal code split) ---------------------------------
    def us_address(self) -> tuple[str, str, str, str]:
        city, state, zip3 = self.pick(self.data["us_places"])
        street = f"{self.rng.randint(1, 9899)} {self.pick(['', '', 'N ', 'S ', 'E ', 'W ', 'NE '])}"
        street += f"{self.pick(self.data['us_streets'])} {self.pick(self.data['us_suffixes'])}"
        if self.chance(0.4):
            street += self.pick([", Apt ", " Apt. ", ", Suite ", " #", ", Unit "]) + self.pick(
                ["4B", "12", "305", "2F"]
            )
        zipc = zip3 + self.digits(2) + (f"-{self.digits(4)}" if self.chance(0.3) else "")
        return street, f"{city}, {state} ", zipc, ""

    def uk_address(self) -> tuple[str, str, str, str]:
        city, outward = self.pick(self.data["uk_places"])
        street = f"{self.rng.randint(1, 240)}{self.pick(['', '', 'A', 'B'])} {self.pick(self.data['uk_streets'])}"
        if self.chance(0.35):
            street = f"Flat {self.rng.randint(1, 12)}, {street}"
        inward = str(self.rng.randint(0, 9)) + "".join(self.pick("ABDEFGHJLNPQRSTUWXYZ") for _ in range(2))
        return street, f"{city.upper() if self.chance(0.5) else city}\n", f"{outward} {inward}", ""

    def ca_address(self) -> tuple[str, str, str, str]:
        city, prov, fsa = self.pick(self.data["ca_places"])
        street = self.pick([f"{self.rng.randint(10, 2999)} Bay Street, Suite {self.rng.randint(100, 2400)}"])
        street = self.pick(
            [street, f"{self.rng.randint(10, 2999)} rue Sainte-Catherine O", f"{self.rng.randint(10, 999)} Main St"]
        )
        letters = "ABCEGHJKLMNPRSTVWXYZ"
        postal = f"{fsa} {self.rng.randint(0, 9)}{self.pick(letters)}{self.rng.randint(0, 9)}"
        return street, f"{city} {prov} ", postal, ""

    def au_address(self) -> tuple[str, str, str, str]:
        city, state, code = self.pick(self.data["au_places"])
        street = f"{self.rng.randint(1, 300)} {self.pick(['George', 'Smith', 'Collins', 'Queen', 'Elizabeth'])} "
        street += self.pick(["St", "Street", "Rd", "Parade"])
        if self.chance(0.4):
            street = f"Unit {self.rng.randint(1, 40)}, {street}"
        return street, f"{city.upper()} {state} ", code, ""

    # -- numbers ------------------------------------------------------------------------------------------
    def my_number(self) -> str:
        body = self.digits(11)
        value = body + str(my_number_check(body))
        form = self.pick([value, f"{value[:4]} {value[4:8]} {value[8:]}", f"{value[:4]}-{value[4:8]}-{value[8:]}"])
        return self.nz(form, damage=0.0)

    def corporate_number(self) -> str:
        body = self.digits(12)
        return str(corporate_check(body)) + body

    def card(self) -> str:
        brand = self.pick(["visa", "visa", "master", "master", "jcb", "jcb", "amex", "diners", "discover"])
        prefix, length = {
            "visa": ("4", 16),
            "master": (self.pick(["51", "52", "53", "54", "55", str(self.rng.randint(2221, 2720))]), 16),
            "jcb": (str(self.rng.randint(3528, 3589)), 16),
            "amex": (self.pick(["34", "37"]), 15),
            "diners": ("36", 14),
            "discover": (self.pick(["6011", "65"]), 16),
        }[brand]
        body = prefix + self.digits(length - len(prefix) - 1)
        number = body + str(luhn_digit(body))
        sep = self.pick([" ", "-", "", " "])
        groups = {16: (4, 4, 4, 4), 15: (4, 6, 5), 14: (4, 6, 4)}[length]
        out, i = [], 0
        for g in groups:
            out.append(number[i : i + g])
            i += g
        return self.nz(sep.join(out), damage=0.0)

    def ipv4(self) -> str:
        first = self.pick([self.rng.randint(1, 223), 192, 10, 172, 203, 133, 61])
        rest = [self.rng.randint(0, 255) for _ in range(3)]
        if first == 192:
            rest[0] = 168
        return ".".join(str(x) for x in [first, *rest])

    def ipv6(self) -> str:
        groups = [f"{self.rng.randrange(0x10000):x}" for _ in range(8)]
        groups[0] = self.pick(["2001", "2404", "2400", "fe80", "2a00", "240b"])
        form = self.rng.randrange(3)
        if form == 0:
            return ":".join(groups)
        if form == 1:
            return ":".join(g.zfill(4) for g in groups)
        cut = self.rng.randint(2, 5)
        return ":".join(groups[:cut]) + "::" + ":".join(groups[cut + 2 :])

    def ip(self) -> str:
        return self.ipv6() if self.chance(0.3) else self.ipv4()

    # -- look-alikes --------------------------------------------------------------------------------------
    def order_no(self) -> str:
        sixteen = self.digits(15)
        last = (luhn_digit(sixteen) + self.rng.randint(1, 9)) % 10  # a 16-digit order number that fails Luhn
        sixteen += str(last)
        return self.pick(
            [
                f"{self.digits(6)}-{self.digits(7)}",
                f"ORD-{self.rng.randint(2022, 2026)}-{self.digits(6)}",
                f"{self.digits(3)}-{self.digits(7)}-{self.digits(7)}",
                f"A{self.digits(2)}-{self.digits(7)}",
                f"{sixteen[:4]}-{sixteen[4:8]}-{sixteen[8:12]}-{sixteen[12:]}",
            ]
        )

    def tracking_no(self) -> str:
        """12 digits (4-4-4 like a My Number) whose last digit is not the My Number check digit, or 11 digits."""
        body = self.digits(11)
        twelve = body + str((my_number_check(body) + self.rng.randint(1, 9)) % 10)
        return self.pick([f"{twelve[:4]}-{twelve[4:8]}-{twelve[8:]}", twelve, self.digits(11)])

    def jan(self) -> str:
        """An EAN-13 product code (valid EAN check) whose first digit is not a 法人番号 check digit."""
        while True:
            body = self.pick(["49", "45"]) + self.digits(10)
            code = body + str(ean13_digit(body))
            if int(code[0]) != corporate_check(code[1:]):
                return code

    def amount(self, en: bool = False) -> str:
        n = self.rng.randint(1, 400) * self.pick([10, 100, 1000])
        if en:
            return self.pick([f"${n / 100:,.2f}", f"£{n / 100:.2f}", f"USD {n / 10:,.2f}", f"¥{n:,}"])
        return self.pick([f"¥{n:,}", f"{n:,}円", f"{n:,}円（税込）", f"￥{n:,}-", f"{n:,}-"])

    def time(self, en: bool = False) -> str:
        h, m = self.rng.randint(8, 20), self.pick([0, 15, 30, 45])
        if en:
            return self.pick(
                [f"{h}:{m:02}", f"{(h - 1) % 12 + 1}:{m:02} {'pm' if h >= 12 else 'am'}", f"{h:02}{m:02}h"]
            )
        return self.pick(
            [f"{h}:{m:02}", f"{h}時{m}分" if m else f"{h}時", f"午後{h - 12}時" if h > 12 else f"{h}:{m:02}"]
        )

    def version(self) -> str:
        return self.pick(
            [
                f"v{self.rng.randint(1, 5)}.{self.rng.randint(0, 20)}.{self.rng.randint(0, 9)}",
                f"10.0.{self.rng.randint(17000, 22999)}.{self.rng.randint(1000, 4000)}",
                f"ver.{self.rng.randint(1, 9)}.{self.rng.randint(0, 9)}.{self.rng.randint(0, 30)}",
                f"{self.rng.randint(100, 130)}.0.{self.rng.randint(5000, 6999)}.{self.rng.randint(10, 250)}",
            ]
        )

    def product_code(self) -> str:
        letters = "".join(self.pick("ABCDEFGHKLMNPRSTXZ") for _ in range(2))
        return self.pick([f"{letters}-{self.digits(4)}", f"{letters}{self.digits(3)}-{self.pick(['BK', 'WH', 'L'])}"])


Template = Callable[[Doc, Gen], None]


# ---------------------------------------------------------------------------------------------------------
# Japanese templates
# ---------------------------------------------------------------------------------------------------------


def ja_inquiry_form(doc: Doc, g: Gen) -> None:
    n = g.jp()
    doc.t("【お問い合わせフォーム】受付番号：").d("order", g.order_no()).t("\n受付日時：")
    doc.d("date", g.ja_date(g.recent())).t(" ").d("time", g.time()).t("\n")
    if g.chance(0.12):
        kata, latin = g.resident()
        doc.t("お名前：").e("PERSON", g.pick([latin, latin.upper(), kata])).t("\n")
        doc.t("フリガナ：").e("PERSON", kata).t("\n")
    else:
        doc.t("お名前：").e("PERSON", g.jp_full(n, g.pick(["kanji", "nospace", "fwspace"]))).t("\n")
        doc.t("フリガナ：").e("PERSON", g.jp_kana(n)).t("\n")
    doc.t("メールアドレス：").e("EMAIL_ADDRESS", g.email(romaji(n.giv_kana) + "." + romaji(n.sur_kana))).t("\n")
    doc.t("電話番号：").e("PHONE_NUMBER", g.jp_phone()).t("\n")
    doc.t("郵便番号：").e("JP_POSTAL_CODE", g.jp_postal()).t("\n")
    doc.t("ご住所：").e("JP_ADDRESS", g.jp_address()).t("\n")
    doc.t("お問い合わせ種別：商品について\n内容：\n").d("product", g.product_code())
    doc.t(g.pick(["を購入しましたが、", "の件で、"])).t("届いた商品が注文と違うようです。")
    doc.t(g.pick(["平日の", "土日の"])).d("time", g.time()).t("以降に連絡ください。\n")


def ja_callcenter_memo(doc: Doc, g: Gen) -> None:
    caller, agent = g.jp(), g.jp()
    doc.t("■応対メモ ").d("date", g.ja_date(g.recent())).t(" ").d("time", g.time()).t("\n担当：")
    doc.e("PERSON", agent.sur if g.chance(0.6) else g.jp_full(agent, "kanji")).t("\n")
    doc.t("お客様名：").e("PERSON", g.jp_full(caller)).t(" 様\n")
    doc.t("本人確認：生年月日（").e("DATE_OF_BIRTH", g.ja_date(g.birth())).t("）、登録住所で確認済み\n")
    doc.t("内容：請求金額").d("amount", g.amount()).t("について問い合わせ。")
    doc.e("PERSON", caller.sur).t("様より、").d("date", g.ja_date(g.recent())).t("の引き落としが二重ではとのこと。\n")
    doc.t("対応：折り返し連絡を約束。折り返し先 ").e("PHONE_NUMBER", g.jp_phone("mobile"))
    doc.t(g.pick(["（携帯）", "", " ※日中はつながりにくい"])).t("\n")
    if g.chance(0.5):
        doc.t("備考：前回は").e("PERSON", g.jp().sur).t("さんが対応。").d("word", "大家").t(
            "さんの名義で契約している可能性あり。\n"
        )


def ja_delivery_slip(doc: Doc, g: Gen) -> None:
    to, frm = g.jp(), g.jp()
    doc.t(g.pick(["宅急便 送り状", "ゆうパック ご依頼主控", "配送伝票"])).t("\n伝票番号 ").d(
        "tracking", g.tracking_no()
    )
    doc.t("\nお届け予定日 ").d("date", g.ja_date(g.recent())).t(" 時間帯指定 ").d("time", g.time()).t("\n")
    doc.t("お届け先\n〒").e("JP_POSTAL_CODE", g.jp_postal()).t("\n").e("JP_ADDRESS", g.jp_address(building=0.6)).t("\n")
    doc.e("PERSON", g.jp_full(to)).t(" 様\nTEL ").e("PHONE_NUMBER", g.jp_phone()).t("\n")
    doc.t("ご依頼主\n〒").e("JP_POSTAL_CODE", g.jp_postal()).t(" ").e("JP_ADDRESS", g.jp_address(building=0.3))
    if g.chance(0.5):
        doc.t("\n").d("company", g.pick(g.data["companies"]))
    else:
        doc.t("\n").e("PERSON", g.jp_full(frm))
    doc.t("\nTEL ").e("PHONE_NUMBER", g.jp_phone("land")).t("\n品名：").t(
        g.pick(["衣類", "書籍", "食品（冷蔵）", "精密機器"])
    )
    doc.t("　JAN ").d("jan", g.jan()).t("\n")


def ja_invoice(doc: Doc, g: Gen) -> None:
    seller = g.pick(g.data["companies"])
    buyer = g.jp()
    doc.t("請求書\n請求書番号：").d("invoice", f"INV-{g.rng.randint(2023, 2026)}-{g.digits(5)}")
    doc.t("\n請求日：").d("date", g.ja_date(g.recent())).t("\n\n")
    doc.t(g.pick(["株式会社ミナト精機 御中\nご担当：", "ご請求先："])).e("PERSON", g.jp_full(buyer, "kanji")).t(
        " 様\n\n"
    )
    doc.d("company", seller).t("\n登録番号：T").e("JP_CORPORATE_NUMBER", g.corporate_number()).t("\n")
    doc.t("〒").e("JP_POSTAL_CODE", g.jp_postal()).t(" ").e("JP_ADDRESS", g.jp_address(building=0.7)).t("\n")
    doc.t("TEL：").e("PHONE_NUMBER", g.jp_phone("land")).t("　FAX：").e("PHONE_NUMBER", g.jp_phone("land")).t("\n")
    for _ in range(g.rng.randint(1, 3)):
        doc.t("・").d("product", g.product_code()).t(" 数量 ").t(str(g.rng.randint(1, 20))).t(" 金額 ").d(
            "amount", g.amount()
        ).t("\n")
    doc.t("合計 ").d("amount", g.amount()).t("\nお支払期限：").d("date", g.ja_date(g.recent())).t("\n")


def ja_membership_application(doc: Doc, g: Gen) -> None:
    n = g.jp()
    doc.t("会員登録申込書（").d("company", g.pick(g.data["companies"])).t("）\n会員番号：").d("member7", g.digits(7)).t(
        "\n"
    )
    doc.t("氏名 ").e("PERSON", g.jp_full(n, "kanji")).t("　（").e("PERSON", g.jp_kana(n)).t("）\n")
    doc.t("生年月日 ").e("DATE_OF_BIRTH", g.ja_date(g.birth())).t(g.pick(["", "生", "生まれ"])).t("　性別 ").t(
        g.pick(["男", "女", "回答しない"])
    )
    doc.t("\n住所 〒").e("JP_POSTAL_CODE", g.jp_postal()).t("\n　").e("JP_ADDRESS", g.jp_address()).t("\n")
    doc.t("携帯 ").e("PHONE_NUMBER", g.jp_phone("mobile")).t("\nE-mail ").e(
        "EMAIL_ADDRESS", g.email(romaji(n.sur_kana))
    )
    doc.t("\nお支払い方法：クレジットカード\nカード番号 ").e("CREDIT_CARD", g.card()).t("\n有効期限 ")
    doc.d("expiry", f"{g.rng.randint(1, 12):02}/{g.rng.randint(26, 31)}").t("\n申込日 ").d(
        "date", g.ja_date(g.recent())
    ).t("\n")


def ja_rirekisho(doc: Doc, g: Gen) -> None:
    n = g.jp()
    born = g.birth()
    doc.t("履 歴 書　").d("date", g.ja_date(g.recent())).t("現在\nふりがな　").e(
        "PERSON", f"{n.sur_kana}　{n.giv_kana}"
    )
    doc.t("\n氏名　").e("PERSON", g.jp_full(n, g.pick(["kanji", "fwspace"]))).t("\n")
    doc.e("DATE_OF_BIRTH", g.ja_date(born)).t(f"生（満{2026 - born.year - 1}歳）\n")
    doc.t("現住所　〒").e("JP_POSTAL_CODE", g.jp_postal()).t("\n").e("JP_ADDRESS", g.jp_address()).t("\n")
    doc.t("電話　").e("PHONE_NUMBER", g.jp_phone()).t("\nメール　").e("EMAIL_ADDRESS", g.email(romaji(n.giv_kana)))
    doc.t("\n学歴・職歴\n")
    y = born.year + 18
    doc.d("date", f"{y}年4月").t(f"　{g.pick(['東北大学', '早稲田大学', '県立高校', '専門学校'])} 入学\n")
    doc.d("date", f"{y + 4}年3月").t("　同 卒業\n").d("date", f"{y + 4}年4月").t("　").d(
        "company", g.pick(g.data["companies"])
    )
    doc.t(" 入社\n免許・資格　普通自動車第一種運転免許\n")


def ja_employee_roster_csv(doc: Doc, g: Gen) -> None:
    english = g.chance(0.4)
    sep = "\t" if g.chance(0.3) else ","
    head = (
        ["emp_id", "name", "name_kana", "birth_date", "hire_date", "ext", "my_number"]
        if english
        else ["社員番号", "氏名", "フリガナ", "生年月日", "入社日", "内線", "個人番号"]
    )
    doc.t(sep.join(head) + "\n")
    for _ in range(g.rng.randint(2, 5)):
        n = g.jp()
        name, kana = g.jp_full(n, g.pick(["kanji", "nospace"])), g.jp_kana(n)
        if g.chance(0.1):
            kana, latin = g.resident()
            name = latin.upper()
        doc.d("employee_id", f"E{g.digits(5)}").t(sep).e("PERSON", name).t(sep)
        born = g.birth()
        adult = date(born.year + 18, 4, 1)
        hired = adult + timedelta(days=g.rng.randrange(max(1, (date(2026, 4, 1) - adult).days)))
        doc.e("PERSON", kana).t(sep).e("DATE_OF_BIRTH", g.ja_date(born)).t(sep)
        doc.d("date", g.ja_date(hired)).t(sep).d("extension", g.digits(4)).t(sep)
        doc.e("JP_MY_NUMBER", g.my_number() if g.chance(0.8) else "").t("\n")


def ja_clinic_reception(doc: Doc, g: Gen) -> None:
    n = g.jp()
    doc.t(g.pick(["【受付メモ】", "受付票", "初診受付"])).t(" ").d("date", g.ja_date(g.recent())).t(" ").d(
        "time", g.time()
    )
    doc.t("\n診察券番号：").d("patient_id", g.digits(g.pick([6, 8]))).t("\n患者氏名：")
    if g.chance(0.1):
        kata, latin = g.resident()
        doc.e("PERSON", kata).t("（").e("PERSON", latin).t("）\n生年月日：")
    else:
        doc.e("PERSON", g.jp_full(n)).t("（").e("PERSON", g.jp_kana(n)).t("）\n生年月日：").e(
            "DATE_OF_BIRTH", g.ja_date(g.birth())
        )
    doc.t("\n保険者番号：").d("insurer", g.digits(8)).t(" 記号・番号：").d("insurer", f"{g.digits(3)}・{g.digits(4)}")
    doc.t("\n連絡先：").e("PHONE_NUMBER", g.jp_phone()).t("\n主訴：").t(g.pick(["咳が3日続く", "腰痛", "発熱38.2度"]))
    doc.t("\n紹介元：").d("shop", g.pick(g.data["shops"])).t("近くの").d(
        "shop", g.pick(["大塚眼科", "小林医院", "さくら歯科"])
    )
    doc.t("\n付き添い：").e("PERSON", g.jp().sur).t("さん（").t(g.pick(["娘", "夫", "妻", "息子"])).t("）\n")


def ja_school_roster(doc: Doc, g: Gen) -> None:
    doc.t(g.pick(["令和7年度 3年2組 名簿", "学級名簿（保護者連絡用）", "クラス連絡網"])).t("\n")
    doc.t("番号\t氏名\tふりがな\t生年月日\t保護者\t緊急連絡先\n")
    for i in range(1, g.rng.randint(3, 6)):
        child = g.jp()
        parent = JpName(child.sur, child.sur_kana, *g.pick(g.data["jp_given"]))
        doc.t(f"{i}\t").e("PERSON", g.jp_full(child, g.pick(["kanji", "nospace", "fwspace"]))).t("\t")
        doc.e("PERSON", f"{child.sur_kana} {child.giv_kana}").t("\t").e("DATE_OF_BIRTH", g.ja_date(g.birth(young=True)))
        doc.t("\t").e("PERSON", g.jp_full(parent, "kanji")).t("\t").e("PHONE_NUMBER", g.jp_phone()).t("\n")


def ja_line_chat(doc: Doc, g: Gen) -> None:
    a, b = g.jp(), g.jp()
    an, bn = a.giv_kana if g.chance(0.5) else a.giv, b.sur
    doc.t("[LINE] ").e("PERSON", an).t("とのトーク\n")
    doc.d("time", g.time()).t(" ").e("PERSON", an).t(" 今日の打ち上げ、").d("shop", g.pick(g.data["shops"])).t(
        "でいい？\n"
    )
    doc.d("time", g.time()).t(" ").e("PERSON", bn).t(" おっけー！住所送って\n")
    doc.d("time", g.time()).t(" ").e("PERSON", an).t(" ").e("JP_ADDRESS", g.jp_address(building=0.4)).t(" だよ\n")
    doc.d("time", g.time()).t(" ").e("PERSON", bn).t(" 遅れたら ").e("PHONE_NUMBER", g.jp_phone("mobile")).t(
        " に電話して"
    )
    doc.t(g.pick(["🙏", "！", "ｗ", ""])).t("\n")
    if g.chance(0.5):
        born = g.birth()
        doc.d("time", g.time()).t(" ").e("PERSON", an).t(" ").e("PERSON", b.sur).t(g.pick(["くん", "ちゃん", "さん"]))
        doc.t("の誕生日って").e("DATE_OF_BIRTH", f"{born.month}月{born.day}日")
        doc.t("だっけ？プレゼント").d("amount", g.amount()).t("くらいで\n")


def ja_email_thread(doc: Doc, g: Gen) -> None:
    me, you = g.jp(), g.jp()
    company = g.pick(g.data["companies"])
    doc.t("件名：Re: お見積りの件\n\n").e("PERSON", you.sur).t("様\n\nお世話になっております。").d(
        "company", company
    ).t("の")
    doc.e("PERSON", me.sur).t("です。\nご確認ありがとうございます。").d("date", g.ja_date(g.recent())).t(
        "までにお送りします。\n\n"
    )
    doc.t("--\n").d("company", company).t(" 営業部\n").e("PERSON", g.jp_full(me, "kanji")).t("\n")
    doc.t("〒").e("JP_POSTAL_CODE", g.jp_postal()).t(" ").e("JP_ADDRESS", g.jp_address(building=0.8)).t("\n")
    doc.t("TEL ").e("PHONE_NUMBER", g.jp_phone("land")).t(" / Mobile ").e("PHONE_NUMBER", g.jp_phone("mobile")).t("\n")
    doc.t("Mail ").e("EMAIL_ADDRESS", g.email(f"{romaji(me.sur_kana)}", jp=True)).t("\n\n")
    doc.t("> ").e("PERSON", me.sur).t("様\n> 見積番号 ").d("order", g.order_no()).t(" について、\n")
    doc.t("> 金額 ").d("amount", g.amount()).t(" で問題ございません。\n> ").e("PERSON", g.jp_full(you, "kanji")).t("\n")
    doc.t("> ").e("EMAIL_ADDRESS", g.email(romaji(you.giv_kana) + "." + romaji(you.sur_kana))).t("\n")


def ja_meeting_minutes(doc: Doc, g: Gen) -> None:
    people = [g.jp() for _ in range(g.rng.randint(3, 5))]
    doc.t("議事録\n日時：").d("date", g.ja_date(g.recent())).t(" ").d("time", g.time()).t("〜\n場所：")
    doc.d("place", g.pick(["本社3F会議室", "大阪支店", "新宿駅前の貸会議室", "オンライン（Teams）"])).t("\n出席者：")
    for i, p in enumerate(people):
        if i:
            doc.t(g.pick(["、", "，", " / "]))
        doc.e("PERSON", p.sur if g.chance(0.5) else g.jp_full(p, "kanji")).t(g.pick(["", "部長", "（記）", "課長"]))
    doc.t("\n議題：").d("version", g.version()).t("リリース判定\n")
    doc.t("・").e("PERSON", people[0].sur).t("より進捗報告。").d("date", g.ja_date(g.recent())).t("に本番反映予定。\n")
    doc.t("・顧客（").d("company", g.pick(g.data["companies"])).t("）の窓口は").e("PERSON", people[-1].sur).t(
        "さんに変更。\n"
    )
    doc.t("・次回：").d("date", g.ja_date(g.recent())).t("\n")


def ja_complaint_letter(doc: Doc, g: Gen) -> None:
    n = g.jp()
    doc.t("お客様相談室 御中\n\n").d("date", g.ja_date(g.recent())).t("に").d("shop", g.pick(g.data["shops"]))
    doc.t(g.pick(["で購入した", "から届いた"])).t("商品（").d("product", g.product_code()).t(
        "）について申し上げます。\n"
    )
    doc.t("店員の").e("PERSON", g.jp().sur).t("さんの説明と違い、").d("amount", g.amount()).t(
        "も余計に請求されました。\n"
    )
    doc.t("返金をお願いします。連絡は下記まで。\n\n").e("JP_ADDRESS", g.jp_address()).t("\n")
    doc.e("PERSON", f"{n.sur}\n{n.giv}" if g.noisy and g.chance(0.3) else g.jp_full(n)).t("\n電話 ").e(
        "PHONE_NUMBER", g.jp_phone()
    ).t("\n")


def ja_mynumber_form(doc: Doc, g: Gen) -> None:
    n = g.jp()
    doc.t("個人番号（マイナンバー）届出書\n提出日 ").d("date", g.ja_date(g.recent())).t("\n")
    doc.t("本人\n氏名：").e("PERSON", g.jp_full(n, "kanji")).t("\n個人番号：").e("JP_MY_NUMBER", g.my_number())
    doc.t("\n生年月日：").e("DATE_OF_BIRTH", g.ja_date(g.birth())).t("\n")
    for rel in g.pick([["配偶者"], ["配偶者", "子"], ["子"], []]):
        fam = JpName(n.sur, n.sur_kana, *g.pick(g.data["jp_given"]))
        doc.t(f"扶養親族（{rel}）：").e("PERSON", g.jp_full(fam, "kanji")).t(" 個人番号 ").e(
            "JP_MY_NUMBER", g.my_number()
        )
        doc.t(" 生年月日 ").e("DATE_OF_BIRTH", g.ja_date(g.birth(young=rel == "子"))).t("\n")
    doc.t("確認者：人事部 ").e("PERSON", g.jp().sur).t("\n")


def ja_order_confirmation(doc: Doc, g: Gen) -> None:
    n = g.jp()
    doc.e("PERSON", g.jp_full(n)).t(" 様\n\nこの度は").d(
        "shop", g.pick(["オンラインストア", "中村屋オンライン", "鈴木書店"])
    )
    doc.t("をご利用いただきありがとうございます。\nご注文番号：").d("order", g.order_no()).t("\nご注文日：")
    doc.d("date", g.ja_date(g.recent())).t("\n商品：").d("product", g.product_code()).t(" JANコード ").d("jan", g.jan())
    doc.t("\n小計 ").d("amount", g.amount()).t("\nお届け先：〒").e("JP_POSTAL_CODE", g.jp_postal()).t(" ")
    doc.e("JP_ADDRESS", g.jp_address()).t("\nお支払い：カード（").d("masked_card", f"**** **** **** {g.digits(4)}").t(
        "）\n"
    )
    doc.t("配送業者の追跡番号 ").d("tracking", g.tracking_no()).t("\n")


def ja_rental_application(doc: Doc, g: Gen) -> None:
    n, guarantor = g.jp(), g.jp()
    doc.t("入居申込書\n物件：").d("place", f"{g.pick(g.data['jp_buildings'])}{g.rng.randint(101, 905)}号室").t("\n")
    doc.t("申込者 ").e("PERSON", g.jp_full(n, "kanji")).t("（").e("DATE_OF_BIRTH", g.ja_date(g.birth())).t("生）\n")
    doc.t("現住所 ").e("JP_ADDRESS", g.jp_address()).t("\n勤務先 ").d("company", g.pick(g.data["companies"]))
    doc.t(" 年収 ").d("amount", g.amount()).t("\n連絡先 ").e("PHONE_NUMBER", g.jp_phone("mobile")).t("\n")
    doc.t("連帯保証人 ").e("PERSON", g.jp_full(guarantor)).t(" 続柄：").t(g.pick(["父", "母", "兄"])).t(" 電話 ")
    doc.e("PHONE_NUMBER", g.jp_phone()).t("\n備考：").d("word", "大家").t("さんとは面談済み。").d(
        "date", g.ja_date(g.recent())
    ).t("入居希望。\n")


def ja_bank_transfer(doc: Doc, g: Gen) -> None:
    n = g.jp()
    doc.t("振込依頼書\n振込日 ").d("date", g.ja_date(g.recent())).t("\n振込先 ").t(
        g.pick(["みずほ銀行", "三井住友銀行", "ゆうちょ銀行"])
    )
    doc.t(" ").t(g.pick(["新宿支店", "梅田支店", "〇一八支店"])).t(" 普通 ").d("account", g.digits(7)).t("\n受取人 ")
    doc.e("PERSON", halfwidth_kana(f"{katakana(n.sur_kana)} {katakana(n.giv_kana)}")).t("\n金額 ").d(
        "amount", g.amount()
    )
    doc.t("\n依頼人 ").e("PERSON", g.jp_full(g.jp(), g.pick(["kata", "halfkata", "kanji"]))).t(" TEL ").e(
        "PHONE_NUMBER", g.jp_phone()
    )
    doc.t("\n").d("shop", g.pick(g.data["shops"])).t("の代金として\n")


def ja_ocr_form(doc: Doc, g: Gen) -> None:
    g.noisy = True
    n = g.jp()
    doc.t("ｺﾞ住所変更届  (スキャン)\n氏  名 ").e(
        "PERSON", f"{n.sur}\n{n.giv}" if g.chance(0.3) else g.jp_full(n, "fwspace")
    )
    doc.t("\nﾌﾘｶﾞﾅ ").e("PERSON", halfwidth_kana(f"{katakana(n.sur_kana)} {katakana(n.giv_kana)}"))
    doc.t("\n生年月日 ").e("DATE_OF_BIRTH", g.nz(g.ja_date(g.birth()), fw=0.5, damage=0.5)).t("\n新住所 〒 ")
    doc.e("JP_POSTAL_CODE", g.nz(g.jp_postal(), fw=0.5, damage=0.5)).t("\n").e("JP_ADDRESS", g.jp_address())
    doc.t("\n電話 ").e("PHONE_NUMBER", ocr(g.jp_phone(), g.rng)).t("\n受付印 ").d("date", g.ja_date(g.recent())).t("\n")


def ja_server_incident(doc: Doc, g: Gen) -> None:
    doc.t("【障害報告】").d("date", g.ja_date(g.recent())).t(" ").d("time", g.time()).t("頃\n担当：")
    doc.e("PERSON", g.jp_full(g.jp(), "kanji")).t("（インフラ）\n事象：").d("version", g.version())
    doc.t(" へ更新後、ログイン失敗が多発。\n送信元：").e("IP_ADDRESS", g.ip()).t(", ").e("IP_ADDRESS", g.ip())
    doc.t("\n影響：会員").t(str(g.rng.randint(2, 400))).t("名。問い合わせ窓口 ").e("PHONE_NUMBER", g.jp_phone("free"))
    doc.t("\n対応：").e("PERSON", g.jp().sur).t("さんがWAF設定を戻した（").d("version", g.version()).t("）。\n")


def ja_survey_freetext(doc: Doc, g: Gen) -> None:
    doc.t("アンケート自由記述（回答ID ").d("order", g.digits(8)).t("）\n")
    word, rest = g.pick(
        [
            ("大家", "さんに紹介されて来店しました。"),
            ("中村屋", "のカレーが好きで来ました。"),
            ("皆様", "の対応がよかったです。"),
        ]
    )
    doc.d("word", word).t(rest)
    place, rest = g.pick([("", ""), ("千葉", "の実家から"), ("京都", "出身の母と"), ("福島", "の親戚と")])
    if place:
        doc.d("place", place).t(rest)
    doc.d("place", g.pick(["新宿駅", "横浜方面", "東京都内", "名古屋"]))
    doc.t("まで足を延ばしました。スタッフの").e("PERSON", g.jp().sur).t("さんが丁寧でした。")
    doc.t("次回は").d("date", g.ja_date(g.recent())).t("の").d("time", g.time()).t("に伺います。")
    if g.chance(0.5):
        n = g.jp()
        doc.t("\n（記入者：").e("PERSON", g.jp_full(n)).t("　").e("EMAIL_ADDRESS", g.email(romaji(n.sur_kana))).t("）")
    doc.t("\n")


def ja_address_book(doc: Doc, g: Gen) -> None:
    if g.chance(0.5):
        n = g.jp()
        doc.t("BEGIN:VCARD\nVERSION:3.0\nFN:").e("PERSON", g.jp_full(n, "kanji")).t("\nN:").e(
            "PERSON", f"{n.sur};{n.giv}"
        )
        doc.t(";;;\nTEL;TYPE=CELL:").e("PHONE_NUMBER", g.jp_phone("mobile")).t("\nEMAIL:").e(
            "EMAIL_ADDRESS", g.email(romaji(n.giv_kana))
        )
        doc.t("\nADR;TYPE=HOME:;;").e("JP_ADDRESS", g.jp_address(building=0.3)).t(";;;").e(
            "JP_POSTAL_CODE", g.jp_postal()
        )
        doc.t(";Japan\nBDAY:").e("DATE_OF_BIRTH", g.birth().isoformat()).t("\nEND:VCARD\n")
        return
    doc.t("住所録（年賀状用）\n")
    for _ in range(g.rng.randint(2, 4)):
        n = g.jp()
        doc.e("PERSON", g.jp_full(n, g.pick(["kanji", "nospace"]))).t(" 〒").e("JP_POSTAL_CODE", g.jp_postal()).t(" ")
        doc.e("JP_ADDRESS", g.jp_address()).t(g.pick(["", " 喪中", " 転居"])).t("\n")


def ja_json_log(doc: Doc, g: Gen) -> None:
    for _ in range(g.rng.randint(2, 4)):
        n = g.jp()
        email = g.email(romaji(n.giv_kana) + "." + romaji(n.sur_kana)) if g.chance(0.5) else ""
        doc.t('{"ts":"').d(
            "date", f"{g.recent().isoformat()}T{g.rng.randint(0, 23):02}:{g.rng.randint(0, 59):02}:00+09:00"
        )
        doc.t('","event":"').t(g.pick(["signup", "profile.update", "login.failed"])).t('","user":{"name":"')
        doc.e("PERSON", g.jp_full(n, g.pick(["kanji", "nospace", "roman"]))).t('","tel":"').e(
            "PHONE_NUMBER", g.jp_phone()
        )
        if email:
            doc.t('","email":"').e("EMAIL_ADDRESS", email)
        doc.t('","zip":"').e("JP_POSTAL_CODE", g.jp_postal()).t('"},"ip":"').e("IP_ADDRESS", g.ip()).t('","app":"')
        doc.d("version", g.version()).t('"}\n')


def ja_business_partner(doc: Doc, g: Gen) -> None:
    rep, staff = g.jp(), g.jp()
    doc.t("取引先登録申請書\n申請日 ").d("date", g.ja_date(g.recent())).t("\n商号 ").d(
        "company", g.pick(g.data["companies"])
    )
    doc.t("\n法人番号 ").e("JP_CORPORATE_NUMBER", g.nz(g.corporate_number(), damage=0.0)).t(
        "\n適格請求書発行事業者登録番号 T"
    )
    doc.e("JP_CORPORATE_NUMBER", g.corporate_number()).t("\n代表者 代表取締役 ").e("PERSON", g.jp_full(rep, "kanji"))
    doc.t("\n本店所在地 〒").e("JP_POSTAL_CODE", g.jp_postal()).t(" ").e("JP_ADDRESS", g.jp_address(building=0.8))
    doc.t("\n代表電話 ").e("PHONE_NUMBER", g.jp_phone("land")).t("（代表）\nご担当者 ").e("PERSON", g.jp_full(staff))
    doc.t(" (").e("EMAIL_ADDRESS", g.email(f"{romaji(staff.sur_kana)}", jp=True)).t(")\n資本金 ").d(
        "amount", g.amount()
    )
    doc.t("\n振込先口座 普通 ").d("account", g.digits(7)).t("\n")


def ja_hotel_registry(doc: Doc, g: Gen) -> None:
    doc.t("宿泊者名簿 / Guest Registration\nチェックイン ").d("date", g.ja_date(g.recent())).t(" 部屋 ").d(
        "room", g.digits(3)
    )
    doc.t("\n")
    if g.chance(0.5):
        n = g.jp()
        doc.t("氏名 Name: ").e("PERSON", g.jp_full(n, g.pick(["kanji", "roman", "roman"]))).t(
            "\n生年月日 Date of birth: "
        )
        doc.e("DATE_OF_BIRTH", g.ja_date(g.birth())).t("\n住所 Address: ").e("JP_ADDRESS", g.jp_address()).t("\n")
        doc.t("電話 Tel: ").e("PHONE_NUMBER", g.jp_phone()).t("\n")
    else:
        guest = g.latin()
        doc.t("氏名 Name: ").e("PERSON", g.latin_full(guest)).t("\n国籍 Nationality: ").d(
            "place", g.pick(["USA", "UK", "Canada"])
        )
        doc.t("\n旅券番号 Passport No.: ").d("passport", f"{g.pick(['TK', 'XR', 'GB'])}{g.digits(7)}")
        doc.t("\n生年月日 Date of birth: ").e("DATE_OF_BIRTH", g.en_date(g.birth())).t("\n住所 Address: ")
        country = _write_foreign_address(doc, g, one_line=True)
        doc.t("\n電話 Tel: ").e("PHONE_NUMBER", g.intl_phone(country)).t("\n")
    doc.t("前泊地 Previous stay: ").d("place", g.pick(["京都", "大阪", "札幌", "Osaka", "Hakone"])).t("\n")


def ja_insurance_claim(doc: Doc, g: Gen) -> None:
    n = g.jp()
    doc.t("保険金請求書\n証券番号 ").d("policy", f"{g.pick(['A', 'K', 'T'])}{g.digits(9)}").t("\n被保険者 ")
    doc.e("PERSON", g.jp_full(n)).t("（").e("DATE_OF_BIRTH", g.ja_date(g.birth())).t("生）\n事故日 ")
    doc.d("date", g.ja_date(g.recent())).t(" ").d("time", g.time()).t("頃\n事故場所 ").d(
        "place", g.pick(["国道16号", "駅前交差点", "自宅駐車場"])
    )
    doc.t("\n連絡先 ").e("PHONE_NUMBER", g.jp_phone()).t("\n受取人 ").e(
        "PERSON", g.jp_full(JpName(n.sur, n.sur_kana, *g.pick(g.data["jp_given"])))
    )
    doc.t("\n請求額 ").d("amount", g.amount()).t("\n")


def ja_attendance_log(doc: Doc, g: Gen) -> None:
    doc.t(g.pick(["勤怠ログ", "入退室記録"])).t("\n")
    for _ in range(g.rng.randint(3, 6)):
        n = g.jp()
        doc.d("date", g.ja_date(g.recent())).t(" ").d("time", g.time()).t(g.pick([" 出勤 ", " 退勤 ", " 入室 "]))
        doc.e("PERSON", g.jp_full(n, g.pick(["kanji", "nospace"])) if g.chance(0.6) else n.sur)
        doc.t(" 社員番号 ").d("employee_id", g.digits(6)).t(" 端末 ").e("IP_ADDRESS", g.ipv4()).t("\n")


def ja_voicemail(doc: Doc, g: Gen) -> None:
    n = g.jp()
    doc.t("留守番電話（自動文字起こし）").d("date", g.ja_date(g.recent())).t(" ").d("time", g.time()).t("\n")
    doc.t("「もしもし、").d("company", g.pick(g.data["companies"])).t("の件でお電話しました").e(
        "PERSON", g.jp_full(n, "kanji")
    )
    doc.t("です。").e("PERSON", g.jp().sur).t("さんはいらっしゃいますか。またお電話します。折り返しの場合は")
    doc.e("PHONE_NUMBER", g.jp_phone()).t("までお願いします。\n予約番号は").d("order", g.digits(8)).t("です。」\n")


def ja_pharmacy_note(doc: Doc, g: Gen) -> None:
    n = g.jp()
    doc.t("お薬手帳\n").e("PERSON", g.jp_full(n)).t(" 様　生年月日 ").e("DATE_OF_BIRTH", g.ja_date(g.birth()))
    doc.t("\n調剤日 ").d("date", g.ja_date(g.recent())).t("\n").d(
        "shop", g.pick(["小林薬局", "さくら薬局 駅前店", "あおば調剤"])
    )
    doc.t(" TEL ").e("PHONE_NUMBER", g.jp_phone("land")).t("\n処方医 ").e("PERSON", g.jp().sur).t(" 医師\n")
    doc.t("ロキソプロフェン錠60mg 1日3回 毎食後 ").d("amount", g.amount()).t("\n")


def ja_chat_support(doc: Doc, g: Gen) -> None:
    n, op = g.jp(), g.jp()
    doc.t("チャットサポート履歴 #").d("order", g.digits(7)).t("\n[オペレーター ").e("PERSON", op.sur).t(
        "] ご本人様確認のため、"
    )
    doc.t("お名前と生年月日をお願いします。\n[お客様] ").e("PERSON", g.jp_full(n)).t(g.pick(["です。", "、"]))
    doc.e("DATE_OF_BIRTH", g.ja_date(g.birth())).t("生まれです\n[お客様] 注文 ").d("order", g.order_no())
    doc.t(" の支払いを ").e("CREDIT_CARD", g.card()).t(" に変えたいです\n[オペレーター ").e("PERSON", op.sur)
    doc.t("] カード番号はチャットに書かないでください。マスク済み：").d(
        "masked_card", f"****-****-****-{g.digits(4)}"
    ).t("\n")


def ja_store_notice(doc: Doc, g: Gen) -> None:
    """No personal data at all: a shop notice full of look-alikes (dates, times, prices, codes, places)."""
    doc.t("【お知らせ】").d("shop", g.pick(g.data["shops"])).t(" ").d(
        "place", g.pick(["新宿東口店", "梅田店", "札幌駅前店"])
    )
    doc.t("\n").d("date", g.ja_date(g.recent())).t("（土）は").d("time", g.time()).t("閉店となります。\n")
    doc.t("セール対象：").d("product", g.product_code()).t("（JAN ").d("jan", g.jan()).t("）").d("amount", g.amount())
    doc.t("\nお問い合わせ受付番号：").d("order", g.order_no()).t("\nアプリ最新版 ").d("version", g.version())
    doc.t(" にアップデートしてください。\n").d("word", "大家").t("さん・").d("word", "皆様").t(
        "のご来店をお待ちしております。\n"
    )


# ---------------------------------------------------------------------------------------------------------
# English templates
# ---------------------------------------------------------------------------------------------------------


def _foreign_address(g: Gen, country: str = "") -> tuple[str, tuple[str, str, str, str]]:
    country = country or g.pick(["us", "us", "uk", "ca", "au"])
    make = {"us": g.us_address, "uk": g.uk_address, "ca": g.ca_address, "au": g.au_address}[country]
    return country, make()


def _write_foreign_address(doc: Doc, g: Gen, country: str = "", one_line: bool = False) -> str:
    country, (street, town, postal, _) = _foreign_address(g, country)
    doc.e("STREET_ADDRESS", street).t(", " if one_line else "\n").t(town.replace("\n", " ") if one_line else town)
    doc.e("POSTAL_CODE", postal)
    return country


def en_support_ticket(doc: Doc, g: Gen) -> None:
    n, agent = g.latin(), g.latin()
    doc.t("Ticket #").d("order", g.digits(6)).t(" | Priority: ").t(g.pick(["High", "Normal", "Low"])).t("\nOpened: ")
    doc.d("date", g.en_date(g.recent())).t(" ").d("time", g.time(en=True)).t("\nCustomer: ").e(
        "PERSON", g.latin_full(n)
    )
    doc.t(" <").e("EMAIL_ADDRESS", g.email(f"{n.given}.{n.surname}", jp=False)).t(">\nPhone: ").e(
        "PHONE_NUMBER", g.intl_phone()
    )
    doc.t("\n\nHi, my order ").d("order", g.order_no()).t(" arrived damaged. I was charged ").d(
        "amount", g.amount(en=True)
    )
    doc.t(" twice. Please call me back after ").d("time", g.time(en=True)).t(".\n")
    if g.chance(0.5):
        doc.t("For verification my date of birth is ").e("DATE_OF_BIRTH", g.en_date(g.birth())).t(".\n")
    word, rest = g.pick(
        [
            ("Will", " you also refund the shipping?"),
            ("Mark", " this as urgent, please."),
            ("Hope", " to hear from you soon."),
            ("Bill", " it to my company account if easier."),
        ]
    )
    doc.d("word", word).t(rest).t("\n")
    doc.t("\n-- Assigned to ").e("PERSON", agent.given if g.chance(0.5) else g.latin_full(agent)).t(" (Tier 2)\n")
    if g.chance(0.4):
        doc.t("Note: ").t(g.pick(["Mr. ", "Ms. ", "Mrs. ", "Dr. "])).e("PERSON", n.surname).t(" called again at ")
        doc.d("time", g.time(en=True)).t(".\n")


def en_us_shipping_label(doc: Doc, g: Gen) -> None:
    doc.t("SHIP TO:\n").e("PERSON", g.latin_full(g.latin()).upper() if g.chance(0.4) else g.latin_full(g.latin())).t(
        "\n"
    )
    _write_foreign_address(doc, g, "us")
    doc.t("\nTEL ").e("PHONE_NUMBER", g.intl_phone("us")).t("\n\nFROM: ").d(
        "company", g.pick(g.data["en_companies"])
    ).t("\n")
    _write_foreign_address(doc, g, "us")
    doc.t("\nUSPS TRACKING # ").d(
        "tracking", f"9400 {g.digits(4)} {g.digits(4)} {g.digits(4)} {g.digits(4)} {g.digits(2)}"
    )
    doc.t("\nWEIGHT 2 LB 4 OZ  REF ").d("order", g.order_no()).t("\n")


def en_uk_shipping_label(doc: Doc, g: Gen) -> None:
    n = g.latin()
    doc.t("Royal Mail Tracked 48\nDeliver to: ")
    doc.t(g.pick(["Mr ", "Mrs ", "Ms ", "Dr ", ""])).e("PERSON", g.latin_full(n)).t("\n")
    _write_foreign_address(doc, g, "uk")
    doc.t("\nMobile: ").e("PHONE_NUMBER", g.intl_phone("uk")).t("\nParcel ref ").d(
        "tracking", f"{g.pick(['JD', 'RN'])}{g.digits(9)}GB"
    )
    doc.t("\nDespatched ").d("date", g.en_date(g.recent())).t(" from ").d(
        "place", g.pick(["Swindon Mail Centre", "Heathrow"])
    ).t("\n")


def en_email_thread(doc: Doc, g: Gen) -> None:
    me, you = g.latin(), g.latin()
    company = g.pick(g.data["en_companies"])
    doc.t("Subject: RE: Renewal quote\n\nHi ").e("PERSON", you.given).t(",\n\nThanks for the quick reply. ")
    doc.t("I'll send the contract on ").d("date", g.en_date(g.recent())).t(" — version ").d("version", g.version()).t(
        " of the terms.\n"
    )
    doc.d("word", "Will").t(" that work for your team? ").d("word", "May").t(" is our busiest month.\n\nBest,\n").e(
        "PERSON", g.latin_full(me)
    ).t("\n")
    doc.t("Account Manager, ").d("company", company).t("\n")
    country = _write_foreign_address(doc, g, one_line=True)
    doc.t("\nT: ").e("PHONE_NUMBER", g.intl_phone(country)).t(" | ").e(
        "EMAIL_ADDRESS", g.email(f"{me.given}.{me.surname}", jp=False)
    )
    doc.t("\n\nOn ").d("date", g.en_date(g.recent())).t(", ").e("PERSON", g.latin_full(you)).t(" <")
    doc.e("EMAIL_ADDRESS", g.email(you.surname, jp=False)).t("> wrote:\n> Could you resend invoice ")
    doc.d("invoice", f"INV-{g.digits(5)}").t("? Total was ").d("amount", g.amount(en=True)).t(".\n")


def en_csv_export(doc: Doc, g: Gen) -> None:
    sep = g.pick([",", "\t", ";"])
    doc.t(sep.join(["customer_id", "full_name", "email", "phone", "dob", "signup_date", "last_ip"]) + "\n")
    for _ in range(g.rng.randint(2, 5)):
        n = g.latin()
        name = g.latin_full(n)
        doc.d("customer_id", f"C{g.digits(7)}").t(sep)
        if sep in name:
            doc.t('"').e("PERSON", name).t('"')
        else:
            doc.e("PERSON", name)
        doc.t(sep).e("EMAIL_ADDRESS", g.email(f"{n.given}.{n.surname}", jp=False)).t(sep).e(
            "PHONE_NUMBER", g.intl_phone()
        ).t(sep)
        doc.e("DATE_OF_BIRTH", g.birth().isoformat() if g.chance(0.5) else g.en_date(g.birth())).t(sep)
        doc.d("date", g.recent().isoformat()).t(sep).e("IP_ADDRESS", g.ip()).t("\n")


def en_access_log(doc: Doc, g: Gen) -> None:
    for _ in range(g.rng.randint(2, 5)):
        d = g.recent()
        doc.e("IP_ADDRESS", g.ip()).t(" - ").t(g.pick(["-", "admin", "jdoe"])).t(
            f" [{d.day:02}/{_MONTHS[d.month - 1][:3]}/{d.year}:"
        )
        doc.d("time", f"{g.rng.randint(0, 23):02}:{g.rng.randint(0, 59):02}:{g.rng.randint(0, 59):02}").t(
            ' +0900] "GET /api/'
        )
        doc.t(g.pick(["orders/", "items/", "v2/users/"])).d("order", g.digits(7)).t(' HTTP/1.1" 200 ').t(
            str(g.rng.randint(200, 9000))
        )
        doc.t(' "-" "Mozilla/5.0 Chrome/').d("version", g.version()).t('"\n')


def en_hr_record(doc: Doc, g: Gen) -> None:
    n = g.latin()
    doc.t("employee:\n  id: ").d("employee_id", f"E-{g.digits(5)}").t("\n  name: ").e("PERSON", g.latin_full(n)).t(
        "\n  dob: "
    )
    doc.e("DATE_OF_BIRTH", g.birth().isoformat() if g.chance(0.5) else g.en_date(g.birth())).t("\n  hired: ")
    doc.d("date", g.en_date(g.recent())).t("\n  home_address:\n    street: ")
    country, (street, town, postal, _) = _foreign_address(g)
    doc.e("STREET_ADDRESS", street).t("\n    city: ").t(town.strip().rstrip(",")).t("\n    postcode: ").e(
        "POSTAL_CODE", postal
    )
    doc.t("\n  phone: ").e("PHONE_NUMBER", g.intl_phone(country)).t("\n  manager: ").e(
        "PERSON", g.latin_full(g.latin())
    ).t("\n")
    doc.t("  salary: ").d("amount", g.amount(en=True)).t("\n")


def en_chat(doc: Doc, g: Gen) -> None:
    a, b = g.latin(), g.latin()
    doc.t("#support-escalations\n").e("PERSON", a.given).t(" ").d("time", g.time(en=True)).t(": can someone call ")
    doc.e("PERSON", g.latin_full(g.latin())).t(" back on ").e("PHONE_NUMBER", g.intl_phone()).t("?\n")
    doc.e("PERSON", b.given).t(" ").d("time", g.time(en=True)).t(": will do. Is the card on file ")
    doc.d("masked_card", f"XXXX-XXXX-XXXX-{g.digits(4)}").t("?\n").e("PERSON", a.given).t(" ").d(
        "time", g.time(en=True)
    )
    doc.t(": yes, build ").d("version", g.version()).t(" broke the retry. Customer IP was ").e("IP_ADDRESS", g.ip()).t(
        "\n"
    )


def en_intl_order(doc: Doc, g: Gen) -> None:
    n = g.latin()
    country = g.pick(["ca", "au", "us", "uk"])
    doc.t("International order ").d("order", g.order_no()).t("\nShip to: ").e("PERSON", g.latin_full(n)).t("\n")
    _write_foreign_address(doc, g, country)
    doc.t("\n").t({"ca": "CANADA", "au": "AUSTRALIA", "us": "USA", "uk": "UNITED KINGDOM"}[country]).t("\nPhone: ")
    doc.e("PHONE_NUMBER", g.intl_phone(country)).t("\nEmail: ").e("EMAIL_ADDRESS", g.email(n.surname, jp=False))
    doc.t("\nItems: ").d("product", g.product_code()).t(" x").t(str(g.rng.randint(1, 4))).t(", EAN ").d(
        "jan", g.jan()
    ).t("\n")


def en_payment_dispute(doc: Doc, g: Gen) -> None:
    n = g.latin()
    doc.t("Chargeback notice\nCardholder: ").e("PERSON", g.latin_full(n).upper()).t("\nCard: ").e(
        "CREDIT_CARD", g.card()
    )
    doc.t("  Exp ").d("expiry", f"{g.rng.randint(1, 12):02}/{g.rng.randint(26, 31)}").t("\nTransaction date: ")
    doc.d("date", g.en_date(g.recent())).t("  Amount: ").d("amount", g.amount(en=True)).t("\nMerchant ref: ").d(
        "order", g.order_no()
    )
    doc.t("\nReason: cardholder states the goods were not received.\nBilling address: ")
    _write_foreign_address(doc, g, one_line=True)
    doc.t("\n")


def en_patient_intake(doc: Doc, g: Gen) -> None:
    n = g.latin()
    doc.t("PATIENT INTAKE — ").d("date", g.en_date(g.recent())).t("\nName: ").e("PERSON", g.latin_full(n)).t("\nDOB: ")
    doc.e("DATE_OF_BIRTH", g.en_date(g.birth())).t("   MRN: ").d("patient_id", g.digits(8)).t("\nAddress: ")
    _write_foreign_address(doc, g, one_line=True)
    doc.t("\nEmergency contact: ").e("PERSON", g.latin_full(g.latin())).t(" ").e("PHONE_NUMBER", g.intl_phone()).t("\n")
    doc.t("Referred by Dr. ").e("PERSON", g.latin().surname).t("; appointment ").d("date", g.en_date(g.recent()))
    doc.t(" at ").d("time", g.time(en=True)).t("\n")


def en_meeting_notes(doc: Doc, g: Gen) -> None:
    people = [g.latin() for _ in range(g.rng.randint(2, 4))]
    doc.t("Meeting notes ").d("date", g.en_date(g.recent())).t("\nAttendees: ")
    for i, p in enumerate(people):
        doc.t(", " if i else "").e("PERSON", g.latin_full(p))
    doc.t("\n- ").e("PERSON", people[0].given).t(" will draft the ").d("word", "May").t(" newsletter; hope to ship ").d(
        "version", g.version()
    )
    doc.t(".\n- Budget ").d("amount", g.amount(en=True)).t(" approved. ").d("word", "Grace").t(" period for ").d(
        "company", g.pick(g.data["en_companies"])
    )
    doc.t(" ends in ").d("word", "June").t(".\n- Action: ").e("PERSON", people[-1].surname).t(" to follow up.\n")


def en_jp_customer_ticket(doc: Doc, g: Gen) -> None:
    n = g.jp()
    doc.t("From: ").e("PERSON", g.jp_roman(n)).t(" <").e(
        "EMAIL_ADDRESS", g.email(romaji(n.giv_kana) + "." + romaji(n.sur_kana))
    )
    doc.t(">\nSubject: delivery address change\n\nHello, this is ").e("PERSON", g.jp_roman(n)).t(" (order ")
    doc.d("order", g.order_no()).t("). I moved; please ship to\n〒").e("JP_POSTAL_CODE", g.jp_postal()).t(" ")
    doc.e("JP_ADDRESS", g.jp_address()).t("\nMy phone is ").e("PHONE_NUMBER", g.jp_phone("mobile")).t(". Thanks, ")
    doc.e("PERSON", romaji(n.giv_kana).capitalize()).t("\n")


def en_job_application(doc: Doc, g: Gen) -> None:
    n = g.latin()
    doc.t("CURRICULUM VITAE\n").e("PERSON", g.latin_full(n)).t("\n")
    country = _write_foreign_address(doc, g, one_line=True)
    doc.t("\n").e("PHONE_NUMBER", g.intl_phone(country)).t(" · ").e(
        "EMAIL_ADDRESS", g.email(f"{n.given}.{n.surname}", jp=False)
    )
    if g.chance(0.5):
        doc.t("\nDate of birth: ").e("DATE_OF_BIRTH", g.en_date(g.birth()))
    doc.t("\n\nEXPERIENCE\n").d("date", f"{_MONTHS[g.rng.randrange(12)][:3]} {g.rng.randint(2015, 2021)}").t(
        " – present  "
    )
    doc.d("company", g.pick(g.data["en_companies"])).t(", Senior Analyst\n\nREFERENCES\n").t(
        g.pick(["Mr. ", "Ms. ", "Dr. "])
    )
    doc.e("PERSON", g.latin_full(g.latin())).t(", ").e("PHONE_NUMBER", g.intl_phone()).t("\n")


def en_sms_thread(doc: Doc, g: Gen) -> None:
    a = g.latin()
    doc.t("SMS with ").e("PHONE_NUMBER", g.intl_phone()).t("\n> Hi it's ").e("PERSON", a.given).t(", your courier. ")
    doc.t("Parcel ").d("tracking", f"{g.pick(['1Z', 'JD'])}{g.digits(14)}").t(
        " is at the door, nobody home?\n< Sorry! Leave it with "
    )
    doc.t(g.pick(["Mrs ", "Mr. ", ""])).e("PERSON", g.latin().surname).t(" next door at ").e(
        "STREET_ADDRESS", g.us_address()[0]
    )
    doc.t("\n> Ok, will do. Delivered ").d("time", g.time(en=True)).t("\n")


def en_server_config(doc: Doc, g: Gen) -> None:
    n = g.latin()
    doc.t("# deploy.yaml — generated ").d("date", g.recent().isoformat()).t("\nservice:\n  image: registry/app:")
    doc.d("version", g.version()).t("\n  owner: ").e("EMAIL_ADDRESS", g.email(f"{n.given}.{n.surname}", jp=False))
    doc.t("\n  allow_from:\n")
    for _ in range(g.rng.randint(1, 3)):
        doc.t("    - ").e("IP_ADDRESS", g.ip()).t("\n")
    doc.t("  upstream: ").e("IP_ADDRESS", g.ipv4()).t(":").d("port", str(g.pick([443, 8080, 5432]))).t("\n")
    doc.t("  timeout: 30s\n  replicas: 3\n")


def en_release_notes(doc: Doc, g: Gen) -> None:
    """No personal data at all: release notes with versions, dates, ticket numbers and name-like words."""
    doc.t("Release ").d("version", g.version()).t(" — ").d("date", g.en_date(g.recent())).t(
        "\n* Fixed checkout for order "
    )
    doc.d("order", g.order_no()).t(" style references.\n* ").d("word", "May").t(" release moved; ")
    doc.d("word", "Will").t(" ship with ").d("version", g.version()).t(".\n* Price display ").d(
        "amount", g.amount(en=True)
    )
    doc.t(" rounding.\n* Build ").d("version", g.version()).t(" signed at ").d("time", g.time(en=True)).t(
        " UTC by CI.\n"
    )


# ---------------------------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------------------------


def _templates(prefix: str) -> dict[str, Template]:
    """Every template function of this module whose name starts with ``prefix``, by name."""
    return {name: f for name, f in sorted(globals().items()) if name.startswith(prefix) and callable(f)}


JA_TEMPLATES = _templates("ja_")
EN_TEMPLATES = _templates("en_")


def load_names(path: Path = NAMES_FILE) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def records_with_decoys(n: int, seed: int = 31) -> Iterator[dict[str, Any]]:
    """Records with, in addition, ``decoys``: ``[start, end, kind]`` of the look-alikes left unlabelled."""
    rng = random.Random(seed)
    data = load_names()
    for _ in range(n):
        pool = JA_TEMPLATES if rng.random() < JA_SHARE else EN_TEMPLATES
        noisy = rng.random() < NOISY_SHARE
        names = [rng.choice(sorted(pool))]
        if rng.random() < PAIR_SHARE:
            names.append(rng.choice(sorted(pool)))
        doc = Doc()
        for i, name in enumerate(names):
            if i:
                seps = [
                    "\n\n",
                    "\n\n----\n\n",
                    "\n\n=== 転送 ===\n\n" if pool is JA_TEMPLATES else "\n\n-----Original Message-----\n\n",
                ]
                doc.t(rng.choice(seps))
            gen = Gen(rng, data, noisy)
            pool[name](doc, gen)
            noisy = gen.noisy  # a scanned form is noisy whatever was drawn
        yield {"text": doc.text(), "spans": doc.spans, "templates": names, "noisy": noisy, "decoys": doc.decoys}


def records(n: int, seed: int = 31) -> Iterator[dict[str, Any]]:
    """``n`` labelled records, the same for the same seed."""
    for rec in records_with_decoys(n, seed):
        del rec["decoys"]
        yield rec


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=31)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    with args.out.open("w", encoding="utf-8") as fh:
        for rec in records(args.records, args.seed):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
