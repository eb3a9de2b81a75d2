"""The decision point's pure rules: one row per outcome of `decide`, with the reason, the article and the item."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from hogo.ledger.compiled import compile_ledger
from hogo.ledger.loader import load_ledger_text
from hogo.usage.policy import REASONS, Decision, Facts, Reason, StatutoryException, decide

ROOT = Path(__file__).resolve().parents[3]
VAULT = ROOT / "tests" / "fixtures" / "vault.yaml"
INDEX = compile_ledger(1, load_ledger_text(VAULT.read_text(encoding="utf-8"), source="vault.yaml").ledger)
NOW = 1_795_000_000.0  # seconds since the epoch; only its relation to retention ends matters
APPLICANT_UNTIL = NOW + 30 * 86_400

_HELD: dict[str, dict[str, tuple[frozenset[str], float | None]]] = {
    "customer": {  # acquired on the order form: postal-code was never given
        "name": (frozenset({"service"}), None),
        "email": (frozenset({"service"}), None),
        "phone": (frozenset({"service"}), None),
    },
    "employee": {
        "name": (frozenset({"payroll", "health-management"}), None),
        "my-number": (frozenset({"payroll"}), None),
        "health-check": (frozenset({"health-management"}), None),
    },
    "applicant": {
        "name": (frozenset({"hiring"}), APPLICANT_UNTIL),
        "email": (frozenset({"hiring"}), APPLICANT_UNTIL),
        "entry-sheet": (frozenset({"hiring"}), APPLICANT_UNTIL),
    },
}


def person(kind: str = "customer", **overrides: Any) -> Facts:
    """A person of `kind` holding the items above, no consents, nothing suspended; `overrides` replace fields."""
    base = Facts(kind, False, dict(_HELD[kind]), frozenset(), frozenset(), False, frozenset())
    return dataclasses.replace(base, **overrides)


def holding(kind: str, **items: tuple[frozenset[str], float | None]) -> dict[str, tuple[frozenset[str], float | None]]:
    """The held items of `kind` with some replaced (keyword names use _ for -)."""
    return _HELD[kind] | {key.replace("_", "-"): fact for key, fact in items.items()}


def fs(*values: str) -> frozenset[str]:
    return frozenset(values)


EX = StatutoryException
ALL_CATEGORIES = fs("identity", "contact", "health", "official_id", "recruitment")
EXCEPTION_ARTICLES = [
    (EX.law, "Art. 18(3)(1)"),
    (EX.life_body_property, "Art. 18(3)(2)"),
    (EX.public_health_children, "Art. 18(3)(3)"),
    (EX.government_cooperation, "Art. 18(3)(4)"),
    (EX.academic_institution, "Art. 18(3)(5)"),
    (EX.academic_provision, "Art. 18(3)(6)"),
]

# (id, facts, items, purpose, categories, exception, allowed, reason, article, item)
CASES = [
    # --- the basis: notified, consented, withdrawn, never asked ---
    ("notified-purpose", person(), ["name", "email"], "service", None, None,
     True, Reason.notified_purpose, "Art. 18(1)", None),
    ("categories-none-means-all", person(), ["name", "email", "phone"], "service", None, None,
     True, Reason.notified_purpose, "Art. 18(1)", None),
    ("categories-cover-every-item", person(), ["name", "email"], "service", ALL_CATEGORIES, None,
     True, Reason.notified_purpose, "Art. 18(1)", None),
    ("beyond-notified-with-consent", person(consented=fs("newsletter")), ["name", "email"], "newsletter", None, None,
     True, Reason.consented_purpose, "Art. 18(1)", None),
    ("consent-withdrawn", person(withdrawn=fs("newsletter")), ["name"], "newsletter", None, None,
     False, Reason.consent_withdrawn, "Art. 18(1)", None),
    ("never-consented", person(), ["name"], "newsletter", None, None,
     False, Reason.purpose_not_notified, "Art. 18(1)", None),
    ("one-item-not-notified-needs-consent",
     person(items=holding("customer", email=(fs("service", "newsletter"), None))), ["email", "name"], "newsletter",
     None, None, False, Reason.purpose_not_notified, "Art. 18(1)", None),
    ("every-item-notified-for-the-purpose",
     person(items=holding("customer", name=(fs("service", "newsletter"), None))), ["name"], "newsletter",
     None, None, True, Reason.notified_purpose, "Art. 18(1)", None),
    # --- statutory exceptions of Art. 18(3): each item gives its own article ---
    *[
        (f"exception-{e.value}", person(), ["name"], "newsletter", None, e, True, Reason.statutory_exception, art, None)
        for e, art in EXCEPTION_ARTICLES
    ],
    ("exception-overrides-excluded-category", person("applicant"), ["entry-sheet"], "newsletter", None, EX.law,
     True, Reason.statutory_exception, "Art. 18(3)(1)", None),
    ("exception-overrides-item-not-in-purpose", person(), ["phone"], "newsletter", None, EX.life_body_property,
     True, Reason.statutory_exception, "Art. 18(3)(2)", None),
    ("exception-overrides-withdrawn-consent", person(withdrawn=fs("newsletter")), ["name"], "newsletter", None,
     EX.government_cooperation, True, Reason.statutory_exception, "Art. 18(3)(4)", None),
    ("exception-overrides-suspension", person(suspended_all=True), ["name"], "service", None, EX.law,
     True, Reason.statutory_exception, "Art. 18(3)(1)", None),
    ("exception-overrides-subject-kind", person("employee"), ["name"], "service", None, EX.law,
     True, Reason.statutory_exception, "Art. 18(3)(1)", None),
    # --- hard limits: no exception overrides them ---
    ("erased", person(erased=True), ["name"], "service", None, None,
     False, Reason.person_erased, "Art. 22", None),
    ("exception-not-over-erased", person(erased=True), ["name"], "service", None, EX.law,
     False, Reason.person_erased, "Art. 22", None),
    ("unknown-purpose", person(), ["name"], "lottery", None, None,
     False, Reason.unknown_purpose, "Art. 17(1)", None),
    ("exception-not-over-unknown-purpose", person(), ["name"], "lottery", None, EX.law,
     False, Reason.unknown_purpose, "Art. 17(1)", None),
    ("unknown-item", person(), ["shoe-size"], "service", None, None,
     False, Reason.unknown_item, "Art. 17(1)", "shoe-size"),
    ("exception-not-over-unknown-item", person(), ["shoe-size"], "service", None, EX.law,
     False, Reason.unknown_item, "Art. 17(1)", "shoe-size"),
    ("role-not-cleared", person(), ["name", "email"], "service", fs("identity"), None,
     False, Reason.role_not_cleared, "Art. 23", "email"),
    ("exception-not-over-role", person(), ["name", "email"], "service", fs("identity"), EX.life_body_property,
     False, Reason.role_not_cleared, "Art. 23", "email"),
    ("my-number-for-payroll", person("employee"), ["name", "my-number"], "payroll", None, None,
     True, Reason.notified_purpose, "Art. 18(1)", None),
    ("my-number-outside-task-even-with-consent", person("employee", consented=fs("health-management")),
     ["my-number"], "health-management", None, None,
     False, Reason.my_number_outside_statutory_task, "My Number Act Art. 9", "my-number"),
    ("exception-not-over-my-number", person("employee"), ["my-number"], "health-management", None, EX.law,
     False, Reason.my_number_outside_statutory_task, "My Number Act Art. 9", "my-number"),
    ("item-not-acquired", person(), ["postal-code"], "service", None, None,
     False, Reason.item_not_acquired, "Art. 20", "postal-code"),
    ("exception-not-over-item-not-acquired", person(), ["postal-code"], "service", None, EX.law,
     False, Reason.item_not_acquired, "Art. 20", "postal-code"),
    ("second-item-fails-names-it", person(), ["name", "postal-code", "phone"], "service", None, None,
     False, Reason.item_not_acquired, "Art. 20", "postal-code"),
    ("retention-expired-at-the-deadline", person("applicant", items=holding("applicant", email=(fs("hiring"), NOW))),
     ["name", "email"], "hiring", None, None, False, Reason.retention_expired, "Art. 22", "email"),
    ("retention-one-second-before", person("applicant", items=holding("applicant", email=(fs("hiring"), NOW + 1))),
     ["name", "email"], "hiring", None, None, True, Reason.notified_purpose, "Art. 18(1)", None),
    ("exception-not-over-retention", person("applicant", items=holding("applicant", name=(fs("hiring"), NOW - 1))),
     ["name"], "hiring", None, EX.law, False, Reason.retention_expired, "Art. 22", "name"),
    # --- the purpose's own limits and the person's requests ---
    ("seed-004-entry-sheet-for-newsletter-even-with-consent", person("applicant", consented=fs("newsletter")),
     ["name", "entry-sheet"], "newsletter", None, None,
     False, Reason.item_category_excluded, "Art. 18(1)", "entry-sheet"),
    ("item-not-in-purpose-even-with-consent", person(consented=fs("newsletter")), ["name", "phone"], "newsletter",
     None, None, False, Reason.item_not_in_purpose, "Art. 18(1)", "phone"),
    ("suspended-all-purposes", person(suspended_all=True), ["name"], "service", None, None,
     False, Reason.use_suspended, "Art. 35", None),
    ("suspended-the-named-purpose", person(suspended=fs("service")), ["name"], "service", None, None,
     False, Reason.use_suspended, "Art. 35", None),
    ("suspension-of-another-purpose-leaves-this-one",
     person(items=holding("customer", name=(fs("service", "newsletter"), None)), suspended=fs("newsletter")),
     ["name"], "service", None, None, True, Reason.notified_purpose, "Art. 18(1)", None),
    ("suspended-purpose-even-with-consent", person(consented=fs("newsletter"), suspended=fs("newsletter")),
     ["name"], "newsletter", None, None, False, Reason.use_suspended, "Art. 35", None),
    ("subject-kind-not-covered", person("employee"), ["name"], "service", None, None,
     False, Reason.subject_kind_not_covered, "Art. 18(1)", None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("facts", "items", "purpose", "categories", "exception", "allowed", "reason", "article", "item"),
    [pytest.param(*row[1:], id=row[0]) for row in CASES],
)
def test_decide(
    facts: Facts,
    items: list[str],
    purpose: str,
    categories: frozenset[str] | None,
    exception: StatutoryException | None,
    allowed: bool,
    reason: Reason,
    article: str,
    item: str | None,
) -> None:
    decision = decide(INDEX, facts, items, purpose, categories, NOW, exception)
    assert decision == Decision(allowed, reason, article, item)
    ja, en = decision.message("ja"), decision.message("en")
    assert ja != en
    assert "{" not in ja + en
    if item is not None:
        assert item in ja
        assert item in en


def test_every_reason_has_a_case() -> None:
    assert {row[7] for row in CASES} == set(Reason)


def test_every_statutory_exception_has_its_article() -> None:
    assert [e for e, _ in EXCEPTION_ARTICLES] == list(StatutoryException)


@pytest.mark.parametrize("reason", list(Reason), ids=[r.value for r in Reason])
def test_every_reason_has_text(reason: Reason) -> None:
    text = REASONS[reason]
    assert text.article.strip()
    assert text.ja.strip()
    assert text.en.strip()
    assert ("{item}" in text.ja) == ("{item}" in text.en)


def test_reasons_naming_an_item_are_the_per_item_denials() -> None:
    per_item = {row[7] for row in CASES if row[9] is not None}
    assert {r for r, t in REASONS.items() if "{item}" in t.en} == per_item


def test_message_defaults_to_english() -> None:
    decision = decide(INDEX, person(), ["postal-code"], "service", None, NOW)
    assert decision.message() == decision.message("en") == "item postal-code was not acquired from this person"
    assert decision.message("ja") == "項目 postal-code は取得していません"


def test_decide_does_not_change_the_facts() -> None:
    facts = person(consented=fs("newsletter"))
    before = dataclasses.replace(facts, items=dict(facts.items))
    decide(INDEX, facts, ["name", "email"], "newsletter", None, NOW)
    assert facts == before
