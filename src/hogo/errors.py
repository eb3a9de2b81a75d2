"""Domain errors with stable codes. The web layer maps them to HTTP problems in one place."""

from __future__ import annotations

from typing import Any, Self


class DomainError(Exception):
    """Base of every error hogo raises on purpose. `code` is stable; `message` carries no personal data.

    `message` is English (the API's `detail`, the logs); an error made with `keyed` also has its words in the
    catalogue (`hogo.i18n`), and `text("ja")` is what staff read in the console."""

    code = "domain-error"

    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}
        self.key: str | None = None
        self.params: dict[str, Any] = {}

    @classmethod
    def keyed(cls, key: str, *, details: dict[str, Any] | None = None, **params: Any) -> Self:
        """The error worded by catalogue message `key` (English in `message`, every language by `text`)."""
        from hogo.i18n import t

        error = cls(t(key, "en", **params), details=details)
        error.key, error.params = key, params
        return error

    def text(self, lang: str = "ja") -> str:
        """The error in `lang` where the catalogue words it; else the English message."""
        if self.key is None:
            return self.message
        from hogo.i18n import t

        return t(self.key, lang, **self.params)


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
