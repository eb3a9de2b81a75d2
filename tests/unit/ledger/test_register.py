"""The 個人情報管理台帳 rows (JIS Q 15001): one per item × purpose, every cell read from the ledger, blanks where
the ledger says nothing."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from hogo.adapters.register_xlsx import register_workbook
from hogo.ledger.loader import load_ledger_file
from hogo.ledger.register import COLUMNS, register_rows
from hogo.ledger.schemas import Ledger

ROOT = Path(__file__).resolve().parents[3]
COLUMN = {en: n for n, (_, en) in enumerate(COLUMNS)}


def ledger(path: Path) -> Ledger:
    loaded = load_ledger_file(path)
    assert loaded.ledger is not None
    return loaded.ledger


def row(rows: list[tuple[str | int, ...]], purpose: str, item: str) -> dict[str, Any]:
    found = [r for r in rows if r[COLUMN["Purpose id"]] == purpose and r[COLUMN["Item key"]] == item]
    assert len(found) == 1
    return {en: found[0][n] for en, n in COLUMN.items()}


def test_one_row_per_item_and_purpose_with_what_the_ledger_states() -> None:
    vault = ledger(ROOT / "tests" / "fixtures" / "vault.yaml")
    rows = [r.cells for r in register_rows(vault)]
    assert len(rows) == sum(len(p.items) for p in vault.purposes)
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))

    name = row(rows, "service", "name")
    assert name["Item"] == "氏名" and name["Purpose"] == "ご注文の商品をお届けするため"
    assert name["Where kept"] == "国内クラウド（東京リージョン）" and name["Records"] == 1200
    assert name["Who may access"] == "order-desk" and name["Datasets"] == "orders"
    assert name["Retention"] == "最終利用日から3年" and name["Last reviewed"] == "2026-04-01"
    assert name["Provided to"] == "提携店株式会社"
    assert name["Recipients abroad"] == "SG Support Pte. Ltd.（シンガポール）"
    assert name["How acquired"].startswith("注文フォーム、")
    assert "店頭" in name["How acquired"]  # a channel that names no items or purposes

    phone = row(rows, "service", "phone")  # kept nowhere the ledger names, under no retention rule
    assert (phone["Retention"], phone["Where kept"], phone["Records"], phone["Provided to"]) == ("", "", "", "")

    health = row(rows, "health-management", "health-check")
    assert health["Special care"] != "" and health["Category"] != ""
    assert health["Whose data"] == "従業員"


@pytest.mark.parametrize("example", ["japanet", "chinook", "azpocket"])
def test_the_workbook_holds_the_same_rows(example: str) -> None:
    company = ledger(ROOT / "examples" / example / "ledger.yaml")
    rows = register_rows(company)
    now = dt.datetime(2026, 12, 5, 12, 0, tzinfo=dt.UTC)
    book = load_workbook(
        io.BytesIO(
            register_workbook(rows, company=company.operator.name.ja, version=3, applied_at=now, exported_at=now)
        )
    )
    sheet = book["個人情報管理台帳"]
    values = [tuple("" if v is None else v for v in r) for r in sheet.iter_rows(values_only=True)]
    assert values[0] == tuple(ja for ja, _ in COLUMNS) and values[1] == tuple(en for _, en in COLUMNS)
    assert values[2:] == [r.cells for r in rows]
    assert dict(book["出典"].iter_rows(values_only=True))["台帳の版"] == 3
