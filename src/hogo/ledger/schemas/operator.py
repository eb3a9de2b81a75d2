"""The operator (個人情報取扱事業者) and its inquiry desk (Art. 32(1), CO 10)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
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
    fax: Phone | None = None
    email: EmailStr | None = None
    web_form: AnyHttpUrl | None = None
    hours: Text | None = None


class AccreditedOrganisation(Strict):
    """An accredited personal information protection organisation (認定個人情報保護団体), CO 10(3)."""

    name: Text
    complaint_contact: Text


SelfReference = Annotated[str, StringConstraints(pattern=r"^[\u3040-\u30ff\u4e00-\u9fff]{1,8}$")]


class Operator(Organisation):
    self_reference: SelfReference | None = None
    """How the Japanese notice calls the operator: 当行 (a bank), 当院, 当法人, 本会, 弊社 …; unset: 当社."""
    desk: Desk = Field(default_factory=Desk)
    accredited_organisation: AccreditedOrganisation | None = None
    group_companies_url: AnyHttpUrl | None = None

    @property
    def desk_label(self) -> Text:
        """What hogo calls the desk in letters, receipts and pages: its name, else the operator's name."""
        return self.desk.name or self.name


class Clause(StrEnum):
    """A standard clause of the law that a company's policy states in its own notice. Each restates a duty the APPI
    puts on every business; the notice prints hogo's wording of it only when the ledger lists it in
    `policy.clauses`, because a notice states only what the company states (issue 14)."""

    legal_compliance = "legal_compliance"
    """Preamble: we recognise the importance of personal information and comply with the APPI and guidelines."""
    lawful_acquisition = "lawful_acquisition"
    """Art. 20(1): acquired by lawful and fair means, as far as the purposes need."""
    special_care_consent = "special_care_consent"
    """Art. 20(2): special care-required information only with prior consent (printed when such items exist)."""
    use_within_purposes = "use_within_purposes"
    """Art. 18(1): no handling beyond the purposes without consent, except where the law permits."""
    purpose_change = "purpose_change"
    """Arts. 17(2), 21(3): a changed purpose stays reasonably related and is notified or published."""
    provision_consent = "provision_consent"
    """Art. 27(1) in the policy's own cases: no provision without consent except as the recipients listed (used when
    `statutory_exceptions` is unset; a policy that lists the law's cases states `statutory_exceptions: true`)."""
    not_third_party = "not_third_party"
    """Art. 27(5): entrustment, business succession and joint use are not provision to third parties."""
    retention_limit = "retention_limit"
    """Art. 22: kept only as long as needed, deleted without delay when no longer needed (effort)."""
    supervision = "supervision"
    """Arts. 24, 25: staff and contractors handling personal data are supervised."""
    respond_without_delay = "respond_without_delay"
    """Arts. 33(2), 34(2), 35(7): requests are answered without delay (the response time of a kind with no target)."""
    refusal_reasons = "refusal_reasons"
    """Art. 36: a request that cannot be met is answered with that and the reason."""
    complaints_promptly = "complaints_promptly"
    """Art. 40(1): complaints are dealt with appropriately and promptly."""


class PolicyInfo(Strict):
    """When the notice was established and revised, and how changes are announced (seeds 001, 003, 004)."""

    established: dt.date | None = None
    revised: list[dt.date] = Field(default_factory=list)
    change_procedure: Text | None = None
    basic_policy: list[Text] = Field(default_factory=list)
    clauses: list[Clause] = Field(default_factory=list)
    """The standard clauses (restatements of the law) the company's policy states; none listed prints none."""
    statutory_exceptions: bool | None = None
    """True: the company states the rule of Arts. 27(1) and 28(1), no provision (at home or abroad) without consent
    except in the cases the law lists; the notice prints the rule with that list. False: the company promises never to
    provide personal data without consent, with no exception (stricter than the law); the notice prints that promise
    with no list and no "法令に基づく場合等を除き". Unset: the policy says neither, and the notice states no consent
    rule."""
