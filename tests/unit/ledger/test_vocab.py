"""Every enum of the ledger schema has a Japanese and an English label, in the law's own terms."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from enum import StrEnum

import pytest

import hogo.ledger.schemas as schemas_pkg
from hogo.ledger import vocab
from hogo.ledger.schemas import ChannelKind, IdentityDocument, RequestKind, RetentionTrigger, SpecialCare


def schema_enums() -> list[type[StrEnum]]:
    """Every StrEnum defined in a module of hogo.ledger.schemas, found by walking the package."""
    found: dict[str, type[StrEnum]] = {}
    for info in pkgutil.iter_modules(schemas_pkg.__path__, schemas_pkg.__name__ + "."):
        module = importlib.import_module(info.name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, StrEnum) and obj is not StrEnum and obj.__module__ == module.__name__:
                found[obj.__qualname__] = obj
    return [found[name] for name in sorted(found)]


ENUMS = schema_enums()


def test_the_walk_finds_the_known_enums() -> None:
    names = {e.__name__ for e in ENUMS}
    assert {"ItemCategory", "RequestKind", "TransferBasis", "StorageMedium", "AgentEvidence"} <= names


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_every_member_of_every_schema_enum_has_both_labels(enum: type[StrEnum]) -> None:
    assert enum in vocab.LABELS, f"{enum.__name__} has no label table in hogo.ledger.vocab"
    for member in enum:
        ja, en = vocab.label(member, "ja"), vocab.label(member, "en")
        assert ja.strip(), f"{enum.__name__}.{member.name} has no Japanese label"
        assert en.strip(), f"{enum.__name__}.{member.name} has no English label"


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_label_tables_have_no_stray_or_duplicate_entries(enum: type[StrEnum]) -> None:
    table = vocab.LABELS[enum]
    assert set(table) == set(enum)
    ja = [pair[0] for pair in table.values()]
    assert len(ja) == len(set(ja)), f"two members of {enum.__name__} share a Japanese label"


@pytest.mark.parametrize(
    ("member", "ja"),
    [
        (RequestKind.disclosure, "開示"),
        (RequestKind.correction, "訂正等（訂正・追加・削除）"),
        (RequestKind.suspension_of_use, "利用停止等"),
        (RequestKind.suspension_of_provision, "第三者提供の停止"),
        (RequestKind.provision_record_disclosure, "第三者提供記録の開示"),
        (RequestKind.purpose_notification, "利用目的の通知"),
        (SpecialCare.medical_history, "病歴"),
        (IdentityDocument.my_number_card_front, "マイナンバーカード（表面のみ）"),
        (RetentionTrigger.contract_end, "契約終了日"),
    ],
)
def test_official_japanese_terms(member: StrEnum, ja: str) -> None:
    assert vocab.label(member, "ja") == ja


def test_english_label_and_fallback_to_japanese_for_other_languages() -> None:
    assert vocab.label(ChannelKind.web_form, "en") == "web form"
    assert vocab.label(ChannelKind.web_form, "fr") == vocab.label(ChannelKind.web_form, "ja")


def test_country_names() -> None:
    assert vocab.country_name("US", "ja") == "アメリカ合衆国"
    assert vocab.country_name("sg", "en") == "Singapore"
    assert vocab.country_name("ZZ", "ja") == "ZZ"
