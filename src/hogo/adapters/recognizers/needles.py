"""Every context-word set in one Aho–Corasick automaton: one pass over a text finds the words of all of them.

The recognizers look for ~15 sets of literal words (labels, role words, honorifics, header labels, birth-date
words: ~300 words in all). One `str.find` pass per word costs ~0.4 ms per MB; one pass of a `pyahocorasick`
automaton over all of them costs 15–25 ms per MB (it grows with the number of distinct first characters, 94, not
with the number of words). The automaton is built once from every set asked for so far (the recognizers register
theirs at import), and one pass over a text fills the answer for every set; the next recognizer that asks about
the same text object gets its answer from that pass. `scan_text` releases it when the scan ends.

Semantics are those of the `str.find` path in `base` exactly: for an `occurrences` set, per word, successive
non-overlapping occurrences (the automaton reports them all, overlapping ones too: an occurrence is kept when
it starts at or after the end of the last kept one of the same word), the whole sorted; for an ending set
(`occurrences_by_ending`), at each place the longest word of the set that ends there.

Without `pyahocorasick` (no wheel for the platform), or with `HOGO_NO_AUTOMATON=1`, or with `ENABLED` set to
False (the tests compare both paths), `available()` is False and `base` uses its `str.find` passes.

Where Hyperscan is there too (`engine.use_for(text)`, ADR 0030), the same words are found by one Hyperscan pass
instead of the automaton's iteration (~10 ms a MB instead of ~23): each word's UTF-32 bytes are matched in the
text's UTF-32 bytes, a match kept only at a character boundary, and handed to the same bookkeeping (`_dispatch`).
`HOGO_NO_HYPERSCAN=1` keeps the automaton.
"""

from __future__ import annotations

import importlib
import os
import threading
from collections.abc import Iterable
from types import ModuleType
from typing import Any

from hogo.adapters.recognizers import engine

try:
    _AHOCORASICK: ModuleType | None = importlib.import_module("ahocorasick")
except ImportError:  # pragma: no cover - the wheel is a dependency; the fallback is tested through ENABLED
    _AHOCORASICK = None

ENABLED = os.environ.get("HOGO_NO_AUTOMATON", "") not in {"1", "true", "yes"}
"""Whether to use the automaton when `pyahocorasick` imports; tests switch it off to compare with `str.find`."""

MAX_SETS = 128
"""Sets beyond this many (a caller making new label sets without end) are searched by `str.find`."""

MIN_WORDS = 3
"""Sets of fewer words are left to `str.find`: the automaton costs ~1.5 µs per occurrence it reports (a tuple
built, dispatched in Python), `str.find` ~0.4 ms per word per MB plus ~0.2 µs per occurrence, so one or two words
that occur often (the colon: 11,600 times in a dense MB) are cheaper found one pass each."""

Spans = list[tuple[int, int]]
SetKey = tuple[bool, tuple[str, ...]]  # (by ending, words)
Payload = tuple[int, tuple[int, ...], tuple[int, ...], int]  # size, occurrence sets, ending sets, overlap index


def available() -> bool:
    return ENABLED and _AHOCORASICK is not None


