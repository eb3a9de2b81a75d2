"""Requests from the person (Arts. 32-40) and the security control measures (Art. 23, GL-G §10)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, NonNegativeInt, PositiveInt

from hogo.ledger.schemas.common import Id, Strict, Text


class RequestKind(StrEnum):
    purpose_notification = "purpose_notification"
    disclosure = "disclosure"
    provision_record_disclosure = "provision_record_disclosure"
    correction = "correction"
    suspension_of_use = "suspension_of_use"
    erasure = "erasure"
    suspension_of_provision = "suspension_of_provision"
    complaint = "complaint"


class RequestChannel(StrEnum):
    post = "post"
    phone = "phone"
    email = "email"
    web_form = "web_form"
    in_person = "in_person"
    fax = "fax"


class IdentityDocument(StrEnum):
    """Identity checks the PPC guideline gives as examples (GL-G 3-8-7). Never the back of a My Number card."""

    drivers_licence = "drivers_licence"
    passport = "passport"
    my_number_card_front = "my_number_card_front"
    health_insurance_certificate = "health_insurance_certificate"
    residence_card = "residence_card"
    special_permanent_resident_certificate = "special_permanent_resident_certificate"
    pension_book = "pension_book"
    seal_certificate = "seal_certificate"
    registered_credentials = "registered_credentials"
    callback_to_registered_phone = "callback_to_registered_phone"
    registered_details = "registered_details"
    jpki_signature = "jpki_signature"
    one_time_code = "one_time_code"
    caller_id = "caller_id"


class PaymentMethod(StrEnum):
    bank_transfer = "bank_transfer"
    postal_money_order = "postal_money_order"
    postage_stamps = "postage_stamps"
    cash_on_delivery = "cash_on_delivery"
    credit_card = "credit_card"
    cash = "cash"


class AgentEvidence(StrEnum):
    power_of_attorney = "power_of_attorney"
    seal_certificate = "seal_certificate"
    family_register = "family_register"
    resident_record = "resident_record"
    guardianship_certificate = "guardianship_certificate"


class Fee(Strict):
    """A fee for a request kind. No amount means "a fee may be charged", which the linter reports."""

    amount_jpy: NonNegativeInt | None = None
    tax_included: bool | None = None
    """Whether the amount includes consumption tax; unset prints no tax note (a fee paid in stamps has none)."""
    per: Text | None = None


class RequestKindRule(Strict):
    kind: RequestKind
    channels: list[RequestChannel] = Field(default_factory=list)
    fee: Fee | None = None
    target_days: PositiveInt | None = None
    note: Text | None = None


class Agents(Strict):
    accepted: bool | None = None
    """True/False: the notice says agents are (not) accepted; unset: it says nothing (hogo still accepts agents
    with the evidence the law names, CO Art. 13)."""
    legal_representative_evidence: list[AgentEvidence] = Field(default_factory=list)
    appointed_agent_evidence: list[AgentEvidence] = Field(default_factory=list)
    note: Text | None = None


class DisclosureMethod(StrEnum):
    electronic = "electronic"
    paper = "paper"
    inspection = "inspection"


class RequestProcedures(Strict):
    """How requests are made, checked and charged, as Art. 32(1)(iii) and Art. 37 require to be known."""

    kinds: list[RequestKindRule] = Field(default_factory=list)
    """The kinds the company states a procedure for; none stated is expressible (each kind the law names is then
    linted as art32-request-kind-missing), and hogo still takes every request the law gives."""
    channels: list[RequestChannel] = Field(default_factory=list)
    identity_documents: list[IdentityDocument] = Field(default_factory=list)
    agents: Agents = Field(default_factory=Agents)
    payment_methods: list[PaymentMethod] = Field(default_factory=list)
    disclosure_methods: list[DisclosureMethod] = Field(
        default_factory=lambda: [DisclosureMethod.electronic, DisclosureMethod.paper]
    )
    target_days: PositiveInt | None = None
    """The company's target for answering; none means only "without delay" (遅滞なく) is promised."""
    unverified_days: PositiveInt | None = None
    """How long a request waits for the person to prove who they are before it lapses (hogo: 30 when unset)."""
    download_days: PositiveInt | None = None
    """How long the person may download a disclosure after the answer (hogo keeps it 30 days when unset)."""
    disclosed_items: list[Id] = Field(default_factory=list)
    steps: list[Text] = Field(default_factory=list)
    note: Text | None = None


class ExternalEnvironment(Strict):
    country: str
    country_name: Text
    measures: Text


class SecurityMeasures(Strict):
    """Security control measures in the PPC guideline's categories (GL-G §10, CO 10(1))."""

    basic_policy: list[Text] = Field(default_factory=list)
    handling_rules: list[Text] = Field(default_factory=list)
    organisational: list[Text] = Field(default_factory=list)
    personnel: list[Text] = Field(default_factory=list)
    physical: list[Text] = Field(default_factory=list)
    technical: list[Text] = Field(default_factory=list)
    external_environment: list[ExternalEnvironment] = Field(default_factory=list)
    on_request_only: bool = False


class Complaints(Strict):
    """The complaints desk (Art. 40); defaults to the operator's desk."""

    text: Text | None = None
    channels: list[RequestChannel] = Field(default_factory=list)
