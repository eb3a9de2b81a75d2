"""Building blocks shared by every ledger section: bilingual text, ids, periods, addresses."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=64)]
"""A reference key: lower-case letters, digits, '-', '_' and '.'."""

PERIOD_RE = re.compile(r"^(?P<n>\d+)(?P<unit>[dwmy])$")
Period = Annotated[str, StringConstraints(pattern=PERIOD_RE.pattern)]
"""A length of time: '30d', '2w', '6m', '7y'."""


class Strict(BaseModel):
    """Every ledger model rejects keys it does not know, so a typo is an error and not silence."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Text(Strict):
    """Text in Japanese (required) and English. A plain string in YAML is taken as Japanese only."""

    ja: Annotated[str, StringConstraints(min_length=1)]
    en: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_plain_string(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"ja": value}
        return value

    def get(self, lang: str) -> str:
        """The text in `lang`, falling back to Japanese when there is no English."""
        if lang == "en" and self.en:
            return self.en
        return self.ja


class Organisation(Strict):
    """A legal person as the law asks to name it: name, address and representative (Arts. 27, 32)."""

    name: Text
    address: Text | None = None
    postal_code: Annotated[str, StringConstraints(pattern=r"^\d{3}-?\d{4}$")] | None = None
    representative: Text | None = None
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] = "JP"


def period_days(period: str) -> int:
    """Approximate length of a period in days (a month counts 30, a year 365); for comparisons only."""
    match = PERIOD_RE.match(period)
    if match is None:
        raise ValueError(f"not a period: {period!r}")
    n = int(match["n"])
    return n * {"d": 1, "w": 7, "m": 30, "y": 365}[match["unit"]]


NonEmptyIds = Annotated[list[Id], Field(min_length=1)]
