"""How the notice calls the operator (issue 14): a bank says 当行, an association 本会, a bus company 弊社 — the
Japanese notice uses the ledger's `operator.self_reference` wherever hogo's wording says 当社."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from pydantic import ValidationError
from test_notice import MINIMAL, md, plain

from hogo.ledger.loader import load_ledger_file
from hogo.ledger.notice import build_notice
from hogo.ledger.schemas import Ledger

ROOT = Path(__file__).resolve().parents[3]


def _ledger(term: str | None) -> Ledger:
    data = copy.deepcopy(MINIMAL)
    if term is not None:
        data["operator"]["self_reference"] = term
    return Ledger.model_validate(data)


def test_unset_reads_toujisha_as_before() -> None:
    ja = md(_ledger(None), "ja")
    assert "（以下「当社」といいます。）" in ja and "当行" not in ja


@pytest.mark.parametrize("term", ["当行", "本会", "弊社", "当法人"])
def test_every_toujisha_becomes_the_operators_own_word(term: str) -> None:
    default, called = plain(build_notice(_ledger(None), "ja")), plain(build_notice(_ledger(term), "ja"))
    assert default.count("当社") > 3  # headings, preamble and body all say it
    assert "当社" not in called
    assert called.count(term) == default.count("当社")
    assert called.replace(term, "当社") == default  # nothing else changed


def test_english_is_unchanged() -> None:
    assert plain(build_notice(_ledger("当行"), "en")) == plain(build_notice(_ledger(None), "en"))


@pytest.mark.parametrize("bad", ["Bank", "当行です。", "", "当" * 9])
def test_only_a_short_japanese_word_is_accepted(bad: str) -> None:
    with pytest.raises(ValidationError):
        _ledger(bad)


def test_the_real_bank_policy_calls_itself_toukou() -> None:
    loaded = load_ledger_file(ROOT / "tests/fixtures/real_policies/chugin/ledger.yaml")
    assert loaded.ledger is not None
    ja = plain(build_notice(loaded.ledger, "ja"))
    assert "株式会社中国銀行（以下「当行」といいます。）" in ja and "当社" not in ja
