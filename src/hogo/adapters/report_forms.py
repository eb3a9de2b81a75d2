"""An incident report as a PDF laid out like the PPC's report form: title, addressee, reporter, the kind of report
ticked, then the nine items of Rule 8(1) in a ruled two-column table (number and heading | content).

Embedded Japanese TrueType fonts (`hogo.adapters.fonts`); plain data in (`hogo.incidents.content.document`), bytes out.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from hogo.adapters.fonts import GOTHIC, MINCHO
from hogo.adapters.letters import _fonts, _wrap

LEFT, RIGHT, TOP, BOTTOM = 18 * mm, A4[0] - 18 * mm, A4[1] - 18 * mm, 18 * mm
HEAD_W = 52 * mm
SIZE = 9.0
LINE = SIZE * 1.45
KINDS = (("preliminary", "速報"), ("final", "確報"), ("supplement", "追完"))


class _Form:
    def __init__(self, canvas: Canvas, footer: str) -> None:
        self.c = canvas
        self.y = TOP
        self.page = 1
        self.footer = footer

    def new_page(self) -> None:
        self._foot()
        self.c.showPage()
        self.page += 1
        self.y = TOP

    def _foot(self) -> None:
        self.c.setFont(MINCHO, 7.5)
        self.c.drawString(LEFT, BOTTOM - 8 * mm, self.footer)
        self.c.drawRightString(RIGHT, BOTTOM - 8 * mm, f"{self.page}")

    def line(
        self, text: str, *, font: str = MINCHO, size: float = SIZE, centre: bool = False, right: bool = False
    ) -> None:
        for part in _wrap(text, font, size, RIGHT - LEFT):
            if self.y < BOTTOM + size:
                self.new_page()
            self.c.setFont(font, size)
            if centre:
                self.c.drawCentredString((LEFT + RIGHT) / 2, self.y, part)
            elif right:
                self.c.drawRightString(RIGHT, self.y, part)
            else:
                self.c.drawString(LEFT, self.y, part)
            self.y -= size * 1.5

    def row(self, head: str, head_en: str, text: str) -> None:
        """One ruled row of the table; a long content continues on the next page with its heading repeated."""
        ja = _wrap(head, GOTHIC, SIZE, HEAD_W - 4 * mm)
        heads = ja + _wrap(head_en, MINCHO, 7.5, HEAD_W - 4 * mm)
        body = _wrap(text or "—", MINCHO, SIZE, RIGHT - LEFT - HEAD_W - 4 * mm)
        while body:
            room = int((self.y - BOTTOM) // LINE) - 1
            if room < max(2, min(len(heads), len(body))):
                self.new_page()
                continue
            chunk, body = body[:room], body[room:]
            height = max(len(chunk), len(heads)) * LINE + 3 * mm
            top = self.y + LINE * 0.75
            self.c.rect(LEFT, top - height, RIGHT - LEFT, height)
            self.c.line(LEFT + HEAD_W, top, LEFT + HEAD_W, top - height)
            y = self.y
            for i, part in enumerate(heads):
                self.c.setFont(GOTHIC, SIZE) if i < len(ja) else self.c.setFont(MINCHO, 7.5)
                self.c.drawString(LEFT + 2 * mm, y, part)
                y -= LINE
            y = self.y
            self.c.setFont(MINCHO, SIZE)
            for part in chunk:
                self.c.drawString(LEFT + HEAD_W + 2 * mm, y, part)
                y -= LINE
            self.y = top - height - LINE * 0.75
            if body:
                self.new_page()

    def finish(self) -> None:
        self._foot()
        self.c.showPage()


def render_report(document: Mapping[str, Any]) -> bytes:
    _fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=True, initialFontName=MINCHO)  # no unembedded Helvetica
    canvas.setTitle(document["title"]["ja"])
    report, reporter = document["report"], document["reporter"]
    version = f"第{report['version']}版" if report.get("version") else "未保存の下書き / draft"
    form = _Form(canvas, f"{report['incident']} / {report['id']} {version}")
    form.line(f"報告日 {report['prepared_on']}", right=True)
    form.line(document["title"]["ja"], font=GOTHIC, size=14, centre=True)
    form.line(document["title"]["en"], size=8, centre=True)
    form.y -= 4
    form.line(f"{document['to']['ja']} 御中", font=GOTHIC, size=11)
    form.y -= 2
    for label, key in (("報告者（事業者の名称）", "name"), ("所在地", "address"), ("代表者", "representative")):
        form.line(f"{label}：{reporter.get(key) or '—'}", right=True)
    form.y -= 4
    ticks = "　".join(("■" if report["kind"] == k else "□") + ja for k, ja in KINDS)
    form.line(f"報告の種類：{ticks}　　根拠：{report.get('article', '')}")
    if report.get("due_on"):
        form.line(f"報告期限：{report['due_on']}（発覚日を1日目として計算）")
    form.y -= 6
    for number, item in document["items"].items():
        form.row(f"{number}．{item['label']['ja']}", item["label"]["en"], item["text"])
    form.finish()
    canvas.save()
    return out.getvalue()
