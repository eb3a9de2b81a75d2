"""The one step every workflow table takes (requests, incidents): allowed, or refused naming what may follow. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from hogo.errors import Conflict

S = TypeVar("S", bound=StrEnum)


def step(table: Mapping[S, frozenset[S]], current: S, target: S, refused: type[Conflict], noun: str) -> S:
    """`target`, when the table allows it after `current`; else `refused` naming both states and what may follow."""
    if target not in table[current]:
        nexts = ", ".join(sorted(table[current])) or "nothing (it is final)"
        raise refused(
            f"{noun} in state {current.value} cannot become {target.value}; it may become: {nexts}",
            details={"from": current.value, "to": target.value},
        )
    return target
