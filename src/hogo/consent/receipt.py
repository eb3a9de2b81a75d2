"""A consent receipt for the person: Kantara Consent Receipt Specification v1.1 with ISO/IEC TS 27560 fields."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from hogo.consent.schemas import ConsentKind, ConsentMethod, ConsentView
from hogo.ledger.schemas.catalogue import PurposeKind
from hogo.ledger.schemas.common import Text
from hogo.ledger.schemas.ledger import Ledger
from hogo.ledger.schemas.recipients import ForeignRecipient, ThirdParty

KANTARA_VERSION = "KI-CR-v1.1.0"
ISO27560_VERSION = "ISO/IEC TS 27560:2023"

_METHOD_TEXT: dict[ConsentMethod, tuple[str, str]] = {
    ConsentMethod.web_checkbox: ("ウェブフォームのチェックボックス", "web form checkbox"),
    ConsentMethod.button: ("同意ボタン", "consent button"),
    ConsentMethod.paper_form: ("書面（同意書）", "paper form"),
    ConsentMethod.oral: ("口頭", "oral"),
    ConsentMethod.email: ("電子メール", "e-mail"),
    ConsentMethod.app: ("アプリ", "mobile app"),
}

# Ledger purpose kinds → Kantara CR v1.1 Appendix purpose categories, for the operator's own use ...
_OWN_CATEGORY: dict[PurposeKind, str] = {
    PurposeKind.service: "Core Function",
    PurposeKind.contract: "Contracted Service",
    PurposeKind.billing: "Contracted Service",
    PurposeKind.support: "Contact Requested",
    PurposeKind.marketing: "Marketing",
    PurposeKind.advertising: "Marketing",
    PurposeKind.analytics: "Improve Performance",
    PurposeKind.statistics: "Improve Performance",
    PurposeKind.research: "Improve Performance",
    PurposeKind.security: "Protecting Our Interests",
    PurposeKind.fraud_prevention: "Protecting Our Interests",
    PurposeKind.legal: "Legally Required Data Retention",
    PurposeKind.recruitment: "Core Function",
    PurposeKind.employment: "Core Function",
    PurposeKind.business_contact: "Contact Requested",
    PurposeKind.other: "Core Function",
}
# ... and when the data goes to a third party.
_SHARING_CATEGORY: dict[PurposeKind, str] = {
    PurposeKind.service: "3rd Party Sharing for Core Function",
    PurposeKind.contract: "3rd Party Sharing for Core Function",
    PurposeKind.billing: "3rd Party Sharing for Core Function",
    PurposeKind.support: "3rd Party Sharing for Core Function",
    PurposeKind.marketing: "Sharing for Marketing",
    PurposeKind.advertising: "Sharing for Marketing",
    PurposeKind.legal: "Required by Law Enforcement or Government",
}
_SHARING_OTHER = "3rd Party Sharing for..."
_PRIMARY = {"Core Function", "Contracted Service"}

Bilingual = tuple[str | None, str | None]
T = TypeVar("T")


def build_receipt(consent: ConsentView, ledger: Ledger, *, issued_at: dt.datetime) -> dict[str, Any]:
    """The receipt of one consent, from the ledger in force and what the person was shown (`consent.shown`)."""
    operator, desk = ledger.operator, ledger.operator.desk
    controller: dict[str, Any] = {}
    _put(controller, "piiController", _bi(operator.name))
    controller["onBehalf"] = False
    _put(controller, "contact", _bi(operator.desk_label))
    _put(controller, "address", _bi(operator.address))
    controller["email"] = desk.email
    controller["phone"] = desk.phone
    controller["piiControllerUrl"] = str(desk.web_form) if desk.web_form else None

    method_ja, method_en = _METHOD_TEXT.get(consent.method, (consent.method.value, consent.method.value))
    special = _special_care(consent, ledger) if consent.kind is ConsentKind.special_care else None
    return {
        "version": KANTARA_VERSION,
        "jurisdiction": "JP",
        "consentTimestamp": int(_utc(consent.given_at).timestamp()),
        "collectionMethod": method_ja,
        "collectionMethod_en": method_en,
        "consentReceiptID": consent.id,
        "language": "ja",
        "piiPrincipalId": consent.person_id,
        "piiControllers": [controller],
        "policyUrl": None,  # the ledger records no URL of the privacy notice
        "services": _services(consent, ledger),
        "sensitive": consent.kind is ConsentKind.special_care,
        "spiCat": [special] if special else [],
        "iso27560": {
            "schema_version": ISO27560_VERSION,
            "record_id": consent.id,
            "pii_principal_id": consent.person_id,
            "state": "active" if consent.active else "withdrawn",
            "withdrawn_at": _utc(consent.withdrawn_at).isoformat() if consent.withdrawn_at else None,
            "withdrawal_method": consent.withdrawal_method,
            "legal_basis": consent.article if consent.article.startswith("APPI") else f"APPI {consent.article}",
            "notice": {"ledger_version": consent.ledger_version},
            "shown": copy.deepcopy(dict(consent.shown)),
            "evidence": consent.evidence,
            "method": consent.method.value,
            "issued_at": _utc(issued_at).isoformat(),
        },
    }


def _services(consent: ConsentView, ledger: Ledger) -> list[dict[str, Any]]:
    """Kantara `services`: the purposes agreed to, grouped by the ledger service they belong to."""
    shown = consent.shown
    entries: list[tuple[str | None, dict[str, Any]]] = []
    if consent.kind is ConsentKind.purpose:
        purpose = _find(ledger.purposes, consent.target)
        if purpose is not None:
            entry = _entry(_bi(purpose.text), _OWN_CATEGORY[purpose.kind], _labels(ledger, purpose.items))
            entries.append((purpose.service, entry))
        else:
            text = _bi(shown.get("purpose"))
            entry = _entry((text[0] or consent.target, text[1]), "Core Function", _labels(ledger, _keys(shown)))
            entries.append((None, entry))
    elif consent.kind is ConsentKind.special_care:
        label = _item_label(ledger, consent.target, shown.get("item"))
        users = [p for p in ledger.purposes if consent.target in p.items]
        text = (
            f"要配慮個人情報（{label[0]}）の取得",
            f"Acquisition of special care-required personal information ({label[1] or label[0]})",
        )
        categories = list(dict.fromkeys(_OWN_CATEGORY[p.kind] for p in users)) or ["Core Function"]
        entries.append((None, _entry(text, categories, ([label[0]], [label[1]]))))
    elif consent.kind is ConsentKind.channel:
        channel = _find(ledger.channels, consent.target)
        ja, en = _bi(channel.label if channel else shown.get("channel"))
        used = [p for p in ledger.purposes if channel is not None and p.id in channel.purposes]
        kinds = list(dict.fromkeys(_OWN_CATEGORY[p.kind] for p in used)) or ["Core Function"]
        keys = list(channel.items) if channel else _keys(shown)
        name = ja or consent.target
        text = (f"{name}による取得", f"Acquisition through {en or name}")
        entries.append((None, _entry(text, kinds, _labels(ledger, keys))))
    else:
        entries.extend(_provision(consent, ledger))
    grouped: dict[str | None, list[dict[str, Any]]] = {}
    for service_id, entry in entries:
        grouped.setdefault(service_id, []).append(entry)
    services: list[dict[str, Any]] = []
    for service_id, purposes in grouped.items():
        service = next((s for s in ledger.services if s.id == service_id), None)
        row: dict[str, Any] = {}
        _put(row, "service", _bi(service.name if service else ledger.operator.name))
        row["purposes"] = purposes
        services.append(row)
    return services


def _provision(consent: ConsentView, ledger: Ledger) -> list[tuple[str | None, dict[str, Any]]]:
    """Purposes of a provision to a third party (Art. 27) or to a recipient abroad (Art. 28)."""
    shown = consent.shown
    foreign = consent.kind is ConsentKind.foreign_transfer
    party: ThirdParty | ForeignRecipient | None = (
        _find(ledger.foreign_recipients, consent.target) if foreign else _find(ledger.third_parties, consent.target)
    )
    name = _bi(party.name if party else shown.get("recipient"))
    name = (name[0] or consent.target, name[1])
    item_keys = list(party.items) if party else _keys(shown)
    purpose_ids = list(party.purposes) if party else [str(p) for p in shown.get("purposes") or []]
    labels = _labels(ledger, item_keys)
    extra: dict[str, Any] = {"thirdPartyDisclosure": True}
    _put(extra, "thirdPartyName", name)
    if foreign:
        extra["foreignTransfer"] = _country(shown, party)
    entries: list[tuple[str | None, dict[str, Any]]] = []
    for purpose in (p for pid in purpose_ids if (p := _find(ledger.purposes, pid)) is not None):
        category = _SHARING_CATEGORY.get(purpose.kind, _SHARING_OTHER)
        entries.append((purpose.service, {**_entry(_bi(purpose.text), category, labels), **extra}))
    if not entries:
        text = (f"{name[0]}への個人データの提供", f"Provision of personal data to {name[1] or name[0]}")
        entries.append((None, {**_entry(text, _SHARING_OTHER, labels), **extra}))
    return entries


def _country(shown: Mapping[str, Any], recipient: ThirdParty | ForeignRecipient | None) -> dict[str, Any]:
    """The country facts shown before consent (Art. 28(2), Rule 17); the ledger fills what the record lacks."""
    out: dict[str, Any] = {"country": shown.get("country") or getattr(recipient, "country", None)}
    for field in ("country_name", "country_regime", "recipient_measures"):
        first, second = field.split("_")
        _put(out, first + second.title(), _bi(shown.get(field) or getattr(recipient, field, None)))
    return out


def _entry(text: Bilingual, category: str | list[str], labels: tuple[list[str], list[str | None]]) -> dict[str, Any]:
    categories = [category] if isinstance(category, str) else category
    entry: dict[str, Any] = {}
    _put(entry, "purpose", text)
    entry["purposeCategory"] = categories
    entry["consentType"] = "EXPLICIT"
    entry["piiCategory"] = labels[0]
    if any(labels[1]):
        entry["piiCategory_en"] = [en or ja for ja, en in zip(*labels, strict=True)]
    entry["primaryPurpose"] = any(c in _PRIMARY for c in categories)
    entry["termination"] = "until withdrawn"
    entry["thirdPartyDisclosure"] = False
    entry["thirdPartyName"] = None
    return entry


def _special_care(consent: ConsentView, ledger: Ledger) -> str | None:
    item = next((i for i in ledger.items if i.key == consent.target), None)
    value = item.special_care if item is not None and item.special_care else consent.shown.get("special_care")
    return str(value) if value else None


def _find(entries: Iterable[T], key: str) -> T | None:
    return next((e for e in entries if getattr(e, "id", None) == key), None)


def _keys(shown: Mapping[str, Any]) -> list[str]:
    return [str(k) for k in shown.get("items") or []]


def _labels(ledger: Ledger, keys: Iterable[str]) -> tuple[list[str], list[str | None]]:
    pairs = [_item_label(ledger, key, None) for key in keys]
    return [ja or "" for ja, _ in pairs], [en for _, en in pairs]


def _item_label(ledger: Ledger, key: str, fallback: Any) -> tuple[str, str | None]:
    item = next((i for i in ledger.items if i.key == key), None)
    ja, en = _bi(item.label if item else fallback)
    return ja or key, en


def _bi(value: Text | Mapping[str, Any] | str | None) -> Bilingual:
    """Japanese and English of a ledger `Text`, of its dump kept in `shown`, or of a plain string."""
    if isinstance(value, Text):
        return value.ja, value.en
    if isinstance(value, Mapping):
        ja, en = value.get("ja"), value.get("en")
        return (str(ja) if ja else None), (str(en) if en else None)
    return value, None


def _put(target: dict[str, Any], key: str, text: Bilingual) -> None:
    """`key` gets the Japanese; `key_en` the English, where there is some."""
    target[key] = text[0]
    if text[1]:
        target[f"{key}_en"] = text[1]


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
