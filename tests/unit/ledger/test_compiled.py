"""The compiled ledger: lookup tables for purposes, items and retention; calendar arithmetic of ledger periods."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hogo.ledger.compiled import LedgerIndex, PurposeRule, compile_ledger
from hogo.ledger.compiled import add_period as add
from hogo.ledger.loader import load_ledger_text

ROOT = Path(__file__).resolve().parents[3]
VAULT_TEXT = (ROOT / "tests" / "fixtures" / "vault.yaml").read_text(encoding="utf-8")

EXTRA_ITEMS = """\
  - key: mn-typed
    label: {ja: 個人番号（型）, en: My Number (typed)}
    category: official_id
    value_type: my_number
  - key: mn-coded
    label: {ja: 個人番号（符号）, en: My Number (code)}
    category: official_id
    identification_code: my_number
  - key: passport
    label: {ja: 旅券番号, en: Passport number}
    category: official_id
    identification_code: passport
purposes:
"""
SECOND_RULE = """\
  - id: everyone-name
    items: [name]
    subject_kinds: [customer, employee]
    period: 1y
    starts: acquisition
third_parties:
"""


def compiled(text: str, version: int = 1) -> LedgerIndex:
    loaded = load_ledger_text(text, source="vault.yaml")
    assert loaded.ledger is not None, loaded.problems
    return compile_ledger(version, loaded.ledger)


INDEX = compiled(VAULT_TEXT, version=7)
EXTENDED = compiled(VAULT_TEXT.replace("purposes:\n", EXTRA_ITEMS, 1).replace("third_parties:\n", SECOND_RULE, 1))


def test_index_tables() -> None:
    assert INDEX.version == 7
    assert INDEX.subject_kinds == {"customer", "employee", "applicant"}
    assert set(INDEX.channels) == {"web-order", "hr-system", "shop-counter", "recruit-form"}
    assert set(INDEX.third_parties) == {"partner-shop"}
    assert set(INDEX.foreign_recipients) == {"sg-support"}
    assert list(INDEX.purposes) == ["service", "newsletter", "payroll", "health-management", "hiring"]


# (id, purpose rule)
PURPOSES = [
    PurposeRule("service", "service", frozenset({"customer"}), frozenset({"name", "email", "phone", "postal-code"}),
                frozenset(), False),
    PurposeRule("newsletter", "marketing", frozenset({"customer", "applicant"}),
                frozenset({"name", "email", "entry-sheet"}), frozenset({"recruitment"}), False),
    PurposeRule("payroll", "employment", frozenset({"employee"}), frozenset({"name", "my-number"}), frozenset(), True),
    PurposeRule("health-management", "employment", frozenset({"employee"}),
                frozenset({"name", "health-check", "my-number"}), frozenset(), False),
    PurposeRule("hiring", "recruitment", frozenset({"applicant"}), frozenset({"name", "email", "entry-sheet"}),
                frozenset(), False),
]  # fmt: skip


@pytest.mark.parametrize("expected", [pytest.param(p, id=p.id) for p in PURPOSES])
def test_purpose_rules(expected: PurposeRule) -> None:
    assert INDEX.purposes[expected.id] == expected


# (subject kind, item, purposes covering it, in ledger order)
COVERING = [
    ("customer", "name", ["service", "newsletter"]),
    ("customer", "phone", ["service"]),
    ("customer", "entry-sheet", []),  # newsletter lists it but excludes its category (recruitment)
    ("applicant", "entry-sheet", ["hiring"]),  # the seed-004 promise: never for the newsletter
    ("applicant", "name", ["newsletter", "hiring"]),
    ("applicant", "phone", []),
    ("employee", "my-number", ["payroll", "health-management"]),
    ("employee", "health-check", ["health-management"]),
    ("employee", "email", []),
    ("visitor", "name", []),
]


@pytest.mark.parametrize(("kind", "item", "expected"), [pytest.param(*c, id=f"{c[0]}-{c[1]}") for c in COVERING])
def test_purposes_covering(kind: str, item: str, expected: list[str]) -> None:
    assert list(INDEX.purposes_covering(kind, item)) == expected
    assert INDEX.purposes_covering(kind, item) is INDEX.purposes_covering(kind, item)  # memoised


# (item, category, value type, special care, my_number)
ITEMS = [
    ("name", "identity", "name", None, False),
    ("email", "contact", "email", None, False),
    ("health-check", "health", "text", "health_check_results", False),
    ("entry-sheet", "recruitment", "text", None, False),
    ("my-number", "official_id", "my_number", None, True),  # both the value type and the code
    ("mn-typed", "official_id", "my_number", None, True),  # the value type alone
    ("mn-coded", "official_id", "text", None, True),  # the identification code alone
    ("passport", "official_id", "text", None, False),  # another identification code
]


@pytest.mark.parametrize(
    ("key", "category", "value_type", "special_care", "my_number"), [pytest.param(*i, id=i[0]) for i in ITEMS]
)
def test_item_rules(key: str, category: str, value_type: str, special_care: str | None, my_number: bool) -> None:
    rule = EXTENDED.items[key]
    assert rule.key == key
    assert rule.category == category
    assert rule.value_type.value == value_type
    assert rule.special_care == special_care
    assert rule.my_number is my_number


# (id, index, item, subject kind, expected rule id or None)
RETENTION = [
    ("customer-name", INDEX, "name", "customer", "customer-data"),
    ("customer-email", INDEX, "email", "customer", "customer-data"),
    ("customer-phone-has-none", INDEX, "phone", "customer", None),
    ("applicant-entry-sheet", INDEX, "entry-sheet", "applicant", "applicant-data"),
    ("employee-name-has-none", INDEX, "name", "employee", None),
    ("first-declared-rule-wins", EXTENDED, "name", "customer", "customer-data"),
    ("second-rule-fills-the-gap", EXTENDED, "name", "employee", "everyone-name"),
]


@pytest.mark.parametrize(("index", "item", "kind", "expected"), [pytest.param(*r[1:], id=r[0]) for r in RETENTION])
def test_retention_lookup(index: LedgerIndex, item: str, kind: str, expected: str | None) -> None:
    rule = index.retention.get((item, kind))
    assert (rule.id if rule else None) == expected


def test_retention_rule_carries_period_and_start() -> None:
    rule = INDEX.retention[("entry-sheet", "applicant")]
    assert (rule.period, rule.starts.value) == ("30d", "acquisition")


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC)


# (id, start, period, expected)
PERIODS = [
    ("30-days", at(2026, 11, 20, 1), "30d", at(2026, 12, 20, 1)),
    ("days-cross-the-year", at(2026, 12, 15), "30d", at(2027, 1, 14)),
    ("days-over-feb-29", at(2028, 2, 15), "30d", at(2028, 3, 16)),
    ("2-weeks", at(2026, 11, 20, 9, 30), "2w", at(2026, 12, 4, 9, 30)),
    ("0-days", at(2026, 11, 20), "0d", at(2026, 11, 20)),
    ("6-months-aug-31-to-feb-28", at(2025, 8, 31, 12), "6m", at(2026, 2, 28, 12)),
    ("6-months-aug-31-to-feb-29-leap", at(2027, 8, 31, 12), "6m", at(2028, 2, 29, 12)),
    ("1-month-mar-31-to-apr-30", at(2026, 3, 31), "1m", at(2026, 4, 30)),
    ("12-months-from-december", at(2026, 12, 10), "12m", at(2027, 12, 10)),
    ("months-keep-the-time", at(2026, 1, 15, 23, 59, 59), "1m", at(2026, 2, 15, 23, 59, 59)),
    ("1-year-feb-29-to-feb-28", at(2028, 2, 29), "1y", at(2029, 2, 28)),
    ("4-years-feb-29-to-feb-29", at(2028, 2, 29), "4y", at(2032, 2, 29)),
    ("7-years", at(2026, 11, 20, 1), "7y", at(2033, 11, 20, 1)),
]


@pytest.mark.parametrize(("start", "period", "expected"), [pytest.param(*p[1:], id=p[0]) for p in PERIODS])
def test_add_period(start: dt.datetime, period: str, expected: dt.datetime) -> None:
    result = add(start, period)
    assert result == expected
    assert result.tzinfo is start.tzinfo


@pytest.mark.parametrize("period", ["", "30", "d", "3x", "-1d", "1.5m", "30 d", "P30D"])
def test_add_period_rejects_what_is_not_a_period(period: str) -> None:
    with pytest.raises(ValueError, match="not a period"):
        add(at(2026, 1, 1), period)
