"""Ledgers written from real public privacy policies (issue 14): tests/fixtures/real_policies/<slug>/.

For each directory: the ledger loads with no structural problem; `hogo ledger check`'s findings (code and
location) are exactly the ones its findings.yaml lists as true; and every entry that carries a policy's
content (purpose, item, channel, entrustee, third party, joint use, foreign recipient) has the policy's
sentence quoted in a comment right above it. The findings are taken on the day the policies were read, so
that a finding that depends on the date (a supervision or review overdue) does not change under the test.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from hogo.ledger.checking import check_loaded
from hogo.ledger.loader import dotted, load_ledger_file
from hogo.ledger.policy import lint
from hogo.ledger.rules import rules_in_force

ROOT = Path(__file__).resolve().parents[2] / "fixtures" / "real_policies"
POLICIES = sorted(p.name for p in ROOT.iterdir() if (p / "ledger.yaml").is_file())
READ_ON = dt.date(2026, 12, 5)
QUOTED_SECTIONS = ("purposes", "items", "channels", "entrustees", "third_parties", "joint_use", "foreign_recipients")
QUOTE = re.compile(r"「[^」]+」|“[^”]+”")


def test_there_are_real_policies() -> None:
    assert len(POLICIES) >= 3


@pytest.fixture(params=POLICIES)
def slug(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


def _expected(slug: str) -> Counter[tuple[str, str | None]]:
    listed: list[dict[str, Any]] = yaml.safe_load((ROOT / slug / "findings.yaml").read_text(encoding="utf-8")) or []
    for entry in listed:
        assert set(entry) <= {"code", "at", "why"}, entry
        assert str(entry.get("why", "")).strip(), f"{slug}: a finding without a reason it is true: {entry}"
    return Counter((e["code"], e.get("at")) for e in listed)


def test_ledger_loads_and_its_findings_are_the_true_ones(slug: str) -> None:
    loaded = load_ledger_file(ROOT / slug / "ledger.yaml")
    assert loaded.problems == [], [p.message for p in loaded.problems]
    assert loaded.ledger is not None
    findings = lint(loaded.ledger, READ_ON, rules_in_force(READ_ON))
    reported = Counter((f.code, dotted(f.path)) for f in findings)
    expected = _expected(slug)
    # An entry without `at` matches that code anywhere; one with `at` matches that location only.
    unlocated = Counter({code: n for (code, at), n in expected.items() if at is None})
    located = Counter({key: n for key, n in expected.items() if key[1] is not None})
    by_code = Counter(code for code, _ in reported.elements())
    for key, n in located.items():
        assert reported[key] >= n, f"{slug}: expected {key} not reported"
        by_code[key[0]] -= n
    assert +by_code == +unlocated, f"{slug}: reported {sorted(reported.elements(), key=str)}"
    # The check the CLI runs gives the same findings (and nothing structural) as the linter here.
    problems = check_loaded(loaded, READ_ON)
    assert sorted(p.code for p in problems) == sorted(f.code for f in findings)


def test_every_entry_has_its_sentence_above_it(slug: str) -> None:
    text = (ROOT / slug / "ledger.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    root = yaml.compose(text)
    assert isinstance(root, yaml.MappingNode)
    missing: list[str] = []
    for key, value in root.value:
        if key.value not in QUOTED_SECTIONS or not isinstance(value, yaml.SequenceNode):
            continue
        for index, entry in enumerate(value.value):
            if not QUOTE.search(_comments_above(lines, entry.start_mark.line)):
                missing.append(f"{key.value}[{index}] (line {entry.start_mark.line + 1})")
    assert missing == [], f"{slug}: entries with no quoted policy sentence above them: {missing}"


def _comments_above(lines: list[str], line: int) -> str:
    """The comment lines right above an entry (0-based line of its first key), up to the first other line."""
    out: list[str] = []
    row = line - 1
    while row >= 0 and lines[row].strip().startswith("#"):
        out.append(lines[row].strip().lstrip("#"))
        row -= 1
    return "".join(reversed(out))


def test_the_quote_check_finds_an_entry_without_its_sentence(tmp_path: Path) -> None:
    lines = ["items:", "  # 「氏名」", "  - key: name", "  # no quotation here", "  - key: email"]
    root = yaml.compose("\n".join(lines))
    assert isinstance(root, yaml.MappingNode)
    entries = root.value[0][1].value
    assert QUOTE.search(_comments_above(lines, entries[0].start_mark.line))
    assert not QUOTE.search(_comments_above(lines, entries[1].start_mark.line))
