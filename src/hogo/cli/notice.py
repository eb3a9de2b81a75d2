"""`hogo notice render`: the public privacy notice, generated from the ledger."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

import typer

from hogo.adapters.notice_formats import render as render_document
from hogo.cli.common import container, err, handle_errors
from hogo.errors import LedgerInvalid
from hogo.i18n import env_lang
from hogo.ledger.loader import load_ledger_file
from hogo.ledger.notice import build_notice
from hogo.ledger.schemas import Ledger

app = typer.Typer(help="The published privacy notice (個人情報の取扱いについて).", no_args_is_help=True)


class Lang(StrEnum):
    ja = "ja"
    en = "en"


class Format(StrEnum):
    md = "md"
    html = "html"


@app.command()
@handle_errors
def render(
    lang: Annotated[Lang, typer.Option(help="language of the notice")] = Lang.ja,
    fmt: Annotated[Format, typer.Option("--format", help="Markdown or a standalone HTML page")] = Format.md,
    ledger_file: Annotated[
        Path | None, typer.Option("--ledger", help="render this file instead of the version in force")
    ] = None,
    output: Annotated[Path | None, typer.Option(help="write here instead of standard output")] = None,
) -> None:
    """Render the notice covering what Arts. 21, 27(5)(iii), 28 and 32 require to be made known."""
    ledger = _ledger_from_file(ledger_file) if ledger_file is not None else _ledger_in_force()
    write_notice(ledger, lang, fmt, output)


def write_notice(ledger: Ledger, lang: Lang, fmt: Format, output: Path | None) -> None:
    """Render the notice of `ledger` to standard output, or to `output` (said on stderr)."""
    language: Literal["ja", "en"] = "ja" if lang is Lang.ja else "en"
    text = render_document(build_notice(ledger, language), "md" if fmt is Format.md else "html")
    if output is None:
        print(text, end="" if text.endswith("\n") else "\n")
    else:
        output.write_text(text, encoding="utf-8")
        err(f"wrote {output}")


def _ledger_from_file(path: Path) -> Ledger:
    loaded = load_ledger_file(path)
    if loaded.ledger is None:
        for problem in loaded.problems:
            err(problem.format(env_lang()))
        raise LedgerInvalid(f"{path} is not a valid ledger; no notice rendered")
    return loaded.ledger


def _ledger_in_force() -> Ledger:
    with container() as c:
        return c.ledger.current().ledger
