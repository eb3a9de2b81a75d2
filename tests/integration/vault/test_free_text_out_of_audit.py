"""Free text typed by staff (a rejection reason, a suspension or correction reference) never reaches the immutable
audit trail: it is sealed in a note the event names, and a note about a person goes with their erasure."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from hogo.audit.models import AuditEvent
from hogo.bootstrap import Container
from hogo.errors import NotFound
from hogo.identity.policy import Actor
from hogo.ledger.schemas.procedures import RequestChannel, RequestKind
from hogo.requests.schemas import RequestIn
from hogo.subjects.models import Suspension
from hogo.subjects.schemas import AcquisitionIn

NAME = "山田 花子"


def bodies(c: Container) -> bytes:
    with c.uow(read_only=True) as uow:
        return b"".join(uow.session.execute(sa.select(AuditEvent.body)).scalars())


def test_typed_text_is_sealed_in_notes_and_goes_with_the_erasure(vault: Container, admin: Actor) -> None:
    person = vault.subjects.acquire(
        AcquisitionIn(subject_kind="customer", values={"name": NAME}, channel="web-order"), admin
    ).person_id
    rid = vault.requests.file(
        RequestIn(kind=RequestKind.disclosure, channel=RequestChannel.post, person_id=person), admin
    ).request.id
    vault.requests.reject(rid, f"{NAME} さんの本人確認書類が読めない", admin)
    suspension = vault.subjects.suspend_use(person, None, f"{NAME} さんから電話で申出", admin)
    vault.subjects.correct(person, {"name": "山田 はなこ"}, f"{NAME} さんの依頼", admin)
    assert NAME.encode() not in bodies(vault)
    rejected = vault.audit.events(action_prefix="request.rejected")[0].data
    assert rejected["reason"] == "sealed" and NAME not in str(rejected)
    [suspended] = vault.audit.events(action_prefix="use.suspended")
    note = suspended.data["reference"]
    assert vault.notes.read(note, admin) == f"{NAME} さんから電話で申出"
    assert vault.audit.events(action_prefix="note.read")[0].entity_id == note  # reading a note is audited

    vault.subjects.erase(person, "REQ-9", admin)
    with pytest.raises(NotFound):
        vault.notes.read(note, admin)
    with vault.uow(read_only=True) as uow:
        assert uow.session.get(Suspension, suspension.id).reference == "(erased)"  # type: ignore[union-attr]
    assert NAME.encode() not in bodies(vault)
    assert vault.audit.verify().ok