class _Combined:
    """The automaton over the sets registered so far, and the answer for the last text it was run over."""

    def __init__(self) -> None:
        self.sets: dict[SetKey, int] = {}
        self.automaton: Any = None
        self.native: tuple[Any, list[Payload]] | None = None  # the Hyperscan database and each word's payload
        self.last: tuple[str, list[Spans]] | None = None  # the text (held: `is` is then safe) and every set's spans
        self.lock = threading.Lock()

    def register(self, key: SetKey) -> int | None:
        with self.lock:
            sid = self.sets.get(key)
            if sid is None:
                if len(self.sets) >= MAX_SETS or len(key[1]) < MIN_WORDS or any(not w for w in key[1]):
                    return None
                sid = self.sets[key] = len(self.sets)
                self.automaton = None
                self.native = None
                self.last = None
            return sid

    def spans(self, text: str, key: SetKey) -> Spans | None:
        sid = self.sets.get(key)
        if sid is None:
            sid = self.register(key)
            if sid is None:
                return None
        last = self.last
        if last is None or last[0] is not text or sid >= len(last[1]):
            last = (text, self._run(text))
            self.last = last
        return list(last[1][sid])

    def prepare(self, text: str) -> None:
        last = self.last
        if last is None or last[0] is not text or len(last[1]) < len(self.sets):
            self.last = (text, self._run(text))

    def release(self, text: str) -> None:
        """Drop the answer held for `text` (and with it the text): a scanned document, personal data and all, is
        not kept in memory after its scan. Another thread's text is left alone."""
        last = self.last
        if last is not None and last[0] is text:
            self.last = None

    def _payloads(self) -> dict[str, Payload]:
        # For each distinct word: its length, the occurrence sets that hold it (once per time it is listed: a word
        # listed twice is reported twice, as by `str.find`), the ending sets, and an index for the non-overlap rule
        # if the word can overlap itself (its beginning is also its end: `aa`, `tenant`), else -1.
        plain: dict[str, list[int]] = {}
        ending: dict[str, list[int]] = {}
        for (by_ending, words), sid in self.sets.items():
            for word in words:
                (ending if by_ending else plain).setdefault(word, [])
                (ending if by_ending else plain)[word].append(sid)
        payloads: dict[str, Payload] = {}
        for index, word in enumerate(sorted(set(plain) | set(ending))):
            bordered = any(word[:k] == word[-k:] for k in range(1, len(word)))
            payloads[word] = (
                len(word),
                tuple(plain.get(word, ())),
                tuple(set(ending.get(word, ()))),
                index if bordered else -1,
            )
        return payloads

    def _build(self) -> Any:
        assert _AHOCORASICK is not None
        automaton = _AHOCORASICK.Automaton()
        for word, payload in self._payloads().items():
            automaton.add_word(word, payload)
        if len(automaton) == 0:
            return None
        automaton.make_automaton()
        return automaton

    def _build_native(self) -> tuple[Any, list[Payload]] | None:
        """The words as one Hyperscan database: each word's UTF-32 bytes, matched in the text's UTF-32 bytes."""
        assert engine.HYPERSCAN is not None
        payloads = self._payloads()
        if not payloads:
            return None
        database = engine.HYPERSCAN.Database(mode=engine.HYPERSCAN.HS_MODE_BLOCK)
        expressions = [b"".join(b"\\x%02x" % byte for byte in word.encode("utf-32-le")) for word in payloads]
        ids = list(range(len(expressions)))
        database.compile(expressions=expressions, ids=ids, elements=len(expressions), flags=[0] * len(expressions))
        return database, list(payloads.values())

    def _run(self, text: str) -> list[Spans]:
        native = engine.use_for(text)
        with self.lock:
            if native and self.native is None:
                self.native = self._build_native()
            elif not native and self.automaton is None:
                self.automaton = self._build()
            compiled, automaton, count = self.native, self.automaton, len(self.sets)
        found: list[Spans] = [[] for _ in range(count)]
        if not text:
            return found
        if native and compiled is not None:
            database, payloads = compiled
            _dispatch(_native_matches(database, payloads, text), found, len(payloads))
        elif not native and automaton is not None:
            _dispatch(automaton.iter(text), found, len(automaton))
        return found


def _native_matches(database: Any, payloads: list[Payload], text: str) -> Iterable[tuple[int, Payload]]:
    """(last character, payload) of every word's occurrence in `text`, in text order, as the automaton gives them."""
    words = len(payloads)
    codes: list[int] = []
    add = codes.append

    def on_match(word: int, _start: int, end: int, _flags: int, _context: object) -> None:
        if not end & 3:  # at a character boundary (4 bytes a character): a word never matches across two
            add((end >> 2) * words + word)

    engine.scan(database, text.encode("utf-32-le"), on_match)
    codes.sort()  # by end, then by word
    return ((code // words - 1, payloads[code % words]) for code in codes)


def _dispatch(matches: Iterable[tuple[int, Payload]], found: list[Spans], words: int) -> None:
    """Every occurrence into the spans of its sets (the non-overlap rule for occurrence sets, the longest word
    ending at a place for ending sets), then each set's spans sorted."""
    kept_end = [0] * words  # per word that can overlap itself: where its last kept occurrence ends
    appends = [spans.append for spans in found]
    for last_char, (size, plain, ending, index) in matches:
        end = last_char + 1
        span = (end - size, end)
        if index < 0 and not ending:  # most words: in occurrence sets only, and never overlapping themselves
            for sid in plain:
                appends[sid](span)
            continue
        if plain and (index < 0 or span[0] >= kept_end[index]):
            if index >= 0:
                kept_end[index] = end
            for sid in plain:
                appends[sid](span)
        for sid in ending:
            spans = found[sid]
            if spans and spans[-1][1] == end:  # another word of the set ends here: keep the longer
                if span[0] < spans[-1][0]:
                    spans[-1] = span
            else:
                spans.append(span)
    for spans in found:
        spans.sort()


_COMBINED = _Combined()


def register(words: tuple[str, ...], *, by_ending: bool = False) -> tuple[str, ...]:
    """Put a set in the automaton now (a recognizer's words at import or construction), so that the first scan
    does not rebuild it once per set. Returns `words`."""
    if available():
        _COMBINED.register((by_ending, words))
    return words


def occurrences(text: str, words: tuple[str, ...]) -> Spans | None:
    """`base.occurrences` by the automaton, or None when it is not available for this set."""
    return _COMBINED.spans(text, (False, words)) if available() else None


def occurrences_by_ending(text: str, words: tuple[str, ...]) -> Spans | None:
    """`base.occurrences_by_ending` by the automaton, or None when it is not available for this set."""
    return _COMBINED.spans(text, (True, words)) if available() else None


def prepare(text: str) -> None:
    """Run the pass over `text` now (a profile times it on its own; the first recognizer to ask would run it)."""
    if available():
        _COMBINED.prepare(text)


def release(text: str) -> None:
    """Forget the pass over `text` once its scan is over (`scan_text` calls it)."""
    _COMBINED.release(text)
