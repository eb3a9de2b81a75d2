"""The notice in the company's own words (issue 14): the Japanese notice calls the operator as its policy does
(`operator.self_reference`: 当行, 本会, 弊社 … wherever hogo's wording says 当社), and it promises the My Number Act's
limit only when every purpose using My Numbers states a task of that Act."""

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


def _my_number_ledger(*, statutory: bool, also_for_care: bool) -> Ledger:
    data = copy.deepcopy(MINIMAL)
    data["items"].append(
        {
            "key": "my-number",
            "label": {"ja": "個人番号", "en": "My Number"},
            "category": "identity",
            "identification_code": "my_number",
        }
    )
    data["purposes"].append(
        {
            "id": "payroll",
            "text": {"ja": "源泉徴収票の作成のため", "en": "To prepare withholding slips"},
            "subject_kinds": ["customer"],
            "items": ["my-number"],
            "my_number_statutory_task": statutory,
        }
    )
    if also_for_care:
        data["purposes"][0]["items"].append("my-number")
    return Ledger.model_validate(data)


MY_NUMBER_SENTENCE = "個人番号（マイナンバー）は、番号法で定められた事務を行うために必要な場合に限り取得します。"


def test_the_my_number_sentence_only_when_every_purpose_using_it_is_a_statutory_task() -> None:
    assert MY_NUMBER_SENTENCE in md(_my_number_ledger(statutory=True, also_for_care=False), "ja")
    # A purpose outside the Act uses it (the ledger says so; the linter reports my-number-purpose): no promise.
    assert MY_NUMBER_SENTENCE not in md(_my_number_ledger(statutory=True, also_for_care=True), "ja")
    assert MY_NUMBER_SENTENCE not in md(_my_number_ledger(statutory=False, also_for_care=False), "ja")


def test_an_app_with_ad_tools_is_not_told_it_has_a_website_with_cookies() -> None:
    """Bitlink's app names an ad SDK and no website or cookies: the notice lists the tool and claims nothing else."""
    loaded = load_ledger_file(ROOT / "tests/fixtures/real_policies/bitlink-platemask/ledger.yaml")
    assert loaded.ledger is not None
    ja = plain(build_notice(loaded.ledger, "ja"))
    assert "Google AdMob" in ja
    assert "ウェブサイト等では" not in ja and "ブラウザの設定" not in ja and "Cookie（クッキー）" not in ja
