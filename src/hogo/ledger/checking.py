"""Checking a ledger file: its structural problems, then the APPI findings, by line. Pure (no store needed), so
that `hogo ledger check` in a CI pipeline neither builds a container nor touches a database."""

from __future__ import annotations

import datetime as dt

from hogo.ledger.loader import LoadedLedger, Problem, dotted
from hogo.ledger.policy import lint
from hogo.ledger.rules import rules_in_force
from hogo.ledger.schemas import Ledger


def check_loaded(loaded: LoadedLedger, today: dt.date) -> list[Problem]:
    problems = list(loaded.problems)
    ledger = loaded.ledger
    if ledger is not None:
        for finding in lint(ledger, today, rules_in_force(today)):
            problems.append(
                Problem(
                    loaded.source,
                    loaded.lines.line_of(finding.path),
                    finding.code,
                    finding.message,
                    finding.severity,
                    finding.article,
                    _accepted(ledger, finding.code, dotted(finding.path)),
                    finding.text_ja,
                )
            )
    return problems


def _accepted(ledger: Ledger, code: str, where: str) -> str | None:
    for accepted in ledger.accepted_findings:
        if accepted.code == code and (accepted.at is None or where.startswith(accepted.at)):
            return accepted.reason.get("en")
    return None
