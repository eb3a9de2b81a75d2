"""Finding and exporting audit events: filters, pages newest first, and a CSV export verified as it streams.

The console and `hogo audit events` page through events matching a filter (action prefix, actor, entity,
person, time), newest first, by sequence number (`before`), so a page costs the same at event 10 and at
event 10,000,000. A person is found by an identifier the officer types (a keyed-hash lookup done by the
caller): the filter then holds only the person's opaque id, and matches events about the person and events
whose body names them; no personal value is shown or searched.

The export reads every event once, in sequence, through the verifier's cursor: each batch is checked by the
chain's hot path (`policy.scan`) and the matching rows are written as CSV, so the file ends with one
`verification` row saying whether the chain was intact over everything that was read — not a claim made
before or after the export, but of the very rows exported. Memory stays at one batch.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Integer, LargeBinary, and_, literal, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from hogo.adapters.disclosure_formats import FORMULA_STARTS
from hogo.audit.models import AuditEvent, AuditHead
from hogo.audit.policy import ChainBreak, ChainedEvent, ChainState, Row, scan, stored_at, verify_chain
from hogo.audit.service import HEAD_ID, readable, snapshot
from hogo.audit.service import _batches as batches
from hogo.clock import JST
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import InvalidInput


class BytesPosition(FunctionElement[int]):
    """Where `needle` starts in `haystack` (1-based; 0 if absent), for binary columns on both stores."""

    type = Integer()
    inherit_cache = True


@compiles(BytesPosition, "sqlite")
def _instr(element: BytesPosition, compiler: Any, **kw: Any) -> str:
    return f"instr({compiler.process(element.clauses, **kw)})"


@compiles(BytesPosition, "postgresql")
def _byteapos(element: BytesPosition, compiler: Any, **kw: Any) -> str:
    return f"position({' in '.join(compiler.process(c, **kw) for c in reversed(list(element.clauses)))})"


BOM = "\ufeff"
"""First, so that spreadsheet software in Japan opens the file as UTF-8 (as the disclosure CSV does)."""
HEADER = ("record", "seq", "occurred_at", "actor", "action", "entity_type", "entity_id", "data", "hash", "prev_hash")


@dataclass(frozen=True)
class AuditQuery:
    """Which events: every field left None matches everything."""

    action: str | None = None
    """An action prefix, e.g. `request.` or `ledger.applied`."""
    actor: str | None = None
    entity: str | None = None
    """An entity id (rq_…, inc_…, a ledger version) or `type:id`."""
    person_id: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    """Exclusive."""

    def __post_init__(self) -> None:
        if self.since and self.until and self.since >= self.until:
            raise InvalidInput("the period's start must be before its end")
        for value in (self.since, self.until):
            if value is not None and value.tzinfo is None:
                raise InvalidInput("give times with their zone (JST is +09:00)")

    @property
    def empty(self) -> bool:
        return not any((self.action, self.actor, self.entity, self.person_id, self.since, self.until))

    def where(self) -> list[ColumnElement[bool]]:
        clauses: list[ColumnElement[bool]] = []
        if self.action:
            clauses.append(AuditEvent.action.startswith(self.action, autoescape=True))
        if self.actor:
            clauses.append(AuditEvent.actor == self.actor)
        if self.entity:
            kind, _, ident = self.entity.rpartition(":")
            clauses.append(
                and_(AuditEvent.entity_type == kind, AuditEvent.entity_id == ident)
                if kind
                else AuditEvent.entity_id == ident
            )
        if self.person_id:
            needle = literal(self.person_id.encode(), LargeBinary)
            clauses.append(or_(AuditEvent.entity_id == self.person_id, BytesPosition(AuditEvent.body, needle) > 0))
        if self.since:
            clauses.append(AuditEvent.occurred_at >= self.since)
        if self.until:
            clauses.append(AuditEvent.occurred_at < self.until)
        return clauses

    def matcher(self) -> Callable[[Row], bool]:
        """The same filter over the verifier's raw rows (the export's path: no second query)."""
        since = stored_at(self.since) if self.since else None
        until = stored_at(self.until) if self.until else None
        kind, _, ident = (self.entity or "").rpartition(":")
        person = self.person_id.encode() if self.person_id else None

        def matches(row: Row) -> bool:
            _, _, _, body, at, actor, action, entity_type, entity_id = row
            return (
                (not self.action or action.startswith(self.action))
                and (not self.actor or actor == self.actor)
                and (not self.entity or (entity_id == ident and (not kind or entity_type == kind)))
                and (person is None or entity_id == self.person_id or person in body)
                and (since is None or at >= since)
                and (until is None or at < until)
            )

        return matches


@dataclass(frozen=True)
class EventPage:
    events: list[ChainedEvent]
    before: int | None
    """Pass as `before` for the next (older) page; None when this is the last."""


@dataclass(frozen=True)
class ExportResult:
    read: int
    written: int
    broken: ChainBreak | None


class AuditSearch:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    def page(self, query: AuditQuery, *, before: int | None = None, limit: int = 50) -> EventPage:
        """Events matching `query`, newest first, older than `before`."""
        with self._uow(read_only=True) as uow:
            stmt = select(AuditEvent.seq, AuditEvent.prev_hash, AuditEvent.hash, AuditEvent.body)
            clauses = query.where()
            if before is not None:
                clauses.append(AuditEvent.seq < before)
            rows = uow.session.execute(stmt.where(*clauses).order_by(AuditEvent.seq.desc()).limit(limit + 1)).all()
        events = readable(rows[:limit])
        return EventPage(events, events[-1].seq if len(rows) > limit else None)

    def size(self) -> int:
        """How many events the chain head records: the export's total, for a progress bar."""
        with self._uow(read_only=True) as uow:
            seq = uow.session.execute(select(AuditHead.seq).where(AuditHead.id == HEAD_ID)).scalar()
        return int(seq or 0)

    def export_csv(
        self,
        query: AuditQuery,
        *,
        size: int = 20_000,
        progress: Callable[[int], None] | None = None,
        result: list[ExportResult] | None = None,
    ) -> Iterator[str]:
        """CSV text, chunk by chunk: a header, the matching events in sequence, and a last `verification` row.

        When it is exhausted, the outcome (events read and written, the first break) is appended to `result`.
        """
        matches = None if query.empty else query.matcher()
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        out.write(BOM)
        writer.writerow(HEADER)
        yield _take(out)
        hours: dict[str, str] = {}
        read = written = 0
        broken: ChainBreak | None = None
        with self._uow(read_only=True) as uow:
            connection = snapshot(uow.session)
            found = connection.execute(select(AuditHead.seq).where(AuditHead.id == HEAD_ID)).scalar()
            last = int(found or 0)
            state = ChainState()
            with closing(batches(connection, size)) as chunks:
                for rows in chunks:
                    if broken is None:
                        good = scan(rows[: max(0, last - state.seq + 1)], state)
                        if good < len(rows):
                            broken = verify_chain(rows[good:], head=None, start=state.after(rows[:good]))
                            broken = broken or ChainBreak(
                                state.seq + good, "inserted", "an event beyond the chain head"
                            )
                        state = state.after(rows[:good])
                    chosen = rows if matches is None else [r for r in rows if matches(r)]
                    out.write(_lines(chosen, hours))
                    written += len(chosen)
                    read += len(rows)
                    if progress is not None:
                        progress(len(rows))
                    yield _take(out)
            if broken is None and state.seq - 1 != last:
                ends = f"the log ends at event {state.seq - 1}; the head records {last}"
                broken = ChainBreak(state.seq, "removed", ends)
        if broken is None:
            outcome: tuple[int, str, str] = (last, "intact", f"{read} event(s) read")
        else:
            outcome = (broken.seq, f"broken:{broken.kind}", broken.reason)
        writer.writerow(("verification", outcome[0], "", "", outcome[1], "", "", outcome[2], "", ""))
        yield _take(out)
        if result is not None:
            result.append(ExportResult(read, written, broken))


