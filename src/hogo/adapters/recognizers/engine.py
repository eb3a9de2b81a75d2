"""Hyperscan, when its wheel is there: one native pass finds where the number patterns may match (ADR 0030).

The number recognizers (My Number, corporate number, card, IPv4, the US and UK phone shapes) each run a `re`
pattern that starts with a digit over the whole text: `re` tries every digit of a dense text (~170,000 a MB) and
gives up at a look-behind, 5–9 ms a MB per pattern. Hyperscan runs all of them at once over the text (one byte per
character) in ~4–6 ms, each compiled in prefiltering mode (a look-around or a back-reference it cannot run is
loosened) or replaced by a prefilter written for it (`register(pattern, prefilter)`): it reports the end of every
place where the pattern may match, and more. `finditer` then runs the `re` pattern only
near those ends, and gives exactly the matches `pattern.finditer(text)` gives:

- a match of `re` of length `lo`…`hi` (the pattern's width) ending at `e` is a match of the loosened pattern, so
  Hyperscan reports `e`, and the match starts in `[e - hi, e - lo]`;
- `pattern.search(text, pos, endpos)` is searched with `endpos` far enough past that window (the width plus the
  longest look-ahead) that every attempt starting in the window sees the text as an unbounded search does; a match
  found starting after the window is dropped (its own end is reported later).

The text is given to Hyperscan as one byte per character (Latin-1, any other character as `?`), and each
character of a pattern outside Latin-1 as `?`: what matched a character matches its byte. Refused at registration:
`\\b`, `\\w`, `\\d`, `\\s`, negated classes, flags and `$` (meanings the bytes or the window would not keep), and
unbounded repeats or look-aheads (no window before an end).

Without the wheel (a dependency on x86-64 Linux only), with `HOGO_NO_HYPERSCAN=1`, with `ENABLED` set to False
(the tests compare both paths) or for a text shorter than `MIN_CHARS`, `finditer` is `pattern.finditer`. The ends
for the last text are held only until `release(text)` (`scan_text` calls it at the end of each scan).
"""

from __future__ import annotations

import importlib
import os
import re
import threading
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

try:
    HYPERSCAN: ModuleType | None = importlib.import_module("hyperscan")
except ImportError:  # pragma: no cover - an optional native wheel; the fallback is tested through ENABLED
    HYPERSCAN = None

ENABLED = os.environ.get("HOGO_NO_HYPERSCAN", "") not in {"1", "true", "yes"}
"""Whether to use Hyperscan when it imports (for `needles` too); tests switch it off to compare with `re`."""

_REFUSED = re.compile(r"\\[bBwWdDsSuUxN]|\(\?[aiLmsux]|\[\^|\$")
_BOUNDED = 1 << 16
MAX_CHARS = 1 << 28
"""Longer texts take the `re` path: Hyperscan takes a length of at most 2³² − 1 bytes, the words' pass four a
character."""


MIN_CHARS = 50_000
"""Texts shorter than this take the `re` (and automaton) path: Hyperscan's databases take ~60 ms to compile, once
per process, at the first text that uses them, and save ~30 ms a MB; a column of samples or a short document
(most scans outside a bulk discovery run) never pays for them. Tests set it to 0."""


def available() -> bool:
    return ENABLED and HYPERSCAN is not None


def use_for(text: str) -> bool:
    """Whether the native passes run for `text`: Hyperscan is there, enabled, and the text long enough."""
    return MIN_CHARS <= len(text) < MAX_CHARS and available()


_THREAD = threading.local()


def scan(database: Any, data: bytes, on_match: Callable[[int, int, int, int, object], None]) -> None:
    """`database.scan` with this thread's own scratch space for the database: Hyperscan's scratch serves one scan
    at a time, and scans run in several threads at once (a web worker's), each calling back into Python."""
    scratches: dict[int, tuple[Any, Any]] = _THREAD.__dict__.setdefault("scratches", {})
    held = scratches.get(id(database))
    if held is None or held[0] is not database:
        if len(scratches) > 8:  # databases rebuilt since (a set registered late): let the old ones go
            scratches.clear()
        assert HYPERSCAN is not None
        held = scratches[id(database)] = (database, HYPERSCAN.Scratch(database))
    database.scan(data, match_event_handler=on_match, scratch=held[1])


def as_bytes(text: str) -> bytes:
    """One byte per character, offsets kept: Latin-1, every other character `?` (C speed: ~1 ms a MB)."""
    return text.encode("latin-1", "replace")


def _byte_pattern(pattern: re.Pattern[str]) -> bytes:
    if _REFUSED.search(pattern.pattern) or pattern.flags & ~(re.UNICODE | re.DOTALL):
        raise ValueError(f"{pattern.pattern!r}: a class or flag whose meaning one byte per character would not keep")
    source = "".join(c if ord(c) < 256 else "\\?" for c in pattern.pattern)
    return source.encode("latin-1")


