"""A channel the ledger marks consent_required (ジゴワッツ's location from phones) is refused at acquisition without the
person's consent for it, with a reason code and the article; with the consent, or on another channel, it passes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from hogo.ledger.compiled import compile_ledger
from hogo.ledger.loader import load_ledger_text
from hogo.subjects.policy import AcquisitionRejected, plan_acquisition

ROOT = Path(__file__).resolve().parents[3]
LEDGER = load_ledger_text((ROOT / "examples" / "jigowatts" / "ledger.yaml").read_text(encoding="utf-8"), source="j")
INDEX = compile_ledger(1, LEDGER.ledger)
NOW = dt.datetime(2026, 12, 5, 3, 0, tzinfo=dt.UTC)
LOCATION = {"location": "35.6812,139.7671"}
DEVICE = {"device-id": "a1b2c3d4e5f6"}

# (id, channel, values, subject kind, channel consented, expected problems as (code, item, article) or None: stored)
TABLE: list[tuple[str, str, dict[str, str], str, bool, list[tuple[str, str | None, str | None]] | None]] = [
    (
        "location without consent",
        "phone-location",
        LOCATION,
        "customer",
        False,
        [
            ("channel-consent-missing", "location", "Art. 20(1)"),
        ],
    ),
    ("location with consent", "phone-location", LOCATION, "customer", True, None),
    ("device id: channel not consent_required", "terminal-id", DEVICE, "customer", False, None),
    (
        "location, wrong person kind, no consent: every problem",
        "phone-location",
        LOCATION,
        "visitor",
        False,
        [
            ("purpose-not-for-subject-kind", None, "Art. 18(1)"),
            ("channel-consent-missing", "location", "Art. 20(1)"),
            ("item-without-purpose", "location", "Art. 18(1)"),
        ],
    ),
]


@pytest.mark.parametrize(
    ("channel", "values", "kind", "consented", "expected"), [c[1:] for c in TABLE], ids=[c[0] for c in TABLE]
)
def test_a_consent_required_channel_needs_the_persons_consent(
    channel: str, values: dict[str, str], kind: str, consented: bool, expected: list[Any] | None
) -> None:
    args: dict[str, Any] = {
        "subject_kind": kind,
        "values": values,
        "channel": channel,
        "purposes": None,
        "special_care_consented": set(),
        "special_care_basis": None,
        "now": NOW,
        "channel_consented": consented,
    }
    if expected is None:
        plan = plan_acquisition(INDEX, **args)
        assert [r.item for r in plan.records] == list(values)
        return
    with pytest.raises(AcquisitionRejected) as caught:
        plan_acquisition(INDEX, **args)
    problems = [(p["code"], p["item"], p["article"]) for p in caught.value.details["problems"]]
    assert problems == expected
    assert "35.68" not in caught.value.message  # the value is never echoed
