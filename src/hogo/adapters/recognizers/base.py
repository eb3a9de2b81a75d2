"""What every recognizer shares: the Finding it reports, the ABC, and small text helpers.

A Finding carries only the entity, the span and a score: never the matched value. Whoever needs the value
slices the text they already hold; reports, logs and the CLI print the entity and the position only.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable
from typing import NamedTuple

from hogo.adapters.recognizers import needles as needles_automaton

DIGITS = str.maketrans("", "", " -‐‑‒–—―−ー－()（）.")
"""Deletes the separators people put between digits (after NFKC: ASCII hyphen, dashes, long vowel mark)."""


class Finding(NamedTuple):
    """One piece of personal information found in a text: `text[start:end]` is it. Immutable (a named tuple:
    a scan of dense text makes one per ~100 bytes, and a tuple is five times cheaper to build than a frozen
    dataclass)."""

    entity: str
    start: int
    end: int
    score: float
    recognizer: str


class Recognizer(ABC):
    """Finds one kind of personal information in (NFKC-normalised) text.

    `find` gets text already normalised by `normalize()` (ASCII digits and letters, ASCII spaces); the scanner
    maps the offsets back to the original text. A recognizer finds candidates with one pre-compiled pattern
    that starts with a cheap literal or character class, and validates only those candidates.
    """

    entity: str
    name: str

    @abstractmethod
    def find(self, text: str) -> Iterable[Finding]: ...

    def finding(self, start: int, end: int, score: float) -> Finding:
        return _new_tuple(Finding, (self.entity, start, end, score, self.name))


_new_tuple = tuple.__new__
"""`Finding(...)` without the named tuple's `__new__` written in Python: a dense MB builds ~16,000 findings,
and the direct call costs half as much (0.25 µs instead of 0.5)."""


def digits_of(candidate: str) -> str:
    return candidate.translate(DIGITS)


_GLUE = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_JOINERS = frozenset("-./ ")


def standalone(text: str, start: int, end: int, *, loose_end: bool = False) -> bool:
    """Whether the span is a whole token: no letter or digit glued to it, and no `-`, `.`, `/` or space that
    carries the same number on (`1234-5678-9012-3456` is not a 12-digit number followed by more)."""
    if start > 0:
        before = text[start - 1]
        if before in _GLUE or (before in _JOINERS and start > 1 and text[start - 2].isdigit()):
            return False
    if end < len(text):
        after = text[end]
        if after in _GLUE or (not loose_end and after in _JOINERS and end + 1 < len(text) and text[end + 1].isdigit()):
            return False
    return True


def near(pattern: re.Pattern[str], text: str, start: int, end: int, before: int = 24, after: int = 0) -> bool:
    """Whether a context word (`pattern`) occurs within `before` characters before or `after` after the span,
    in the same paragraph (a blank line ends the context: `classify_column` separates values with one)."""
    lo = max(0, start - before)
    blank = text.rfind("\n\n", lo, start)
    if pattern.search(text, lo if blank == -1 else blank + 2, start):
        return True
    return after > 0 and pattern.search(text, end, paragraph_end(text, end, after)) is not None


def paragraph_end(text: str, pos: int, limit: int) -> int:
    """`pos + limit`, or the blank line before it: how far a context word's reach goes."""
    stop = min(len(text), pos + limit)
    blank = text.find("\n\n", pos, stop)
    return stop if blank == -1 else blank


def occurrences(text: str, needles: tuple[str, ...]) -> list[tuple[int, int]]:
    """Every (start, end) of each literal needle, in text order: per needle, its successive non-overlapping
    occurrences (`aa` is found twice in `aaaa`, at 0 and 2). One pass of the automaton over every context word
    (`needles.py`) when `pyahocorasick` is there, else one `str.find` pass per needle: `str.find` runs at memory
    speed, far faster than a regex whose first character is common (`[Bb]irth` tries every b); context words are
    found this way and the pattern is then matched only where a word is."""
    found = needles_automaton.occurrences(text, needles)
    return found if found is not None else find_occurrences(text, needles)


def find_occurrences(text: str, needles: tuple[str, ...]) -> list[tuple[int, int]]:
    """`occurrences` by one `str.find` pass per needle (the path without the automaton)."""
    found: list[tuple[int, int]] = []
    for needle in needles:
        size = len(needle)
        i = text.find(needle)
        while i != -1:
            found.append((i, i + size))
            i = text.find(needle, i + size)
    if len(needles) > 1:
        found.sort()
    return found


class Endings(dict[str, frozenset[str]]):
    """Words grouped by their last character (`endings`), with the words themselves (the automaton's key)."""

    words: tuple[str, ...]


def endings(words: tuple[str, ...]) -> Endings:
    """`words` grouped by their last character, for `occurrences_by_ending`; registered with the automaton."""
    groups: dict[str, set[str]] = {}
    for word in words:
        groups.setdefault(word[-1], set()).add(word)
    grouped = Endings({last: frozenset(group) for last, group in groups.items()})
    grouped.words = needles_automaton.register(tuple(dict.fromkeys(words)), by_ending=True)
    return grouped


def occurrences_by_ending(text: str, groups: Endings) -> list[tuple[int, int]]:
    """Every (start, end) of each word; where two words end at the same place, only the longer one (お届け先, not
    届け先). By the automaton when it is there, else `find_by_ending`."""
    found = needles_automaton.occurrences_by_ending(text, groups.words)
    return found if found is not None else find_by_ending(text, groups)


def find_by_ending(text: str, groups: dict[str, frozenset[str]]) -> list[tuple[int, int]]:
    """`occurrences_by_ending` found at each word's last character: one `str.find` pass per distinct last
    character instead of one per word (Japanese role words: 依頼者, 購入者, 利用者 … all end in 者), then the
    characters before it compared."""
    found: list[tuple[int, int]] = []
    sizes = {last: sorted({len(w) for w in group}, reverse=True) for last, group in groups.items()}
    for last, group in groups.items():
        i = text.find(last)
        while i != -1:
            end = i + 1
            for size in sizes[last]:
                if end >= size and text[end - size : end] in group:
                    found.append((end - size, end))
                    break
            i = text.find(last, end)
    found.sort()
    return found
