"""Data sets: the rows of the JIS Q 15001 personal information management ledger (個人情報管理台帳)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field, NonNegativeInt

from hogo.ledger.schemas.common import Id, NonEmptyIds, Period, Strict, Text


class StorageMedium(StrEnum):
    electronic = "electronic"
    paper = "paper"
    both = "both"


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


class WebTracking(Strict):
    """Cookies and analytics tools (seeds 000, 001, 003): what they collect and how to opt out."""

    id: Id
    provider: Text
    tool: Text
    purpose: Text
    items: list[Id] = Field(default_factory=list)
    opt_out: Text | None = None
    opt_out_url: str | None = None
    provider_policy_url: str | None = None
    personal_data: bool = False


class Statistics(Strict):
    """Statistical use that does not identify individuals (seeds 002, 004)."""

    text: Text
    provided_or_published: bool = False
