"""Jinja2 templates of the console and the portal, with the filters they share (JST times)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any

from fastapi.templating import Jinja2Templates

from hogo import i18n
from hogo.clock import JST
from hogo.ledger.vocab import DISCLOSURE_METHOD, IDENTITY_DOCUMENT, RETENTION_TRIGGER
from hogo.requests.labels import AGENT_KIND, GROUND

templates = Jinja2Templates(directory=str(Path(__file__).resolve().parent / "templates"))


def jst(value: dt.datetime | None) -> str:
    """A stored UTC instant as people in Japan read it: 2026-11-20 10:00 JST."""
    return "—" if value is None else value.astimezone(JST).strftime("%Y-%m-%d %H:%M JST")


BY_NAME: dict[str, Mapping[Any, tuple[str, str]]] = {
    "document": {**IDENTITY_DOCUMENT, "one_time_code": ("登録メールアドレスへの確認コード", "one-time code by e-mail")},
    "agent": AGENT_KIND,
    "method": DISCLOSURE_METHOD,
    "ground": GROUND,
    "trigger": RETENTION_TRIGGER,
}
"""The tables of values stored as plain text (a request's identity method, agent kind, disclosure method)."""


def label(value: StrEnum | str | None, table: str | None = None) -> str:
    """An enumerated value as staff read it: its Japanese label, then its English one (`運転免許証 / Driver's
    licence`). An enum member is looked up in its own table; a stored string in the named one; no label: as is."""
    if value is None or value == "":
        return "—"
    if isinstance(value, StrEnum):  # every enum's label is in the one catalogue (label.<Enum>.<value>)
        key = f"label.{type(value).__name__}.{value.value}"
        found = (i18n.t(key, "ja"), i18n.t(key, "en")) if i18n.has(key) else None
    else:
        found = BY_NAME.get(table or "", {}).get(value)
    return f"{found[0]} / {found[1]}" if found else str(value)


def audit_action(action: str) -> str:
    """An audit action as staff read it: a request moved to a status reads by the status's label
    (`request.fee_pending` → `請求：手数料の入金待ち / request: waiting for the fee`); other actions as recorded."""
    domain, _, verb = action.partition(".")
    key = f"label.Status.{verb}"
    if domain == "request" and i18n.has(key):
        return f"請求：{i18n.t(key, 'ja')} / request: {i18n.t(key, 'en')}"
    return action


def measure(key: str, value: Any) -> str:
    """One measure a request's answer recorded, as staff read it: `本人への通知: 書面（郵送） / person told by: letter`,
    a list by its count, a disposal method by its label; an unknown key as recorded."""
    name = f"console.measure.{key}"
    if not i18n.has(name):
        return f"{key}: {value}"
    if isinstance(value, bool):
        ja, en = i18n.pair("console.yes") if value else ("—", "—")
    elif isinstance(value, list | tuple | dict):
        ja, en = i18n.pair("console.count", count=len(value))
    elif key == "notified_by" and i18n.has(f"console.notified_by.{value}"):
        ja, en = i18n.pair(f"console.notified_by.{value}")
    elif key == "method" and i18n.has(f"label.DisposalMethod.{value}"):
        ja, en = i18n.pair(f"label.DisposalMethod.{value}")
    else:
        ja = en = str(value)
    label_ja, label_en = i18n.pair(name)
    return f"{label_ja}：{ja} / {label_en}: {en}"


def incident_value(value: Any, key: str) -> Any:
    """A value in an incident's timeline by its Japanese label where it is a code (kind, outcome, who found it, a
    status change, effects); anything else as recorded."""
    from hogo.incidents.messages import EFFECTS, FOUND_BY, KINDS, OUTCOMES, STATUSES

    tables: dict[str, Mapping[str, tuple[str, str]]] = {
        "kind": KINDS,
        "outcome": OUTCOMES,
        "found_by": FOUND_BY,
        "status": STATUSES,
        "effects": EFFECTS,
    }
    table = tables.get(key, {})
    if isinstance(value, dict) and key == "status":
        return " → ".join(table.get(str(value.get(end)), (str(value.get(end)),))[0] for end in ("from", "to"))
    if isinstance(value, list) and table:
        return "、".join(table.get(str(v), (str(v),))[0] for v in value)
    if isinstance(value, str) and value in table:
        return table[value][0]
    return value


templates.env.filters["jst"] = jst
templates.env.filters["incident_value"] = incident_value
templates.env.filters["measure"] = measure
templates.env.filters["audit_action"] = audit_action
templates.env.filters["label"] = label
