"""Rules 31 and 34 as refusals naming the column and as checks item by item, on a table in memory."""

from __future__ import annotations

import numpy as np
import pytest

from hogo.ledger.schemas.catalogue import Item
from hogo.ledger.schemas.processing import ProcessingJob
from hogo.processed.engine import ModelError
from hogo.processed.processing import run_job

ITEMS = {
    i["key"]: Item.model_validate(i)
    for i in [
        {"key": "name", "label": "氏名", "category": "identity", "value_type": "name"},
        {"key": "my-number", "label": "個人番号", "category": "identity", "identification_code": "my_number"},
        {"key": "card", "label": "カード番号", "category": "financial", "value_type": "card_number"},
        {"key": "age", "label": "年齢", "category": "demographic", "value_type": "number"},
        {"key": "sex", "label": "性別", "category": "demographic"},
    ]
}
N = 40
SOURCE = {
    "id": np.arange(N).astype(str),
    "name": np.array([f"名前{i}" for i in range(N)]),
    "mn": np.array([f"{i:012d}" for i in range(N)]),
    "card": np.array(["4111111111111111"] * N),
    "age": np.array([20 + i % 40 for i in range(N)]),
    "sex": np.array(["男性", "女性"] * (N // 2)),
}


def job(kind: str, **actions: str) -> ProcessingJob:
    columns = [
        {"name": "id", "action": actions.get("id", "delete")},
        {"name": "name", "item": "name", "action": actions.get("name", "delete")},
        {"name": "mn", "item": "my-number", "action": actions.get("mn", "delete")},
        {"name": "card", "item": "card", "action": actions.get("card", "delete")},
        {"name": "age", "item": "age", "action": "generalise", "hierarchy": "age"},
        {"name": "sex", "item": "sex", "action": "generalise", "hierarchy": "sex"},
    ]
    doc = {"id": "j", "name": "j", "kind": kind, "source": {"dataset": "d", "table": "t"}, "columns": columns}
    if kind == "anonymised":
        doc |= {"model": {"k": 5}, "publish": {"items": ["年齢", "性別"]}}
    return ProcessingJob.model_validate(doc)


@pytest.mark.parametrize("kind", ["anonymised", "pseudonymised"])
@pytest.mark.parametrize(
    ("column", "action"), [("mn", "keep"), ("mn", "suppress"), ("card", "keep"), ("card", "suppress")]
)
def test_my_number_and_card_numbers_need_a_delete_rule(kind: str, column: str, action: str) -> None:
    with pytest.raises(ModelError) as exc:
        run_job(job(kind, **{column: action}), ITEMS, SOURCE, key_columns=["id"], pseudonym_key=b"k" * 32)
    assert exc.value.column == column
    assert "delete" in exc.value.message


def test_anonymised_refuses_the_id_and_the_name() -> None:
    with pytest.raises(ModelError) as exc:
        run_job(job("anonymised", id="keep"), ITEMS, SOURCE, key_columns=["id"])
    assert exc.value.column == "id" and "Rule 34(3)" in exc.value.message
    with pytest.raises(ModelError) as exc:
        run_job(job("anonymised", name="keep"), ITEMS, SOURCE, key_columns=["id"])
    assert exc.value.column == "name" and "Rule 34(1)" in exc.value.message


def test_pseudonymised_allows_a_keyed_pseudonym_of_the_name_and_reports_rule_31() -> None:
    out = run_job(job("pseudonymised", name="pseudonym"), ITEMS, SOURCE, key_columns=["id"], pseudonym_key=b"k" * 32)
    assert list(out.columns) == ["name", "age", "sex"]
    assert len(set(out.columns["name"].tolist())) == N
    assert not set(out.columns["name"].tolist()) & set(SOURCE["name"].tolist())
    report = out.report()
    assert [c["rule"] for c in report["checks"]] == ["Rule 31(1)", "Rule 31(2)", "Rule 31(3)", "Rule 32"]
    assert next(c for c in report["checks"] if c["rule"] == "Rule 31(2)")["columns"] == ["mn"]
    assert "第41条" in report["label"]["ja"]
    other = run_job(job("pseudonymised", name="pseudonym"), ITEMS, SOURCE, key_columns=["id"], pseudonym_key=b"x" * 32)
    assert not set(other.columns["name"].tolist()) & set(out.columns["name"].tolist())  # the key decides


def test_anonymised_report_holds_k_and_the_five_standards() -> None:
    out = run_job(job("anonymised"), ITEMS, SOURCE, key_columns=["id"])
    report = out.report()
    assert report["k_holds"] is True
    assert [c["rule"] for c in report["checks"]] == [f"Rule 34({i})" for i in range(1, 6)]
    assert list(out.columns) == ["age", "sex"]
    assert report["anonymity"]["smallest_class"] >= 5
