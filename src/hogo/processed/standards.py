"""The law's processing standards, checked item by item before anything is made (pure: no I/O).

- Rule 31 (pseudonymised, Art. 41(1)): (1) descriptions that identify the person deleted or replaced; (2) every
  individual identification code deleted; (3) descriptions whose misuse may cause financial damage (card numbers)
  deleted.
- Rule 34 (anonymised, Art. 43(1)): (1) identifying descriptions deleted or replaced irreversibly; (2) every
  identification code deleted; (3) codes linking the output to the source (internal ids) deleted; (4) unique
  descriptions (unique records, outliers) removed; (5) other measures suited to the data (generalisation,
  top/bottom-coding) — (4) and (5) are settled by the privacy model and reported with the engine's result.

`refusals` returns the errors that stop a job before it reads a row (each names the column); `checks` the items
of the rule with the column(s) that satisfy each.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from hogo.ledger.schemas.catalogue import Item, ValueType
from hogo.ledger.schemas.processing import ColumnAction, ProcessedColumn, ProcessingJob, ProcessingKind
from hogo.processed.engine import ModelError

IDENTIFYING = frozenset({ValueType.name, ValueType.email, ValueType.phone, ValueType.address, ValueType.ip_address})
"""Value types whose values describe or reach one person: names, e-mail, phone, full address."""


@dataclass(frozen=True)
class Check:
    rule: str  # "Rule 31(1)", "Rule 34(4)", …
    ja: str
    en: str
    ok: bool
    columns: tuple[str, ...] = ()
    detail: str = ""


def _is_code(item: Item | None) -> bool:
    return item is not None and (item.identification_code is not None or item.value_type is ValueType.my_number)


def _is_financial(item: Item | None) -> bool:
    """Card numbers and other payment data (the ledger's flag, the card-number type, or the financial category)."""
    return item is not None and (
        item.financial_damage_risk or item.value_type is ValueType.card_number or item.category.value == "financial"
    )


def _is_identifying(item: Item | None) -> bool:
    """Names, contact details and full addresses (by value type, or the identity and contact categories)."""
    return item is not None and (item.value_type in IDENTIFYING or item.category.value in ("identity", "contact"))


def _place(item: Item | None, col: ProcessedColumn) -> bool:
    """An address kept only through a hierarchy (every value checked to be a prefecture, a municipality, …; level 0
    keeps a column that holds prefectures as they are) no longer singles out a person."""
    return item is not None and item.value_type is ValueType.address and col.action is ColumnAction.generalise


def refusals(
    job: ProcessingJob, items: Mapping[str, Item], source_columns: Sequence[str], key_columns: Sequence[str]
) -> None:
    """Raise `ModelError` naming the first column the job may not process as declared."""
    known = set(source_columns)
    for col in job.columns:
        if col.name not in known:
            raise ModelError(col.name, f"the source {job.source.label} has no such column")
        if col.item is not None and col.item not in items:
            raise ModelError(col.name, f"the ledger declares no item {col.item!r}")
    model = job.model
    sensitive = [c.name for c in job.columns if c.action is ColumnAction.sensitive]
    if model is not None and (model.l is not None or model.t is not None) and not sensitive:
        raise ModelError(None, "l-diversity / t-closeness need a column with action: sensitive")
    if job.kind is ProcessingKind.statistics:
        return
    for col in job.columns:
        item = items.get(col.item) if col.item else None
        what = "an individual identification code (個人識別符号)" if _is_code(item) else None
        if what is None and _is_financial(item):
            what = "a card number or other description whose misuse may cause financial damage"
        if what and col.action is not ColumnAction.delete:
            rule = "Rule 31" if job.kind is ProcessingKind.pseudonymised else "Rule 34"
            raise ModelError(col.name, f"holds {what}; {rule} requires a delete rule (action: delete)")
        if job.kind is ProcessingKind.anonymised:
            # an address may stay as its prefecture or municipality: generalising it is the standard's own measure
            gone = col.action in (ColumnAction.delete, ColumnAction.suppress)
            if _is_identifying(item) and not gone and not _place(item, col):
                raise ModelError(
                    col.name, "identifies the person (name, contact, full address): Rule 34(1) requires delete"
                )
            if col.name in key_columns and col.action is not ColumnAction.delete:
                raise ModelError(col.name, "links the output to the source rows (an id): Rule 34(3) requires delete")
        keeps = col.action not in (ColumnAction.delete, ColumnAction.pseudonym, ColumnAction.suppress)
        if job.kind is ProcessingKind.pseudonymised and _is_identifying(item) and keeps and not _place(item, col):
            raise ModelError(col.name, "identifies the person: Rule 31(1) requires delete or a keyed pseudonym")
    if job.kind is ProcessingKind.anonymised and not any(c.action is ColumnAction.generalise for c in job.columns):
        raise ModelError(None, "an anonymised job needs at least one quasi-identifier (action: generalise)")


def _cols(columns: Sequence[ProcessedColumn], pred: object) -> tuple[str, ...]:
    return tuple(c.name for c in columns if pred(c))  # type: ignore[operator]


def checks(job: ProcessingJob, items: Mapping[str, Item], key_columns: Sequence[str]) -> list[Check]:
    """The items of Rule 31 or Rule 34, each with the columns that answer it (after `refusals` passed)."""
    cols = job.columns

    def item_of(c: ProcessedColumn) -> Item | None:
        return items.get(c.item) if c.item else None

    ident = _cols(cols, lambda c: _is_identifying(item_of(c)) and not _place(item_of(c), c))
    places = _cols(cols, lambda c: _place(item_of(c), c))
    kept_as_place = f"; kept only as a place through its hierarchy: {', '.join(places)}" if places else ""
    codes = _cols(cols, lambda c: _is_code(item_of(c)))
    money = _cols(cols, lambda c: _is_financial(item_of(c)))
    if job.kind is ProcessingKind.pseudonymised:
        return [
            Check(
                "Rule 31(1)",
                "特定の個人を識別できる記述等の削除・置換",
                "descriptions identifying a person deleted or replaced",
                True,
                ident,
                ("deleted or replaced by keyed pseudonyms" if ident else "none in the source") + kept_as_place,
            ),
            Check(
                "Rule 31(2)",
                "個人識別符号の全部削除",
                "every individual identification code deleted",
                True,
                codes,
                "deleted" if codes else "none in the source",
            ),
            Check(
                "Rule 31(3)",
                "不正利用で財産的被害が生じうる記述等の削除",
                "descriptions risking financial damage deleted",
                True,
                money,
                "deleted" if money else "none in the source",
            ),
            Check(
                "Rule 32",
                "削除情報等の安全管理",
                "deleted information kept apart",
                True,
                _cols(cols, lambda c: c.action is ColumnAction.pseudonym),
                "the job's own pseudonym key, in its own file (mode 0600) apart from the output; its use is audited",
            ),
        ]
    if job.kind is ProcessingKind.anonymised:
        links = tuple(dict.fromkeys(c for c in key_columns if c in {x.name for x in cols}))
        quasi = _cols(cols, lambda c: c.action is ColumnAction.generalise)
        coded = _cols(cols, lambda c: c.action in (ColumnAction.top_code, ColumnAction.bottom_code, ColumnAction.round))
        return [
            Check(
                "Rule 34(1)",
                "特定の個人を識別できる記述等の削除",
                "identifying descriptions deleted",
                True,
                ident,
                ("deleted" if ident else "none in the source") + kept_as_place,
            ),
            Check(
                "Rule 34(2)",
                "個人識別符号の全部削除",
                "every individual identification code deleted",
                True,
                codes,
                "deleted" if codes else "none in the source",
            ),
            Check(
                "Rule 34(3)",
                "情報を相互に連結する符号の削除",
                "codes linking to the source deleted",
                True,
                links,
                "deleted" if links else "none among the declared columns; no row id is written",
            ),
            Check(
                "Rule 34(4)",
                "特異な記述等の削除",
                "unique descriptions and outliers removed",
                True,
                quasi,
                "settled by the privacy model: see k, suppression and risk",
            ),
            Check(
                "Rule 34(5)",
                "データベースの性質を踏まえた措置",
                "measures suited to the data",
                True,
                quasi + coded,
                "generalisation by hierarchy; top/bottom-coding and rounding where declared",
            ),
        ]
    return [
        Check(
            "statistics",
            "個人と対応しない集計",
            "aggregates that correspond to no individual",
            True,
            _cols(cols, lambda c: c.action in (ColumnAction.keep, ColumnAction.generalise)),
            "groups smaller than k suppressed",
        ),
    ]
