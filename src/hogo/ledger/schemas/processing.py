"""Processing jobs: statistics, pseudonymised and anonymised information made from personal data (Arts. 41-46)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from hogo.ledger.schemas.common import Id, Strict, Text

ColumnName = Annotated[str, Field(min_length=1, max_length=128)]


class ProcessingKind(StrEnum):
    statistics = "statistics"
    """Counts per group; a group smaller than k is suppressed (統計情報: not personal information)."""
    pseudonymised = "pseudonymised"
    """仮名加工情報 (Art. 41; Rule 31): rows kept, identifiers deleted or replaced by keyed pseudonyms."""
    anonymised = "anonymised"
    """匿名加工情報 (Art. 43; Rule 34): quasi-identifiers generalised until the privacy model holds."""


class ColumnAction(StrEnum):
    keep = "keep"
    """Copied as it is (an attribute that identifies no one, e.g. an amount in a statistics job)."""
    delete = "delete"
    """Not in the output at all."""
    generalise = "generalise"
    """A quasi-identifier: generalised along `hierarchy` by the engine (anonymised), or to its level `level`."""
    sensitive = "sensitive"
    """The sensitive attribute of l-diversity / t-closeness: released as it is, protected by the model."""
    top_code = "top_code"
    """Values at or above `limit` become `limit` ("100000-")."""
    bottom_code = "bottom_code"
    """Values below `limit` become "-`limit`"."""
    round = "round"
    """Rounded down to a multiple of `step`."""
    suppress = "suppress"
    """Every value replaced by "*" (the column stays, empty of information)."""
    pseudonym = "pseudonym"
    """Replaced by a keyed pseudonym (HMAC-SHA256 under the job's own key, kept apart); pseudonymised only."""


class DeclaredHierarchy(Strict):
    """A generalisation hierarchy the ledger declares: each value → its labels at levels 1..n."""

    id: Id
    levels: list[Annotated[str, Field(min_length=1)]] = Field(min_length=2)
    """The level names, the original first, e.g. [店舗, 地域, "*"]."""
    values: dict[str, list[str]] = Field(min_length=1)
    """value → labels at levels 1..n (as many as `levels` minus one)."""

    @model_validator(mode="after")
    def _lengths(self) -> DeclaredHierarchy:
        for value, labels in self.values.items():
            if len(labels) != len(self.levels) - 1:
                raise ValueError(f"{value!r} has {len(labels)} labels, the hierarchy has {len(self.levels) - 1} levels")
        return self


class ProcessedColumn(Strict):
    name: ColumnName
    """The column in the source table."""
    item: Id | None = None
    """The ledger item it holds (its flags — identification code, card number, contact — decide what the law
    requires of the column); none for a column that holds no personal information."""
    action: ColumnAction = ColumnAction.keep
    hierarchy: str | None = None
    """For `generalise`: a hierarchy shipped with hogo (age, date, month, postal-code, prefecture, address, sex,
    occupation) or the id of one declared in `hierarchies`."""
    bands: list[int] | None = None
    """For `generalise` of a number without a hierarchy: band widths, each a multiple of the one before."""
    level: int | None = None
    """For `generalise` in a statistics or pseudonymised job: the fixed level to generalise to."""
    limit: float | None = None
    """For `top_code` / `bottom_code`."""
    step: float | None = None
    """For `round`."""


class PrivacyModel(Strict):
    """The model an anonymised job must meet (and the k a statistics job suppresses small groups below)."""

    k: int = Field(ge=2)
    l: int | None = Field(default=None, ge=2)  # noqa: E741 - the literature's letter
    t: float | None = Field(default=None, gt=0, le=1)
    t_distance: Literal["equal", "ordered"] = "equal"
    suppression: float = Field(default=0.01, ge=0, lt=0.5)
    """The share of rows the engine may suppress (drop) rather than generalise further."""


class VaultSource(Strict):
    """Rows from hogo's vault: one per person (not erased) of these subject kinds; a column is an item, named by its
    key, its value the person's current one ("" when the person has none)."""

    subject_kinds: list[Id] = Field(min_length=1)


class ProcessingSource(Strict):
    """Where the rows come from: a table of a connected data set, or the vault."""

    dataset: Id | None = None
    table: ColumnName | None = None
    vault: VaultSource | None = None

    @model_validator(mode="after")
    def _one(self) -> ProcessingSource:
        table = self.dataset is not None and self.table is not None
        if table == (self.vault is not None) or (self.dataset is None) != (self.table is None):
            raise ValueError("the source is either {dataset, table} or {vault: {subject_kinds: […]}}")
        return self

    @property
    def label(self) -> str:
        return f"{self.dataset}.{self.table}" if self.vault is None else "vault:" + ",".join(self.vault.subject_kinds)


class Publication(Strict):
    """What is published when anonymised information is made or provided (Art. 43(3)(4); Rules 36-38)."""

    items: list[Text] = Field(min_length=1)
    """The items of information about individuals it contains, e.g. 年齢（5歳刻み）, 性別, 都道府県."""
    provision_method: Text | None = None
    """How it is provided to third parties (Art. 43(4)), e.g. 暗号化したファイルをSFTPで送付."""
    period: Text | None = None
    """For repeated creation with the same items and method: the period, or that it continues."""


class ProcessingJob(Strict):
    id: Id
    name: Text
    kind: ProcessingKind
    purpose: Text | None = None
    source: ProcessingSource
    columns: list[ProcessedColumn] = Field(min_length=1)
    model: PrivacyModel | None = None
    hierarchies: list[DeclaredHierarchy] = Field(default_factory=list)
    publish: Publication | None = None

    @model_validator(mode="after")
    def _shape(self) -> ProcessingJob:
        if self.kind is ProcessingKind.anonymised and self.model is None:
            raise ValueError("an anonymised job needs a privacy model (model: {k: …})")
        if self.kind is ProcessingKind.anonymised and self.publish is None:
            raise ValueError("an anonymised job needs the items to publish (publish: {items: […]}), Art. 43(3)")
        names = [c.name for c in self.columns]
        dup = {n for n in names if names.count(n) > 1}
        if dup:
            raise ValueError(f"column {sorted(dup)[0]!r} is declared twice")
        declared = {h.id for h in self.hierarchies}
        for col in self.columns:
            if col.action is ColumnAction.generalise and col.hierarchy is None and col.bands is None:
                raise ValueError(f"column {col.name!r}: generalise needs a hierarchy or bands")
            if col.hierarchy is not None and col.hierarchy not in declared and col.hierarchy not in _BUILTIN:
                raise ValueError(f"column {col.name!r}: no hierarchy {col.hierarchy!r}")
            if col.action in (ColumnAction.top_code, ColumnAction.bottom_code) and col.limit is None:
                raise ValueError(f"column {col.name!r}: {col.action.value} needs a limit")
            if col.action is ColumnAction.round and not col.step:
                raise ValueError(f"column {col.name!r}: round needs a step")
            if col.action is ColumnAction.pseudonym and self.kind is not ProcessingKind.pseudonymised:
                raise ValueError(f"column {col.name!r}: keyed pseudonyms belong to pseudonymised jobs only")
        return self


_BUILTIN = frozenset({"age", "date", "month", "postal-code", "prefecture", "address", "sex", "occupation"})
