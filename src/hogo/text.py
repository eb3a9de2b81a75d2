"""Text accepted from outside, checked once at the edge and the same for every store.

PostgreSQL refuses a NUL in text (SQLite stores it), a lone surrogate cannot be encoded as UTF-8 (so it fails
at encryption or at the driver), and non-characters (U+FFFE, U+FFFF, U+FDD0–U+FDEF, the last two of every plane)
are not text anyone typed. `SafeText` rejects all of these, and text longer than `MAX_TEXT`, with a validation
error that names the rule and never the value; the web layer answers 422 naming the field. Pure: Pydantic only.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

MAX_TEXT = 10_000
"""The longest text any field accepts; fields set their own, smaller limits with `Field(max_length=…)`."""

_NONCHARACTERS = "".join(chr(plane << 16 | low) for plane in range(17) for low in (0xFFFE, 0xFFFF))
_REFUSED = re.compile(f"[\\x00\\ud800-\\udfff\\ufdd0-\\ufdef{re.escape(_NONCHARACTERS)}]")
_WHY = {
    "text_nul": "the text contains a NUL character (U+0000)",
    "text_surrogate": "the text contains a lone surrogate (it is not valid Unicode)",
    "text_noncharacter": "the text contains a Unicode non-character (such as U+FFFF)",
}


def refusal(text: str) -> str | None:
    """The error type for text that may not be stored ('text_nul', 'text_surrogate', 'text_noncharacter'), or None."""
    found = _REFUSED.search(text)
    if found is None:
        return None
    char = found.group()
    if char == "\x00":
        return "text_nul"
    return "text_surrogate" if "\ud800" <= char <= "\udfff" else "text_noncharacter"


def check_text(value: str) -> str:
    if len(value) > MAX_TEXT:
        raise PydanticCustomError("text_too_long", "the text is longer than {max} characters", {"max": MAX_TEXT})
    kind = refusal(value)
    if kind is not None:
        raise PydanticCustomError(kind, _WHY[kind])
    return value


def check_value(value: Any) -> Any:
    """Every string inside a JSON value (a personal value may be a list or a mapping) passes `check_text`."""
    if isinstance(value, str):
        return check_text(value)
    if isinstance(value, list):
        return [check_value(v) for v in value]
    if isinstance(value, dict):
        return {check_text(str(k)): check_value(v) for k, v in value.items()}
    return value


SafeText = Annotated[str, AfterValidator(check_text)]
"""A string field of an input schema: `reason: SafeText = Field(max_length=200)`."""
SafeValue = Annotated[Any, AfterValidator(check_value)]
"""A JSON value of any shape whose strings are `SafeText` (the values of an acquisition)."""
