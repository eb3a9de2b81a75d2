"""The unit of work: one use case, one transaction. Only service methods open and commit one."""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Self

from sqlalchemy.orm import Session, sessionmaker


class UnitOfWork:
    """`with uow as session: ...; uow.commit()` — anything not committed is rolled back on exit."""

    def __init__(self, session_factory: sessionmaker[Session], writing: threading.local | None = None) -> None:
        self._factory = session_factory
        self._session: Session | None = None
        self._writing = writing
        """Set for a unit of work that may write: the thread's count of those open (there may be one)."""

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("the unit of work is not open")
        return self._session

    def __enter__(self) -> Self:
        if self._writing is not None:
            if getattr(self._writing, "open", 0):
                raise RuntimeError(
                    "a writing unit of work is already open in this thread; on SQLite the second would wait for the "
                    "first until the busy timeout (ADR 0011): read with uow(read_only=True), or work in the open one"
                )
            self._writing.open = 1
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
            if self._writing is not None:
                self._writing.open = 0

    def commit(self) -> None:
        self.session.commit()


class UnitOfWorkFactory:
    """`uow()` for a use case that writes; `uow(read_only=True)` for one that only reads (on SQLite it takes
    no write lock, so long reads such as an audit verification never hold writers up)."""

    def __init__(self, session_factory: sessionmaker[Session], reader: sessionmaker[Session] | None = None) -> None:
        self._factory = session_factory
        self._reader = reader or session_factory
        self._writing = threading.local()

    def __call__(self, *, read_only: bool = False) -> UnitOfWork:
        return UnitOfWork(self._reader, None) if read_only else UnitOfWork(self._factory, self._writing)
