"""Findings the linter used to give wrongly (issue 14), as a table: each case says whether the finding is expected.

The ledger starts from the clean minimal fixture; each case mutates it."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

import pytest
import yaml

from hogo.ledger import policy
from hogo.ledger.policy import first_late_arrival, lint
from hogo.ledger.rules import rules_in_force
from hogo.ledger.schemas import Ledger

TODAY = dt.date(2026, 11, 20)
Doc = dict[str, Any]
SG = {"ja": "シンガポール", "en": "Singapore"}
REGIME = {"ja": "PDPA", "en": "PDPA"}


@pytest.fixture
def doc(minimal_yaml: str) -> Doc:
    data: Doc = yaml.safe_load(minimal_yaml)
    return data


def found(data: Doc, today: dt.date = TODAY) -> list[str]:
    return [f.code for f in lint(Ledger.model_validate(data), today, rules_in_force(today))]


def foreign(**fields: Any) -> Callable[[Doc], None]:
    def mutate(d: Doc) -> None:
        d["foreign_recipients"] = [
            {"id": "sg", "name": "Sample Pte. Ltd.", "items": ["name"], "last_check": "2026-10-01", **fields}
        ]

    return mutate


def channel(**fields: Any) -> Callable[[Doc], None]:
    def mutate(d: Doc) -> None:
        d["channels"][0]["purposes"] = []
        d["channels"][0].update(fields)

    return mutate


def security(**fields: Any) -> Callable[[Doc], None]:
    def mutate(d: Doc) -> None:
        d["security_measures"] = fields

    return mutate


def desk(**fields: Any) -> Callable[[Doc], None]:
    def mutate(d: Doc) -> None:
        d["operator"]["desk"] = {"name": d["operator"]["desk"]["name"], **fields}

    return mutate


def target(days: int, kind: str | None = None) -> Callable[[Doc], None]:
    def mutate(d: Doc) -> None:
        if kind is None:
            d["requests"]["target_days"] = days
        else:
            next(k for k in d["requests"]["kinds"] if k["kind"] == kind)["target_days"] = days

    return mutate


CASES: list[tuple[str, Callable[[Doc], None], str, bool]] = [
    # Art. 28(2) and Rule 17: country information is owed before consent, and only then
    ("consent, no country", foreign(basis="consent", recipient_measures=REGIME), "art28-country-information", True),
    (
        "consent, country cannot be identified (Rule 17(3))",
        foreign(basis="consent", recipient_measures=REGIME, country_unidentified={"ja": "未定のため", "en": "not yet"}),
        "art28-country-information",
        False,
    ),
    ("equivalent measures, no country", foreign(basis="equivalent_measures"), "art28-country-information", False),
    ("CBPR, no country", foreign(basis="cbpr"), "art28-country-information", False),
    (
        "consent with country and regime",
        foreign(basis="consent", country="SG", country_name=SG, country_regime=REGIME, recipient_measures=REGIME),
        "art28-country-information",
        False,
    ),
    # Art. 21(2) and 21(4)(iv)
    ("written, no purposes", channel(), "art21-explicit-purpose", True),
    ("business-card exchange", channel(purpose_evident=True), "art21-explicit-purpose", False),
    # CO 10(1): concrete measures outside the four categories count; a bare "we take measures" does not
    ("nothing stated", security(), "art32-security-measures", True),
    ("only a basic policy", security(basic_policy=[{"ja": "措置を講じます"}]), "art32-security-measures", True),
    (
        "handling rules stated",
        security(handling_rules=[{"ja": "取扱規程を定めています"}]),
        "art32-security-measures",
        False,
    ),
    (
        "external environment stated",
        security(external_environment=[{"country": "SG", "country_name": SG, "measures": REGIME}]),
        "art32-security-measures",
        False,
    ),
    # CO 10(2): a fax number is a way to reach the desk (seen in a clinic's policy: address, phone and fax)
    ("desk with no contact", desk(), "art32-desk-contact", True),
    ("desk with a fax number only", desk(fax="03-5210-6699"), "art32-desk-contact", False),
    # Art. 39: business days against two calendar weeks, on the Japanese calendar
    ("14 business days", target(14), "art39-target-late", True),
    ("10 business days (crosses the New Year)", target(10), "art39-target-late", True),
    ("5 business days", target(5), "art39-target-late", False),
    ("a disclosure target of 14", target(14, "disclosure"), "art39-target-late", True),
    ("a complaint is not under Art. 39", target(30, "complaint"), "art39-target-late", False),
]


@pytest.mark.parametrize(("case", "mutate", "code", "expected"), CASES, ids=[c[0] for c in CASES])
def test_finding_expected_or_not(doc: Doc, case: str, mutate: Callable[[Doc], None], code: str, expected: bool) -> None:
    mutate(doc)
    assert (code in found(doc)) is expected, case


def test_english_is_a_style_note_citing_no_article(doc: Doc) -> None:
    doc["purposes"][0]["text"] = "サービス提供"
    notes = [f for f in lint(Ledger.model_validate(doc), TODAY, rules_in_force(TODAY)) if f.code == "english-missing"]
    assert len(notes) == 1 and notes[0].article == "" and "Art." not in notes[0].message
    assert "APPI asks for no English" in notes[0].message


@pytest.mark.parametrize("code", ["art22-retention-missing", "art28-periodic-check"])
def test_internal_duties_are_not_worded_as_notice_items(code: str) -> None:
    from hogo.i18n import t

    assert "not" in t(f"ledger.finding.{code}", "en", item="x", kinds="y", recipient="z", foreign_check_days=365)
    assert "通知" in t(f"ledger.finding.{code}", "ja", item="x", kinds="y", recipient="z", foreign_check_days=365)


def test_the_art39_mark_is_counted_on_the_japanese_calendar() -> None:
    """Arriving Friday 26 December 2025: the closure, a weekend and Coming of Age Day (12 January 2026) put the
    seventh business day on 14 January, after 10 January, when the person may sue (GL-G 3-8-8)."""
    assert first_late_arrival(dt.date(2025, 12, 26), 7, 14) == (
        dt.date(2025, 12, 26),
        dt.date(2026, 1, 14),
        dt.date(2026, 1, 10),
    )
    assert first_late_arrival(dt.date(2026, 1, 5), 5, 14) is None


def test_the_order_of_findings_does_not_depend_on_import_order(doc: Doc) -> None:
    doc["operator"].pop("address")
    doc["purposes"][0]["text"] = "サービス提供"
    doc["requests"]["target_days"] = 14
    foreign(basis="consent")(doc)
    ledger = Ledger.model_validate(doc)
    before = [(f.code, f.path) for f in lint(ledger, TODAY, rules_in_force(TODAY))]
    saved = list(policy.RULES)
    try:
        for seed in range(5):
            random.Random(seed).shuffle(policy.RULES)
            assert [(f.code, f.path) for f in lint(ledger, TODAY, rules_in_force(TODAY))] == before
    finally:
        policy.RULES[:] = saved
