"""What is handled and why: services, subject kinds, items, purposes, acquisition channels, retention."""

from __future__ import annotations

from enum import StrEnum

from pydantic import AnyHttpUrl, Field

from hogo.ledger.schemas.common import Id, NonEmptyIds, Period, Strict, Text


class Service(Strict):
    """A product or business with its own handling rules, which take precedence (seed 000 §11)."""

    id: Id
    name: Text
    overrides_general: bool = True
    description: Text | None = None


class SubjectKind(Strict):
    """A kind of person whose data is handled: customer, member, employee, applicant, ..."""

    id: Id
    label: Text


class ItemCategory(StrEnum):
    identity = "identity"
    contact = "contact"
    demographic = "demographic"
    financial = "financial"
    credential = "credential"
    transaction = "transaction"
    usage = "usage"
    online_identifier = "online_identifier"
    location = "location"
    device = "device"
    communication = "communication"
    employment = "employment"
    recruitment = "recruitment"
    health = "health"
    business_contact = "business_contact"
    official_id = "official_id"
    other = "other"


class SpecialCare(StrEnum):
    """The categories of special care-required personal information (要配慮個人情報), Art. 2(3), CO 2."""

    race = "race"
    creed = "creed"
    social_status = "social_status"
    medical_history = "medical_history"
    criminal_record = "criminal_record"
    crime_victim = "crime_victim"
    disability = "disability"
    health_check_results = "health_check_results"
    medical_treatment = "medical_treatment"
    criminal_procedure = "criminal_procedure"
    juvenile_procedure = "juvenile_procedure"


class IdentificationCode(StrEnum):
    """Individual identification codes (個人識別符号), Art. 2(2), CO 1."""

    biometric = "biometric"
    passport = "passport"
    basic_pension = "basic_pension"
    drivers_licence = "drivers_licence"
    resident_record_code = "resident_record_code"
    my_number = "my_number"
    health_insurance = "health_insurance"
    long_term_care_insurance = "long_term_care_insurance"
    residence_card = "residence_card"
    special_permanent_resident = "special_permanent_resident"
    employment_insurance = "employment_insurance"


class ValueType(StrEnum):
    """How a value of the item is checked when it is acquired."""

    text = "text"
    name = "name"
    email = "email"
    phone = "phone"
    postal_code = "postal_code"
    address = "address"
    date = "date"
    number = "number"
    my_number = "my_number"
    card_number = "card_number"
    ip_address = "ip_address"
    url = "url"
    json = "json"
    file = "file"


class Item(Strict):
    """An item of personal information (取得項目) with the flags the law attaches consequences to."""

    key: Id
    label: Text
    category: ItemCategory
    value_type: ValueType = ValueType.text
    special_care: SpecialCare | None = None
    identification_code: IdentificationCode | None = None
    financial_damage_risk: bool = False
    personally_referable: bool = False
    description: Text | None = None


class PurposeKind(StrEnum):
    service = "service"
    contract = "contract"
    billing = "billing"
    support = "support"
    marketing = "marketing"
    advertising = "advertising"
    analytics = "analytics"
    statistics = "statistics"
    research = "research"
    security = "security"
    fraud_prevention = "fraud_prevention"
    legal = "legal"
    recruitment = "recruitment"
    employment = "employment"
    business_contact = "business_contact"
    other = "other"


class Purpose(Strict):
    """A purpose of use (利用目的), specified as far as possible (Art. 17(1))."""

    id: Id
    text: Text
    kind: PurposeKind = PurposeKind.other
    subject_kinds: NonEmptyIds
    items: NonEmptyIds
    service: Id | None = None
    third_party_provision: bool = False
    profiling: bool = False
    my_number_statutory_task: bool = False
    excluded_item_categories: list[ItemCategory] = Field(default_factory=list)
    note: Text | None = None


class ChannelKind(StrEnum):
    web_form = "web_form"
    app = "app"
    postcard = "postcard"
    letter = "letter"
    phone = "phone"
    fax = "fax"
    email = "email"
    in_person = "in_person"
    document = "document"
    cookie = "cookie"
    access_log = "access_log"
    location = "location"
    device_id = "device_id"
    call_recording = "call_recording"
    third_party = "third_party"
    public_source = "public_source"
    user_provided_third_party = "user_provided_third_party"
    transaction_record = "transaction_record"


class Channel(Strict):
    """An acquisition channel. A direct written one needs the purpose stated in advance (Art. 21(2))."""

    id: Id
    kind: ChannelKind
    label: Text
    direct: bool = True
    written: bool = False
    items: list[Id] = Field(default_factory=list)
    purposes: list[Id] = Field(default_factory=list)
    source: Text | None = None
    consent_required: bool = False
    purpose_evident: bool = False
    """Art. 21(4)(iv): the purpose is obvious from the circumstances (a business card exchanged for later contact,
    an address taken only to deliver what was bought), so no purpose need be shown in advance."""
    opt_out_url: AnyHttpUrl | None = None
    description: Text | None = None


class RetentionTrigger(StrEnum):
    acquisition = "acquisition"
    last_use = "last_use"
    contract_end = "contract_end"
    membership_end = "membership_end"
    employment_end = "employment_end"
    recruitment_closed = "recruitment_closed"
    transaction = "transaction"
    inquiry_closed = "inquiry_closed"
    purpose_achieved = "purpose_achieved"


class DisposalMethod(StrEnum):
    delete = "delete"
    anonymise = "anonymise"
    crypto_shred = "crypto_shred"
    shred_paper = "shred_paper"
    dissolve = "dissolve"
    return_to_person = "return_to_person"


class LegalHold(Strict):
    """A statutory retention duty that outlasts the purpose (e.g. tax records, Corporation Tax Act)."""

    statute: Text
    period: Period
    starts: RetentionTrigger = RetentionTrigger.transaction


class RetentionRule(Strict):
    """How long items of a subject kind are kept, from what event, and how they are disposed of (Art. 22)."""

    id: Id
    items: NonEmptyIds
    subject_kinds: NonEmptyIds
    period: Period
    starts: RetentionTrigger
    disposal: DisposalMethod = DisposalMethod.delete
    legal_hold: LegalHold | None = None
    note: Text | None = None
