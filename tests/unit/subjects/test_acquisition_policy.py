"""What may be acquired: every problem reported at once with code, item and article; no value ever echoed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from hogo.ledger.compiled import add_period, compile_ledger
from hogo.ledger.loader import load_ledger_text
from hogo.subjects.policy import AcquisitionPlan, AcquisitionRejected, PlannedRecord, _until, plan_acquisition
from hogo.subjects.values import my_number_check_digit

ROOT = Path(__file__).resolve().parents[3]
VAULT = ROOT / "tests" / "fixtures" / "vault.yaml"
INDEX = compile_ledger(1, load_ledger_text(VAULT.read_text(encoding="utf-8"), source="vault.yaml").ledger)
NOW = dt.datetime(2026, 11, 20, 1, 0, tzinfo=dt.UTC)

MY_NUMBER = "98765432109" + str(my_number_check_digit("98765432109"))
BAD_CHECK_DIGIT = MY_NUMBER[:11] + str((int(MY_NUMBER[11]) + 1) % 10)
CUSTOMER = {"name": "山田太郎", "email": "taro@example.jp"}
EMPLOYEE = {"name": "佐藤花子"}


def plan(**overrides: Any) -> AcquisitionPlan:
    """A customer's order-form acquisition with the channel's purposes, changed by `overrides`."""
    args: dict[str, Any] = {
        "subject_kind": "customer",
        "values": CUSTOMER,
        "channel": "web-order",
        "purposes": None,
        "special_care_consented": set(),
        "special_care_basis": None,
        "now": NOW,
    }
    return plan_acquisition(INDEX, **(args | overrides))


def hr(purposes: list[str] | None, **values: str) -> dict[str, Any]:
    """Overrides for an employee acquired through the HR system (a channel with no items or purposes listed)."""
    return {"subject_kind": "employee", "channel": "hr-system", "purposes": purposes, "values": EMPLOYEE | values}


def hyphens(values: dict[str, str]) -> dict[str, str]:
    return {key.replace("_", "-"): value for key, value in values.items()}


def rejection(**overrides: Any) -> AcquisitionRejected:
    with pytest.raises(AcquisitionRejected) as caught:
        plan(**overrides)
    return caught.value


A17, A18, A20_2, A21_2 = "Art. 17(1)", "Art. 18(1)", "Art. 20(2)", "Art. 21(2)"
MN_ACT = "My Number Act Art. 20"

# (id, overrides, expected problems as (code, item, article), in order)
REJECTIONS = [
    ("unknown-subject-kind-stops-at-once", {"subject_kind": "visitor", "channel": "nowhere"},
     [("unknown-subject-kind", None, A17)]),
    ("unknown-channel", {"channel": "fax-line"}, [("unknown-channel", None, "Art. 21")]),
    ("unknown-item", {"values": CUSTOMER | {"shoe-size": "27"}}, [("unknown-item", "shoe-size", A17)]),
    ("unknown-purpose", {"purposes": ["service", "lottery"]}, [("unknown-purpose", None, A17)]),
    ("purpose-not-for-subject-kind", {"purposes": ["service", "payroll"]},
     [("purpose-not-for-subject-kind", None, A18)]),
    ("explicit-purpose-covers-none-of-the-items",
     {"purposes": ["service", "newsletter"], "values": {"phone": "0312345678"}},
     [("purpose-not-for-item", None, A18)]),
    ("item-without-purpose", hr(["payroll"], health_check="異常なし") | {"special_care_consented": {"health-check"}},
     [("item-without-purpose", "health-check", A18)]),
    ("no-purposes-at-all", {"purposes": [], "values": {"name": "山田太郎"}}, [("item-without-purpose", "name", A18)]),
    ("no-values", {"values": {}}, [("no-values", None, None)]),
    ("item-not-on-channel",
     {"channel": "recruit-form", "purposes": ["service"], "values": {"name": "山田", "phone": "0312345678"}},
     [("purpose-not-on-channel", None, A21_2), ("item-not-on-channel", "phone", A21_2)]),
    ("special-care-without-consent", hr(["health-management"], health_check="異常なし"),
     [("special-care-without-consent", "health-check", A20_2)]),
    ("my-number-for-health-management", hr(["health-management"], my_number=MY_NUMBER),
     [("my-number-outside-statutory-task", "my-number", MN_ACT)]),
    ("my-number-with-a-non-statutory-purpose-among-others", hr(["payroll", "health-management"], my_number=MY_NUMBER),
     [("my-number-outside-statutory-task", "my-number", MN_ACT)]),
    ("my-number-default-purposes-include-health-management", hr(None, my_number=MY_NUMBER),
     [("my-number-outside-statutory-task", "my-number", MN_ACT)]),
    ("my-number-for-a-customer", {"channel": "hr-system", "values": {"my-number": MY_NUMBER}},
     [("item-without-purpose", "my-number", A18), ("my-number-outside-statutory-task", "my-number", MN_ACT)]),
    ("malformed-email", {"values": {"name": "山田", "email": "taro-at-example"}}, [("invalid-email", "email", None)]),
    ("malformed-phone", {"values": {"phone": "12345"}}, [("invalid-phone", "phone", None)]),
    ("malformed-postal-code", {"values": {"postal-code": "1000-005"}}, [("invalid-postal-code", "postal-code", None)]),
    ("malformed-my-number", hr(["payroll"], my_number="1234"), [("invalid-my-number", "my-number", None)]),
    ("my-number-check-digit", hr(["payroll"], my_number=BAD_CHECK_DIGIT),
     [("my-number-check-digit", "my-number", None)]),
    ("several-problems-all-reported",
     {"channel": "fax-line", "purposes": ["service", "lottery", "payroll"],
      "values": {"name": "山田", "email": "bad", "shoe-size": "27", "phone": "12", "health-check": "x"}},
     [("unknown-channel", None, "Art. 21"), ("unknown-purpose", None, A17),
      ("purpose-not-for-subject-kind", None, A18), ("invalid-email", "email", None),
      ("unknown-item", "shoe-size", A17), ("invalid-phone", "phone", None),
      ("item-without-purpose", "health-check", A18), ("special-care-without-consent", "health-check", A20_2)]),
]  # fmt: skip


@pytest.mark.parametrize(("overrides", "expected"), [pytest.param(*row[1:], id=row[0]) for row in REJECTIONS])
def test_rejections(overrides: dict[str, Any], expected: list[tuple[str, str | None, str | None]]) -> None:
    error = rejection(**{**overrides, "values": hyphens(overrides.get("values", CUSTOMER))})
    assert error.code == "acquisition-rejected"
    problems = error.details["problems"]
    assert [(p["code"], p["item"], p["article"]) for p in problems] == expected
    assert all(p["message"] for p in problems)
    assert error.message.startswith("nothing was stored — ")
    for p in problems[:5]:
        assert p["code"] in error.message


def test_explicit_purpose_covering_items_only_in_an_excluded_category_is_reported() -> None:
    error = rejection(
        subject_kind="applicant", channel="recruit-form", purposes=["hiring", "newsletter"], values={"entry-sheet": "x"}
    )
    assert [p["code"] for p in error.details["problems"]] == ["purpose-not-for-item"]


MALFORMED = [
    ("email", "yamada.taro@@example.jp", {}),
    ("phone", "0901234567890123", {}),
    ("postal-code", "1000-0005", {}),
    ("my-number", "1234 5678 90", hr(["payroll"])),
    ("my-number", BAD_CHECK_DIGIT[:4] + "-" + BAD_CHECK_DIGIT[4:8] + "-" + BAD_CHECK_DIGIT[8:], hr(["payroll"])),
]


@pytest.mark.parametrize(
    ("item", "raw", "overrides"), [pytest.param(*row, id=f"{row[0]}-{i}") for i, row in enumerate(MALFORMED)]
)
def test_rejection_never_contains_the_value(item: str, raw: str, overrides: dict[str, Any]) -> None:
    values = (overrides.get("values") or CUSTOMER) | {item: raw}
    error = rejection(**(overrides | {"values": values}))
    digits = "".join(c for c in raw if c.isdigit())
    for text in (str(error), error.message, repr(error.details), repr(error.args)):
        assert raw not in text
        assert not digits or digits not in text
    assert error.__cause__ is None
    assert error.__context__ is None
    assert [p["item"] for p in error.details["problems"]] == [item]


# --- accepted acquisitions: values, purposes and retention per record ---

LATER = NOW + dt.timedelta(days=30)

# (id, overrides, expected records)
ACCEPTED = [
    ("customer-default-purposes-from-the-channel",
     {"values": {"name": "山田太郎", "email": "Taro@Example.JP", "phone": "03-1234-5678"}},
     [PlannedRecord("name", "山田太郎", ("service",), "customer-data", None),
      PlannedRecord("email", "Taro@example.jp", ("service",), "customer-data", None),
      PlannedRecord("phone", "+81312345678", ("service",), None, None)]),
    ("purposes-stored-only-where-they-cover-the-item",
     {"channel": "shop-counter", "purposes": ["service", "newsletter"],
      "values": {"name": "山田太郎", "postal-code": "1000005"}},
     [PlannedRecord("name", "山田太郎", ("service", "newsletter"), "customer-data", None),
      PlannedRecord("postal-code", "100-0005", ("service",), None, None)]),
    ("applicant-retention-from-acquisition",
     {"subject_kind": "applicant", "channel": "recruit-form", "values": {"name": "鈴木", "entry-sheet": "志望動機"}},
     [PlannedRecord("name", "鈴木", ("hiring",), "applicant-data", LATER),
      PlannedRecord("entry-sheet", "志望動機", ("hiring",), "applicant-data", LATER)]),
    ("excluded-category-not-stored-as-notified",
     {"subject_kind": "applicant", "channel": "shop-counter", "purposes": ["hiring", "newsletter"],
      "values": {"email": "a@example.jp", "entry-sheet": "志望動機"}},
     [PlannedRecord("email", "a@example.jp", ("hiring", "newsletter"), "applicant-data", LATER),
      PlannedRecord("entry-sheet", "志望動機", ("hiring",), "applicant-data", LATER)]),
    ("my-number-for-payroll", hr(["payroll"], my_number=f"{MY_NUMBER[:4]} {MY_NUMBER[4:8]} {MY_NUMBER[8:]}"),
     [PlannedRecord("name", "佐藤花子", ("payroll",), None, None),
      PlannedRecord("my-number", MY_NUMBER, ("payroll",), None, None)]),
    ("special-care-with-consent",
     hr(["health-management"], health_check="異常なし") | {"special_care_consented": {"health-check"}},
     [PlannedRecord("name", "佐藤花子", ("health-management",), None, None),
      PlannedRecord("health-check", "異常なし", ("health-management",), None, None)]),
    ("special-care-with-a-basis", hr(["health-management"], health_check="異常なし") | {"special_care_basis": "law"},
     [PlannedRecord("name", "佐藤花子", ("health-management",), None, None),
      PlannedRecord("health-check", "異常なし", ("health-management",), None, None)]),
]  # fmt: skip


@pytest.mark.parametrize(("overrides", "expected"), [pytest.param(*row[1:], id=row[0]) for row in ACCEPTED])
def test_accepted(overrides: dict[str, Any], expected: list[PlannedRecord]) -> None:
    result = plan(**{**overrides, "values": hyphens(overrides["values"])})
    assert result.records == expected


def test_retention_counts_from_the_acquisition_time_given() -> None:
    now = dt.datetime(2027, 2, 10, 23, 59, 59, tzinfo=dt.UTC)
    result = plan(subject_kind="applicant", channel="recruit-form", values={"name": "鈴木"}, now=now)
    assert [r.retention_until for r in result.records] == [dt.datetime(2027, 3, 12, 23, 59, 59, tzinfo=dt.UTC)]


def test_a_retention_deadline_is_computed_in_the_zone_of_the_instant() -> None:
    """The deadline is memoised per instant: one instant in two zones must not share it (months are added on the
    instant's own calendar: 30 January 15:30 in UTC is 31 January in Tokyo, and a month on is 28 February there)."""
    utc = dt.datetime(2026, 1, 30, 15, 30, tzinfo=dt.UTC)
    tokyo = utc.astimezone(dt.timezone(dt.timedelta(hours=9)))
    assert utc == tokyo
    for now in (utc, tokyo, utc):
        assert _until(now, now.tzinfo, "1m") == add_period(now, "1m")
    assert _until(utc, utc.tzinfo, "1m") == dt.datetime(2026, 2, 28, 15, 30, tzinfo=dt.UTC)
    assert _until(tokyo, tokyo.tzinfo, "1m") == dt.datetime(2026, 2, 27, 15, 30, tzinfo=dt.UTC)
