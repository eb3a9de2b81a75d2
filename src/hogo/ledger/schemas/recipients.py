"""Who else receives personal data: entrustees, joint users, third parties, foreign recipients (Arts. 25, 27, 28)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from hogo.ledger.schemas.common import Id, NonEmptyIds, Organisation, Strict, Text


class EntrustmentContract(Strict):
    reference: str | None = None
    signed: dt.date | None = None
    nda: bool = False
    security_clauses: bool = False
    sub_entrustment: bool = False


class Entrustee(Strict):
    """A contractor handling data on the operator's behalf (委託先), supervised under Art. 25."""

    id: Id
    name: Text
    organisation: Organisation | None = None
    work: Text
    items: NonEmptyIds
    purposes: NonEmptyIds
    contract: EntrustmentContract = Field(default_factory=EntrustmentContract)
    selected_on: dt.date | None = None
    last_supervision: dt.date | None = None
    country: str = "JP"


class JointUser(Strict):
    """A named joint user, where the arrangement lists them (the provision gate checks the user against it)."""

    id: Id
    name: Text


class JointUse(Strict):
    """A joint-use arrangement (共同利用): the five matters of Art. 27(5)(3), made known in advance."""

    id: Id
    items: NonEmptyIds
    item_descriptions: list[Text] = Field(default_factory=list)
    users_scope: Text
    purposes: list[Id] = Field(default_factory=list)
    purposes_text: Text | None = None
    responsible_party: Organisation | None = None
    since: dt.date | None = None
    description: Text | None = None
    users: list[JointUser] = Field(default_factory=list)


class ProvisionBasis(StrEnum):
    """On what ground data goes to a third party (Art. 27)."""

    consent = "consent"
    opt_out = "opt_out"
    law = "law"
    life_body_property = "life_body_property"
    public_health_children = "public_health_children"
    government_cooperation = "government_cooperation"
    academic = "academic"
    business_succession = "business_succession"


class ThirdParty(Strict):
    """A third party personal data is provided to, and the basis (Art. 27(1), (2))."""

    id: Id
    name: Text
    organisation: Organisation | None = None
    items: NonEmptyIds
    purposes: list[Id] = Field(default_factory=list)
    basis: ProvisionBasis
    description: Text | None = None
    links_personally_referable: bool = False


class TransferBasis(StrEnum):
    """Why a transfer abroad is lawful (Art. 28; Rules 15-16)."""

    consent = "consent"
    adequacy = "adequacy"
    equivalent_measures = "equivalent_measures"
    cbpr = "cbpr"
    law = "law"


class ForeignRecipient(Strict):
    """A third party in a foreign country, with the information Rule 17 requires before consent."""

    id: Id
    name: Text
    organisation: Organisation | None = None
    country: str | None = None
    country_name: Text | None = None
    country_regime: Text | None = None
    recipient_measures: Text | None = None
    country_unidentified: Text | None = None
    """Rule 17(3): that the country cannot be identified when consent is sought, and why (with any reference
    information, such as candidate countries). Stated instead of `country` and `country_regime`."""
    basis: TransferBasis
    items: NonEmptyIds
    purposes: list[Id] = Field(default_factory=list)
    role: Text | None = None
    last_check: dt.date | None = None


class OptOut(Strict):
    """The nine items filed with the PPC for provision by opt-out (Art. 27(2); Rule 11)."""

    ppc_filing_reference: str
    items: NonEmptyIds
    acquisition_method: Text
    provision_method: Text
    request_method: Text
    update_method: Text
    start_date: dt.date