def _take(out: io.StringIO) -> str:
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    return text


def _jst_hour(prefix: str) -> str:
    """'YYYY-MM-DD HH' in UTC → 'YYYY-MM-DDTHH' in Japan (the offset is whole hours: the rest of a time stays)."""
    moment = dt.datetime.strptime(prefix, "%Y-%m-%d %H").replace(tzinfo=dt.UTC).astimezone(JST)
    return moment.strftime("%Y-%m-%dT%H")


def _lines(rows: list[Row], hours: dict[str, str]) -> str:
    """The CSV lines of `rows`: built directly for the usual row (plain ids and names, JSON data quoted), through
    the csv writer for a row with anything that needs quoting or neutralising."""
    out: list[str] = []
    for row in rows:
        seq, prev_hash, digest, body, at, actor, action, entity_type, entity_id = row
        start = body.find(b',"data":')
        end = body.rfind(b',"entity":[')
        data = body[start + 8 : end].decode("utf-8", "replace") if 0 <= start < end else ""
        prefix = at[:13]
        hour = hours.get(prefix)
        if hour is None:
            hour = hours[prefix] = _jst_hour(prefix)
        when = f"{hour}{at[13:]}+09:00"
        if _SPECIAL.search(f"{actor}\0{action}\0{entity_type}\0{entity_id}") or data[:1] in _FORMULA:
            cells = ("event", seq, when, actor, action, entity_type, entity_id, data, digest, prev_hash)
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\r\n").writerow([_safe(str(c)) for c in cells])
            out.append(buffer.getvalue())
            continue
        quoted = data.replace('"', '""')
        out.append(f'event,{seq},{when},{actor},{action},{entity_type},{entity_id},"{quoted}",{digest},{prev_hash}\r\n')
    return "".join(out)


_SPECIAL = re.compile(r'[,"\r\n]|(?:^|\0)[=+\-@\t]')
"""A separator, quote or line break anywhere, or a formula start at the beginning of a cell."""


def _safe(cell: str) -> str:
    """`neutralise`, inlined for the export's hot loop: a cell a spreadsheet would run gets a leading quote."""
    return "'" + cell if cell[:1] in _FORMULA else cell


_FORMULA = frozenset(FORMULA_STARTS)
