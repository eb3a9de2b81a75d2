"""The privacy notice as a small tree of frozen dataclasses, independent of any output format.

A `NoticeDocument` has a title, a preamble, numbered sections and a closing. A section holds
blocks: paragraphs, bullet (or numbered) lists, label → value lists, tables and sub-headings.
All text is plain: the renderers in `hogo.adapters.notice_formats` escape it for their format.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Lang = Literal["ja", "en"]


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]
    ordered: bool = False


@dataclass(frozen=True)
class DefinitionList:
    """Rows of label → value, shown as a two-column list."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row; every row has as many cells as there are columns."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Subheading:
    """A heading inside a section: level 3 under the section heading, level 4 under a level 3."""

    text: str
    level: Literal[3, 4] = 3


Block = Paragraph | BulletList | DefinitionList | Table | Subheading


@dataclass(frozen=True)
class Section:
    """A numbered section. `key` is a stable name ('operator', 'purposes', ...) for anchors and tests."""

    key: str
    number: int
    title: str
    blocks: tuple[Block, ...]

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"


@dataclass(frozen=True)
class NoticeDocument:
    lang: Lang
    title: str
    preamble: tuple[Block, ...]
    sections: tuple[Section, ...]
    closing: tuple[Block, ...] = ()

    def section(self, key: str) -> Section | None:
        """The section with this key, or None when the notice has none."""
        return next((s for s in self.sections if s.key == key), None)


@dataclass(frozen=True)
class Draft:
    """A section before numbering, as the section builders return it."""

    key: str
    title: str
    blocks: tuple[Block, ...]
