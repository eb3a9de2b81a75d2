"""Fixes found while writing the transport, app and point-card ledgers from real policies (issue 14, writer B).

None of the bus operator's and the app's policies names a desk; the schema forced a desk name, which the notice
printed as "窓口：<company>". The desk (and its name) may now be left out: the notice prints only what is stated,
and hogo still addresses letters and receipts to the company."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from test_notice import FULL, md

from hogo.ledger.loader import load_ledger_file
from hogo.ledger.schemas import Ledger

Doc = dict[str, Any]
REAL = Path(__file__).parents[2] / "fixtures" / "real_policies"


def _without_desk() -> Doc:
    data = copy.deepcopy(FULL)
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
    assert "**窓口**" not in text and "**Desk**" not in text


def test_a_desk_with_contacts_but_no_name_prints_the_contacts_only() -> None:
    data = copy.deepcopy(FULL)
    del data["operator"]["desk"]["name"]
    text = md(Ledger.model_validate(data), "ja")
    assert "苦情・お問い合わせ窓口" in text
    assert "**窓口**" not in text and "**電話番号**" in text


@pytest.mark.parametrize("slug", ["nakanihon-tour-bus", "bitlink-platemask"])
def test_the_real_policies_without_a_desk_print_none(slug: str) -> None:
    loaded = load_ledger_file(REAL / slug / "ledger.yaml")
    assert loaded.ledger is not None, loaded.problems
    assert loaded.ledger.operator.desk.name is None
    text = md(loaded.ledger, "ja")
    assert "苦情・お問い合わせ窓口" not in text and "**窓口**" not in text
