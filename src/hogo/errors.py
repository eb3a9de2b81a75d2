"""Domain errors with stable codes. The web layer maps them to HTTP problems in one place."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base of every error hogo raises on purpose. `code` is stable; `message` carries no personal data."""

    code = "domain-error"

    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}


class NotFound(DomainError):
    code = "not-found"


class Gone(NotFound):
    """It existed and was ended on purpose (an expired download, a package deleted when the person was erased)."""

    code = "gone"


class InvalidInput(DomainError):
    code = "invalid-input"


class Conflict(DomainError):
    code = "conflict"


class LedgerInvalid(InvalidInput):
    """A ledger file failed structural validation; `details["problems"]` lists each one."""

    code = "ledger-invalid"


class NoLedger(NotFound):
    code = "no-ledger"


class Unauthenticated(DomainError):
    """No valid credentials were given."""

    code = "unauthenticated"


class Forbidden(DomainError):
    """The actor's role or item categories do not allow this."""

    code = "forbidden"


class RateLimited(DomainError):
    """Too many events from one client address in the window (counted in the shared store)."""

    code = "too-many-requests"
