"""`Bodies` writes the bytes `canonical()` writes, for any event: the chain's hashes depend on every byte.

Thousands of seeded random events (text with quotes, escapes, control characters, non-ASCII and surrogates; data
nested with every JSON type, floats, non-JSON values that `default=str` turns into text, int keys) through one
`Bodies` per instant, against `canonical()`; and the values it hands to `canonical()` itself (not plain)."""

from __future__ import annotations

import datetime as dt
import enum
import random
from collections import OrderedDict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from hogo.audit.policy import Bodies, canonical

ALPHABET = ['"', "\\", "/", "\n", "\t", "\x00", "\x1f", "\x7f", "é", "氏名", "\u2028", "\ud800", "😀", "a", " ", "."]


def _text(rng: random.Random) -> str:
    size = rng.randint(0, 12)
    return "".join(rng.choice(ALPHABET) if rng.random() < 0.4 else chr(rng.randint(32, 126)) for _ in range(size))


def _value(rng: random.Random, depth: int) -> Any:
    kind = rng.randint(0, 11 if depth < 3 else 7)
    if kind == 0:
        return None
    if kind == 1:
        return rng.random() < 0.5
    if kind == 2:
        return rng.randint(-(10**20), 10**20)
    if kind == 3:
        return rng.choice([0.1, -0.0, 1e300, 5e-324, rng.uniform(-1e6, 1e6)])
    if kind in (4, 5):
        return _text(rng)
    if kind == 6:
        return dt.datetime(2026, 12, 6, rng.randint(0, 23), tzinfo=dt.UTC)  # default=str
    if kind == 7:
        return Decimal(rng.randint(0, 999)) / 7  # default=str
    if kind in (8, 9):
        return [_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    if rng.random() < 0.2:
        return {rng.randint(-5, 5): _value(rng, depth + 1) for _ in range(rng.randint(0, 3))}
    return {_text(rng): _value(rng, depth + 1) for _ in range(rng.randint(0, 5))}


def _event(rng: random.Random, seq: int) -> tuple[int, str, str, str, str, dict[str, Any]]:
    actors = ["system", "u_管理者", _text(rng)]
    actions = ["person.created", "records.acquired", _text(rng)]
    data = {_text(rng): _value(rng, 0) for _ in range(rng.randint(0, 7))}
    return seq, rng.choice(actors), rng.choice(actions), rng.choice(["person", _text(rng)]), _text(rng), data


def _outcome(write: Callable[..., bytes], *args: Any) -> bytes | str:
    """The bytes, or the kind of error (a lone surrogate does not encode to UTF-8: both refuse it)."""
    try:
        return write(*args)
    except (UnicodeEncodeError, ValueError, TypeError) as error:
        return type(error).__name__


@pytest.mark.parametrize("seed", range(8))
def test_random_events_have_canonical_bodies(seed: int) -> None:
    rng = random.Random(seed)
    outcomes: set[type] = set()
    for _ in range(20):
        at = dt.datetime(2026, 12, 6, 1, 2, 3, rng.randint(0, 999_999), tzinfo=dt.timezone(dt.timedelta(hours=9)))
        bodies = Bodies(at)
        for n in range(50):
            seq, actor, action, entity_type, entity_id, data = _event(rng, rng.randint(1, 10**9) + n)
            written = _outcome(bodies, seq, actor, action, entity_type, entity_id, data)
            assert written == _outcome(canonical, seq, at, actor, action, entity_type, entity_id, data)
            outcomes.add(type(written))
    assert outcomes == {bytes, str}  # both plain events and refused ones were generated


def test_an_error_midway_does_not_spoil_the_next_bodies() -> None:
    """Keys that do not sort fail inside the encoder, which then still holds the dict it entered in its circularity
    check: the same dict, mended, must encode in the next event (not be taken for a circular reference)."""
    at = dt.datetime(2026, 12, 6, tzinfo=dt.UTC)
    bodies = Bodies(at)
    data: dict[Any, Any] = {1: "x", "y": 2}
    with pytest.raises(TypeError):
        bodies(1, "a", "b", "person", "p", data)
    del data[1]
    assert bodies(2, "a", "b", "person", "p", data) == canonical(2, at, "a", "b", "person", "p", data)


def test_an_acquisition_event_is_canonical() -> None:
    at = dt.datetime(2026, 12, 6, 1, 2, 3, 456789, tzinfo=dt.UTC)
    data = {
        "subject_kind": "customer",
        "channel": "phone-orders",
        "ledger_version": 3,
        "items": ["address", "email", "name", "phone"],
        "consents": ["cn_1"],
        "identifiers": ["email", "member_id", "phone"],
    }
    body = Bodies(at)(7, "bench", "person.created", "person", "p_0123", data)
    assert body == canonical(7, at, "bench", "person.created", "person", "p_0123", data)
    assert body.startswith(b'{"action":"person.created","actor":"bench","at":"2026-12-06T01:02:03.456789+00:00"')
    assert body.endswith(b'"entity":["person","p_0123"],"seq":7}')


class _Seq(enum.IntEnum):
    seven = 7


def test_values_that_are_not_plain_go_through_canonical() -> None:
    """An int enum as seq, an ordered dict as data, a number as entity id: `canonical()`'s own bytes."""
    at = dt.datetime(2026, 12, 6, tzinfo=dt.UTC)
    bodies = Bodies(at)
    cases: list[tuple[Any, ...]] = [
        (_Seq.seven, "a", "b", "person", "p", {"x": 1}),
        (True, "a", "b", "person", "p", {"x": 1}),
        (1, "a", "b", "person", 42, {"x": 1}),
        (1, "a", "b", "person", "p", OrderedDict([("z", 1), ("a", 2)])),
        (1, "a", "b", "person", "p", [1, 2]),
    ]
    for seq, actor, action, entity_type, entity_id, data in cases:
        assert bodies(seq, actor, action, entity_type, entity_id, data) == canonical(
            seq, at, actor, action, entity_type, entity_id, data
        )
