"""The unit of work: one use case, one transaction. Only service methods open and commit one."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.orm import Session, sessionmaker


class UnitOfWork:
    """`with uow as session: ...; uow.commit()` — anything not committed is rolled back on exit."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._factory = session_factory
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("the unit of work is not open")
        return self._session

    def __enter__(self) -> Self:
        self._session = self._factory()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self._session is not None
        try:
            self._session.rollback()
        finally:
            self._session.close()
            self._session = None

    def commit(self) -> None:
        self.session.commit()


class UnitOfWorkFactory:
    """`uow()` for a use case that writes; `uow(read_only=True)` for one that only reads (on SQLite it takes
    no write lock, so long reads such as an audit verification never hold writers up)."""

    def __init__(self, session_factory: sessionmaker[Session], reader: sessionmaker[Session] | None = None) -> None:
        self._factory = session_factory
        self._reader = reader or session_factory

    def __call__(self, *, read_only: bool = False) -> UnitOfWork:
        return UnitOfWork(self._reader if read_only else self._factory)
