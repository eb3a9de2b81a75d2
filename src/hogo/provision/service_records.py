"""Provision and receipt records (Arts. 29-31): intake of received data, queries, bulk records, retention purge.

`ProvisionService` (service.py) writes the provider records inside the gate's transaction through `_insert` and
`_continuing`; `receive` records the confirmation on intake (Art. 30) in its own.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hogo.clock import today_jst
from hogo.errors import InvalidInput
from hogo.identity.policy import Actor, Permission
from hogo.provision import records as rec
from hogo.provision.models import ProvisionRecord
from hogo.provision.policy import RecordRoute
from hogo.provision.registers import ProvisionRegisters
from hogo.provision.schemas import ReceiptIn, RecordView


class ProvisionRecords(ProvisionRegisters):
    def _continuing(
        self,
        session: Session,
        direction: rec.Direction,
        route: RecordRoute,
        method: rec.RecordMethod,
        person_id: str,
        counterpart_id: str,
        items: Sequence[str],
    ) -> ProvisionRecord | None:
        rows = session.execute(
            select(ProvisionRecord).where(
                ProvisionRecord.person_id == person_id,
                ProvisionRecord.counterpart_id == counterpart_id,
                ProvisionRecord.route == route.value,
                ProvisionRecord.method == method.value,
                ProvisionRecord.direction == direction.value,
            )
        ).scalars()
        return next((r for r in rows if sorted(r.items) == sorted(items)), None)

    def _insert(
        self,
        session: Session,
        direction: rec.Direction,
        route: RecordRoute,
        method: rec.RecordMethod,
        person_id: str,
        counterpart_id: str,
        basis: str,
        items: list[str],
        fields: dict[str, Any],
        ledger_version: int,
        actor: Actor,
    ) -> str:
        now = self._clock.now()
        row = ProvisionRecord(
            id="pr_" + secrets.token_hex(12),
            direction=direction.value,
            route=route.value,
            method=method.value,
            person_id=person_id,
            counterpart_id=counterpart_id,
            basis=basis,
            items=items,
            fields=fields,
            ledger_version=ledger_version,
            made_at=now,
            first_at=now,
            last_at=now,
            times=1,
            retention_until=rec.retention_until(method, now, now),
            recorded_by=actor.id,
        )
        session.add(row)
        return row.id

    def receive(self, data: ReceiptIn, actor: Actor) -> RecordView:
        """Art. 30: record the provider's identity and how they acquired the data, confirmed on intake."""
        actor.require(Permission.record)
        provider = data.provider
        if (data.route is RecordRoute.non_business) == provider.business:
            raise InvalidInput("the non_business route is for a provider who is not a business, and only for one")
        if provider.business and not provider.address:
            raise InvalidInput("give the provider's address (Art. 30(1)(i))")
        values: dict[str, Any] = {
            "provider": provider.model_dump(include={"id", "name", "address", "representative"}),
            "acquisition_history": provider.acquisition_history,
            "person": data.person_id,
            "items": list(data.items),
            "received_on": today_jst(self._clock).isoformat(),
            "ppc_publication": data.ppc_publication,
            "consent_obtained": data.consent_confirmed or None,
            "consent_confirmed": data.consent_confirmed or None,
        }
        try:
            fields = rec.build_fields(rec.Direction.in_, data.route, values)
        except ValueError as exc:
            raise InvalidInput(f"{exc} (Art. 30, Rule 24)") from None
        index = self._ledger.index()
        unknown = sorted(set(data.items) - set(index.items))
        if unknown:
            raise InvalidInput(f"items not in the ledger: {', '.join(unknown)}")
        with self._uow() as uow:
            session = uow.session
            self._subjects.person_ref(session, data.person_id)
            record_id = None
            if data.method is not rec.RecordMethod.each:
                found = self._continuing(
                    session, rec.Direction.in_, data.route, data.method, data.person_id, provider.id, data.items
                )
                if found is not None:
                    now = self._clock.now()
                    found.last_at, found.times = now, found.times + 1
                    found.retention_until = rec.retention_until(data.method, found.made_at, now)
                    record_id = found.id
            if record_id is None:
                record_id = self._insert(
                    session, rec.Direction.in_, data.route, data.method, data.person_id, provider.id,
                    "received", list(data.items), fields, index.version, actor,
                )  # fmt: skip
            session.flush()
            uow.record(
                actor=actor.id,
                action="provision.received",
                entity_type="person",
                entity_id=data.person_id,
                data={"record": record_id, "provider": provider.id, "route": data.route.value, "items": data.items},
            )
            row = session.get(ProvisionRecord, record_id)
            assert row is not None
            view = _record(row)
            uow.commit()
        return view

    def records(
        self,
        actor: Actor,
        *,
        person_id: str | None = None,
        counterpart_id: str | None = None,
        limit: int | None = 100,
    ) -> list[RecordView]:
        """Records oldest first; `limit` None: all of them (an export for the auditor)."""
        actor.require(Permission.read_people)
        query = select(ProvisionRecord).order_by(ProvisionRecord.made_at, ProvisionRecord.id).limit(limit)
        if person_id is not None:
            query = query.where(ProvisionRecord.person_id == person_id)
        if counterpart_id is not None:
            query = query.where(ProvisionRecord.counterpart_id == counterpart_id)
        with self._uow(read_only=True) as uow:
            return [_record(r) for r in uow.session.execute(query).scalars()]

    def records_for_person(self, person_id: str, actor: Actor) -> list[RecordView]:
        """Every provision and receipt record about the person, for a disclosure of records (Art. 33(5))."""
        actor.require(Permission.read_people)
        with self._uow(read_only=True) as uow:
            self._subjects.person_ref(uow.session, person_id)
        return self.records(actor, person_id=person_id, limit=10_000)

    def purge_expired(self, now: dt.datetime, actor: Actor) -> int:
        """Delete the records whose retention ended by `now` (Rules 21, 25, 29); one transaction; how many."""
        actor.require(Permission.manage_provision)
        with self._uow() as uow:
            ids = list(
                uow.session.execute(select(ProvisionRecord.id).where(ProvisionRecord.retention_until <= now)).scalars()
            )
            if ids:
                uow.session.execute(delete(ProvisionRecord).where(ProvisionRecord.id.in_(ids)))
                uow.record(
                    actor=actor.id,
                    action="provision.records_purged",
                    entity_type="provision_records",
                    entity_id=str(len(ids)),
                    data={"records": sorted(ids)},
                )
            uow.commit()
        return len(ids)


def _record(row: ProvisionRecord) -> RecordView:
    return RecordView(
        row.id,
        row.direction,
        row.route,
        row.method,
        row.person_id,
        row.counterpart_id,
        row.basis,
        row.items,
        row.fields,
        row.made_at,
        row.first_at,
        row.last_at,
        row.times,
        row.retention_until,
    )
