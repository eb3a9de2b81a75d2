"""Every example ledger passes `hogo ledger check`, and its README documents each finding it has."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from hogo.cli.main import app

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*/ledger.yaml"))


def test_all_five_seed_companies_have_an_example() -> None:
    assert {p.parent.name for p in EXAMPLES} >= {"jigowatts", "azpocket", "carbgem", "jitera", "japanet"}


@pytest.mark.parametrize("ledger", EXAMPLES, ids=lambda p: p.parent.name)
def test_example_passes_check_and_readme_lists_its_findings(ledger: Path) -> None:
    result = CliRunner().invoke(app, ["ledger", "check", str(ledger)])
    assert result.exit_code == 0, result.output
    codes = {line.split(": ")[1].split()[0] for line in result.stdout.splitlines()}
    readme = (ledger.parent / "README.md").read_text(encoding="utf-8")
    undocumented = sorted(code for code in codes if code not in readme)
    assert not undocumented, f"{ledger.parent.name}/README.md does not explain: {undocumented}"


@pytest.mark.parametrize("ledger", EXAMPLES, ids=lambda p: p.parent.name)
@pytest.mark.parametrize(("lang", "fmt", "marker"), [("ja", "md", "# "), ("en", "html", '<html lang="en">')])
def test_example_notice_renders(ledger: Path, lang: str, fmt: str, marker: str) -> None:
    result = CliRunner().invoke(app, ["notice", "render", "--ledger", str(ledger), "--lang", lang, "--format", fmt])
    assert result.exit_code == 0, result.output
    assert marker in result.stdout


def test_the_distinctiveness_check_catches_a_phrase_any_notice_has() -> None:
    """The helper the per-company tests use: 氏名 is in every example's notice, so it tells no company apart."""
    from example_notice import assert_distinctive, not_distinctive

    assert set(not_distinctive("jitera", "ja", ["氏名", "株式会社Jitera"])) == {"氏名"}
    with pytest.raises(AssertionError):
        assert_distinctive("japanet", "en", ["Name"])
