"""In-process notices that facts changed (a person's, or the ledger in force), so caches drop them at once."""

from __future__ import annotations

from collections.abc import Callable


class Changes:
    def __init__(self) -> None:
        self._person: list[Callable[[str], None]] = []
        self._ledger: list[Callable[[], None]] = []

    def on_person(self, listener: Callable[[str], None]) -> None:
        self._person.append(listener)

    def on_ledger(self, listener: Callable[[], None]) -> None:
        self._ledger.append(listener)

    def person_changed(self, person_id: str) -> None:
        for listener in self._person:
            listener(person_id)

    def ledger_applied(self) -> None:
        for listener in self._ledger:
            listener()
