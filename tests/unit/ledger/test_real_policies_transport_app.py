"""Fixes found while writing the transport and app ledgers from real policies (issue 14, writer B).

Both policies state no request procedure, which the schema used to force (a kind and a channel, printed as a
request table and "ご請求は、郵送により…"): `requests` may now be left out, the notice prints no request section,
and the linter reports each kind the law names. A policy that states no disclosure method is written
`requests.disclosure_methods: []`: the notice then says nothing about the method (it printed "開示は、のうち、
ご本人が指定する方法により…", a sentence with its subject missing)."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from test_notice import FULL, md

from hogo.ledger.loader import load_ledger_file
from hogo.ledger.policy import lint
from hogo.ledger.rules import rules_in_force
from hogo.ledger.schemas import Ledger

Doc = dict[str, Any]

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


def _without_requests() -> Doc:
    data = copy.deepcopy(FULL)
    del data["requests"]
    return data


def test_a_ledger_may_leave_requests_unstated() -> None:
    led = Ledger.model_validate(_without_requests())
    assert led.requests.kinds == [] and led.requests.channels == []


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_unstated_requests_print_no_request_section(lang: str) -> None:
    text = md(Ledger.model_validate(_without_requests()), lang)
    for phrase in ("開示等のご請求", "ご請求の方法", "郵送により", "遅滞なく対応します", "上記のご請求"):
        assert phrase not in text
    for phrase in ("Requests concerning", "How to make a request", "the requests above"):
        assert phrase not in text
    assert ("苦情、ご相談は、次の窓口" in text) if lang == "ja" else ("complaints, questions concerning" in text)


def test_kinds_without_channels_print_no_channel_sentence() -> None:
    data = copy.deepcopy(FULL)
    data["requests"]["channels"] = []
    for k in data["requests"]["kinds"]:
        k.pop("channels", None)
    text = md(Ledger.model_validate(data), "ja")
    assert "| 開示 |" in text and "上記のご請求" in text
    assert "により、下記のお問い合わせ窓口までお申し出ください" not in text


def test_unstated_requests_are_linted_for_every_kind_the_law_names() -> None:
    led = Ledger.model_validate(_without_requests())
    today = dt.date(2026, 12, 1)
    missing = [f for f in lint(led, today, rules_in_force(today)) if f.code == "art32-request-kind-missing"]
    assert len(missing) == 6


@pytest.mark.parametrize("slug", ["nakanihon-tour-bus", "bitlink-platemask"])
def test_the_real_policies_state_no_request_procedure_and_print_none(slug: str) -> None:
    loaded = load_ledger_file(REAL / slug / "ledger.yaml")
    assert loaded.ledger is not None, loaded.problems
    assert loaded.ledger.requests.kinds == []
    text = md(loaded.ledger, "ja")
    assert "開示等のご請求" not in text and "開示の方法" not in text


def _without_desk() -> Doc:
    data = _without_requests()
    del data["operator"]["desk"]
    data.pop("complaints", None)
    return data


def test_a_ledger_may_name_no_desk_and_hogo_addresses_the_company() -> None:
    led = Ledger.model_validate(_without_desk())
    assert led.operator.desk.name is None
    assert led.operator.desk_label == led.operator.name  # letters and receipts still have an addressee


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_desk_stated_prints_no_desk_section(lang: str) -> None:
    text = md(Ledger.model_validate(_without_desk()), lang)
    assert "苦情・お問い合わせ窓口" not in text and "Complaints and inquiries" not in text
    assert "窓口**：" not in text and "**Desk**" not in text


def test_a_desk_with_contacts_but_no_name_prints_the_contacts_only() -> None:
    data = copy.deepcopy(FULL)
    del data["operator"]["desk"]["name"]
    text = md(Ledger.model_validate(data), "ja")
    assert "## " in text and "苦情・お問い合わせ窓口" in text
    assert "**窓口**" not in text and "**電話番号**" in text


def test_the_real_policies_without_a_desk_print_none() -> None:
    for slug in ("nakanihon-tour-bus", "bitlink-platemask"):
        loaded = load_ledger_file(REAL / slug / "ledger.yaml")
        assert loaded.ledger is not None, loaded.problems
        assert loaded.ledger.operator.desk.name is None
        assert "苦情・お問い合わせ窓口" not in md(loaded.ledger, "ja")
