"""Paper letters as PDF (A4, Japanese or English) with embedded Japanese TrueType fonts (`hogo.adapters.fonts`).

`Letter` is plain data; the domain decides the words. Text is wrapped by width, so long Japanese lines (which
have no spaces) break anywhere, and English lines break at spaces.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from hogo.adapters.fonts import GOTHIC, MINCHO, register


def _fonts() -> None:
    register()


@dataclass(frozen=True)
class Letter:
    recipient: list[str]
    """Postal code, address lines and the name, as they go on the envelope window."""
    sender: list[str]
    date: str
    title: str
    paragraphs: list[str]
    table: list[tuple[str, str]] = field(default_factory=list)
    reference: str = ""


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    for raw in text.split("\n"):
        line = ""
        for char in raw:
            if pdfmetrics.stringWidth(line + char, font, size) > width:
                cut = line.rfind(" ")
                if cut > 0 and char != " ":
                    lines.append(line[:cut])
                    line = line[cut + 1 :] + char
                else:
                    lines.append(line)
                    line = char.lstrip()
            else:
                line += char
        lines.append(line)
    return lines


class _Writer:
    def __init__(self, canvas: Canvas) -> None:
        self.c = canvas
        self.y = A4[1] - 25 * mm
        self.left, self.width = 25 * mm, A4[0] - 50 * mm

    def text(self, text: str, *, font: str = MINCHO, size: float = 10.5, right: bool = False, gap: float = 1.6) -> None:
        for line in _wrap(text, font, size, self.width):
            if self.y < 25 * mm:
                self.c.showPage()
                self.y = A4[1] - 25 * mm
            self.c.setFont(font, size)
            if right:
                self.c.drawRightString(self.left + self.width, self.y, line)
            else:
                self.c.drawString(self.left, self.y, line)
            self.y -= size * gap

    def space(self, points: float) -> None:
        self.y -= points


def render_pdf(letter: Letter) -> bytes:
    return render_pdfs([letter])


def render_pdfs(letters: Sequence[Letter]) -> bytes:
    """Several letters in one PDF, each starting on a new page (a batch to print and post)."""
    _fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=True, initialFontName=MINCHO)  # no unembedded Helvetica
    canvas.setTitle(letters[0].title if letters else "")
    for letter in letters:
        _draw(canvas, letter)
    if not letters:
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _draw(canvas: Canvas, letter: Letter) -> None:
    w = _Writer(canvas)
    w.text(letter.date, right=True)
    if letter.reference:
        w.text(letter.reference, right=True, size=9)
    for line in letter.recipient:
        w.text(line, size=11)
    w.space(10)
    for line in letter.sender:
        w.text(line, right=True, size=9.5)
    w.space(14)
    w.text(letter.title, font=GOTHIC, size=14)
    w.space(8)
    for paragraph in letter.paragraphs:
        w.text(paragraph)
        w.space(4)
    if letter.table:
        w.space(6)
        for label, value in letter.table:
            w.text(f"{label}：{value}" if not label.isascii() else f"{label}: {value}", size=10)
    canvas.showPage()
