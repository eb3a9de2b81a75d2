"""Data sets: the rows of the JIS Q 15001 personal information management ledger (個人情報管理台帳)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import Field, NonNegativeInt, StringConstraints

from hogo.ledger.schemas.common import Id, NonEmptyIds, Period, Strict, Text


class StorageMedium(StrEnum):
    electronic = "electronic"
    paper = "paper"
    both = "both"


# -- connected datasets: where the company's own database is, and what erasure does to each column ---------------
class ErasureAction(StrEnum):
    """What an erasure request does to a column of the person's rows."""

    delete_row = "delete_row"
    set_null = "set_null"
    mask = "mask"
    keyed_hash = "keyed_hash"
    keep = "keep"


class ActionKind(StrEnum):
    """The requests that act on a column (Art. 35): each may be allowed its own actions."""

    erasure = "erasure"
    suspension_of_use = "suspension_of_use"


class LegalHold(Strict):
    """A statute that obliges the operator to keep the value: until a date, or for a period after a row's date."""

    statute: Text
    until: dt.date | None = None
    period: Period | None = None
    from_column: str | None = None
    """With `period`: the row's date the period runs from (e.g. the invoice date); else from today."""


class DataColumn(Strict):
    """One column of a connected table: the ledger item it holds and what erasure does to it."""

    name: Annotated[str, StringConstraints(min_length=1, max_length=128)]
    item: Id | None = None
    """The ledger item held here; none for a column that holds no personal information (keys, amounts)."""
    erasure: ErasureAction = ErasureAction.keep
    """What an erasure does: the same as `actions: {erasure: [this]}`."""
    actions: dict[ActionKind, Annotated[list[ErasureAction], Field(min_length=1)]] = Field(default_factory=dict)
    """Per request kind, the actions the ledger allows here. The first is what a request of that kind does;
    a request may name another of them for the column's item. A kind not listed: `erasure` for an erasure,
    keep for a suspension of use."""
    legal_hold: LegalHold | None = None
    """While the hold runs, the value is kept whatever the action; the hold is reported to the person."""

    def allowed(self, kind: ActionKind) -> list[ErasureAction]:
        """The actions a request of `kind` may take here, the default first."""
        if kind in self.actions:
            return list(self.actions[kind])
        return [self.erasure if kind is ActionKind.erasure else ErasureAction.keep]


class IdentityColumn(Strict):
    """A column that finds the person: its value is compared with the identifier of this kind."""

    column: Annotated[str, StringConstraints(min_length=1, max_length=128)]
    kind: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]


class DataTable(Strict):
    """A table of a connected dataset. A table with identities holds persons of `subject_kind`; the others
    belong to a person through relations (an invoice belongs to the customer it references)."""

    name: Annotated[str, StringConstraints(min_length=1, max_length=128)]
    subject_kind: Id | None = None
    identities: list[IdentityColumn] = Field(default_factory=list)
    columns: list[DataColumn] = Field(default_factory=list)
    suspension_column: str | None = None
    """A flag column set to true when the person's use is suspended (Art. 35)."""
    time_column: str | None = None
    """When each row was written (an order's date): an incident's time window is applied to it."""


class Relation(Strict):
    """Rows of `table` belong to the owner of the `references_table` row that `column` points to."""

    table: Annotated[str, StringConstraints(min_length=1, max_length=128)]
    column: Annotated[str, StringConstraints(min_length=1, max_length=128)]
    references_table: Annotated[str, StringConstraints(min_length=1, max_length=128)]
    references_column: Annotated[str, StringConstraints(min_length=1, max_length=128)]


class Connection(Strict):
    """How hogo reaches the database: the name of an environment variable holding its SQLAlchemy URL.

    The URL (with its password) is never written in the ledger."""

    env: Annotated[str, StringConstraints(pattern=r"^[A-Z_][A-Z0-9_]*$")]


class DataSet(Strict):
    """One data set: where it lives, who may touch it, how long it is used and kept, when it was reviewed."""

    id: Id
    name: Text
    owner: Text | None = None
    subject_kinds: NonEmptyIds
    items: NonEmptyIds
    purposes: NonEmptyIds
    channels: list[Id] = Field(default_factory=list)
    storage_place: Text
    storage_medium: StorageMedium = StorageMedium.electronic
    storage_method: Text
    storage_country: str = "JP"
    access_holders: list[str] = Field(min_length=1)
    use_period: Text
    retention: list[Id] = Field(default_factory=list)
    retention_period: Period | None = None
    disposal: Text
    record_count: NonNegativeInt
    entrustees: list[Id] = Field(default_factory=list)
    last_review: dt.date
    connection: Connection | None = None
    """A connected database: hogo finds, discloses and erases the person's rows there (issue 6)."""
    tables: list[DataTable] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    relations_from_schema: bool = False
    """Also follow the database's own foreign keys between the declared tables."""


class TrackingCategory(StrEnum):
    """What a tag is for, as the consent banner groups tags: only `necessary` runs without consent."""

    necessary = "necessary"
    functional = "functional"
    analytics = "analytics"
    advertising = "advertising"


class WebTracking(Strict):
    """Cookies and analytics tools (seeds 000, 001, 003): what they collect and how to opt out.

    Each entry is also a tag or SDK under the Telecommunications Business Act's external-transmission rule
    (外部送信規律): the information sent (`items`), its recipient (`provider`), the purpose and the opt-out."""

    id: Id
    provider: Text
    tool: Text
    purpose: Text
    items: list[Id] = Field(default_factory=list)
    opt_out: Text | None = None
    opt_out_url: str | None = None
    provider_policy_url: str | None = None
    personal_data: bool | None = None
    """True: handled as personal data; False: the company states it never links the information to a person;
    unset: the notice says nothing either way (hogo treats it as not personal data)."""
    category: TrackingCategory = TrackingCategory.analytics
    """The banner's category; a tag outside `necessary` is held back until the visitor allows its category."""
    recipient: Id | None = None
    """The third party in the ledger that links what the tag sends to personal data: the banner's consent is then
    the Art. 31 evidence the provision gate checks (a recipient abroad needs the Rule 17 information besides)."""


class WebConsentSettings(Strict):
    """The consent banner (`/consent.js`): the sites that may embed it, by origin (CORS)."""

    origins: list[Annotated[str, StringConstraints(pattern=r"^https?://[A-Za-z0-9.\-]+(:[0-9]{1,5})?$")]] = Field(
        default_factory=list
    )
    """e.g. https://www.example.co.jp; a site not listed gets no script and no consent endpoint."""


class Statistics(Strict):
    """Statistical use that does not identify individuals (seeds 002, 004)."""

    text: Text
    provided_or_published: bool = False
