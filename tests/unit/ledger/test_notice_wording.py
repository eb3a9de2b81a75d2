"""The published notice reads as the company's own text (issue 14): no staff or lint wording, no tautology, no
two bracketed notes in a row, no heading with nothing under it, no English slips, for every example in both
languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hogo.adapters.notice_formats import render
from hogo.ledger.loader import load_ledger_file
from hogo.ledger.notice import build_notice
from hogo.ledger.notice_text import annotate

EXAMPLES = sorted((Path(__file__).resolve().parents[3] / "examples").glob("*/ledger.yaml"))

NEVER = (
    "記載がありません",
    "お問い合わせ窓口までお尋ねください",
    "本ポリシーには記載していません",
    "共同利用をする旨",
    "共同利用を行います",
    "Not stated",
    "does not state",
    "does not yet describe",
    "（ウェブサイトの入力フォーム）",
)
STACKED = re.compile(r"）（|\) \((?!tax)")


@pytest.mark.parametrize("ledger_file", EXAMPLES, ids=lambda p: p.parent.name)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_example_notice_has_no_staff_wording_or_slips(ledger_file: Path, lang: str) -> None:
    text = render(build_notice(load_ledger_file(ledger_file).ledger, lang), "md")  # type: ignore[arg-type]
    for phrase in NEVER:
        assert phrase not in text, phrase
    assert not STACKED.findall(text), [line for line in text.splitlines() if STACKED.search(line)]
    assert not re.search(r"(?i)cookies and similar technologies \(cookies and similar technologies\)", text)
    lines = [line for line in text.splitlines() if line.strip()]
    for here, after in zip(lines, [*lines[1:], "# end"], strict=True):
        if here.startswith("#") and after.startswith("#"):  # a heading must be followed by a deeper one
            assert len(after.split()[0]) > len(here.split()[0]), f"heading with nothing under it: {here}"


@pytest.mark.parametrize(
    ("base", "note", "lang", "expected"),
    [
        ("健康情報", "要配慮個人情報", "ja", "健康情報（要配慮個人情報）"),
        ("健康情報（病歴）", "要配慮個人情報", "ja", "健康情報（病歴、要配慮個人情報）"),
        ("株式会社J（J Inc.）", "以下「当社」といいます。", "ja", "株式会社J（J Inc.、以下「当社」といいます。）"),
        (
            "Cookies and similar technologies",
            "cookies and similar technologies",
            "en",
            "Cookies and similar technologies",
        ),
        ("Google Analytics (our cookies)", "contractor: G", "en", "Google Analytics (our cookies; contractor: G)"),
        ("Name", "", "en", "Name"),
    ],
)
def test_annotate_never_stacks_brackets_or_repeats(base: str, note: str, lang: str, expected: str) -> None:
    assert annotate(base, note, lang) == expected  # type: ignore[arg-type]
