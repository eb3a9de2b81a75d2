"""Every phrase an example's notice test looks for tells that company apart (issue 14): a phrase that another
example's notice has too (氏名, 委託, "Name") would pass for any company, so the test could not fail."""

from __future__ import annotations

import importlib

import pytest
from example_notice import Lang, assert_distinctive

LISTS = {
    "azpocket": {"ja": ["COMMITMENTS_JA"], "en": ["COMMITMENTS_EN"]},
    "japanet": {"ja": ["COMMITMENTS_JA"], "en": ["COMMITMENTS_EN"]},
    "carbgem": {"ja": ["JA", "SECTION_JA"], "en": ["EN", "SECTION_EN"]},
    "jigowatts": {"ja": ["JA", "SECTION_JA"], "en": ["EN", "SECTION_EN"]},
    "jitera": {"ja": ["JA", "SECTION_JA"], "en": ["EN", "SECTION_EN"]},
}


@pytest.mark.parametrize("company", sorted(LISTS))
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_phrase_tells_the_company_apart(company: str, lang: Lang) -> None:
    module = importlib.import_module(f"test_example_{company}")
    phrases = [row[-1] for name in LISTS[company][lang] for row in getattr(module, name)]
    assert phrases
    assert_distinctive(company, lang, phrases)
