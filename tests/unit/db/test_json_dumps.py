"""The memoised JSON encoder writes exactly what json.dumps writes, for every shape the columns hold."""

from __future__ import annotations

import json
from typing import Any

import pytest

from hogo.db.session import json_dumps

VALUES: list[Any] = [
    ["delivery", "support"],
    ["delivery", "support"],  # the memoised one
    [],
    ["配送"],
    [{"item": "name"}],  # not memoised: a dict is not hashable
    [1, 2],
    None,
    {"special_care": "consent"},
    list("abcdefghij"),  # longer than the memo takes
]


@pytest.mark.parametrize("value", VALUES)
def test_same_text_as_json_dumps(value: Any) -> None:
    assert json_dumps(value) == json.dumps(value)
