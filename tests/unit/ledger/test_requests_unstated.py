"""A policy that states no request procedure, or no channel for it, is expressible (issue 14): the ledger loads,
the linter names every kind the law wants a procedure for, and the notice prints no sentence on channels."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml
from test_notice import md

from hogo.ledger.policy import lint
from hogo.ledger.rules import rules_in_force
from hogo.ledger.schemas import Ledger

TODAY = dt.date(2026, 12, 5)


def _ledger(minimal_yaml: str, requests: dict[str, Any] | None) -> Ledger:
    data: dict[str, Any] = yaml.safe_load(minimal_yaml)
    if requests is None:
        del data["requests"]
    else:
        data["requests"] = requests
    return Ledger.model_validate(data)


def test_no_requests_section_loads_and_every_kind_is_linted(minimal_yaml: str) -> None:
    led = _ledger(minimal_yaml, None)
    missing = [f.message for f in lint(led, TODAY, rules_in_force(TODAY)) if f.code == "art32-request-kind-missing"]
    assert len(missing) == 6
    assert any("'disclosure'" in m for m in missing)


def test_no_requests_section_prints_no_table_and_no_channels(minimal_yaml: str) -> None:
    led = _ledger(minimal_yaml, None)
    ja, en = md(led, "ja"), md(led, "en")
    assert "開示等のご請求があった場合は" in ja
    assert "次のご請求" not in ja and "ご請求の方法" not in ja and "ご請求は、により" not in ja
    assert "| ご請求の種類" not in ja
    assert "a request for disclosure or the like" in en and "How to make a request" not in en


def test_kinds_without_channels_print_no_channel_column(minimal_yaml: str) -> None:
    led = _ledger(minimal_yaml, {"kinds": [{"kind": "disclosure"}, {"kind": "correction"}]})
    ja = md(led, "ja")
    assert "| ご請求の種類 | 回答までの目安 |" in ja
    assert "| 開示 | 遅滞なく |" in ja
    assert "受付方法" not in ja and "ご請求の方法" not in ja


def test_a_kind_without_channels_beside_one_with_them_shows_a_dash(minimal_yaml: str) -> None:
    led = _ledger(minimal_yaml, {"kinds": [{"kind": "disclosure", "channels": ["post"]}, {"kind": "correction"}]})
    ja = md(led, "ja")
    assert "| ご請求の種類 | 受付方法 | 回答までの目安 |" in ja
    assert "| 訂正等（訂正・追加・削除） | — | 遅滞なく |" in ja
    assert "| 開示 | 郵送 | 遅滞なく |" in ja
