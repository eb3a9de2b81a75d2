"""The requests workflow's link to the provision domain: records to disclose (Art. 33(5)), stops of provision
(Art. 35(3)). It calls the provision service, as one domain calls another; the composition root plugs it in."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from hogo.identity.policy import Actor
from hogo.provision.service import ProvisionService


class ProvisionLink:
    def __init__(self, provision: ProvisionService) -> None:
        self._provision = provision

    def records_for(self, person_id: str, actor: Actor) -> list[dict[str, Any]]:
        return [_plain(dataclasses.asdict(r)) for r in self._provision.records_for_person(person_id, actor)]

    def suspend_provision(self, person_id: str, recipients: list[str] | None, reference: str, actor: Actor) -> str:
        if not recipients:
            return str(self._provision.suspend(person_id, reference, actor).id)
        ids = [self._provision.suspend(person_id, reference, actor, recipient_id=r).id for r in recipients]
        return ",".join(str(i) for i in ids)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value
