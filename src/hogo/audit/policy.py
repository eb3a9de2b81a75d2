"""The audit chain's arithmetic, pure: canonical bytes, hashes, and naming the first break.

Each event is stored as `body`, the exact bytes `canonical()` produced, and chained by
`hash = sha256(prev_hash_ascii + body)`. The body is the source of truth: views (`ChainedEvent`) are
parsed from it. The row's other columns (`occurred_at`, `actor`, `action`, `entity_type`,
`entity_id`) are copies kept for queries; verification checks every one of them against the body,
cheaply, because a canonical body is `head + json(data) + tail` where head and tail are built from
those columns alone (`frame()`): no JSON is parsed unless something is wrong. The event's `data` has
no column of its own any more: nothing queried it, and a second copy would only be one more thing
that could disagree with the body.

Two verifiers, which must agree:
- `scan()` is the hot path: it accepts rows while every check passes and stops at the first row that
  fails one; it never names anything.
- `verify_chain()` applies the same checks and, at the first failure, classifies it: `altered`
  (content or a column does not match the hash), `removed` (a gap, a renumbered hole, or a log that
  ends before the head), `inserted` (a row the next one links past, or a row beyond the head) or
  `relinked` (the content is intact but its link to the previous event is not).

What no chain can catch: someone who rewrites every event from the tampered one to the end *and*
the head. Anchoring the head outside the database (printing it, mailing it) is what closes that.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any, Literal

GENESIS = "0" * 64

BreakKind = Literal["altered", "inserted", "removed", "relinked"]

Row = tuple[int, str, str, bytes, str, str, str, str, str]
"""A stored event as verification reads it: seq, prev_hash, hash, body, at, actor, action, entity_type, entity_id.

