"""The decision point's rules: may these items of this person be used for this purpose? Pure and fast.

`decide` runs on every use of personal data, so it works on precompiled tables (LedgerIndex, Facts) and
allocates little. The order of the checks is the order of the table in docs/usage.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from hogo.ledger.compiled import LedgerIndex


class Reason(StrEnum):
    notified_purpose = "notified-purpose"
    consented_purpose = "consented-purpose"
    statutory_exception = "statutory-exception"
    person_erased = "person-erased"
    unknown_purpose = "unknown-purpose"
    unknown_item = "unknown-item"
    role_not_cleared = "role-not-cleared"
    my_number_outside_statutory_task = "my-number-outside-statutory-task"
    item_not_acquired = "item-not-acquired"
    retention_expired = "retention-expired"
    item_category_excluded = "item-category-excluded"
    use_suspended = "use-suspended"
    subject_kind_not_covered = "subject-kind-not-covered"
    item_not_in_purpose = "item-not-in-purpose"
    consent_withdrawn = "consent-withdrawn"
    purpose_not_notified = "purpose-not-notified"


@dataclass(frozen=True, slots=True)
class ReasonText:
    article: str
    ja: str
    en: str


REASONS: dict[Reason, ReasonText] = {
    Reason.notified_purpose: ReasonText(
        "Art. 18(1)",
        "取得時に通知・公表した利用目的の範囲内です",
        "within the purposes notified when the data was acquired",
    ),
    Reason.consented_purpose: ReasonText(
        "Art. 18(1)", "本人の同意を得た利用目的です", "the person consented to this purpose"
    ),
    Reason.statutory_exception: ReasonText(
        "Art. 18(3)", "法第18条第3項の例外に基づく利用です", "use under a statutory exception of Art. 18(3)"
    ),
    Reason.person_erased: ReasonText("Art. 22", "本人のデータは消去済みです", "the person's data was erased"),
    Reason.unknown_purpose: ReasonText(
        "Art. 17(1)", "台帳に特定されていない利用目的です", "the purpose is not specified in the ledger"
    ),
    Reason.unknown_item: ReasonText(
        "Art. 17(1)", "台帳にない項目です: {item}", "the item is not in the ledger: {item}"
    ),
    Reason.role_not_cleared: ReasonText(
        "Art. 23",
        "この利用者の権限では項目 {item} の区分を扱えません（安全管理措置・アクセス制御）",
        "the actor's role is not cleared for the category of item {item} (security measures: access control)",
    ),
    Reason.my_number_outside_statutory_task: ReasonText(
        "My Number Act Art. 9",
        "個人番号 {item} は法定の事務以外に利用できません（同意があっても不可）",
        "the My Number {item} may be used only for statutory tasks, even with consent",
    ),
    Reason.item_not_acquired: ReasonText(
        "Art. 20", "項目 {item} は取得していません", "item {item} was not acquired from this person"
    ),
    Reason.retention_expired: ReasonText(
        "Art. 22", "項目 {item} は保存期間を過ぎています", "the retention period of item {item} has expired"
    ),
    Reason.item_category_excluded: ReasonText(
        "Art. 18(1)",
        "項目 {item} はこの利用目的に使わないと公表しています",
        "the notice promises not to use item {item} for this purpose",
    ),
    Reason.use_suspended: ReasonText(
        "Art. 35", "本人の請求により利用を停止しています", "use is suspended at the person's request"
    ),
    Reason.subject_kind_not_covered: ReasonText(
        "Art. 18(1)", "この利用目的は本人の区分を対象にしていません", "the purpose does not cover this kind of person"
    ),
    Reason.item_not_in_purpose: ReasonText(
        "Art. 18(1)", "この利用目的は項目 {item} を対象にしていません", "the purpose does not cover item {item}"
    ),
    Reason.consent_withdrawn: ReasonText(
        "Art. 18(1)",
        "取得時に通知していない目的で、同意は撤回されています",
        "the purpose was not notified at acquisition and the consent to it was withdrawn",
    ),
    Reason.purpose_not_notified: ReasonText(
        "Art. 18(1)",
        "取得時に通知していない目的です。本人の同意が必要です",
        "the purpose was not notified at acquisition; the person's consent is needed",
    ),
}


class StatutoryException(StrEnum):
    """Art. 18(3) items 1-6: use beyond the purposes without consent."""

    law = "law"
    life_body_property = "life_body_property"
    public_health_children = "public_health_children"
    government_cooperation = "government_cooperation"
    academic_institution = "academic_institution"
    academic_provision = "academic_provision"


EXCEPTION_ARTICLE = {e: f"Art. 18(3)({n})" for n, e in enumerate(StatutoryException, start=1)}


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    reason: Reason
    article: str
    item: str | None = None

    def message(self, lang: str = "en") -> str:
        text = REASONS[self.reason]
        return (text.ja if lang == "ja" else text.en).format(item=self.item or "")


@dataclass(frozen=True, slots=True)
class Facts:
    """One person as the decision point sees them; `items` maps item → (notified purposes, retention end)."""

    subject_kind: str
    erased: bool
    items: dict[str, tuple[frozenset[str], float | None]]
    consented: frozenset[str]
    withdrawn: frozenset[str]
    suspended_all: bool
    suspended: frozenset[str]
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)
    """Decisions already made over these facts, kept by the decision point (`UsageService`): they go with the
    facts when the person changes, as `LedgerIndex.memo` goes with a ledger version."""


def _deny(reason: Reason, item: str | None = None) -> Decision:
    return Decision(False, reason, REASONS[reason].article, item)


ALLOW_NOTIFIED = Decision(True, Reason.notified_purpose, REASONS[Reason.notified_purpose].article)
ALLOW_CONSENTED = Decision(True, Reason.consented_purpose, REASONS[Reason.consented_purpose].article)
DENY_ERASED = _deny(Reason.person_erased)
DENY_PURPOSE = _deny(Reason.unknown_purpose)
DENY_SUSPENDED = _deny(Reason.use_suspended)
DENY_SUBJECT_KIND = _deny(Reason.subject_kind_not_covered)
DENY_WITHDRAWN = _deny(Reason.consent_withdrawn)
DENY_NOT_NOTIFIED = _deny(Reason.purpose_not_notified)


def decide(
    index: LedgerIndex,
    facts: Facts,
    items: Sequence[str],
    purpose: str,
    categories: frozenset[str] | None,
    now: float,
    exception: StatutoryException | None = None,
) -> Decision:
    """The decision for using `items` of the person for `purpose` by an actor cleared for `categories`.

    Hard limits first (nothing overrides them: erased, undeclared, access control, My Number, not held,
    retention over). A statutory exception of Art. 18(3) then allows the use outright (it is recorded as the
    basis even where the purpose was notified). Otherwise: suspension, the purpose's own scope, and the basis —
    notified at acquisition, else consented, else denied.
    """
    if facts.erased:
        return DENY_ERASED
    rule = index.purposes.get(purpose)
    if rule is None:
        return DENY_PURPOSE
    ledger_items = index.items
    held = facts.items
    all_notified = True
    for item in items:
        item_rule = ledger_items.get(item)
        if item_rule is None:
            return _deny(Reason.unknown_item, item)
        if categories is not None and item_rule.category not in categories:
            return _deny(Reason.role_not_cleared, item)
        if item_rule.my_number and not rule.my_number_task:
            return _deny(Reason.my_number_outside_statutory_task, item)
        fact = held.get(item)
        if fact is None:
            return _deny(Reason.item_not_acquired, item)
        until = fact[1]
        if until is not None and until <= now:
            return _deny(Reason.retention_expired, item)
        if exception is None:
            if item_rule.category in rule.excluded_categories:
                return _deny(Reason.item_category_excluded, item)
            if item not in rule.items:
                return _deny(Reason.item_not_in_purpose, item)
        if purpose not in fact[0]:
            all_notified = False
    if exception is not None:
        return Decision(True, Reason.statutory_exception, EXCEPTION_ARTICLE[exception])
    if facts.suspended_all or purpose in facts.suspended:
        return DENY_SUSPENDED
    if facts.subject_kind not in rule.subject_kinds:
        return DENY_SUBJECT_KIND
    if all_notified:
        return ALLOW_NOTIFIED
    if purpose in facts.consented:
        return ALLOW_CONSENTED
    if purpose in facts.withdrawn:
        return DENY_WITHDRAWN
    return DENY_NOT_NOTIFIED
