"""Wording helpers for the privacy notice: dates, money, periods, addresses and lists in ja and en."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Literal

from hogo.ledger.notice_model import Lang
from hogo.ledger.schemas import Clause, Ledger, Organisation, Text
from hogo.ledger.schemas.common import PERIOD_RE
from hogo.ledger.vocab import country_name, label

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_UNITS_JA = {"y": "年", "m": "か月", "w": "週間", "d": "日"}
_UNITS_EN = {"y": "year", "m": "month", "w": "week", "d": "day"}


def says(ledger: Ledger, clause: Clause) -> bool:
    """Whether the company's policy states this standard clause (`policy.clauses`): only then does the notice."""
    return clause in ledger.policy.clauses


def tr(lang: Lang, ja: str, en: str) -> str:
    """Pick the Japanese or the English wording."""
    return ja if lang == "ja" else en


def text(value: Text | None, lang: Lang) -> str:
    """A bilingual field in `lang` (English falls back to Japanese); '' when absent."""
    return value.get(lang) if value is not None else ""


def annotate(base: str, note: str, lang: Lang) -> str:
    """`base` with `note` in brackets, never two bracketed notes in a row: when `base` already ends with one,
    the note joins it; a note the base already says (in any case) is left out."""
    if not note or note.casefold() in base.casefold():
        return base
    if lang == "ja":
        return f"{base[:-1]}、{note}）" if base.endswith("）") else f"{base}（{note}）"
    return f"{base[:-1]}; {note})" if base.endswith(")") else f"{base} ({note})"


def stated(rows: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """The rows the ledger states: a fact it lacks is left out, never filled in with staff wording (the
    linter tells staff what the law wants stated)."""
    return tuple((name, value) for name, value in rows if value)


def sentence(value: str, lang: Lang) -> str:
    """End a sentence with 。 or . unless it already ends with punctuation."""
    if not value or value[-1] in "。．.!?！？）)」":
        return value
    return value + tr(lang, "。", ".")


def cap(value: str) -> str:
    """Upper-case the first letter, for English labels that start a list item or a cell."""
    return value[:1].upper() + value[1:]


def lab(value: StrEnum, lang: Lang) -> str:
    """An enum label that stands on its own (capitalised in English)."""
    return cap(label(value, lang))


def join(values: Iterable[str], lang: Lang, conj: Literal["and", "or"] | None = None) -> str:
    """Join with '、' / ', ', skipping empty strings; with `conj`, the last two with 及び/又は, and/or."""
    parts = [v for v in values if v]
    if conj is None or len(parts) < 2:
        return tr(lang, "、", ", ").join(parts)
    word = {"and": ("及び", " and "), "or": ("又は", " or ")}[conj]
    return tr(lang, "、", ", ").join(parts[:-1]) + tr(lang, *word) + parts[-1]


def labels(values: Iterable[StrEnum], lang: Lang, conj: Literal["and", "or"] | None = None) -> str:
    """The labels of enum members, joined as a list."""
    return join((label(v, lang) for v in values), lang, conj)


def fmt_date(value: dt.date, lang: Lang) -> str:
    """2024年3月6日 / March 6, 2024."""
    if lang == "ja":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{_MONTHS[value.month - 1]} {value.day}, {value.year}"


def fmt_money(amount_jpy: int, tax_included: bool | None, lang: Lang) -> str:
    """5,500円（税込） / ¥5,500 (tax included); no tax note when the ledger states none."""
    if lang == "ja":
        note = "" if tax_included is None else f"（{'税込' if tax_included else '税別'}）"
        return f"{amount_jpy:,}円{note}"
    note = "" if tax_included is None else f" ({'tax included' if tax_included else 'excluding tax'})"
    return f"¥{amount_jpy:,}{note}"


def fmt_period(period: str, lang: Lang) -> str:
    """'7y' → 7年 / 7 years; '6m' → 6か月 / 6 months; '2w' → 2週間 / 2 weeks; '30d' → 30日 / 30 days."""
    match = PERIOD_RE.match(period)
    if match is None:
        return period
    n, unit = int(match["n"]), match["unit"]
    if lang == "ja":
        return f"{n}{_UNITS_JA[unit]}"
    return f"{n} {_UNITS_EN[unit]}{'' if n == 1 else 's'}"


def fmt_duration(period: str, lang: Lang) -> str:
    """A period as a length of time in a sentence: 7年間 / 7 years (週間 already says 'for')."""
    words = fmt_period(period, lang)
    if lang == "ja" and not words.endswith("間"):
        return words + "間"
    return words


def fmt_postal_code(code: str) -> str:
    """'1000005' → '100-0005'."""
    digits = code.replace("-", "")
    return f"{digits[:3]}-{digits[3:]}"


def fmt_address(address: Text | None, postal_code: str | None, lang: Lang) -> str:
    """〒100-0005 東京都千代田区… / 1-1 Marunouchi, Chiyoda-ku, Tokyo 100-0005; '' when there is none."""
    body = text(address, lang)
    if not body:
        return ""
    if postal_code is None:
        return body
    code = fmt_postal_code(postal_code)
    if lang == "en" and address is not None and address.en:
        return f"{body} {code}"
    return f"〒{code} {body}"


def fmt_phone(number: str, toll_free: bool, lang: Lang) -> str:
    """0120-123-456（通話料無料） / 0120-123-456 (toll-free)."""
    if not toll_free:
        return number
    return number + tr(lang, "（通話料無料）", " (toll-free)")


def org_rows(org: Organisation, lang: Lang) -> list[tuple[str, str]]:
    """Name, address and representative of a legal person (Art. 32(1)(i)), as far as the ledger states them."""
    rows = [
        (tr(lang, "名称", "Name"), org.name.get(lang)),
        (tr(lang, "住所", "Address"), fmt_address(org.address, org.postal_code, lang)),
        (tr(lang, "代表者", "Representative"), text(org.representative, lang)),
    ]
    if org.country != "JP":
        rows.insert(2, (tr(lang, "所在国", "Country"), cap(country_name(org.country, lang))))
    return list(stated(rows))


def item_labels(ledger: Ledger, keys: Sequence[str], lang: Lang) -> str:
    """The labels of the items with these keys, joined; keys the ledger does not declare are skipped."""
    by_key = ledger.items_by_key()
    return join((by_key[k].label.get(lang) for k in keys if k in by_key), lang)


def purpose_texts(ledger: Ledger, ids: Sequence[str], lang: Lang) -> list[str]:
    """The texts of the purposes with these ids, in the order given; unknown ids are skipped."""
    by_id = {p.id: p for p in ledger.purposes}
    return [by_id[i].text.get(lang) for i in ids if i in by_id]


def subject_label(ledger: Ledger, subject_id: str, lang: Lang) -> str:
    return next((s.label.get(lang) for s in ledger.subject_kinds if s.id == subject_id), subject_id)
