"""The report's nine items prefilled from what hogo knows, and the PPC-style PDF (its text read back with pypdf)."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from hogo.adapters.report_forms import render_report
from hogo.incidents.content import ITEMS, Known, document, prefill
from pdf_fonts import fonts, need_fonts


def _known(**changes: object) -> Known:
    base = {
        "incident_id": "inc_1",
        "kind": "stolen_device",
        "effects": ["leakage"],
        "occurred_on": dt.date(2026, 11, 19),
        "aware_on": dt.date(2026, 11, 20),
        "found_by": "staff",
        "description": "ノートPCを車上荒らしで盗まれた",
        "items": [("氏名", "Name"), ("住所", "Address")],
        "subject_kinds": ["お客様"],
        "datasets": ["顧客DB"],
        "headcount": {"persons": 1234, "complete": True},
        "entrustee": None,
        "as_entrustee": False,
        "decision": {"triggers": [{"code": "rule7-3", "article": "Rule 7(3)", "met": True}]},
        "measures": ["持ち出し端末の暗号化"],
        "notices": {},
        "announced_on": None,
        "announcement_url": None,
    }
    return Known(**{**base, **changes})  # type: ignore[arg-type]


def test_prefill_says_what_hogo_knows() -> None:
    items = prefill(_known())
    assert set(items) == set(ITEMS)
    assert "発覚日：2026-11-20" in items["1"] and "Rule 7(3)" in items["1"] and "盗難" in items["1"]
    assert items["2"] == "氏名、住所（対象: お客様）"
    assert items["3"] == "1,234人"
    assert items["8"] == "持ち出し端末の暗号化"
    assert "顧客DB" in items["9"]


def test_an_incomplete_count_is_said_in_item_3() -> None:
    headcount = {
        "persons": 10,
        "max_possible": 5010,
        "complete": False,
        "datasets": {"shop": {"error": "data set 'shop' is not reachable"}},
    }
    assert prefill(_known(headcount=headcount))["3"].startswith("10人（集計未完了。最大5,010人。shop: data set")


def test_the_pdf_is_laid_out_like_the_ppc_form() -> None:
    items = prefill(_known())
    doc = document(
        report={
            "id": "ir_1",
            "incident": "inc_1",
            "kind": "preliminary",
            "authority": "ppc",
            "basis": "appi",
            "article": "Art. 26(1); Rule 8 (速報)",
            "version": 1,
            "due_on": "2026-11-24",
        },
        reporter={"name": "株式会社サンプル", "address": "東京都千代田区", "representative": "代表取締役 山田太郎"},
        items=items,
        prepared_on=dt.date(2026, 11, 21),
        authority_name=None,
    )
    pdf = render_report(doc)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "個人データの漏えい等事案に関する報告（速報）" in text
    assert "個人情報保護委員会 御中" in text
    assert "■速報" in text and "□確報" in text
    for number, (label, _) in ITEMS.items():
        assert f"{number}．{label[:6]}" in text.replace("\n", "")
    assert "1,234人" in text and "株式会社サンプル" in text and "2026-11-24" in text
    need_fonts()
    used = fonts(pdf)  # every font embedded, so the report prints the same everywhere
    assert used and all(used.values()) and any("IPAex" in name for name in used), used
