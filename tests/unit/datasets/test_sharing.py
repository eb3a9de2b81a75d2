"""Rows another person reaches too: the pure rule (tables of cases), and the walk up over the in-memory connector."""

from __future__ import annotations

import pytest
from declared import declared

from hogo.adapters.connectors_memory import MemoryConnector, MemoryTable
from hogo.datasets.connected import shared_rows, walk
from hogo.datasets.policy import Identity
from hogo.datasets.sharing import RowId, shared
from hogo.ledger.schemas.datasets import DataSet

A, B, S = ("customers", (1,)), ("customers", (2,)), ("staff", (7,))
ORDER_A, ORDER_B, ORPHAN = ("orders", (10,)), ("orders", (20,)), ("orders", (30,))
ADDRESS, NOTE = ("addresses", (100,)), ("notes", (1000,))


@pytest.mark.parametrize(
    ("parents", "expected"),
    [
        ({ORDER_A: {A}, ADDRESS: {ORDER_A}}, {}),  # the person's alone
        ({ORDER_A: {A}, ADDRESS: {ORDER_A, ORDER_B}, ORDER_B: {B}}, {ADDRESS: {"customers"}}),
        ({ORDER_A: {A}, ADDRESS: {ORDER_A, ORPHAN}}, {}),  # an order of no one: no other person
        ({ORDER_A: {A, S}}, {ORDER_A: {"staff"}}),  # a person of another table
        (
            {ORDER_A: {A}, ADDRESS: {ORDER_A, ORDER_B}, ORDER_B: {B}, NOTE: {ADDRESS}},
            {ADDRESS: {"customers"}, NOTE: {"customers"}},
        ),
        ({ORDER_A: {A, NOTE}, NOTE: {ORDER_A, ORDER_B}, ORDER_B: {B}}, {ORDER_A: {"customers"}, NOTE: {"customers"}}),
    ],
    ids=["own", "two-customers", "orphan", "other-table", "below-a-shared-row", "cycle"],
)
def test_which_rows_another_person_reaches(parents: dict[RowId, set[RowId]], expected: dict[RowId, set[str]]) -> None:
    ours = [A, ORDER_A, ADDRESS, NOTE]
    assert shared(ours, parents, {"customers", "staff"}) == expected


def dataset() -> DataSet:
    person = {"identities": [{"column": "email", "kind": "email"}]}
    return declared(
        [
            {"name": "customers", "subject_kind": "customer", **person},
            {"name": "staff", "subject_kind": "employee", **person},
            {"name": "tickets", "columns": [{"name": "text", "item": "name", "erasure": "mask"}]},
        ],
        [
            {"table": "tickets", "column": "customer_id", "references_table": "customers", "references_column": "id"},
            {"table": "tickets", "column": "staff_id", "references_table": "staff", "references_column": "id"},
        ],
        connection={"env": "HOGO_DESK_URL"},
    )


def test_a_ticket_a_member_of_staff_also_reaches_is_shared_with_the_staff_table() -> None:
    db = MemoryConnector(
        [
            MemoryTable("customers", ["id"], [{"id": 1, "email": "a@x.jp"}, {"id": 2, "email": "b@x.jp"}]),
            MemoryTable("staff", ["id"], [{"id": 7, "email": "s@corp.jp"}]),
            MemoryTable(
                "tickets",
                ["id"],
                [
                    {"id": 1, "customer_id": 1, "staff_id": 7, "text": "a"},
                    {"id": 2, "customer_id": 1, "staff_id": None, "text": "b"},
                    {"id": 3, "customer_id": 2, "staff_id": None, "text": "c"},
                ],
            ),
        ]
    )
    declared = dataset()
    found = walk(declared, db, [Identity("email", "a@x.jp")])
    assert sorted((r.table, r.key) for r in found.rows) == [("customers", (1,)), ("tickets", (1,)), ("tickets", (2,))]
    assert shared_rows(declared, db, found) == {("tickets", (1,)): {"staff"}}
