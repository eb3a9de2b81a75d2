"""`hogo.text`: what text from outside may hold, as a table."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, Field, ValidationError

from hogo.text import SafeText, SafeValue, refusal


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("山田 花子", None),
        ("tab\tnew\nline", None),
        ("\ufffd replacement", None),
        ("emoji 🙂", None),
        ("a\x00b", "text_nul"),
        ("a\ud800b", "text_surrogate"),
        ("a\udfffb", "text_surrogate"),
        ("a\uffffb", "text_noncharacter"),
        ("a\ufffeb", "text_noncharacter"),
        ("a\ufdd0b", "text_noncharacter"),
        ("a\U0001fffeb", "text_noncharacter"),
        ("a\U0010ffffb", "text_noncharacter"),
    ],
)
def test_refusal(text: str, kind: str | None) -> None:
    assert refusal(text) == kind


class Form(BaseModel):
    reason: SafeText = Field(max_length=20)
    note: SafeText | None = None
    values: dict[str, SafeValue] = Field(default_factory=dict)


@pytest.mark.parametrize(
    ("data", "at", "kind"),
    [
        ({"reason": "a\x00"}, ("reason",), "text_nul"),
        ({"reason": "x" * 21}, ("reason",), "string_too_long"),
        ({"reason": "ok", "note": "x" * 10_001}, ("note",), "text_too_long"),
        ({"reason": "ok", "values": {"tags": ["ok", "b\ud800"]}}, ("values", "tags"), "text_surrogate"),
        ({"reason": "ok", "values": {"m": {"k": "\uffff"}}}, ("values", "m"), "text_noncharacter"),
    ],
)
def test_errors_name_the_field_and_not_the_value(data: dict[str, object], at: tuple[str, ...], kind: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Form.model_validate(data)
    (error,) = caught.value.errors(include_input=False)
    assert (error["loc"], error["type"]) == (at, kind)
    assert "\x00" not in error["msg"] and "\ud800" not in error["msg"]
