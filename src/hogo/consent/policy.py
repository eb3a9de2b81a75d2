"""Whether a consent can be recorded against the ledger, and what the person was shown. Pure."""

from __future__ import annotations

from typing import Any

from hogo.consent.schemas import ConsentKind
from hogo.errors import InvalidInput
from hogo.ledger.compiled import LedgerIndex


class ConsentRejected(InvalidInput):
    code = "consent-rejected"


def shown_for(index: LedgerIndex, subject_kind: str, kind: ConsentKind, target: str) -> dict[str, Any]:
    """The ledger's words the person agreed to, kept with the consent (Art. 28(2) needs the country facts)."""
    base: dict[str, Any] = {"ledger_version": index.version}
    if kind is ConsentKind.purpose:
        purpose = next((p for p in index.ledger.purposes if p.id == target), None)
        if purpose is None:
            raise ConsentRejected(f"purpose {target!r} is not in the ledger (Art. 17(1))")
        if subject_kind not in purpose.subject_kinds:
            raise ConsentRejected(f"purpose {target!r} does not cover subject kind {subject_kind!r}")
        return {**base, "purpose": purpose.text.model_dump(), "items": list(purpose.items)}
    if kind is ConsentKind.provision:
        party = index.third_parties.get(target)
        if party is None:
            return _provision_abroad(index, target, base)
        return {
            **base,
            "recipient": party.name.model_dump(),
            "items": list(party.items),
            "purposes": list(party.purposes),
        }
    if kind is ConsentKind.foreign_transfer:
        recipient = index.foreign_recipients.get(target)
        if recipient is None:
            raise ConsentRejected(f"foreign recipient {target!r} is not in the ledger (Art. 28(1))")
        missing = [
            name
            for name, value in (
                ("country", recipient.country or recipient.country_name),
                ("country_regime", recipient.country_regime),
                ("recipient_measures", recipient.recipient_measures),
            )
            if not value
        ]
        if missing:
            raise ConsentRejected(
                f"foreign recipient {target!r} lacks {', '.join(missing)} in the ledger; "
                "the person must be shown them before consenting (Art. 28(2), Rule 17)"
            )
        return {
            **base,
            "recipient": recipient.name.model_dump(),
            "country": recipient.country,
            "country_name": recipient.country_name.model_dump() if recipient.country_name else None,
            "country_regime": recipient.country_regime.model_dump() if recipient.country_regime else None,
            "recipient_measures": recipient.recipient_measures.model_dump() if recipient.recipient_measures else None,
            "items": list(recipient.items),
        }
    if kind is ConsentKind.channel:
        channel = index.channels.get(target)
        if channel is None:
            raise ConsentRejected(f"channel {target!r} is not in the ledger")
        if not channel.consent_required:
            raise ConsentRejected(
                f"channel {target!r} is not marked consent_required in the ledger; no consent applies"
            )
        return {
            **base,
            "channel": channel.label.model_dump(),
            "items": list(channel.items),
            "purposes": list(channel.purposes),
        }
    item = index.items.get(target)
    if item is None:
        raise ConsentRejected(f"item {target!r} is not in the ledger")
    if item.special_care is None:
        raise ConsentRejected(f"item {target!r} is not special care-required; no Art. 20(2) consent applies")
    label = next(i.label for i in index.ledger.items if i.key == target)
    return {**base, "item": label.model_dump(), "special_care": item.special_care}


NO_ART_28_CONSENT = {"adequacy", "equivalent_measures", "cbpr"}
"""Bases under which Art. 28(1) is met without the person's consent; Art. 27(1) still asks for it."""


def _provision_abroad(index: LedgerIndex, target: str, base: dict[str, Any]) -> dict[str, Any]:
    """An Art. 27(1) consent to a recipient abroad whose transfer Art. 28 allows without consent (EU/UK, measures).

    No Rule 17 information is due for those; a recipient abroad on the consent basis needs a `foreign_transfer`
    consent instead, given after the country, its regime and the recipient's measures were shown.
    """
    recipient = index.foreign_recipients.get(target)
    if recipient is None:
        raise ConsentRejected(f"third party {target!r} is not in the ledger (Art. 27(1))")
    if recipient.basis.value not in NO_ART_28_CONSENT:
        raise ConsentRejected(
            f"recipient abroad {target!r} needs a foreign_transfer consent, given after the country information "
            "was shown (Art. 28(1), Rule 17)"
        )
    return {
        **base,
        "recipient": recipient.name.model_dump(),
        "country": recipient.country,
        "transfer_basis": recipient.basis.value,
        "items": list(recipient.items),
    }
