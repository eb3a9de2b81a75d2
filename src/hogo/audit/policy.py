"""The audit chain's arithmetic: each event's hash covers its content and the previous hash. Pure."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


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
    body = {
        "seq": seq,
        "at": occurred_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor": actor,
        "action": action,
        "entity": [entity_type, entity_id],
        "data": data,
    }
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def chain_hash(prev_hash: str, content: bytes) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + content).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    reason: str


def verify_chain(events: Iterable[ChainedEvent], *, start_prev: str = GENESIS, start_seq: int = 1) -> ChainBreak | None:
    """The first place the chain is broken: an altered event, a missing one, or a re-linked one."""
    prev, expected_seq = start_prev, start_seq
    for event in events:
        if event.seq != expected_seq:
            return ChainBreak(expected_seq, f"event {expected_seq} is missing (next present is {event.seq})")
        if event.prev_hash != prev:
            return ChainBreak(event.seq, "its link to the previous event does not match")
        content = canonical(
            event.seq, event.occurred_at, event.actor, event.action, event.entity_type, event.entity_id, event.data
        )
        if chain_hash(prev, content) != event.hash:
            return ChainBreak(event.seq, "its content does not match its hash (altered)")
        prev, expected_seq = event.hash, expected_seq + 1
    return None
