"""Row keys through the run journal: every type a database gives back as a key comes back equal and of its type."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import uuid
from typing import Any

import pytest

from hogo.datasets.keys import UnsupportedKey, decode_key, encode_key
from hogo.datasets.operations import Operation
from hogo.datasets.views import statements

JST = dt.timezone(dt.timedelta(hours=9))
NAIVE = dt.datetime.fromisoformat("2024-05-01T10:00:00.123456")  # a TIMESTAMP WITHOUT TIME ZONE key


@pytest.mark.parametrize(
    "value",
    [
        7,
        "A-7",
        None,
        True,
        0.1,
        float("inf"),
        NAIVE,
        dt.datetime(2024, 5, 1, 10, 0, tzinfo=JST),
        dt.date(2024, 5, 1),
        dt.time(9, 30, 0, 500000),
        dt.timedelta(days=2, seconds=5, microseconds=7),
        decimal.Decimal("12.50"),
        b"\x00\xff",
        uuid.UUID("12345678-1234-5678-1234-567812345678"),
    ],
)
def test_a_key_value_comes_back_equal_and_of_its_type(value: Any) -> None:
    back = decode_key(json.loads(json.dumps(encode_key((value, 1)))))
    assert back == (value, 1) and type(back[0]) is type(value)
    assert str(back[0]) == str(value)  # 12.50 stays 12.50, the offset stays +09:00


def test_journals_written_before_typed_keys_read_the_same() -> None:
    old = {
        "table": "Customer",
        "key_columns": ["CustomerId"],
        "keys": [[1], [2]],
        "delete": False,
        "set_null": ["Phone"],
        "mask": [],
        "keyed_hash": [],
        "correct": [],
        "flag": [],
    }
    assert Operation.from_json(old).keys == ((1,), (2,))


def test_an_operation_keyed_by_time_round_trips_and_prints_its_keys() -> None:
    op = Operation("events", ("order_id", "at"), ((10, NAIVE),), mask=("note",))
    assert Operation.from_json(json.loads(json.dumps(op.as_json()))) == op
    [sql] = statements(op)
    assert sql.sql.endswith("""("order_id", "at") IN ((10, '2024-05-01 10:00:00.123456'))""")
    [deleted] = statements(Operation("vouchers", ("serial",), ((b"\x00\xff",),), delete=True))
    assert deleted.sql == """DELETE FROM "vouchers" WHERE "serial" IN (X'00ff')"""


def test_a_key_of_another_type_is_refused() -> None:
    with pytest.raises(UnsupportedKey, match="object"):
        encode_key((object(),))
