"""Which ledger changes need notice, consent or a PPC filing (Arts. 17(2), 18(1), 21(3), 27, 28)."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from hogo.ledger.diff import diff_ledgers
from hogo.ledger.schemas import Ledger


@pytest.fixture
def base(minimal_yaml: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(minimal_yaml)
    data["items"].append({"key": "phone", "label": "電話番号", "category": "contact"})
    data["purposes"][0]["items"].append("phone")
    return data


def changes(old: dict[str, Any], new: dict[str, Any]) -> dict[tuple[str, str], Any]:
    d = diff_ledgers(Ledger.model_validate(old), Ledger.model_validate(new))
    return {(c.section, c.key): c for c in d.changes}


def test_same_ledger_no_changes(base: dict[str, Any]) -> None:
    assert diff_ledgers(Ledger.model_validate(base), Ledger.model_validate(base)).empty


def test_first_version_is_all_added_without_flags(base: dict[str, Any]) -> None:
    d = diff_ledgers(None, Ledger.model_validate(base))
    assert d.changes and not d.flagged


def test_narrowed_purpose_needs_notice(base: dict[str, Any]) -> None:
    new = yaml.safe_load(yaml.safe_dump(base))
    new["purposes"][0]["items"].remove("phone")
    change = changes(base, new)[("purposes", "service")]
    assert change.kind == "changed" and change.fields == ("items",)
    assert [(f.action, f.article) for f in change.flags] == [("notice", "Art. 21(3)")]


def test_widened_purpose_needs_consent(base: dict[str, Any]) -> None:
    old = yaml.safe_load(yaml.safe_dump(base))
    old["purposes"][0]["items"].remove("phone")
    change = changes(old, base)[("purposes", "service")]
    assert ("consent", "Art. 18(1)") in [(f.action, f.article) for f in change.flags]


def test_reworded_purpose_needs_notice_and_maybe_consent(base: dict[str, Any]) -> None:
    new = yaml.safe_load(yaml.safe_dump(base))
    new["purposes"][0]["text"] = {"ja": "商品の配送及び新商品のご案内のため", "en": "Delivery and new products"}
    flag = changes(base, new)[("purposes", "service")].flags[0]
    assert flag.action == "notice" and flag.article == "Arts. 17(2), 21(3)" and "Art. 18(1)" in flag.message


def test_replaced_purpose_is_flagged_on_both_sides(base: dict[str, Any]) -> None:
    new = yaml.safe_load(yaml.safe_dump(base))
    new["purposes"][0]["id"] = "delivery"
    new["channels"][0]["purposes"] = ["delivery"]
    new["datasets"][0]["purposes"] = ["delivery"]
    found = changes(base, new)
    assert found[("purposes", "service")].kind == "removed"
    assert found[("purposes", "delivery")].kind == "added"
    assert {f.action for f in found[("purposes", "delivery")].flags} == {"notice", "consent"}


def test_joint_use_scope_change_needs_consent(base: dict[str, Any]) -> None:
    base["joint_use"] = [
        {
            "id": "g",
            "items": ["name"],
            "users_scope": "当社子会社",
            "purposes": ["service"],
            "responsible_party": {"name": "当社", "address": "東京", "representative": "山田"},
        }
    ]
    new = yaml.safe_load(yaml.safe_dump(base))
    new["joint_use"][0]["users_scope"] = "当社グループ各社及び提携先"
    flag = changes(base, new)[("joint_use", "g")].flags[0]
    assert (flag.action, flag.article) == ("consent", "Art. 27(6)")


def test_operator_and_request_changes_need_notice(base: dict[str, Any]) -> None:
    new = yaml.safe_load(yaml.safe_dump(base))
    new["operator"]["address"] = {"ja": "大阪府大阪市北区1-1", "en": "Osaka"}
    new["requests"]["kinds"][1]["fee"] = {"amount_jpy": 800}
    found = changes(base, new)
    assert found[("operator", "operator")].flags[0].article == "Art. 32(1)(i)"
    assert found[("requests", "requests")].flags[0].article == "Art. 32(1)(iii)"
