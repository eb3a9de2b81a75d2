"""The disclosure package (Art. 33): everything hogo holds on the person, as one plain document. Pure.

Values of current records with their provenance (channel, when, the ledger version the person was told, the
purposes notified), the purposes' words from the ledger, consents, suspensions, and the provision records the
provision domain keeps (Art. 33(5); only the items the law requires there). Dates are shown in JST.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from hogo.clock import JST
from hogo.consent.schemas import ConsentView
from hogo.ledger.compiled import LedgerIndex
from hogo.subjects.schemas import PersonView
from hogo.subjects.values import display

FORMAT = "hogo-disclosure/1"


def _at(value: dt.datetime | None) -> str | None:
    return value.astimezone(JST).isoformat(timespec="seconds") if value is not None else None


def _purposes(index: LedgerIndex, ids: set[str]) -> list[dict[str, Any]]:
    text = {p.id: p.text.model_dump() for p in index.ledger.purposes}
    return [{"id": p, "text": text.get(p, {"ja": p, "en": p})} for p in sorted(ids)]


def build_package(
    *,
    request_id: str,
    kind: str,
    generated_at: dt.datetime,
    index: LedgerIndex,
    person: PersonView,
    values: dict[str, str],
    consents: Sequence[ConsentView],
    provision_records: Sequence[dict[str, Any]],
    items: Sequence[str] | None = None,
    datasets: dict[str, Any] | None = None,
    dataset_items: tuple[set[str] | None, set[str]] = (None, set()),
) -> dict[str, Any]:
    """The package for `person`; `items` limits the records to those listed (all when None).

    `datasets`: the rows found in the company's own databases (`CompanyDatasets.disclose`), limited by
    `dataset_items` (the items asked for, None for all; the items withheld)."""
    wanted = set(items) if items is not None else None
    labels = {i.key: i.label.model_dump() for i in index.ledger.items}
    types = {key: rule.value_type.value for key, rule in index.items.items()}
    records = [
        {
            "item": r.item,
            "label": labels.get(r.item, {"ja": r.item, "en": r.item}),
            "value": values.get(r.item),
            "display": _shown(types.get(r.item), values.get(r.item)),
            "acquired_at": _at(r.acquired_at),
            "channel": r.channel,
            "ledger_version": r.ledger_version,
            "purposes": list(r.purposes),
            "retention_until": _at(r.retention_until),
        }
        for r in person.records
        if r.superseded_at is None and (wanted is None or r.item in wanted)
    ]
    purposes = _purposes(index, {p for r in person.records if r.superseded_at is None for p in r.purposes})
    operator = index.ledger.operator
    package = {
        "format": FORMAT,
        "kind": kind,
        "request_id": request_id,
        "person_id": person.id,
        "generated_at": _at(generated_at),
        "ledger_version": index.version,
        "operator": {
            "name": operator.name.model_dump(),
            "address": operator.address.model_dump() if operator.address else None,
        },
        "records": records,
        "purposes": purposes,
        "consents": [
            {
                "id": c.id,
                "kind": c.kind.value,
                "target": c.target,
                "article": c.article,
                "method": c.method.value,
                "given_at": _at(c.given_at),
                "withdrawn_at": _at(c.withdrawn_at),
            }
            for c in consents
        ],
        "suspensions": [
            {
                "id": s.id,
                "scope": s.scope,
                "purposes": s.purposes,
                "started_at": _at(s.started_at),
                "lifted_at": _at(s.lifted_at),
            }
            for s in person.suspensions
        ],
        "provision_records": list(provision_records),
    }
    if datasets is not None:
        package["datasets"] = dataset_rows(datasets, labels, *dataset_items)
    return package


def _shown(value_type: str | None, value: str | None) -> str | None:
    """The value as the person reads it on paper (a phone number in its national form); None when unchanged."""
    if value is None or value_type is None:
        return None
    shown = display(value_type, value)
    return shown if shown != value else None


def correction_package(
    *,
    request_id: str,
    generated_at: dt.datetime,
    index: LedgerIndex,
    person_id: str,
    corrected: dict[str, str],
    deleted: Sequence[str],
) -> dict[str, Any]:
    """What a correction changed, for the answer letter and the person's status page: each item corrected or added
    with its new value, and each item deleted (Art. 34)."""
    labels = {i.key: i.label.model_dump() for i in index.ledger.items}
    types = {key: rule.value_type.value for key, rule in index.items.items()}
    return {
        "format": FORMAT,
        "kind": "correction",
        "request_id": request_id,
        "person_id": person_id,
        "generated_at": _at(generated_at),
        "ledger_version": index.version,
        "corrected": [
            {
                "item": item,
                "label": labels.get(item, {"ja": item, "en": item}),
                "value": value,
                "display": _shown(types.get(item), value),
            }
            for item, value in sorted(corrected.items())
        ],
        "deleted": [{"item": item, "label": labels.get(item, {"ja": item, "en": item})} for item in sorted(deleted)],
    }


def disclosed_items(package: dict[str, Any]) -> set[str]:
    """The items whose values a package discloses (records and dataset rows): what a reader must be cleared for."""
    found = {r["item"] for r in package.get("records", []) if r.get("value") is not None}
    found.update(c["item"] for c in package.get("corrected", []))
    for row in (package.get("datasets") or {}).get("rows", []):
        found.update(v["item"] for v in row["values"])
    return found


def dataset_rows(
    found: dict[str, Any], labels: dict[str, dict[str, str]], asked: set[str] | None, withheld: set[str]
) -> dict[str, Any]:
    """Each row found in a connected dataset, with its values mapped to ledger items (and their labels)."""
    rows = []
    for row in found["rows"]:
        values = [
            {**v, "label": labels.get(v["item"], {"ja": v["item"], "en": v["item"]})}
            for v in row["values"]
            if (asked is None or v["item"] in asked) and v["item"] not in withheld
        ]
        if values:
            rows.append({**row, "values": values})
    return {"searched": list(found["searched"]), "rows": rows, "not_followed": list(found.get("not_followed", []))}


def run_package(
    *,
    request_id: str,
    kind: str,
    generated_at: dt.datetime,
    index: LedgerIndex,
    person_id: str,
    measures: dict[str, Any],
) -> dict[str, Any]:
    """The answer to an erasure, correction or suspension carried out in the company's databases too: what
    changed there, and the data kept under a legal hold, with the statute and the day the hold ends (Art. 35)."""
    labels = {i.key: i.label.model_dump() for i in index.ledger.items}
    return {
        "format": FORMAT,
        "kind": kind,
        "request_id": request_id,
        "person_id": person_id,
        "generated_at": _at(generated_at),
        "ledger_version": index.version,
        "dataset_run": measures.get("dataset_run"),
        "datasets_changed": dict(measures.get("dataset_rows_changed") or {}),
        "holds": [
            {**h, "label": labels.get(h["item"] or "", {"ja": h["column"], "en": h["column"]})}
            for h in measures.get("holds", [])
        ],
    }


def purposes_package(
    *, request_id: str, generated_at: dt.datetime, index: LedgerIndex, person: PersonView
) -> dict[str, Any]:
    """The answer to a purpose notification (Art. 32(2)): the purposes of the data hogo holds on the person."""
    return {
        "format": FORMAT,
        "kind": "purpose_notification",
        "request_id": request_id,
        "person_id": person.id,
        "generated_at": _at(generated_at),
        "ledger_version": index.version,
        "purposes": _purposes(index, {p for r in person.records if r.superseded_at is None for p in r.purposes}),
    }


def provision_package(
    *, request_id: str, generated_at: dt.datetime, index: LedgerIndex, person_id: str, records: Sequence[dict[str, Any]]
) -> dict[str, Any]:
    """The answer to a disclosure of provision records (Art. 33(5)): the records only, no values."""
    return {
        "format": FORMAT,
        "kind": "provision_record_disclosure",
        "request_id": request_id,
        "person_id": person_id,
        "generated_at": _at(generated_at),
        "ledger_version": index.version,
        "provision_records": list(records),
    }
