"""A desk's fax number (seen in a clinic's policy: address, phone and fax) is stated, printed and counts as a way
to reach the desk; a ledger without one prints no fax line."""

from __future__ import annotations

from typing import Any

import yaml
from test_notice import md

from hogo.ledger.schemas import Ledger


def _ledger(minimal_yaml: str, **desk: Any) -> Ledger:
    data: dict[str, Any] = yaml.safe_load(minimal_yaml)
    data["operator"]["desk"].update(desk)
    return Ledger.model_validate(data)


def test_the_fax_number_is_printed_in_both_languages(minimal_yaml: str) -> None:
    led = _ledger(minimal_yaml, fax="03-5210-6699")
    assert "- **FAX番号**：03-5210-6699" in md(led, "ja")
    assert "- **Fax**: 03-5210-6699" in md(led, "en")


def test_no_fax_no_line(minimal_yaml: str) -> None:
    led = _ledger(minimal_yaml)
    assert "FAX" not in md(led, "ja") and "Fax" not in md(led, "en")
