"""The operator (個人情報取扱事業者) and its inquiry desk (Art. 32(1), CO 10)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AnyHttpUrl, EmailStr, Field, StringConstraints

from hogo.ledger.schemas.common import Organisation, Strict, Text

Phone = Annotated[str, StringConstraints(pattern=r"^\+?[0-9][0-9-]{8,15}$")]


class Desk(Strict):
    """The personal-information inquiry desk (窓口): where requests and complaints arrive."""

    name: Text | None = None
    """None: the policy names no desk. hogo then addresses it by the operator's name (`Operator.desk_label`); the
    notice prints no desk name (issue 14: not stated stays unstated)."""
    postal_address: Text | None = None
    postal_code: Annotated[str, StringConstraints(pattern=r"^\d{3}-?\d{4}$")] | None = None
    phone: Phone | None = None
    toll_free: bool = False
    email: EmailStr | None = None
    web_form: AnyHttpUrl | None = None
    hours: Text | None = None


class AccreditedOrganisation(Strict):
    """An accredited personal information protection organisation (認定個人情報保護団体), CO 10(3)."""

    name: Text
    complaint_contact: Text


class Operator(Organisation):
    desk: Desk = Field(default_factory=Desk)
    accredited_organisation: AccreditedOrganisation | None = None
    group_companies_url: AnyHttpUrl | None = None

    @property
    def desk_label(self) -> Text:
        """What hogo calls the desk in letters, receipts and pages: its name, else the operator's name."""
        return self.desk.name or self.name


class PolicyInfo(Strict):
    """When the notice was established and revised, and how changes are announced (seeds 001, 003, 004)."""

    established: dt.date | None = None
    revised: list[dt.date] = Field(default_factory=list)
    change_procedure: Text | None = None
    basic_policy: list[Text] = Field(default_factory=list)
    statutory_exceptions: bool = True
    """False: the company promises never to provide personal data (at home or abroad) without consent, with no
    exception — stricter than Arts. 27(1) and 28(1). The notice then lists no exception and adds no "法令に基づく
    場合等を除き" to that promise."""