`at` is the `occurred_at` column as text in UTC, 'YYYY-MM-DD HH:MM:SS.ffffff' (see `stored_at`).
"""

COLUMNS = ("at", "actor", "action", "entity_type", "entity_id")

# What json.dumps(..., sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str) does, without
# building a new encoder per call.
_CANONICAL_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


@dataclass(frozen=True)
class ChainedEvent:
    seq: int
    occurred_at: dt.datetime
    actor: str
    action: str
    entity_type: str
    entity_id: str
    data: dict[str, Any]
    prev_hash: str
    hash: str


def canonical(
    seq: int, occurred_at: dt.datetime, actor: str, action: str, entity_type: str, entity_id: str, data: dict[str, Any]
) -> bytes:
    """The bytes an event is hashed and stored as. Never change: the stored chain depends on every byte."""
    body = {
        "seq": seq,
        "at": body_at(occurred_at),
        "actor": actor,
        "action": action,
        "entity": [entity_type, entity_id],
        "data": data,
    }
    return _CANONICAL_JSON.encode(body).encode()


class Bodies:
    """`canonical()` for the events one append writes at one instant, byte for byte, faster: the body is built as
    `frame()` describes it (head + json(data) + tail), with the instant rendered once and each (action, actor)'s
    head once, and `data` encoded by the very C encoder `canonical()`'s encoder uses, made once per append instead of
    once per event. Anything that is not plain (a `data` that is not a dict, a column that is not a str, a seq that
    is not an int) goes through `canonical()` itself.
    """

    __slots__ = ("_at", "_encode", "_heads", "_occurred_at")

    def __init__(self, occurred_at: dt.datetime) -> None:
        self._occurred_at = occurred_at
        self._at = encode_basestring(body_at(occurred_at))
        self._heads: dict[tuple[str, str], str] = {}
        self._encode = _data_encoder()

    def __call__(
        self, seq: int, actor: str, action: str, entity_type: str, entity_id: str, data: dict[str, Any]
    ) -> bytes:
        encode = self._encode
        if (
            encode is None
            or type(data) is not dict
            or type(seq) is not int
            or not (type(actor) is type(action) is type(entity_type) is type(entity_id) is str)
        ):
            return canonical(seq, self._occurred_at, actor, action, entity_type, entity_id, data)
        head = self._heads.get((action, actor))
        if head is None:
            esc = encode_basestring
            head = self._heads[action, actor] = f'{{"action":{esc(action)},"actor":{esc(actor)},"at":{self._at},"data":'
        tail = f',"entity":[{encode_basestring(entity_type)},{encode_basestring(entity_id)}],"seq":{seq}}}'
        try:
            text = "".join(encode(data, 0))
        except BaseException:
            self._encode = _data_encoder()  # an error midway leaves the failed containers in its circularity check
            raise
        return (head + text + tail).encode()


def _data_encoder() -> Any:
    """The C encoder `_CANONICAL_JSON.encode` makes for each call (`json.JSONEncoder.iterencode`'s arguments for its
    settings, with a fresh circularity check); None where the C accelerator is missing."""
    if c_make_encoder is None:
        return None
    return c_make_encoder({}, str, encode_basestring, None, ":", ",", True, False, True)


def body_at(occurred_at: dt.datetime) -> str:
    return occurred_at.astimezone(dt.UTC).isoformat(timespec="microseconds")


def stored_at(occurred_at: dt.datetime) -> str:
    """How the `occurred_at` column reads as text: UTC, 'YYYY-MM-DD HH:MM:SS.ffffff' (SQLAlchemy's SQLite form)."""
    return occurred_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def body_at_text(at: str) -> str:
    """The body's "at" for a stored `at` ('2026-11-20 01:00:00.000000' → '2026-11-20T01:00:00.000000+00:00')."""
    return at.replace(" ", "T", 1) + "+00:00"


def frame(seq: int, at: str, actor: str, action: str, entity_type: str, entity_id: str) -> tuple[bytes, bytes]:
    """What the canonical body of these column values starts and ends with: canonical = head + json(data) + tail.

    The keys sort as action, actor, at, data, entity, seq, so `data` is the only part not built from
    columns. Head and tail cannot overlap in a body (one ends with `,"data":`, the other starts with
    `,"entity":[`), so a body that starts with one and ends with the other has exactly these columns.
    """
    esc = encode_basestring
    head = f'{{"action":{esc(action)},"actor":{esc(actor)},"at":{esc(body_at_text(at))},"data":'
    tail = f',"entity":[{esc(entity_type)},{esc(entity_id)}],"seq":{seq}}}'
    return head.encode(), tail.encode()


def chain_hash(prev_hash: str, content: bytes) -> str:
    return hashlib.sha256(prev_hash.encode() + content).hexdigest()


def view(seq: int, prev_hash: str, digest: str, body: bytes) -> ChainedEvent:
    """An event as callers see it: its place in the chain, and its content read from the body."""
    doc = json.loads(body)
    entity_type, entity_id = doc["entity"]
    at = dt.datetime.fromisoformat(doc["at"]).astimezone(dt.UTC)
    return ChainedEvent(seq, at, doc["actor"], doc["action"], entity_type, entity_id, doc["data"], prev_hash, digest)


@dataclass(frozen=True)
class ChainHead:
    """The head row: how many events the chain has and the last one's hash."""

    seq: int
    hash: str


@dataclass(frozen=True)
class ChainState:
    """Where a verification stands: the next expected seq, the last hash, and the one before it."""

    seq: int = 1
    prev: str = GENESIS
    before: str | None = None

    def after(self, rows: Sequence[Row]) -> ChainState:
        """The state once `rows` (which continue this state and verified) are behind us."""
        if not rows:
            return self
        before = rows[-2][2] if len(rows) > 1 else self.prev
        return ChainState(self.seq + len(rows), rows[-1][2], before)


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    kind: BreakKind
    reason: str


def scan(rows: Sequence[Row], state: ChainState) -> int:
    """How many leading rows verify: the hot path, the same checks as `verify_chain`, none of its naming.

    A row verifies if it is the next seq, links to the previous hash, hashes to its stored hash and
    its columns frame its body (see `frame`). Per row that is one SHA-256 and a few byte comparisons;
    the frame's fixed parts are cached per (action, actor, entity_type) and per `at`.
    """
    sha, esc = hashlib.sha256, encode_basestring
    frames: dict[tuple[str, str, str], tuple[bytes, str]] = {}
    prev, expected = state.prev, state.seq
    last_at: str | None = None
    at_part = b""
    try:
        for seq, prev_hash, digest, body, at, actor, action, entity_type, entity_id in rows:
            if seq != expected or prev_hash != prev or sha(prev_hash.encode() + body).hexdigest() != digest:
                break
            try:
                head, entity = frames[action, actor, entity_type]
            except KeyError:
                head, entity = frames[action, actor, entity_type] = (
                    f'{{"action":{esc(action)},"actor":{esc(actor)},"at":'.encode(),
                    f',"entity":[{esc(entity_type)},',
                )
            if at != last_at:
                last_at, at_part = at, f'{esc(body_at_text(at))},"data":'.encode()
            if not (
                body.startswith(head)
                and body.startswith(at_part, len(head))
                and body.endswith(f'{entity}{esc(entity_id)}],"seq":{seq}}}'.encode())
            ):
                break
            prev, expected = digest, expected + 1
    except (AttributeError, TypeError, ValueError):
        pass  # a value of the wrong type (SQLite columns take any): verify_chain names the row
    return expected - state.seq


def verify_chain(rows: Iterable[Row], *, head: ChainHead | None, start: ChainState | None = None) -> ChainBreak | None:
    """The first break in `rows` (stored order, by seq) and the head, named and classified; None if intact."""
    state = start or ChainState()
    last = head.seq if head is not None else None
    for row, following in _with_next(rows):
        seq = row[0]
        if seq > state.seq:
            return ChainBreak(state.seq, "removed", f"event {state.seq} is missing (the next stored event is {seq})")
        if seq < state.seq:
            return ChainBreak(seq, "inserted", f"event {seq} is out of sequence (the next expected is {state.seq})")
        if last is not None and seq > last:
            return _end(state, head) or ChainBreak(
                seq, "inserted", f"event {seq} is beyond the chain head, which records {last} event(s)"
            )
        if not _well_typed(row):
            return ChainBreak(
                seq, "altered", "its stored values were altered: they are not of the types the log writes"
            )
        broken = _link_or_content(row, following, state) or _columns(row)
        if broken is not None:
            return broken
        state = ChainState(state.seq + 1, row[2], state.prev)
    if head is None:
        if state.seq > 1:
            return ChainBreak(
                state.seq, "removed", f"the chain head is missing: events after {state.seq - 1} may have been removed"
            )
        return None
    return _end(state, head)


def _with_next(rows: Iterable[Row]) -> Iterator[tuple[Row, Row | None]]:
    iterator = iter(rows)
    current = next(iterator, None)
    while current is not None:
        following = next(iterator, None)
        yield current, following
        current = following


def _end(state: ChainState, head: ChainHead | None) -> ChainBreak | None:
    """Does the verified prefix end where the head says the chain ends?"""
    if head is None:
        return None
    last = state.seq - 1
    if last < head.seq:
        return ChainBreak(
            last + 1,
            "removed",
            f"events {last + 1}..{head.seq} were removed: the chain head records {head.seq} event(s), "
            f"the log ends at {last}",
        )
    if state.prev != head.hash:
        return ChainBreak(
            last, "altered", f"event {last} was altered or replaced: it does not match the chain head's hash"
        )
    return None


def _link_or_content(row: Row, following: Row | None, state: ChainState) -> ChainBreak | None:
    """Name what is wrong with a row's link or hash, using its neighbours to tell an insertion from an edit.

    The row (or its predecessor) was inserted if a later event links past it; its link was rewritten
    if its content still hashes with the true predecessor; events before it were removed and the rest
    renumbered if its intact body records a later seq; otherwise it was altered.
    """
    seq, prev_hash, digest, body = row[0], row[1], row[2], row[3]
    linked = prev_hash == state.prev
    intact = chain_hash(prev_hash, body) == digest
    if linked and intact:
        return None
    skipped = following is not None and following[1] == state.prev
    if linked:
        if skipped:
            return ChainBreak(seq, "inserted", f"event {seq} was inserted: event {seq + 1} links past it")
        return ChainBreak(seq, "altered", "its content was altered: it no longer matches its hash")
    if state.before is not None and prev_hash == state.before:
        return ChainBreak(
            seq - 1, "inserted", f"event {seq - 1} was inserted: event {seq} links past it to event {seq - 2}"
        )
    if skipped:
        return ChainBreak(
            seq, "inserted", f"event {seq} was inserted: it does not link to event {seq - 1}, event {seq + 1} does"
        )
    if not intact and chain_hash(state.prev, body) == digest:
        return ChainBreak(seq, "relinked", "its link to the previous event was rewritten; its content is intact")
    recorded = _recorded_seq(body)
    if intact and recorded is not None and recorded > seq:
        return ChainBreak(
            seq,
            "removed",
            f"event {seq} is missing: the event now numbered {seq} was recorded as {recorded}, "
            "so events were removed and the rest renumbered",
        )
    if intact:
        return ChainBreak(seq, "relinked", "it links to an event that is not the previous one")
    return ChainBreak(seq, "altered", "it was altered: neither its link nor its content matches its hash")


def _columns(row: Row) -> ChainBreak | None:
    """Do the stored columns frame the body? The same test as `scan()`; parse the body only to say which."""
    seq, body = row[0], row[3]
    head, tail = frame(seq, *row[4:])
    if body.startswith(head) and body.endswith(tail):
        return None
    try:
        doc = json.loads(body)
        recorded = dict(zip(COLUMNS, (doc["at"], doc["actor"], doc["action"], *doc["entity"]), strict=True))
        recorded["seq"] = doc["seq"]
    except (ValueError, KeyError, TypeError):
        return ChainBreak(seq, "altered", "its body was altered: it is not a canonical event")
    stored = dict(zip(COLUMNS, (body_at_text(row[4]), *row[5:]), strict=True)) | {"seq": seq}
    differing = [name for name in (*COLUMNS, "seq") if stored[name] != recorded[name]]
    if differing:
        names = ", ".join(differing)
        if len(differing) == 1:
            return ChainBreak(seq, "altered", f"its {names} column was altered: it disagrees with the hashed body")
        return ChainBreak(seq, "altered", f"its {names} columns were altered: they disagree with the hashed body")
    return ChainBreak(seq, "altered", "its body was altered: it is not in canonical form")


def _well_typed(row: Row) -> bool:
    """SQLite lets any column hold any type; the log only ever writes text, and bytes for the body."""
    return isinstance(row[3], bytes) and all(isinstance(value, str) for value in (*row[1:3], *row[4:]))


def _recorded_seq(body: bytes) -> int | None:
    try:
        seq = json.loads(body)["seq"]
    except (ValueError, KeyError, TypeError):
        return None
    return seq if isinstance(seq, int) else None
