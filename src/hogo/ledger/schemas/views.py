"""What the ledger service returns: applied versions and the outcome of an apply."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from hogo.ledger.diff import LedgerDiff
from hogo.ledger.impact import Impact
from hogo.ledger.loader import Problem
from hogo.ledger.schemas.ledger import Ledger


@dataclass(frozen=True)
class AppliedLedger:
    version: int
    applied_at: dt.datetime
    applied_by: str
    source_name: str
    sha256: str
    ledger: Ledger
    source_text: str


@dataclass(frozen=True)
class VersionSummary:
    version: int
    applied_at: dt.datetime
    applied_by: str
    source_name: str
    sha256: str
    findings: int


@dataclass(frozen=True)
class ApplyResult:
    applied: AppliedLedger
    created: bool
    """False when the file is identical to the version in force: nothing new was stored."""
    diff: LedgerDiff
    findings: list[Problem]
    impact: Impact = field(default_factory=Impact)
    """What the change did to data held when it was applied."""
    resolved: dict[str, int] = field(default_factory=dict)
    """Records retired to another purpose, or handed to retention, by the officer's resolution."""


@dataclass(frozen=True)
class ApplyPreview:
    """What an apply would do, computed without writing: for `--dry-run` and the console's preview."""

    version: int | None
    """The version in force now (None before the first apply); pass it back as `expected_version`."""
    unchanged: bool
    diff: LedgerDiff
    impact: Impact
    findings: list[Problem]
