"""Row keys as the run journal holds them: JSON, with the value's type kept, so that a key read from the
company's database comes back from the journal as the same value and the statement matches the row.

JSON's own values (text, integers, floats, booleans, null) are stored as they are, so the journals
written before typed keys read the same. Any other value is stored as `{"$": type, "v": text}`: a
timestamp or date in ISO 8601 (with its offset, to the microsecond), a decimal as written, bytes in
base 64, a UUID, a time of day or an interval. A value of another type cannot be journalled.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import math
import uuid
from collections.abc import Callable
from typing import Any

TAG = "$"


class UnsupportedKey(ValueError):
    """A primary key value of a type the journal cannot carry faithfully."""


_ENCODERS: list[tuple[type, str, Callable[[Any], Any]]] = [
    (dt.datetime, "datetime", lambda v: v.isoformat()),
    (dt.date, "date", lambda v: v.isoformat()),
    (dt.time, "time", lambda v: v.isoformat()),
    (dt.timedelta, "interval", lambda v: [v.days, v.seconds, v.microseconds]),
    (decimal.Decimal, "decimal", str),
    (bytes, "bytes", lambda v: base64.b64encode(v).decode("ascii")),
    (bytearray, "bytes", lambda v: base64.b64encode(bytes(v)).decode("ascii")),
    (memoryview, "bytes", lambda v: base64.b64encode(v.tobytes()).decode("ascii")),
    (uuid.UUID, "uuid", str),
    (float, "float", repr),
]
_DECODERS: dict[str, Callable[[Any], Any]] = {
    "datetime": dt.datetime.fromisoformat,
    "date": dt.date.fromisoformat,
    "time": dt.time.fromisoformat,
    "interval": lambda v: dt.timedelta(days=v[0], seconds=v[1], microseconds=v[2]),
    "decimal": decimal.Decimal,
    "bytes": base64.b64decode,
    "uuid": uuid.UUID,
    "float": float,
}


def encode(value: Any) -> Any:
    """One key value as JSON that `decode` turns back into an equal value of the same type."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    for kind, tag, dump in _ENCODERS:  # datetime before date: a datetime is a date too
        if isinstance(value, kind):
            return {TAG: tag, "v": dump(value)}
    raise UnsupportedKey(type(value).__name__)


def decode(value: Any) -> Any:
    if isinstance(value, dict):
        return _DECODERS[value[TAG]](value["v"])
    return value


def encode_key(key: tuple[Any, ...]) -> list[Any]:
    return [encode(v) for v in key]


def decode_key(key: list[Any]) -> tuple[Any, ...]:
    return tuple(decode(v) for v in key)
