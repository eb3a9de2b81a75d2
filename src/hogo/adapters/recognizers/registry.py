"""The registry of recognizers and the default set."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from hogo.adapters.recognizers.address import Address
from hogo.adapters.recognizers.base import Recognizer
from hogo.adapters.recognizers.columns import BirthDateColumn, NameColumn, PhoneColumn, PostalCodeColumn, ZipColumn
from hogo.adapters.recognizers.contact import Email, IpAddress
from hogo.adapters.recognizers.dates import DateOfBirth
from hogo.adapters.recognizers.labelled import LabelledPostalCode, StreetAddress
from hogo.adapters.recognizers.names import JapaneseName
from hogo.adapters.recognizers.names_latin import LatinName
from hogo.adapters.recognizers.numbers import CorporateNumber, CreditCard, MyNumber
from hogo.adapters.recognizers.phone import PhoneNumber
from hogo.adapters.recognizers.phone_shapes import PhoneShapes
from hogo.adapters.recognizers.postal import PostalCode
from hogo.adapters.recognizers.street import PostCode, StreetLine

ENTITY_CATEGORY: dict[str, str] = {
    "PERSON": "identity",
    "DATE_OF_BIRTH": "identity",
    "PHONE_NUMBER": "contact",
    "EMAIL_ADDRESS": "contact",
    "JP_ADDRESS": "contact",
    "JP_POSTAL_CODE": "contact",
    "STREET_ADDRESS": "contact",
    "POSTAL_CODE": "contact",
    "CREDIT_CARD": "financial",
    "JP_MY_NUMBER": "official_id",
    "IP_ADDRESS": "online_identifier",
    "JP_CORPORATE_NUMBER": "business_contact",
}
"""The ledger item category (`ItemCategory` value) an entity most likely belongs to: for comparing a scan
with what the ledger declares. A suggestion for a person to confirm, not a rule."""


class Registry:
    """Recognizers by name. `default_registry()` holds hogo's own; add yours with `register`."""

    def __init__(self, recognizers: Iterable[Recognizer] = ()) -> None:
        self._by_name: dict[str, Recognizer] = {}
        for recognizer in recognizers:
            self.register(recognizer)

    def register(self, recognizer: Recognizer) -> None:
        if recognizer.name in self._by_name:
            raise ValueError(f"a recognizer named {recognizer.name!r} is already registered")
        self._by_name[recognizer.name] = recognizer

    def unregister(self, name: str) -> None:
        del self._by_name[name]

    def get(self, name: str) -> Recognizer:
        return self._by_name[name]

    def __iter__(self) -> Iterator[Recognizer]:
        return iter(self._by_name.values())

    def __len__(self) -> int:
        return len(self._by_name)

    @property
    def entities(self) -> list[str]:
        return sorted({r.entity for r in self})

    def only(self, entities: Iterable[str]) -> Registry:
        """A registry with the recognizers of these entities only."""
        wanted = set(entities)
        return Registry(r for r in self if r.entity in wanted)


def default_registry() -> Registry:
    return Registry(
        [
            MyNumber(),
            CorporateNumber(),
            CreditCard(),
            PhoneNumber(),
            PhoneShapes(),
            PostalCode(),
            Address(),
            Email(),
            IpAddress(),
            DateOfBirth(),
            JapaneseName(),
            LatinName(),
            NameColumn(),
            BirthDateColumn(),
            PostalCodeColumn(),
            PhoneColumn(),
            ZipColumn(),
            StreetAddress(),
            LabelledPostalCode(),
            StreetLine(),
            PostCode(),
        ]
    )
