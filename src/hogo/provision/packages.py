"""The information package shown before consent to a transfer abroad (Art. 28(2); Rule 17), versioned. Pure.

The package is the ledger's words about the recipient: the country, its regime, the recipient's measures.
Its versions derive from the immutable ledger versions (a new package version wherever the words change), so
the package a consent was given under is the one of the consent's ledger version: no separate state to drift.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hogo.ledger.schemas.recipients import ForeignRecipient

FIELDS = ("country", "country_name", "country_regime", "recipient_measures")


def info_package(recipient: ForeignRecipient) -> dict[str, Any]:
    """What the person is shown (the same shape as a foreign_transfer consent's `shown`)."""
    return {
        "country": recipient.country,
        "country_name": recipient.country_name.model_dump() if recipient.country_name else None,
        "country_regime": recipient.country_regime.model_dump() if recipient.country_regime else None,
        "recipient_measures": recipient.recipient_measures.model_dump() if recipient.recipient_measures else None,
    }


def package_digest(package: dict[str, Any]) -> str:
    """A short fingerprint of a package, or of a consent's `shown` (only the package fields count)."""
    body = json.dumps({k: package.get(k) for k in FIELDS}, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class PackageVersion:
    version: int
    digest: str
    ledger_versions: tuple[int, ...]
    """The ledger versions that showed this package."""
    first_applied_at: dt.datetime
    complete: bool
    """Whether it holds everything Rule 17 asks for (a consent can be recorded only then)."""
    content: dict[str, Any]


def package_versions(
    history: Sequence[tuple[int, dt.datetime, ForeignRecipient | None]],
) -> list[PackageVersion]:
    """Number the distinct packages of one recipient across the ledger's versions, oldest first."""
    versions: list[PackageVersion] = []
    for ledger_version, applied_at, recipient in sorted(history, key=lambda h: h[0]):
        if recipient is None:
            continue
        content = info_package(recipient)
        digest = package_digest(content)
        if versions and versions[-1].digest == digest:
            last = versions[-1]
            versions[-1] = PackageVersion(
                last.version,
                digest,
                (*last.ledger_versions, ledger_version),
                last.first_applied_at,
                last.complete,
                content,
            )
            continue
        complete = bool(content["country"] or content["country_name"]) and all(
            content[k] for k in ("country_regime", "recipient_measures")
        )
        versions.append(PackageVersion(len(versions) + 1, digest, (ledger_version,), applied_at, complete, content))
    return versions
