"""What the yearly cycle's services share: who the operators are (by login and id), today in Japan, the error codes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hogo.clock import Clock, today_jst
from hogo.errors import Conflict, Forbidden, InvalidInput
from hogo.identity.operators import OperatorService, OperatorView
from hogo.ledger.schemas.ledger import Ledger

NOT_SECTIONS = frozenset({"hogo_ledger", "accepted_findings"})


class ReviewerNotOfficer(Forbidden):
    code = "pms-reviewer-not-officer"


class UnknownOperator(InvalidInput):
    code = "pms-unknown-operator"


class AuditorNotIndependent(InvalidInput):
    code = "pms-auditor-not-independent"


class FindingNotClosable(Conflict):
    code = "pms-finding-not-closable"


class AuditNotClosable(Conflict):
    code = "pms-audit-not-closable"


def ledger_sections(ledger: Ledger) -> list[str]:
    """The ledger's top-level sections that say something (items, purposes, entrustees, …), in the file's order."""
    return [name for name in Ledger.model_fields if name not in NOT_SECTIONS and getattr(ledger, name)]


@dataclass(frozen=True)
class Staff:
    """The console operators by login and by id, read once per use case."""

    by_login: dict[str, OperatorView]
    by_id: dict[str, OperatorView]

    @classmethod
    def of(cls, operators: OperatorService) -> Staff:
        rows = operators.directory()
        return cls({o.login: o for o in rows}, {o.id: o for o in rows})

    def find(self, login: str, what: str) -> OperatorView:
        found = self.by_login.get(login.strip().lower())
        if found is None:
            raise UnknownOperator(f"{what}: no console operator has the login {login!r}")
        return found

    def active(self, login: str, what: str) -> OperatorView:
        found = self.find(login, what)
        if found.disabled:
            raise UnknownOperator(f"{what}: the operator {found.login!r} is disabled")
        return found

    def login(self, operator_id: str | None) -> str | None:
        if operator_id is None:
            return None
        found = self.by_id.get(operator_id)
        return found.login if found else operator_id


def jst_today(clock: Clock) -> dt.date:
    return today_jst(clock)


def not_future(day: dt.date, today: dt.date, what: str) -> None:
    if day > today:
        raise InvalidInput(f"{what} {day.isoformat()} is after today ({today.isoformat()}, JST)")
