"""The provision gate for processed information (Arts. 41(6), 43(4))."""

from __future__ import annotations

import pytest

from hogo.provision.policy import Recipient, Section, decide_processed
from hogo.provision.reasons import Reason


def recipient(section: Section) -> Recipient:
    return Recipient("r", section, frozenset(), frozenset(), "JP", None)


@pytest.mark.parametrize(
    ("kind", "section", "allowed", "reason"),
    [
        ("pseudonymised", Section.third_party, False, Reason.processed_pseudonymised),
        ("pseudonymised", Section.foreign, False, Reason.processed_pseudonymised),
        ("pseudonymised", Section.entrustee, True, Reason.processed_pseudonymised_entrusted),
        ("pseudonymised", Section.joint_use, True, Reason.processed_pseudonymised_entrusted),
        ("anonymised", Section.third_party, True, Reason.processed_anonymised),
        ("statistics", Section.foreign, True, Reason.processed_statistics),
        (None, Section.third_party, False, Reason.processed_unknown),
    ],
)
def test_processed_information_at_the_gate(kind: str | None, section: Section, allowed: bool, reason: Reason) -> None:
    decision = decide_processed(kind, recipient(section))
    assert decision.allowed is allowed
    assert decision.reason is reason


def test_unknown_recipient() -> None:
    assert decide_processed("anonymised", None).reason is Reason.unknown_recipient
