"""The ledger as a 個人情報管理台帳 (JIS Q 15001 A.3.3.1): one row per item × purpose. Pure.

JIS Q 15001 asks the organisation to identify all personal information it handles and keep it in a register
reviewed at least yearly; auditors look for, per kind of personal information, the purpose, how it is
acquired, where and how it is kept, who may access it, how long it is kept and how it is disposed of, who it is
entrusted or provided to, and when the register was last reviewed. Every cell here is read from the ledger:
an empty cell means the ledger states nothing, never a default.
"""

from __future__ import annotations

from dataclasses import dataclass

from hogo.ledger.notice_text import fmt_period
from hogo.ledger.schemas import Ledger
from hogo.ledger.schemas.catalogue import RetentionRule
from hogo.ledger.schemas.common import Text
from hogo.ledger.vocab import (
    DISPOSAL_METHOD,
    ITEM_CATEGORY,
    RETENTION_TRIGGER,
    SPECIAL_CARE,
    STORAGE_MEDIUM,
)

COLUMNS: tuple[tuple[str, str], ...] = (
    ("No.", "No."),
    ("個人情報の項目", "Item"),
    ("項目キー", "Item key"),
    ("区分", "Category"),
    ("要配慮個人情報", "Special care"),
    ("本人の区分", "Whose data"),
    ("利用目的", "Purpose"),
    ("利用目的ID", "Purpose id"),
    ("取得方法", "How acquired"),
    ("保管場所", "Where kept"),
    ("保管媒体", "Medium"),
    ("保管方法", "How kept"),
    ("アクセス権者", "Who may access"),
    ("利用期間", "Period of use"),
    ("保存期間", "Retention"),
    ("廃棄方法", "Disposal"),
    ("件数", "Records"),
    ("委託先", "Entrusted to"),
    ("第三者提供", "Provided to"),
    ("共同利用", "Joint use"),
    ("外国にある第三者", "Recipients abroad"),
    ("データセット", "Datasets"),
    ("最終見直し日", "Last reviewed"),
)
"""Japanese header, English header: the spreadsheet's first two rows."""


@dataclass(frozen=True)
class RegisterRow:
    cells: tuple[str | int, ...]


def _ja(text: Text | None) -> str:
    return text.ja if text is not None else ""


def _join(parts: list[str]) -> str:
    return "、".join(dict.fromkeys(p for p in parts if p))


def register_rows(ledger: Ledger) -> list[RegisterRow]:
    """The register's rows in the ledger's own order: purposes as declared, items as each purpose lists them."""
    items = {i.key: i for i in ledger.items}
    kinds = {k.id: k.label.ja for k in ledger.subject_kinds}
    rows: list[RegisterRow] = []
    for purpose in ledger.purposes:
        for key in purpose.items:
            item = items.get(key)
            if item is None:
                continue
            datasets = [d for d in ledger.datasets if key in d.items and purpose.id in d.purposes]
            channels = [
                c
                for c in ledger.channels
                if (not c.items or key in c.items) and (not c.purposes or purpose.id in c.purposes)
            ]
            retention = [
                r for r in ledger.retention if key in r.items and set(r.subject_kinds) & set(purpose.subject_kinds)
            ]
            reviewed = max((d.last_review for d in datasets), default=None)
            rows.append(
                RegisterRow(
                    (
                        len(rows) + 1,
                        item.label.ja,
                        key,
                        ITEM_CATEGORY[item.category][0],
                        SPECIAL_CARE[item.special_care][0] if item.special_care else "",
                        _join([kinds.get(k, k) for k in purpose.subject_kinds]),
                        purpose.text.ja,
                        purpose.id,
                        _join([c.label.ja for c in channels]),
                        _join([d.storage_place.ja for d in datasets]),
                        _join([STORAGE_MEDIUM[d.storage_medium][0] for d in datasets]),
                        _join([d.storage_method.ja for d in datasets]),
                        _join([h for d in datasets for h in d.access_holders]),
                        _join([d.use_period.ja for d in datasets]),
                        _join([_retention(r) for r in retention]),
                        _join([DISPOSAL_METHOD[r.disposal][0] for r in retention] + [d.disposal.ja for d in datasets]),
                        sum(d.record_count for d in datasets) if datasets else "",
                        _join([e.name.ja for e in ledger.entrustees if key in e.items and purpose.id in e.purposes]),
                        _join(
                            [
                                t.name.ja
                                for t in ledger.third_parties
                                if key in t.items and (not t.purposes or purpose.id in t.purposes)
                            ]
                        ),
                        _join([j.users_scope.ja for j in ledger.joint_use if key in j.items]),
                        _join(
                            [
                                _with_country(f.name.ja, _ja(f.country_name) or f.country or "")
                                for f in ledger.foreign_recipients
                                if key in f.items and (not f.purposes or purpose.id in f.purposes)
                            ]
                        ),
                        _join([d.id for d in datasets]),
                        reviewed.isoformat() if reviewed else "",
                    )
                )
            )
    return rows


def _with_country(name: str, country: str) -> str:
    return f"{name}（{country}）" if country else name


def _retention(rule: RetentionRule) -> str:
    text = f"{RETENTION_TRIGGER[rule.starts][0]}から{fmt_period(rule.period, 'ja')}"
    if rule.legal_hold is not None:
        text += f"（{rule.legal_hold.statute.ja}により{fmt_period(rule.legal_hold.period, 'ja')}）"
    return text
