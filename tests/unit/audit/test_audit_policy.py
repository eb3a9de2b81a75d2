"""The audit chain's rules, from tables of cases built in memory: every tamper is named by seq and kind."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest

from hogo.audit.policy import (
    GENESIS,
    ChainBreak,
    ChainHead,
    ChainState,
    Row,
    canonical,
    chain_hash,
    frame,
    scan,
    stored_at,
    verify_chain,
    view,
)

T0 = dt.datetime(2026, 11, 20, 1, 0, tzinfo=dt.UTC)
Log = tuple[list[Row], ChainHead | None]


def event(seq: int, prev: str, *, actor: str = "officer", entity_id: str | None = None, data: object = None) -> Row:
    at = T0 + dt.timedelta(seconds=seq, microseconds=seq)
    eid = entity_id if entity_id is not None else f"t-{seq}"
    body = canonical(seq, at, actor, "thing.done", "thing", eid, data if isinstance(data, dict) else {"n": seq})
    return (seq, prev, chain_hash(prev, body), body, stored_at(at), actor, "thing.done", "thing", eid)


def log(n: int = 5, **kwargs: str) -> Log:
    rows: list[Row] = []
    prev = GENESIS
    for seq in range(1, n + 1):
        rows.append(event(seq, prev, **kwargs))
        prev = rows[-1][2]
    return rows, ChainHead(n, prev)


def put(row: Row, index: int, value: object) -> Row:
    fields = list(row)
    fields[index] = value
    return tuple(fields)  # type: ignore[return-value]


def renumber(rows: list[Row], by: int) -> list[Row]:
    return [put(r, 0, r[0] + by) for r in rows]


def change(index: int, value: object, seq: int = 3) -> Callable[[Log], Log]:
    def tamper(state: Log) -> Log:
        rows, head = state
        return [put(r, index, value) if r[0] == seq else r for r in rows], head

    return tamper


def alter_body(state: Log) -> Log:
    rows, head = state
    return [put(r, 3, r[3].replace(b'"n":3', b'"n":4')) if r[0] == 3 else r for r in rows], head


def delete(*seqs: int) -> Callable[[Log], Log]:
    def tamper(state: Log) -> Log:
        rows, head = state
        return [r for r in rows if r[0] not in seqs], head

    return tamper


def delete_and_renumber(state: Log) -> Log:
    rows, head = state
    return rows[:2] + renumber(rows[3:], -1), head


def insert_forged(state: Log) -> Log:
    """Renumber 3.. up by one and slip in a new event 3 whose hash is right and which links to event 2."""
    rows, head = state
    forged = event(3, rows[1][2], actor="mallory")
    return [*rows[:2], forged, *renumber(rows[2:], 1)], head


def insert_unlinked(state: Log) -> Log:
    """As above, but the new row links to nothing and its hash is made up."""
    rows, head = state
    forged = put(put(event(3, "f" * 64, actor="mallory"), 2, "e" * 64), 1, "f" * 64)
    return [*rows[:2], forged, *renumber(rows[2:], 1)], head


def insert_linked_bad_hash(state: Log) -> Log:
    rows, head = state
    forged = put(event(3, rows[1][2], actor="mallory"), 2, "e" * 64)
    return [*rows[:2], forged, *renumber(rows[2:], 1)], head


def append_beyond_head(state: Log) -> Log:
    rows, head = state
    return [*rows, event(6, rows[-1][2])], head


def replace_last(state: Log) -> Log:
    rows, head = state
    return [*rows[:-1], event(5, rows[-2][2], actor="mallory")], head


def no_head(state: Log) -> Log:
    return state[0], None


def prepend_zero(state: Log) -> Log:
    rows, head = state
    return [event(0, GENESIS), *rows], head


def empty(state: Log) -> Log:
    return [], state[1]


CASES: dict[str, tuple[Callable[[Log], Log], tuple[int, str] | None]] = {
    "intact": (lambda s: s, None),
    "body edited": (alter_body, (3, "altered")),
    "hash edited": (change(2, "a" * 64), (3, "altered")),
    "action column edited": (change(6, "thing.undone"), (3, "altered")),
    "actor column edited": (change(5, "nobody"), (3, "altered")),
    "at column edited": (change(4, "2026-11-21 01:00:03.000003"), (3, "altered")),
    "entity_type column edited": (change(7, "other"), (3, "altered")),
    "entity_id column edited": (change(8, "t-99"), (3, "altered")),
    "prev_hash edited": (change(1, "b" * 64), (3, "relinked")),
    "middle deleted": (delete(3), (3, "removed")),
    "first deleted": (delete(1), (1, "removed")),
    "middle deleted, rest renumbered": (delete_and_renumber, (3, "removed")),
    "tail truncated": (delete(4, 5), (4, "removed")),
    "everything deleted": (empty, (1, "removed")),
    "forged event inserted, rest renumbered": (insert_forged, (3, "inserted")),
    "unlinked event inserted": (insert_unlinked, (3, "inserted")),
    "linked event with a made-up hash inserted": (insert_linked_bad_hash, (3, "inserted")),
    "event beyond the head": (append_beyond_head, (6, "inserted")),
    "event before the first": (prepend_zero, (0, "inserted")),
    "last event replaced": (replace_last, (5, "altered")),
    "head missing": (no_head, (6, "removed")),
    "body stored as text": (change(3, '{"n":3}'), (3, "altered")),
    "hash stored as bytes": (change(2, b"a" * 64), (3, "altered")),
    "prev_hash stored as a number": (change(1, 7), (3, "altered")),
    "at stored as a number": (change(4, 20261120), (3, "altered")),
    "entity_id stored as bytes": (change(8, b"t-3"), (3, "altered")),
    "prev_hash not ASCII": (change(1, "é" * 64), (3, "relinked")),
}


@pytest.mark.parametrize("name", list(CASES))
def test_verify_chain_names_the_first_break(name: str) -> None:
    tamper, expected = CASES[name]
    rows, head = tamper(log())
    broken = verify_chain(rows, head=head)
    assert (None if broken is None else (broken.seq, broken.kind)) == expected, broken


@pytest.mark.parametrize("batch", [1, 2, 3, 100])
@pytest.mark.parametrize("name", list(CASES))
def test_scan_then_verify_chain_agrees_with_verify_chain(name: str, batch: int) -> None:
    """What the service does: scan batches while they verify, hand the rest to verify_chain from there."""
    tamper, _ = CASES[name]
    rows, head = tamper(log())
    state, last, broken = ChainState(), head.seq if head else 0, None
    for start in range(0, len(rows), batch):
        chunk = rows[start : start + batch]
        good = scan(chunk[: max(0, last - state.seq + 1)], state)
        state = state.after(chunk[:good])
        if good < len(chunk):
            broken = verify_chain(rows[start + good :], head=head, start=state)
            break
    else:
        broken = verify_chain([], head=head, start=state)
    assert broken == verify_chain(rows, head=head)


def test_scan_accepts_an_intact_chain_in_full() -> None:
    rows, _ = log(50)
    assert scan(rows, ChainState()) == 50
    assert scan(rows[10:], ChainState().after(rows[:10])) == 40


@pytest.mark.parametrize(
    "text", ['say "hi"', "back\\slash", "line\nbreak\t", "個人情報 ✓", "\x00\x1f\u2028", "", '"],"seq":9}']
)
def test_awkward_column_values_verify_and_frame_the_body(text: str) -> None:
    rows, head = log(3, actor=text, entity_id=text)
    assert scan(rows, ChainState()) == 3
    assert verify_chain(rows, head=head) is None
    seq, _, _, body, at, actor, action, entity_type, entity_id = rows[1]
    start, end = frame(seq, at, actor, action, entity_type, entity_id)
    data = json.dumps({"n": 2}, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    assert body == start + data + end


def test_an_escaped_look_alike_column_is_caught() -> None:
    """A column spelled like the body's JSON escape of the real value is not the real value."""
    rows, head = log(3, actor='say "hi"')
    tampered = [put(r, 5, 'say \\"hi\\"') if r[0] == 2 else r for r in rows]
    assert scan(tampered, ChainState()) == 1
    assert verify_chain(tampered, head=head) == ChainBreak(
        2, "altered", "its actor column was altered: it disagrees with the hashed body"
    )


