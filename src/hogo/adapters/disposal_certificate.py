"""A disposal certificate (廃棄証明) as a PDF: who disposed of what, under which rule, how, how many, and what a
legal hold keeps — for the JIS Q 15001 audit. Content-free by construction: the document holds counts, rules,
items, statutes and run ids, never a person's value.

The ruled two-column layout of the incident report form (report_forms.py); plain data in, bytes out.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from hogo.adapters.fonts import GOTHIC, MINCHO, register
from hogo.adapters.report_forms import _Form


def render_certificate(document: Mapping[str, Any]) -> bytes:
    register()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=True, initialFontName=MINCHO)  # no unembedded Helvetica
    canvas.setTitle(document["title"]["ja"])
    form = _Form(canvas, f"{document['sweep']} {document.get('dataset') or ''}".strip())
    form.line(f"発行日 {document['issued_on']}", right=True)
    form.line(document["title"]["ja"], font=GOTHIC, size=14, centre=True)
    form.line(document["title"]["en"], size=8, centre=True)
    form.y -= 6
    operator = document["operator"]
    for label, key in (("事業者の名称", "name"), ("所在地", "address"), ("代表者", "representative")):
        form.line(f"{label}：{operator.get(key) or '—'}", right=True)
    form.y -= 6
    for head, head_en, text in document["rows"]:
        form.row(head, head_en, text)
    form.y -= 6
    form.line(document["attestation"]["ja"])
    form.line(document["attestation"]["en"], size=8)
    form.finish()
    canvas.save()
    return out.getvalue()
