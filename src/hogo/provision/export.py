"""The records of provision and receipt (Arts. 29, 30) as rows for an auditor's CSV. Pure.

What was given or received, to or from whom, on what basis, when, and until when the record is kept; the person
appears by opaque id only (their values stay in the vault).
"""

from __future__ import annotations

import json

from hogo.clock import JST
from hogo.provision.schemas import RecordView

HEADER = (
    "id",
    "direction",
    "route",
    "method",
    "person_id",
    "counterpart",
    "basis",
    "items",
    "made_at",
    "first_at",
    "last_at",
    "times",
    "retention_until",
    "fields",
)


def record_row(r: RecordView) -> tuple[object, ...]:
    return (
        r.id,
        r.direction,
        r.route,
        r.method,
        r.person_id,
        r.counterpart_id,
        r.basis,
        " ".join(r.items),
        r.made_at.astimezone(JST).isoformat(),
        r.first_at.astimezone(JST).isoformat(),
        r.last_at.astimezone(JST).isoformat(),
        r.times,
        r.retention_until.astimezone(JST).date().isoformat(),
        json.dumps(r.fields, ensure_ascii=False, sort_keys=True),
    )
