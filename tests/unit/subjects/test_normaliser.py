"""A batch's `Normaliser` gives what `normalise` gives, memoised for text values only; problems are raised each time."""

from __future__ import annotations

import pytest

from hogo.ledger.schemas.catalogue import ValueType
from hogo.subjects.values import Normaliser, ValueProblem, normalise, normalise_identifier


@pytest.mark.parametrize(
    ("value_type", "raw"),
    [
        (ValueType.email, " Taro.Yamada@Example.CO.JP "),
        (ValueType.phone, "090-1234-5678"),
        (ValueType.name, "山田　太郎"),
        (ValueType.number, 12.50),
        (ValueType.number, "1e3"),
        (ValueType.json, {"b": 1, "a": [1, 2]}),
    ],
)
def test_the_normaliser_gives_what_normalise_gives(value_type: ValueType, raw: object) -> None:
    normaliser = Normaliser()
    assert normaliser(value_type, raw) == normalise(value_type, raw) == normaliser(value_type, raw)
    assert normaliser.known() == ({value_type: {raw: normalise(value_type, raw)}} if isinstance(raw, str) else {})


def test_an_identifier_and_a_value_share_one_normal_form() -> None:
    normaliser = Normaliser()
    assert normalise_identifier("email", "Taro@Example.JP", normaliser) == "taro@example.jp"
    assert normaliser.known() == {ValueType.email: {"Taro@Example.JP": "Taro@example.jp"}}
    assert normaliser(ValueType.email, "Taro@Example.JP") == "Taro@example.jp"
    assert normalise_identifier("phone", "03-1234-5678", normaliser) == "+81312345678"
    assert normaliser.known()[ValueType.phone] == {"03-1234-5678": "+81312345678"}


def test_a_bad_value_raises_every_time_and_is_not_kept() -> None:
    normaliser = Normaliser()
    for _ in range(2):
        with pytest.raises(ValueProblem) as raised:
            normaliser(ValueType.email, "not an address")
        assert raised.value.code == "invalid-email"
    assert normaliser.known() == {ValueType.email: {}}