class _Prefilter:
    def __init__(self) -> None:
        self.patterns: dict[re.Pattern[str], int] = {}
        self.widths: list[tuple[int, int, int]] = []  # shortest, longest match, longest look-ahead
        self.expressions: list[tuple[bytes, bool]] = []  # what Hyperscan runs, and whether it loosens it
        self.database: Any = None
        self.last: tuple[str, list[list[int]]] | None = None
        self.lock = threading.Lock()

    def register(self, pattern: re.Pattern[str], prefilter: str | None) -> None:
        low, high, ahead = _width(pattern)
        expression = (prefilter.encode("ascii"), False) if prefilter is not None else (_byte_pattern(pattern), True)
        with self.lock:
            if pattern not in self.patterns:
                self.patterns[pattern] = len(self.patterns)
                self.widths.append((low, high, ahead))
                self.expressions.append(expression)
                self.database = None
                self.last = None

    def _build(self) -> Any:
        assert HYPERSCAN is not None
        database = HYPERSCAN.Database(mode=HYPERSCAN.HS_MODE_BLOCK)
        expressions = [expression for expression, _ in self.expressions]
        flags = [HYPERSCAN.HS_FLAG_PREFILTER if loosened else 0 for _, loosened in self.expressions]
        database.compile(
            expressions=expressions, ids=list(range(len(expressions))), elements=len(expressions), flags=flags
        )
        return database

    def ends(self, text: str, pattern: re.Pattern[str]) -> list[int] | None:
        pid = self.patterns.get(pattern)
        if pid is None:
            return None
        last = self.last
        if last is None or last[0] is not text or pid >= len(last[1]):
            last = (text, self._run(text))
            self.last = last
        return last[1][pid]

    def _run(self, text: str) -> list[list[int]]:
        with self.lock:
            if self.database is None:
                self.database = self._build()
            database, count = self.database, len(self.patterns)
        found: list[list[int]] = [[] for _ in range(count)]
        appends = [ends.append for ends in found]

        def on_match(pid: int, _start: int, end: int, _flags: int, _context: object) -> None:
            appends[pid](end)

        if text:
            scan(database, as_bytes(text), on_match)
        for ends in found:
            ends.sort()
        return found

    def release(self, text: str) -> None:
        last = self.last
        if last is not None and last[0] is text:
            self.last = None


def _width(pattern: re.Pattern[str]) -> tuple[int, int, int]:
    """The shortest and the longest match of `pattern` (look-arounds count nothing), and the most characters a
    look-ahead in it reads; bounded patterns only."""
    parsed = re._parser.parse(pattern.pattern, pattern.flags)  # type: ignore[attr-defined]
    low, high = parsed.getwidth()
    ahead = _lookahead(parsed)
    if high >= _BOUNDED or ahead >= _BOUNDED or low < 1:
        raise ValueError(f"{pattern.pattern!r}: unbounded or empty; its matches cannot be found from their end")
    return int(low), int(high), ahead


def _lookahead(node: Any) -> int:
    """How far past the place it starts at a look-ahead (`(?=…)`, `(?!…)`) anywhere in a parsed pattern may read, 0
    without one (a look-ahead inside another counts from the outer one's end: an upper bound)."""
    longest = 0
    for item in node if isinstance(node, (list, tuple)) or hasattr(node, "getwidth") else ():
        if isinstance(item, tuple) and len(item) == 2 and item[0] in (_ASSERT, _ASSERT_NOT) and item[1][0] == 1:
            inner = item[1][1]
            longest = max(longest, int(inner.getwidth()[1]) + _lookahead(inner))
        elif isinstance(item, (list, tuple)) or hasattr(item, "getwidth"):
            longest = max(longest, _lookahead(item))
    return longest


_ASSERT = re._constants.ASSERT  # type: ignore[attr-defined]
_ASSERT_NOT = re._constants.ASSERT_NOT  # type: ignore[attr-defined]


_PREFILTER = _Prefilter()


def register(pattern: re.Pattern[str], prefilter: str | None = None) -> re.Pattern[str]:
    """Put a bounded pattern in the native pass (at import); `finditer` then finds it by the pass. Returns it.

    `prefilter`, if given, is what Hyperscan runs instead of the loosened pattern, over the text as bytes: it must
    match, ending at the same place, wherever `pattern` matches (a superset); its use is to report fewer places
    (`(?:^|[^0-9A-Za-z])[0-9]{13}` ends once per 13-digit number, where the loosened pattern ends at every digit
    from the 13th of any longer run). The tests compare both paths on generated text."""
    if available():
        _PREFILTER.register(pattern, prefilter)
    return pattern


def finditer(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`: by the native pass's ends when the pattern is registered, else by `re`."""
    ends = _PREFILTER.ends(text, pattern) if use_for(text) else None
    if ends is None:
        yield from pattern.finditer(text)
        return
    low, high, ahead = _PREFILTER.widths[_PREFILTER.patterns[pattern]]
    size = len(text)
    search = pattern.search
    pos = 0  # where `finditer` would search next
    for end in ends:
        last = end - low  # the last start of a match that ends here
        if last < pos:
            continue
        # every attempt that starts in the window reads no further than `last + high + ahead`
        m = search(text, max(pos, end - high), min(size, last + high + ahead))
        if m is not None and m.start() <= last:
            yield m
            pos = m.end()
        else:
            pos = max(pos, last + 1)  # nothing starts in the window: no match starts before its end


def prepare(text: str) -> None:
    """Run the pass over `text` now (a profile times it on its own; the first `finditer` would run it)."""
    if use_for(text) and _PREFILTER.patterns:
        _PREFILTER.last = (text, _PREFILTER._run(text))


def release(text: str) -> None:
    """Forget the pass over `text` once its scan is over."""
    _PREFILTER.release(text)
