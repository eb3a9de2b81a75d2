"""Write a `NoticeDocument` as Markdown or as a standalone HTML page.

Every piece of text is escaped for its format: html.escape for HTML, backslash escapes for
Markdown, so that text from a ledger can never inject markup. Bare http(s) URLs in the text
become links. The output depends on the document only (no clock, no locale), so the same
ledger always renders to the same bytes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Literal

from hogo.ledger.notice_model import (
    Block,
    BulletList,
    DefinitionList,
    NoticeDocument,
    Paragraph,
    Subheading,
)

Format = Literal["md", "html"]

_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&%+,;=*]+")
_URL_TRAILING = ".,;:!?"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~])")
_MD_LINE_START = re.compile(r"^(\s*)(?:([#+=\-])|(\d+)([.)]))")


def render(doc: NoticeDocument, fmt: Format) -> str:
    """The notice as Markdown ('md') or as a complete HTML page ('html')."""
    if fmt == "md":
        return _markdown(doc)
    if fmt == "html":
        return _html(doc)
    raise ValueError(f"unknown notice format: {fmt!r}")


def _segments(text: str) -> Iterator[tuple[bool, str]]:
    """Split text into (is_url, piece), URLs without trailing sentence punctuation."""
    pos = 0
    for match in _URL.finditer(text):
        url = match.group().rstrip(_URL_TRAILING)
        if match.start() > pos:
            yield False, text[pos : match.start()]
        yield True, url
        pos = match.start() + len(url)
    if pos < len(text):
        yield False, text[pos:]


# -- Markdown ------------------------------------------------------------------------------------


def _md_line(line: str, at_block_start: bool = True) -> str:
    """One escaped line; at the start of a block, also what would open a heading, list or rule."""
    out = "".join(f"<{piece}>" if is_url else _MD_SPECIAL.sub(r"\\\1", piece) for is_url, piece in _segments(line))
    if not at_block_start:
        return out
    return _MD_LINE_START.sub(_md_unmark, out)


def _md_unmark(match: re.Match[str]) -> str:
    """'# x' → '\\# x' and '1. x' → '1\\. x': the escapes CommonMark honours (ASCII punctuation only)."""
    indent, marker, number, dot = match.groups()
    return f"{indent}\\{marker}" if marker else f"{indent}{number}\\{dot}"


def _md(text: str, indent: str = "", inline: bool = False) -> str:
    """Escaped Markdown; line breaks inside the text become hard breaks, continued at `indent`.

    `inline` is for text that follows a marker on its line (a heading's '#', a label), where a
    leading '1.' or '-' cannot start a list.
    """
    lines = text.splitlines() or [""]
    return ("\\\n" + indent).join(_md_line(line, not (inline and n == 0)) for n, line in enumerate(lines))


def _md_cell(text: str) -> str:
    return "<br>".join(_md_line(line, False) for line in text.splitlines()) or " "


def _md_block(block: Block, colon: str) -> str:
    if isinstance(block, Paragraph):
        return _md(block.text)
    if isinstance(block, Subheading):
        return f"{'#' * block.level} {_md(block.text, inline=True)}"
    if isinstance(block, BulletList):
        if block.ordered:
            return "\n".join(f"{n}. {_md(item, '   ')}" for n, item in enumerate(block.items, start=1))
        return "\n".join(f"- {_md(item, '  ')}" for item in block.items)
    if isinstance(block, DefinitionList):
        return "\n".join(
            f"- **{_md(label, inline=True)}**{colon}{_md(value, '  ', inline=True)}" for label, value in block.rows
        )
    header = "| " + " | ".join(_md_cell(c) for c in block.columns) + " |"
    rule = "|" + "|".join(" --- " for _ in block.columns) + "|"
    body = ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows]
    return "\n".join([header, rule, *body])


def _markdown(doc: NoticeDocument) -> str:
    colon = "：" if doc.lang == "ja" else ": "
    parts = [f"# {_md(doc.title, inline=True)}"]
    parts += [_md_block(b, colon) for b in doc.preamble]
    for section in doc.sections:
        parts.append(f"## {_md(section.heading, inline=True)}")
        parts += [_md_block(b, colon) for b in section.blocks]
    if doc.closing:
        parts.append("---")
        parts += [_md_block(b, colon) for b in doc.closing]
    return "\n\n".join(parts) + "\n"


# -- HTML ----------------------------------------------------------------------------------------

_CSS = """\
body { margin: 0; color: #222; background: #fff; line-height: 1.8;
  font-family: "Hiragino Kaku Gothic ProN", "Hiragino Sans", "Noto Sans JP", Meiryo, system-ui, sans-serif; }
main { max-width: 50rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 1.6rem; border-bottom: 2px solid #333; padding-bottom: .4rem; }
h2 { font-size: 1.25rem; margin-top: 2.5rem; border-left: 4px solid #2a5d9f; padding-left: .6rem; }
h3 { font-size: 1.05rem; margin-top: 1.6rem; }
h4 { font-size: 1rem; margin-top: 1.2rem; color: #444; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: .95rem; }
th, td { border: 1px solid #ccc; padding: .45rem .6rem; text-align: left; vertical-align: top; }
thead th { background: #f2f4f7; }
dl { display: grid; grid-template-columns: minmax(8rem, 16rem) 1fr; margin: 1rem 0; border-top: 1px solid #ddd; }
dt, dd { margin: 0; padding: .45rem .6rem; border-bottom: 1px solid #ddd; }
dt { font-weight: 600; background: #f7f8fa; }
nav.toc { background: #f7f8fa; padding: .6rem 1.2rem; border-radius: 4px; }
nav.toc ul { list-style: none; padding-left: 0; }
a { color: #1a4f8b; overflow-wrap: anywhere; }
footer { margin-top: 3rem; }
@media (max-width: 40rem) { dl { grid-template-columns: 1fr; } dd { border-bottom-width: 2px; } }
@media print { nav.toc { display: none; } }
"""


def _h(text: str) -> str:
    """Escaped HTML; URLs become links and line breaks <br>."""
    lines = []
    for line in text.splitlines() or [""]:
        lines.append(
            "".join(
                f'<a href="{html.escape(piece)}">{html.escape(piece)}</a>' if is_url else html.escape(piece)
                for is_url, piece in _segments(line)
            )
        )
    return "<br>\n".join(lines)


def _html_block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{_h(block.text)}</p>"
    if isinstance(block, Subheading):
        return f"<h{block.level}>{_h(block.text)}</h{block.level}>"
    if isinstance(block, BulletList):
        tag = "ol" if block.ordered else "ul"
        items = "\n".join(f"<li>{_h(item)}</li>" for item in block.items)
        return f"<{tag}>\n{items}\n</{tag}>"
    if isinstance(block, DefinitionList):
        rows = "\n".join(f"<dt>{_h(label)}</dt><dd>{_h(value)}</dd>" for label, value in block.rows)
        return f"<dl>\n{rows}\n</dl>"
    head = "".join(f'<th scope="col">{_h(c)}</th>' for c in block.columns)
    body = "\n".join("<tr>" + "".join(f"<td>{_h(c)}</td>" for c in row) + "</tr>" for row in block.rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _html(doc: NoticeDocument) -> str:
    toc_label = "目次" if doc.lang == "ja" else "Contents"
    toc = "\n".join(f'<li><a href="#{html.escape(s.key)}">{_h(s.heading)}</a></li>' for s in doc.sections)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{html.escape(doc.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(doc.title)}</title>",
        f"<style>\n{_CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{_h(doc.title)}</h1>",
        *(_html_block(b) for b in doc.preamble),
        f'<nav class="toc" aria-label="{toc_label}">\n<ul>\n{toc}\n</ul>\n</nav>',
    ]
    for s in doc.sections:
        key = html.escape(s.key)
        out.append(f'<section id="{key}">\n<h2>{_h(s.heading)}</h2>')
        out += [_html_block(b) for b in s.blocks]
        out.append("</section>")
    if doc.closing:
        out += ["<footer>", *(_html_block(b) for b in doc.closing), "</footer>"]
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
