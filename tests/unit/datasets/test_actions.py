"""Actions per request kind: the ledger lists what each kind may do to a column; the request picks among them
(its kind, the items the person asked about, an action the person named). The single-action form means the same."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from declared import declared
from pydantic import ValidationError

from hogo.datasets.operations import Ask, erasure_operations, refused_choices, suspension_operations
from hogo.datasets.policy import FoundRow
from hogo.ledger.schemas.datasets import ActionKind, DataSet, ErasureAction

TODAY = dt.date(2026, 11, 20)
KEYS = {"member": ("id",), "orders": ("id",)}
ROWS = [
    FoundRow("member", "customer", (1,), 0, {"mail": "a@x.jp", "name": "A", "phone": "03", "paused": False}),
    FoundRow("orders", "customer", (7,), 1, {"address": "Tokyo", "total": 5}),
]


def dataset(**columns: Any) -> DataSet:
    member = {
        "mail": {"name": "mail", "item": "email", "erasure": "keyed_hash"},
        "name": {"name": "name", "item": "name", "actions": {"erasure": ["mask", "delete_row"]}},
        "phone": {
            "name": "phone",
            "item": "phone",
            "actions": {"erasure": ["set_null"], "suspension_of_use": ["keep", "set_null"]},
        },
        **columns,
    }
    return declared(
        [
            {
                "name": "member",
                "subject_kind": "customer",
                "identities": [{"column": "mail", "kind": "email"}],
                "suspension_column": "paused",
                "columns": list(member.values()),
            },
            {
                "name": "orders",
                "columns": [
                    {"name": "address", "item": "address", "erasure": "mask"},
                    {"name": "total", "legal_hold": {"statute": "law", "until": "2030-12-31"}},
                ],
            },
        ]
    )


def shape(operations: list[Any]) -> set[tuple[Any, ...]]:
    return {(op.table, op.delete, op.set_null, op.mask, op.keyed_hash, op.flag) for op in operations}


def test_the_single_action_form_means_the_same_as_a_one_action_list() -> None:
    single = dataset(name={"name": "name", "item": "name", "erasure": "mask"})
    listed = dataset(name={"name": "name", "item": "name", "actions": {"erasure": ["mask"]}})
    assert single.tables[0].columns[1].allowed(ActionKind.erasure) == [ErasureAction.mask]
    assert shape(erasure_operations(single, ROWS, KEYS, TODAY)[0]) == shape(
        erasure_operations(listed, ROWS, KEYS, TODAY)[0]
    )


def test_an_erasure_takes_the_first_action_of_each_column_and_reports_the_hold() -> None:
    operations, holds = erasure_operations(dataset(), ROWS, KEYS, TODAY)
    assert shape(operations) == {
        ("member", False, ("phone",), ("name",), ("mail",), ()),
        ("orders", False, (), ("address",), (), ()),
    }
    assert [(h.table, h.column) for h in holds] == [("orders", "total")]


def test_a_suspension_of_use_takes_its_own_actions_and_sets_the_flag() -> None:
    ask = Ask(ActionKind.suspension_of_use)
    operations, holds = suspension_operations(dataset(), ROWS, KEYS, TODAY, ask)
    assert shape(operations) == {("member", False, (), (), (), ("paused",))}  # phone kept: keep comes first
    named = Ask(ActionKind.suspension_of_use, chosen=(("phone", ErasureAction.set_null),))
    operations, holds = suspension_operations(dataset(), ROWS, KEYS, TODAY, named)
    assert shape(operations) == {("member", False, ("phone",), (), (), ()), ("member", False, (), (), (), ("paused",))}
    assert holds == []  # nothing asked of the held column


def test_the_persons_narrower_ask_touches_only_those_items_and_reports_only_their_holds() -> None:
    operations, holds = erasure_operations(dataset(), ROWS, KEYS, TODAY, Ask(items=frozenset({"phone"})))
    assert shape(operations) == {("member", False, ("phone",), (), (), ())}
    assert holds == []


def test_a_named_action_is_taken_where_allowed_and_a_row_is_deleted_only_if_the_ask_covers_it() -> None:
    chosen = (("name", ErasureAction.delete_row),)
    operations, _ = erasure_operations(dataset(), ROWS, KEYS, TODAY, Ask(chosen=chosen))
    assert ("member", True, (), (), (), ()) in shape(operations)
    narrow = Ask(items=frozenset({"name"}), chosen=chosen)  # the row holds e-mail and phone too: not deleted
    operations, _ = erasure_operations(dataset(), ROWS, KEYS, TODAY, narrow)
    assert shape(operations) == {("member", False, (), ("name",), (), ())}


def test_a_named_action_no_column_allows_is_refused() -> None:
    assert refused_choices([dataset()], Ask(chosen=(("phone", ErasureAction.mask),))) == ["phone: mask"]
    assert refused_choices([dataset()], Ask(chosen=(("name", ErasureAction.delete_row),))) == []


@pytest.mark.parametrize(
    "actions",
    [{"erasure": []}, {"shredding": ["mask"]}, {"erasure": ["shred"]}],
    ids=["empty", "unknown-kind", "unknown-action"],
)
def test_an_action_list_must_name_known_kinds_and_actions(actions: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        dataset(phone={"name": "phone", "item": "phone", "actions": actions})
