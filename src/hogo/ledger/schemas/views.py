"""What the ledger service returns: applied versions and the outcome of an apply."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hogo.ledger.diff import LedgerDiff
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
