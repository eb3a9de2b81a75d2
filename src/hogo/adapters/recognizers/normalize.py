"""Full-width / half-width normalisation (NFKC) that keeps a map back to the original offsets.

Recognizers see NFKC text (`０９０－１２３４` is `090-1234`, `ﾔﾏﾀﾞ` is `ヤマダ`, `㈱` is `(株)`), and every
finding is reported at its place in the text as given. Fast paths first, because most text needs nothing:
ASCII text and text already in NFKC are returned as they are (both checks run in C). Otherwise only the
characters NFKC changes are rewritten: the full-width ASCII block and the ideographic space by a
length-preserving table, the rest cluster by cluster (a character and the voiced-sound marks after it), and
each cluster whose length changes adds a breakpoint to the offset map.
"""

from __future__ import annotations

import bisect
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import cache

_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_COMBINING = "\u0300-\u036f\u3099\u309a\uff9e\uff9f"


@cache
def _changing_class() -> re.Pattern[str]:
    """A cluster of characters that NFKC rewrites (computed once, ~0.1 s, on the first non-NFKC text)."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x80, min(sys.maxunicode, 0x2FFFF) + 1):
        if 0xD800 <= code < 0xE000 or 0xFF01 <= code < 0xFF5F or code == 0x3000:
            continue
        char = chr(code)
        if unicodedata.normalize("NFKC", char) != char:
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    members = "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)
    return re.compile(f"(?:[{members}]|.(?=[{_COMBINING}]))[{_COMBINING}]*", re.DOTALL)


_WIDE_RUN = re.compile("[\uff01-\uff5e\u3000]+")


@dataclass(frozen=True)
class Normalized:
    """NFKC text and the way back: `original_span(start, end)` gives the span in the text as given."""

    text: str
    _norm: list[int] = field(default_factory=list)
    _orig: list[int] = field(default_factory=list)

    @property
    def shifted(self) -> bool:
        """Whether any offset differs between the normalised and the original text."""
        return bool(self._norm)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        if not self._norm:
            return start, end
        return self._to_original(start, floor=True), self._to_original(end, floor=False)

    def _to_original(self, pos: int, *, floor: bool) -> int:
        i = bisect.bisect_right(self._norm, pos) - 1
        if i < 0:
            return pos
        if i % 2 == 0:  # inside a rewritten cluster [norm[i], norm[i+1]): snap to its edge
            return self._orig[i] if floor or pos == self._norm[i] else self._orig[i + 1]
        return self._orig[i] + (pos - self._norm[i])


def normalize(text: str) -> Normalized:
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return Normalized(text)
    if _WIDE_RUN.search(text):
        text_w = _WIDE_RUN.sub(lambda m: m.group().translate(_FULLWIDTH), text)
        if unicodedata.is_normalized("NFKC", text_w):
            return Normalized(text_w)  # only same-length rewrites: offsets unchanged
    else:
        text_w = text
    pieces: list[str] = []
    norm: list[int] = []
    orig: list[int] = []
    last = 0
    out = 0
    for m in _changing_class().finditer(text_w):
        cluster = m.group()
        new = unicodedata.normalize("NFKC", cluster)
        pieces.append(text_w[last : m.start()])
        out += m.start() - last
        pieces.append(new)
        if len(new) != len(cluster):
            norm += [out, out + len(new)]
            orig += [m.start(), m.end()]
        out += len(new)
        last = m.end()
    pieces.append(text_w[last:])
    return Normalized("".join(pieces), norm, orig)
