"""Generalisation hierarchies for Japanese data: each turns the distinct values of a column into their labels at
every level above the original (level 0). Work is per distinct value, never per row: the engine factorises a
column first and asks the hierarchy about its distinct values only.

Every hierarchy is nested (a label at level l has exactly one parent at level l+1); the engine checks it.
A value a hierarchy does not cover raises `Uncovered` naming the value, and the engine turns it into an error
naming the column.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt

TOP = "*"

Labels = npt.NDArray[np.str_]


class Uncovered(ValueError):
    """A value the hierarchy does not know how to generalise."""

    def __init__(self, value: object, hierarchy: str) -> None:
        super().__init__(f"{hierarchy}: no place for the value {value!r}")
        self.value = value
        self.hierarchy = hierarchy


@dataclass(frozen=True)
class Hierarchy:
    """A named hierarchy: `level_names[0]` is the original value, the last is usually "*" (everything)."""

    name: str
    level_names: tuple[str, ...]

    @property
    def height(self) -> int:
        return len(self.level_names) - 1

    def levels(self, values: Sequence[str]) -> list[list[str]]:  # pragma: no cover - abstract
        """For each level 1..height, the label of every value (same order as `values`)."""
        raise NotImplementedError


def _rows_to_levels(rows: Sequence[Sequence[str]], height: int) -> list[list[str]]:
    return [[r[i] for r in rows] for i in range(height)]


# --- ages -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgeBands(Hierarchy):
    """Whole years of age → bands of each width (e.g. 5, 10, 20 years) → "*". Ages from `top_code` up share one
    band at every level ("90-") — top-coding the long tail."""

    name: str = "age"
    level_names: tuple[str, ...] = ("age", "5y", "10y", "20y", "*")
    widths: tuple[int, ...] = (5, 10, 20)
    top_code: int | None = 90

    def levels(self, values: Sequence[str]) -> list[list[str]]:
        out: list[list[str]] = [[] for _ in range(len(self.widths) + 1)]
        for raw in values:
            try:
                number = float(str(raw))
            except ValueError:
                raise Uncovered(raw, self.name) from None
            age = int(number) if number.is_integer() else -1  # a whole number of years (38 or 38.0)
            if age < 0 or age > 130:
                raise Uncovered(raw, self.name)
            for i, w in enumerate(self.widths):
                if self.top_code is not None and age >= self.top_code:
                    out[i].append(f"{self.top_code}-")
                else:
                    lo = age // w * w
                    hi = lo + w - 1
                    if self.top_code is not None:
                        hi = min(hi, self.top_code - 1)
                    out[i].append(f"{lo}-{hi}")
            out[-1].append(TOP)
        return out


@dataclass(frozen=True)
class NumberBands(Hierarchy):
    """Numbers → bands of each width (e.g. 1,000 / 10,000 yen) → "*"; values at or above `top_code` share one band
    and values below `bottom_code` another (top/bottom-coding). Widths must each divide the next."""

    name: str = "number"
    level_names: tuple[str, ...] = ()
    widths: tuple[int, ...] = (10,)
    top_code: int | None = None
    bottom_code: int | None = None

    def __post_init__(self) -> None:
        if not self.level_names:
            object.__setattr__(self, "level_names", ("value", *(f"{w}" for w in self.widths), TOP))
        for a, b in zip(self.widths, self.widths[1:], strict=False):
            if b % a:
                raise ValueError(f"{self.name}: band width {b} is not a multiple of {a}")

    def levels(self, values: Sequence[str]) -> list[list[str]]:
        out: list[list[str]] = [[] for _ in range(len(self.widths) + 1)]
        for raw in values:
            try:
                x = float(str(raw))
            except ValueError:
                raise Uncovered(raw, self.name) from None
            if math.isnan(x):
                raise Uncovered(raw, self.name)
            for i, w in enumerate(self.widths):
                if self.top_code is not None and x >= self.top_code:
                    out[i].append(f"{self.top_code}-")
                elif self.bottom_code is not None and x < self.bottom_code:
                    out[i].append(f"-{self.bottom_code - 1}")
                else:
                    lo = int(x // w * w)
                    out[i].append(f"{lo}-{lo + w - 1}")
            out[-1].append(TOP)
        return out


# --- dates ----------------------------------------------------------------------------------------------------

_ERAS = (
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
    (date(1912, 7, 30), "大正"),
    (date(1868, 1, 1), "明治"),
)


def era_of_year(year: int) -> str:
    """The era in force on 1 January of the year (so 2019 → 平成, 1989 → 昭和): one era per year keeps the
    hierarchy nested."""
    jan1 = date(year, 1, 1)
    for start, name in _ERAS:
        if jan1 >= start:
            return name
    raise Uncovered(year, "date")


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Dates(Hierarchy):
    """ISO dates: day (2026-04-01) → month (2026-04) → year (2026) → era (令和) → "*". With `start="month"` the
    column holds months (2026-04) and the levels start there."""

    name: str = "date"
    level_names: tuple[str, ...] = ("day", "month", "year", "era", "*")
    start: str = "day"

    def __post_init__(self) -> None:
        if self.start == "month" and self.level_names[0] == "day":
            object.__setattr__(self, "level_names", ("month", "year", "era", "*"))

    def levels(self, values: Sequence[str]) -> list[list[str]]:
        rows: list[tuple[str, ...]] = []
        for raw in values:
            s = str(raw)
            m = (_DAY if self.start == "day" else _MONTH).match(s)
            if not m:
                raise Uncovered(raw, self.name)
            year, month = int(m[1]), int(m[2])
            try:
                date(year, month, int(m[3]) if self.start == "day" else 1)
                era = era_of_year(year)
            except ValueError:
                raise Uncovered(raw, self.name) from None
            ym = f"{m[1]}-{m[2]}"
            rows.append((ym, m[1], era, TOP) if self.start == "day" else (m[1], era, TOP))
        return _rows_to_levels(rows, self.height)


# --- places ---------------------------------------------------------------------------------------------------

PREFECTURES = [
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
]

_REGION_OF_INDEX = (
    ["北海道"]
    + ["東北"] * 6
    + ["関東"] * 7
    + ["中部"] * 9
    + ["近畿"] * 7
    + ["中国"] * 5
    + ["四国"] * 4
    + ["九州・沖縄"] * 8
)
REGION = dict(zip(PREFECTURES, _REGION_OF_INDEX, strict=True))

# The first two digits of a postal code → prefecture (JP Post's ranges; a handful of border offices differ).
_POSTAL2: dict[str, str] = {}
for _pref, _ranges in {
    "北海道": [(0, 0), (4, 9)],
    "秋田県": [(1, 1)],
    "岩手県": [(2, 2)],
    "青森県": [(3, 3)],
    "東京都": [(10, 20)],
    "神奈川県": [(21, 25)],
    "千葉県": [(26, 29)],
    "茨城県": [(30, 31)],
    "栃木県": [(32, 32)],
    "埼玉県": [(33, 36)],
    "群馬県": [(37, 37)],
    "長野県": [(38, 39)],
    "山梨県": [(40, 40)],
    "静岡県": [(41, 43)],
    "愛知県": [(44, 49)],
    "岐阜県": [(50, 50)],
    "三重県": [(51, 51)],
    "滋賀県": [(52, 52)],
    "大阪府": [(53, 59)],
    "京都府": [(60, 62)],
    "奈良県": [(63, 63)],
    "和歌山県": [(64, 64)],
    "兵庫県": [(65, 67)],
    "鳥取県": [(68, 68)],
    "島根県": [(69, 69)],
    "岡山県": [(70, 71)],
    "広島県": [(72, 73)],
    "山口県": [(74, 75)],
    "香川県": [(76, 76)],
    "徳島県": [(77, 77)],
    "高知県": [(78, 78)],
    "愛媛県": [(79, 79)],
    "福岡県": [(80, 83)],
    "佐賀県": [(84, 84)],
    "長崎県": [(85, 85)],
    "熊本県": [(86, 86)],
    "大分県": [(87, 87)],
    "宮崎県": [(88, 88)],
    "鹿児島県": [(89, 89)],
    "沖縄県": [(90, 90)],
    "福井県": [(91, 91)],
    "石川県": [(92, 92)],
    "富山県": [(93, 93)],
    "新潟県": [(94, 95)],
    "福島県": [(96, 97)],
    "宮城県": [(98, 98)],
    "山形県": [(99, 99)],
}.items():
    for _lo, _hi in _ranges:
        for _n in range(_lo, _hi + 1):
            _POSTAL2[f"{_n:02d}"] = _pref

_POSTAL = re.compile(r"^〒?\s*(\d{3})-?(\d{4})$")


def prefecture_of_postal_code(code: str) -> str:
    m = _POSTAL.match(code.strip())
    if not m:
        raise Uncovered(code, "postal-code")
    return _POSTAL2[m[1][:2]]


@dataclass(frozen=True)
class PostalCodes(Hierarchy):
    """7-digit postal codes (123-4567 or 1234567) → first 3 digits → prefecture → region → "*"."""

    name: str = "postal-code"
    level_names: tuple[str, ...] = ("7 digits", "3 digits", "prefecture", "region", "*")

    def levels(self, values: Sequence[str]) -> list[list[str]]:
        # vectorised over the distinct values (a million rows can hold a few hundred thousand codes)
        arr = np.char.replace(np.char.strip(np.asarray(values, dtype=np.str_)), "〒", "")
        arr = np.char.strip(arr)
        hyphen = np.char.find(arr, "-")
        digits = np.char.replace(arr, "-", "")
        good = (np.char.str_len(digits) == 7) & np.char.isdigit(digits) & ((hyphen == -1) | (hyphen == 3))
        good &= np.char.count(arr, "-") <= 1
        if not good.all():
            raise Uncovered(values[int(np.argmin(good))], self.name)
        three = digits.astype("<U3")
        two_u, two_inv = np.unique(digits.astype("<U2"), return_inverse=True)
        pref = np.asarray([_POSTAL2[t] for t in two_u.tolist()], dtype=np.str_)[two_inv]
        region = np.asarray([REGION[p] for p in PREFECTURES], dtype=np.str_)
        region_of = dict(zip(PREFECTURES, region.tolist(), strict=True))
        pref_u, pref_inv = np.unique(pref, return_inverse=True)
        reg = np.asarray([region_of[x] for x in pref_u.tolist()], dtype=np.str_)[pref_inv]
        return [three.tolist(), pref.tolist(), reg.tolist(), [TOP] * len(values)]


@dataclass(frozen=True)
class Prefectures(Hierarchy):
    """Prefecture → region (北海道, 東北, 関東, 中部, 近畿, 中国, 四国, 九州・沖縄) → "*"."""

    name: str = "prefecture"
    level_names: tuple[str, ...] = ("prefecture", "region", "*")

    def levels(self, values: Sequence[str]) -> list[list[str]]:
        rows = []
        for raw in values:
            region = REGION.get(str(raw))
            if region is None:
                raise Uncovered(raw, self.name)
            rows.append((region, TOP))
        return _rows_to_levels(rows, self.height)


_PREF_RE = "|".join(PREFECTURES)
_ADDRESS = re.compile(
    rf"^(?P<pref>{_PREF_RE})"
    r"(?P<muni>(?:[^0-9０-９\s]+?郡)?[^0-9０-９\s]+?[市町村](?![市区町村])(?:[^0-9０-９\s]{1,4}?区(?![市区町村]))?"
    r"|[^0-9０-９\s]+?区(?![市区町村]))"
    r"(?P<town>[^0-9０-９\s]*?)(?:[0-9０-９一二三四五六七八九十]+丁目|[0-9０-９]|\s|$)"
)


@dataclass(frozen=True)
class Addresses(Hierarchy):
    """Addresses: full (番地 and building) → 町 → 市区町村 → 都道府県 → region → "*"."""

    name: str = "address"
    level_names: tuple[str, ...] = ("address", "town", "municipality", "prefecture", "region", "*")

    def levels(self, values: Sequence[str]) -> list[list[str]]:
        rows = []
        for raw in values:
            m = _ADDRESS.match(str(raw).strip())
            if not m:
                raise Uncovered(raw, self.name)
            pref, muni, town = m["pref"], m["muni"], m["town"]
            rows.append((f"{pref}{muni}{town}", f"{pref}{muni}", pref, REGION[pref], TOP))
        return _rows_to_levels(rows, self.height)


# --- sex, occupations, declared tables ------------------------------------------------------------------------


@dataclass(frozen=True)
class Sex(Hierarchy):
    """Sex → "*" (the known values and nothing else)."""

    name: str = "sex"
    level_names: tuple[str, ...] = ("sex", "*")
    known: frozenset[str] = frozenset({"男性", "女性", "その他", "male", "female", "other", "M", "F", "男", "女"})

    def levels(self, values: Sequence[str]) -> list[list[str]]:
        for raw in values:
            if str(raw) not in self.known:
                raise Uncovered(raw, self.name)
        return [[TOP] * len(values)]


# Japan Standard Occupational Classification (日本標準職業分類, 2009) major groups.
_MGR, _PRO, _CLERK, _SALES, _SERVICE, _SECURITY, _FARM, _PROD, _TRANSPORT = (
    "管理的職業従事者",
    "専門的・技術的職業従事者",
    "事務従事者",
    "販売従事者",
    "サービス職業従事者",
    "保安職業従事者",
    "農林漁業従事者",
    "生産工程従事者",
    "輸送・機械運転従事者",
)
_BUILD = "建設・採掘従事者"
OCCUPATION_GROUPS: dict[str, str] = {
    **dict.fromkeys(["経営者", "会社役員", "管理職"], _MGR),
    **dict.fromkeys(
        [
            "アイドル",
            "アーティスト",
            "アートディレクター",
            "アナウンサー",
            "アニメーター",
            "医師",
            "イラストレーター",
            "ウェブデザイナー",
            "映画監督",
            "栄養士",
            "絵本作家",
            "演歌歌手",
            "エンジニア演奏家",
            "エンジニア",
            "お笑い芸人",
            "音楽家",
            "音響技術者",
            "気象予報士",
            "脚本家",
            "救急救命士",
            "行政書士",
            "グラフィックデザイナー",
            "検察官",
            "ゲームクリエイター",
            "建築家",
            "航海士",
            "コピーライター",
            "高等学校教員",
            "公認会計士",
            "裁判官",
            "作曲家",
            "歯科医師",
            "司法書士",
            "小説家",
            "測量士",
            "大学教授",
            "漫画家",
            "モデル",
            "薬剤師",
            "YouTuber",
            "看護師",
            "教員",
            "研究者",
            "弁護士",
            "保育士",
        ],
        _PRO,
    ),
    **dict.fromkeys(["医療事務員", "公務員", "事務員", "会社員"], _CLERK),
    **dict.fromkeys(["営業", "販売員", "店員"], _SALES),
    **dict.fromkeys(
        [
            "ウェディングプランナー",
            "占い師",
            "エステティシャン",
            "介護ヘルパー",
            "調理師",
            "寿司職人",
            "バスガイド",
            "美容師",
        ],
        _SERVICE,
    ),
    **dict.fromkeys(["警察官", "消防士", "警備員", "自衛官"], _SECURITY),
    **dict.fromkeys(["農家", "漁師", "林業"], _FARM),
    **dict.fromkeys(["花火師", "和紙職人", "工場作業員"], _PROD),
    **dict.fromkeys(["運転士", "運転手", "パイロット"], _TRANSPORT),
    **dict.fromkeys(["電気工事士", "配管工", "大工"], _BUILD),
    **dict.fromkeys(["学生", "無職", "主婦", "主夫", "年金生活者"], "職業なし・その他"),
}


@dataclass(frozen=True)
class Table(Hierarchy):
    """A hierarchy given as a table: each value → its labels at levels 1..height (a ledger's own, or the shipped
    occupations)."""

    name: str = "table"
    level_names: tuple[str, ...] = ("value", "*")
    rows: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def levels(self, values: Sequence[str]) -> list[list[str]]:
        out = []
        for raw in values:
            labels = self.rows.get(str(raw))
            if labels is None:
                raise Uncovered(raw, self.name)
            if len(labels) != self.height:
                raise ValueError(f"{self.name}: {raw!r} has {len(labels)} levels, expected {self.height}")
            out.append(tuple(labels))
        return _rows_to_levels(out, self.height)


def occupations() -> Table:
    """Occupations → JSOC major group → "*" (covers Faker ja_JP's jobs and common answers on forms)."""
    return Table(
        name="occupation",
        level_names=("occupation", "major group", TOP),
        rows={job: (group, TOP) for job, group in OCCUPATION_GROUPS.items()},
    )


def builtin(name: str) -> Hierarchy:
    """The hierarchies shipped with hogo, by the name a ledger uses."""
    shipped: dict[str, Hierarchy] = {
        "age": AgeBands(),
        "date": Dates(),
        "month": Dates(name="month", start="month"),
        "postal-code": PostalCodes(),
        "prefecture": Prefectures(),
        "address": Addresses(),
        "sex": Sex(),
        "occupation": occupations(),
    }
    if name not in shipped:
        raise KeyError(name)
    return shipped[name]


BUILTIN_NAMES = ("age", "date", "month", "postal-code", "prefecture", "address", "sex", "occupation")


def labels_array(labels: list[str]) -> Labels:
    return np.asarray(labels, dtype=np.str_)