def test_the_break_says_which_column_disagrees() -> None:
    rows, head = change(6, "thing.undone")(log())
    broken = verify_chain(rows, head=head)
    assert broken is not None and "action column" in broken.reason


def test_canonical_is_unchanged() -> None:
    """The chain stored before bodies existed was hashed from exactly these bytes."""
    body = canonical(7, T0, "officer", "ledger.applied", "ledger_version", "2", {"b": [1, 2.5], "a": "個"})
    assert (
        body
        == (
            '{"action":"ledger.applied","actor":"officer","at":"2026-11-20T01:00:00.000000+00:00",'
            '"data":{"a":"個","b":[1,2.5]},"entity":["ledger_version","2"],"seq":7}'
        ).encode()
    )


def test_view_reads_the_event_from_its_body() -> None:
    rows, _ = log(2)
    seq, prev, digest, body = rows[1][:4]
    seen = view(seq, prev, digest, body)
    assert (seen.seq, seen.actor, seen.action, seen.entity_type, seen.entity_id) == (
        2,
        "officer",
        "thing.done",
        "thing",
        "t-2",
    )
    assert seen.occurred_at == T0 + dt.timedelta(seconds=2, microseconds=2) and seen.occurred_at.tzinfo is not None
    assert seen.data == {"n": 2} and (seen.prev_hash, seen.hash) == (prev, digest)


@pytest.mark.parametrize(
    "data",
    [{}, {"a": [1, 2.5, None, True], "b": {"y": 1, "x": "個"}}, {"when": dt.date(2026, 11, 20)}, {"q": 'a"b\\c\n'}],
)
def test_canonical_is_sorted_compact_json(data: dict[str, object]) -> None:
    expected = {"seq": 1, "at": "2026-11-20T01:00:00.000000+00:00", "actor": "a", "action": "b.c"}
    expected |= {"entity": ["x", "1"], "data": data}
    assert (
        canonical(1, T0, "a", "b.c", "x", "1", data)
        == json.dumps(expected, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()
    )
