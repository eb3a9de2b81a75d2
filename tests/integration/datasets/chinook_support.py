"""What the Chinook (and shop) tests share: snapshots of the person-related tables, one column's value, a crashing
writer, a customer in the vault."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, create_engine, select

from hogo import bootstrap
from hogo.adapters.connectors import Connector, SqlAlchemyConnector, Writer, connect
from hogo.datasets.service import DatasetService
from hogo.identity.policy import Actor
from hogo.ledger.schemas.procedures import IdentityDocument, RequestChannel, RequestKind
from hogo.requests.policy import ClaimedGround, Outcome
from hogo.requests.schemas import DecisionIn, FulfilIn, IdentityCheckIn, RequestIn, RequestView, ScopeIn
from hogo.subjects.schemas import AcquisitionIn, IdentifierIn

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
INVOICE_LINES = "      - {table: InvoiceLine, column: InvoiceId,"
SUPPORT_REP = (
    "      - {table: Employee, column: EmployeeId, references_table: Customer, references_column: SupportRepId}\n"
)


def snapshot(url: str) -> dict[str, dict[tuple[Any, ...], tuple[Any, ...]]]:
    """Every row of the person-related tables, by table (lower-cased, no underscores) and primary key."""
    engine = create_engine(url)
    metadata = MetaData()
    metadata.reflect(engine)
    out: dict[str, dict[tuple[Any, ...], tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for table in metadata.tables.values():
            name = table.name.replace("_", "").lower()
            if name not in {"customer", "invoice", "invoiceline", "employee"}:
                continue
            pk = [c.name for c in table.primary_key.columns]
            out[name] = {tuple(r._mapping[c] for c in pk): tuple(r) for r in conn.execute(select(table))}
    engine.dispose()
    return out


def column(url: str, table: str, key: int, name: str) -> Any:
    connector = SqlAlchemyConnector(url)
    try:
        pk = connector.primary_key(table)[0]
        rows = connector.find(table, pk, [key])
        real = next(c for c in rows[0] if c.replace("_", "").lower() == name.lower())
        return rows[0][real]
    finally:
        connector.close()


class CrashingWriter(Writer):
    """The real writer, until the n-th write: then the process 'dies' (an exception mid-transaction)."""

    def __init__(self, inner: Writer, budget: list[int]) -> None:
        self._inner, self._budget = inner, budget

    def _spend(self) -> None:
        self._budget[0] -= 1
        if self._budget[0] < 0:
            raise RuntimeError("injected crash")

    def set(
        self, table: str, key_columns: Sequence[str], keys: Sequence[tuple[Any, ...]], values: dict[str, Any]
    ) -> int:
        changed = self._inner.set(table, key_columns, keys, values)
        self._spend()
        return changed

    def rehash(
        self,
        table: str,
        key_columns: Sequence[str],
        keys: Sequence[tuple[Any, ...]],
        columns: Sequence[str],
        hasher: Callable[[str], str],
    ) -> int:
        changed = self._inner.rehash(table, key_columns, keys, columns, hasher)
        self._spend()
        return changed

    def delete(self, table: str, key_columns: Sequence[str], keys: Sequence[tuple[Any, ...]]) -> int:
        changed = self._inner.delete(table, key_columns, keys)
        self._spend()
        return changed


Begin = Callable[[], AbstractContextManager[Writer]]


def _around_begin(wrap: Callable[[Begin], Callable[[], Iterator[Writer]]]) -> Callable[[str], Connector]:
    """Real connectors whose transactions go through `wrap` (a generator around the real `begin`)."""

    def factory(url: str) -> Connector:
        real = connect(url)
        real.begin = contextmanager(wrap(real.begin))  # type: ignore[method-assign]
        return real

    return factory


def crashing(budget: list[int]) -> Callable[[str], Connector]:
    def wrap(begin: Begin) -> Callable[[], Iterator[Writer]]:
        def crashing_begin() -> Iterator[Writer]:
            with begin() as writer:
                yield CrashingWriter(writer, budget)

        return crashing_begin

    return _around_begin(wrap)


def interrupting(after_commit: bool) -> Callable[[str], Connector]:
    """Connectors whose transaction is interrupted the way an operator's Ctrl-C (or a kill) interrupts a run:
    right after the database committed and before hogo booked the step (`after_commit`), or just before the
    commit. KeyboardInterrupt is no `Exception`: nothing in hogo catches it, so nothing is booked."""

    def wrap(begin: Begin) -> Callable[[], Iterator[Writer]]:
        def interrupted_begin() -> Iterator[Writer]:
            with begin() as writer:
                yield writer
                if not after_commit:
                    raise KeyboardInterrupt
            raise KeyboardInterrupt

        return interrupted_begin

    return _around_begin(wrap)


def service_with(c: bootstrap.Container, connect: Callable[[str], Connector]) -> DatasetService:
    """The store's datasets service, reaching the databases through other connectors."""
    return DatasetService(c.uow, c.clock, c.ledger, connect, os.environ, lambda: c.keyring.index_key)


def customer_in_vault(c: bootstrap.Container, admin: Actor, email: str, name: str) -> str:
    """A customer recorded in the vault as the online shop's web form records them; their person id."""
    data = AcquisitionIn(
        subject_kind="customer",
        identifiers=[IdentifierIn(kind="email", value=email)],
        values={"name": name, "email": email},
        channel="web-shop",
    )
    return c.subjects.acquire(data, admin).person_id


def support_rep_relation() -> str:
    """The Chinook test ledger with a relation the walk does not follow: into Employee, a person table (the
    employee who supports a customer declared as the customer's)."""
    text = (FIXTURES / "chinook.yaml").read_text(encoding="utf-8")
    assert INVOICE_LINES in text
    return text.replace(INVOICE_LINES, SUPPORT_REP + INVOICE_LINES, 1)


def fulfilled_erasure(c: bootstrap.Container, admin: Actor, person: str, items: Sequence[str] = ()) -> RequestView:
    """An erasure request of the person (of `items` only, if given), filed at the desk, checked, decided in full
    and fulfilled."""
    filed = c.requests.file(
        RequestIn(
            kind=RequestKind.erasure,
            channel=RequestChannel.post,
            person_id=person,
            scope=ScopeIn(items=list(items)),
            claimed_ground=ClaimedGround.harm_to_rights,
        ),
        admin,
    )
    c.requests.check_identity(filed.request.id, IdentityCheckIn(document=IdentityDocument.passport), admin)
    c.requests.decide(filed.request.id, DecisionIn(outcome=Outcome.full), admin)
    return c.requests.fulfil(filed.request.id, FulfilIn(), admin)
