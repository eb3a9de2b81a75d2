"""What the person is told about the company's databases: rows in the disclosure package (limited to the items
asked for, without those withheld), and the data kept under a legal hold, with the statute and the last day."""

from __future__ import annotations

import csv
import io

import pytest

from hogo.adapters.disclosure_formats import to_csv
from hogo.requests.disclosure import dataset_rows
from hogo.requests.messages import hold_lines, outcome_mail

TAX = {"ja": "消費税法第30条", "en": "Consumption Tax Act Art. 30"}
HOLDS = [
    {"dataset": "chinook", "table": "Invoice", "column": "Total", "item": "purchase-history", "statute": TAX,
     "until": "2032-03-05", "rows": 7, "label": {"ja": "購入履歴", "en": "Purchase history"}},
    {"dataset": "chinook", "table": "InvoiceLine", "column": "UnitPrice", "item": "purchase-history",
     "statute": TAX, "until": "2033-11-20", "rows": 38, "label": {"ja": "購入履歴", "en": "Purchase history"}},
    {"dataset": "hr", "table": "Employee", "column": "Title", "item": "job", "until": "2031-04-01", "rows": 1,
     "statute": {"ja": "労働基準法第109条", "en": "Labour Standards Act Art. 109"},
     "label": {"ja": "職位", "en": "Job title"}},
]  # fmt: skip
FOUND = {
    "searched": ["chinook"],
    "withheld": 0,
    "rows": [
        {"dataset": "chinook", "table": "Customer", "subject_kind": "customer", "key": {"CustomerId": 1},
         "values": [{"column": "LastName", "item": "name", "value": "Gonçalves"},
                    {"column": "Phone", "item": "phone", "value": "+55 12 3923-5555"}]},
        {"dataset": "chinook", "table": "Invoice", "subject_kind": "customer", "key": {"InvoiceId": 98},
         "values": [{"column": "Total", "item": "purchase-history", "value": "3.98"}]},
    ],
}  # fmt: skip
LABELS = {"name": {"ja": "氏名", "en": "Name"}, "phone": {"ja": "電話番号", "en": "Phone"}}


def test_holds_are_told_per_item_and_statute_with_the_tables_and_the_last_day() -> None:
    ja = hold_lines(HOLDS, "ja")
    assert ja[0].startswith("次のデータは、法令により保存する義務")
    assert "・購入履歴（Invoice, InvoiceLine）：消費税法第30条により、最長で2033年11月20日まで" in ja
    assert "・職位（Employee）：労働基準法第109条により、最長で2031年4月1日まで" in ja
    en = hold_lines(HOLDS, "en")
    assert "- Purchase history (Invoice, InvoiceLine): kept until 20 November 2033 at the latest, " in en[2]
    assert hold_lines([], "ja") == []


@pytest.mark.parametrize(("lang", "said"), [("ja", "消費税法第30条"), ("en", "Consumption Tax Act Art. 30")])
def test_the_answer_mail_names_the_holds(lang: str, said: str) -> None:
    mail = outcome_mail("luis@example.com", lang, "rq_1", "erasure", "full", None, HOLDS)
    assert said in mail.body
    assert said not in outcome_mail("luis@example.com", lang, "rq_1", "erasure", "full", None).body


def testdataset_rows_keep_the_items_asked_for_and_leave_out_those_withheld() -> None:
    everything = dataset_rows(FOUND, LABELS, None, set())
    assert [len(r["values"]) for r in everything["rows"]] == [2, 1]
    assert everything["rows"][0]["values"][0]["label"] == {"ja": "氏名", "en": "Name"}
    assert everything["rows"][1]["values"][0]["label"] == {"ja": "purchase-history", "en": "purchase-history"}
    names = dataset_rows(FOUND, LABELS, {"name"}, set())
    assert [[v["column"] for v in r["values"]] for r in names["rows"]] == [["LastName"]]  # no empty Invoice row
    without_phone = dataset_rows(FOUND, LABELS, None, {"phone"})
    assert all(v["item"] != "phone" for r in without_phone["rows"] for v in r["values"])


def test_the_csv_listsdataset_rows_and_holds() -> None:
    package = {"datasets": dataset_rows(FOUND, LABELS, None, set()), "holds": HOLDS}
    rows = list(csv.reader(io.StringIO(to_csv(package).decode("utf-8-sig"))))
    assert ["dataset_row", "name", "氏名", "Name", "Gonçalves", "", "", "", "chinook.Customer CustomerId=1"] in rows
    held = [r for r in rows if r[0] == "legal_hold"]
    assert len(held) == 3 and "until 2032-03-05: Consumption Tax Act Art. 30" in held[0][8]
