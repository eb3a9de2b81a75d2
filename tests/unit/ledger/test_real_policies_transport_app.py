"""Fixes found while writing the transport and app ledgers from real policies (issue 14, writer B).

A policy that states no disclosure method is written `requests.disclosure_methods: []`; the notice then says
nothing about the method (it printed "開示は、のうち、ご本人が指定する方法により…", a sentence with its subject
missing), and the method stated is printed when there is one."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from test_notice import FULL, md

from hogo.ledger.loader import load_ledger_file
from hogo.ledger.schemas import Ledger

REAL = Path(__file__).parents[2] / "fixtures" / "real_policies"


@pytest.mark.parametrize(
    ("methods", "phrase"),
    [
        (["paper"], "開示は、書面の交付により行います。"),
        (["electronic", "paper"], "開示は、電磁的記録の提供又は書面の交付のうち、ご本人が指定する方法により行います。"),
    ],
)
def test_a_stated_disclosure_method_is_printed(methods: list[str], phrase: str) -> None:
    data = copy.deepcopy(FULL)
    data["requests"]["disclosure_methods"] = methods
    text = md(Ledger.model_validate(data), "ja")
    assert "### 開示の方法" in text
    assert phrase in text


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_disclosure_method_stated_prints_no_method(lang: str) -> None:
    data = copy.deepcopy(FULL)
    data["requests"]["disclosure_methods"] = []
    text = md(Ledger.model_validate(data), lang)
    assert "開示の方法" not in text and "How we disclose" not in text
    assert "のうち、ご本人が指定する方法" not in text and "by the method you choose" not in text


@pytest.mark.parametrize("slug", ["nakanihon-tour-bus", "bitlink-platemask"])
def test_the_real_policies_without_a_method_print_none(slug: str) -> None:
    loaded = load_ledger_file(REAL / slug / "ledger.yaml")
    assert loaded.ledger is not None, loaded.problems
    assert loaded.ledger.requests.disclosure_methods == []
    text = md(loaded.ledger, "ja")
    assert "開示の方法" not in text and "、のうち、" not in text
