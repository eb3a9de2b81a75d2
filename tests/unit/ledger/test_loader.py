"""The loader locates every structural problem by line, with a stable code."""

from __future__ import annotations

import pytest

from hogo.ledger.loader import load_ledger_text


def replace(source: str, old: str, new: str) -> str:
    assert old in source, f"fixture no longer contains {old!r}"
    return source.replace(old, new, 1)


def line_of(source: str, needle: str) -> int:
    for number, line in enumerate(source.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in source")


def test_minimal_ledger_is_valid(minimal_yaml: str) -> None:
    loaded = load_ledger_text(minimal_yaml, source="m.yaml")
    assert loaded.problems == []
    assert loaded.ledger is not None
    assert [p.id for p in loaded.ledger.purposes] == ["service"]


@pytest.mark.parametrize(
    ("old", "new", "code", "needle", "says"),
    [
        (
            '  postal_code: "100-0005"\n  representative',
            '  postal_cod: "100-0005"\n  representative',
            "unknown-key",
            "postal_cod:",
            "did you mean 'postal_code'",
        ),
        ("category: contact\n", "category: contcat\n", "invalid-value", "category: contcat", "contcat"),
        ("period: 3y", "period: three years", "invalid-value", "period: three years", "period"),
        ("record_count: 1200", "record_count: many", "wrong-type", "record_count: many", "record_count"),
        (
            "    items: [name, email]\n    purposes: [service]\n    channels",
            "    items: [name, mail]\n    purposes: [service]\n    channels",
            "dangling-ref",
            "items: [name, mail]",
            "'mail' is not declared in items",
        ),
        ("  - id: customer-data", "  - id: customer-data\n    id: again", "duplicate-key", "id: again", "twice"),
    ],
)
def test_each_problem_has_code_and_line(
    minimal_yaml: str, old: str, new: str, code: str, needle: str, says: str
) -> None:
    source = replace(minimal_yaml, old, new)
    loaded = load_ledger_text(source, source="m.yaml")
    matching = [p for p in loaded.problems if p.code == code]
    assert matching, [p.format() for p in loaded.problems]
    assert matching[0].line == line_of(source, needle)
    assert says in matching[0].message
    assert matching[0].format().startswith(f"m.yaml:{matching[0].line}: {code} ")
    assert loaded.ledger is None


def test_duplicate_ids_and_type_errors_are_reported_together(minimal_yaml: str) -> None:
    source = replace(minimal_yaml, "  - key: email", "  - key: name")
    source = replace(source, "amount_jpy: 500}", "amount_jpy: lots}")
    loaded = load_ledger_text(source, source="m.yaml")
    codes = {p.code for p in loaded.problems}
    assert {"duplicate-id", "wrong-type", "dangling-ref"} <= codes
    assert loaded.problems == sorted(loaded.problems, key=lambda p: p.line)


def test_missing_required_section(minimal_yaml: str) -> None:
    start = minimal_yaml.index("operator:")
    end = minimal_yaml.index("policy:")
    loaded = load_ledger_text(minimal_yaml[:start] + minimal_yaml[end:], source="m.yaml")
    assert [(p.code, p.message) for p in loaded.problems] == [
        ("missing-key", "operator: required key 'operator' is missing")
    ]


@pytest.mark.parametrize(
    ("source", "code"),
    [("operator: [unclosed", "yaml-syntax"), ("- just\n- a list\n", "wrong-type"), ("", "wrong-type")],
)
def test_not_a_ledger_at_all(source: str, code: str) -> None:
    loaded = load_ledger_text(source, source="x.yaml")
    assert [p.code for p in loaded.problems] == [code]
    assert loaded.ledger is None


def test_plain_string_is_japanese_text(minimal_yaml: str) -> None:
    source = replace(minimal_yaml, "label: {ja: お客様, en: Customers}", "label: お客様")
    loaded = load_ledger_text(source)
    assert loaded.ledger is not None
    label = loaded.ledger.subject_kinds[0].label
    assert (label.ja, label.en, label.get("en")) == ("お客様", None, "お客様")
