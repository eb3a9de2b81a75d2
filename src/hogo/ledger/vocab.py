"""Japanese and English labels for every enum of the ledger schema, and for country codes.

The words live in the one catalogue (`hogo.i18n`, messages `label.<Enum>.<value>` and `country.<code>`); these
tables are read from it, so the notice, the console, the portal and the letters say the same thing.
The Japanese labels use the terms of the Act and the PPC guidelines (開示, 訂正等,
利用停止等, 第三者提供の停止, 第三者提供記録の開示, 要配慮個人情報, ...); the English ones follow the
PPC's own English where it has one. A label is a noun phrase that reads well inside a sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Literal

from hogo.i18n import enum_pairs, pairs
from hogo.ledger.schemas.catalogue import (
    ChannelKind,
    DisposalMethod,
    IdentificationCode,
    ItemCategory,
    PurposeKind,
    RetentionTrigger,
    SpecialCare,
    ValueType,
)
from hogo.ledger.schemas.datasets import ActionKind, ErasureAction, StorageMedium, TrackingCategory
from hogo.ledger.schemas.operator import Clause
from hogo.ledger.schemas.procedures import (
    AgentEvidence,
    DisclosureMethod,
    IdentityDocument,
    PaymentMethod,
    RequestChannel,
    RequestKind,
)
from hogo.ledger.schemas.processing import ColumnAction, ProcessingKind
from hogo.ledger.schemas.recipients import ProvisionBasis, TransferBasis

Lang = Literal["ja", "en"]
Pair = tuple[str, str]
"""(Japanese, English)."""

ITEM_CATEGORY: Mapping[ItemCategory, Pair] = enum_pairs(ItemCategory)
SPECIAL_CARE: Mapping[SpecialCare, Pair] = enum_pairs(SpecialCare)
IDENTIFICATION_CODE: Mapping[IdentificationCode, Pair] = enum_pairs(IdentificationCode)
VALUE_TYPE: Mapping[ValueType, Pair] = enum_pairs(ValueType)
PURPOSE_KIND: Mapping[PurposeKind, Pair] = enum_pairs(PurposeKind)
CHANNEL_KIND: Mapping[ChannelKind, Pair] = enum_pairs(ChannelKind)
RETENTION_TRIGGER: Mapping[RetentionTrigger, Pair] = enum_pairs(RetentionTrigger)
DISPOSAL_METHOD: Mapping[DisposalMethod, Pair] = enum_pairs(DisposalMethod)
PROVISION_BASIS: Mapping[ProvisionBasis, Pair] = enum_pairs(ProvisionBasis)
TRANSFER_BASIS: Mapping[TransferBasis, Pair] = enum_pairs(TransferBasis)
REQUEST_KIND: Mapping[RequestKind, Pair] = enum_pairs(RequestKind)
REQUEST_CHANNEL: Mapping[RequestChannel, Pair] = enum_pairs(RequestChannel)
IDENTITY_DOCUMENT: Mapping[IdentityDocument, Pair] = enum_pairs(IdentityDocument)
PAYMENT_METHOD: Mapping[PaymentMethod, Pair] = enum_pairs(PaymentMethod)
AGENT_EVIDENCE: Mapping[AgentEvidence, Pair] = enum_pairs(AgentEvidence)
DISCLOSURE_METHOD: Mapping[DisclosureMethod, Pair] = enum_pairs(DisclosureMethod)
CLAUSE: Mapping[Clause, Pair] = enum_pairs(Clause)
STORAGE_MEDIUM: Mapping[StorageMedium, Pair] = enum_pairs(StorageMedium)
ERASURE_ACTION: Mapping[ErasureAction, Pair] = enum_pairs(ErasureAction)
TRACKING_CATEGORY: Mapping[TrackingCategory, Pair] = enum_pairs(TrackingCategory)
PROCESSING_KIND: Mapping[ProcessingKind, Pair] = enum_pairs(ProcessingKind)
COLUMN_ACTION: Mapping[ColumnAction, Pair] = enum_pairs(ColumnAction)
ACTION_KIND: Mapping[ActionKind, Pair] = enum_pairs(ActionKind)

LABELS: Mapping[type[StrEnum], Mapping[Any, Pair]] = {
    ItemCategory: ITEM_CATEGORY,
    SpecialCare: SPECIAL_CARE,
    IdentificationCode: IDENTIFICATION_CODE,
    ValueType: VALUE_TYPE,
    PurposeKind: PURPOSE_KIND,
    ChannelKind: CHANNEL_KIND,
    RetentionTrigger: RETENTION_TRIGGER,
    DisposalMethod: DISPOSAL_METHOD,
    ProvisionBasis: PROVISION_BASIS,
    TransferBasis: TRANSFER_BASIS,
    RequestKind: REQUEST_KIND,
    RequestChannel: REQUEST_CHANNEL,
    IdentityDocument: IDENTITY_DOCUMENT,
    PaymentMethod: PAYMENT_METHOD,
    AgentEvidence: AGENT_EVIDENCE,
    DisclosureMethod: DISCLOSURE_METHOD,
    Clause: CLAUSE,
    StorageMedium: STORAGE_MEDIUM,
    TrackingCategory: TRACKING_CATEGORY,
    ProcessingKind: PROCESSING_KIND,
    ColumnAction: COLUMN_ACTION,
    ErasureAction: ERASURE_ACTION,
    ActionKind: ACTION_KIND,
}
"""Every labelled enum and its table; `tests/unit/ledger/test_vocab.py` checks that none is missing."""

COUNTRIES: Mapping[str, Pair] = pairs("country")
"""Country names for ISO 3166-1 alpha-2 codes that data is commonly sent to; others show the code."""


def label(value: StrEnum, lang: Lang | str) -> str:
    """The label of an enum member in `lang` ('ja' or 'en'; anything else gives Japanese)."""
    ja, en = LABELS[type(value)][value]
    return en if lang == "en" else ja


def country_name(code: str, lang: Lang | str) -> str:
    """The name of a country from its ISO 3166-1 alpha-2 code; the code itself when unknown."""
    pair = COUNTRIES.get(code.upper())
    if pair is None:
        return code
    return pair[1] if lang == "en" else pair[0]
