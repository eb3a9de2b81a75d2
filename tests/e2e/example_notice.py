"""Shared by the per-company example tests: load an example ledger once and search its rendered notice."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Literal

from hogo.adapters.notice_formats import render
from hogo.ledger.loader import load_ledger_file
from hogo.ledger.notice import build_notice
from hogo.ledger.schemas import Ledger

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
Lang = Literal["ja", "en"]


def ledger_path(company: str) -> Path:
    return EXAMPLES / company / "ledger.yaml"


@cache
def example_ledger(company: str) -> Ledger:
    loaded = load_ledger_file(ledger_path(company))
    assert loaded.ledger is not None, [p.format() for p in loaded.problems]
    return loaded.ledger


@cache
def notice(company: str, lang: Lang, fmt: Literal["md", "html"] = "md") -> str:
    """The whole notice; Markdown is flattened with `plain` so a phrase is found wherever it wraps."""
    text = render(build_notice(example_ledger(company), lang), fmt)
    return plain(text) if fmt == "md" else text


def section(company: str, lang: Lang, key: str) -> str:
    """One section of the notice, rendered on its own and flattened."""
    document = build_notice(example_ledger(company), lang)
    found = document.section(key)
    assert found is not None, f"the {lang} notice has no '{key}' section"
    return plain(render(replace(document, preamble=(), sections=(found,), closing=()), "md"))


def plain(markdown: str) -> str:
    """The rendered text without Markdown escapes and line breaks."""
    unescaped = re.sub(r"\\(.)", r"\1", markdown, flags=re.DOTALL)
    return re.sub(r"\s+", " ", unescaped)


def structural_problems(company: str) -> list[str]:
    return [p.format() for p in load_ledger_file(ledger_path(company)).problems if p.article is None]


def companies() -> list[str]:
    return sorted(p.parent.name for p in EXAMPLES.glob("*/ledger.yaml"))


def not_distinctive(company: str, lang: Lang, phrases: list[str]) -> dict[str, list[str]]:
    """Each phrase that appears in another example's notice too, with those companies: such a phrase proves
    nothing about this company's notice (any notice says 氏名, 委託 or "Name")."""
    others = [c for c in companies() if c != company]
    shared = {p: [c for c in others if p in notice(c, lang)] for p in phrases}
    return {p: cs for p, cs in shared.items() if cs}


def assert_distinctive(company: str, lang: Lang, phrases: list[str]) -> None:
    shared = not_distinctive(company, lang, phrases)
    assert not shared, f"phrases that any notice could contain, not only {company}'s: {shared}"
