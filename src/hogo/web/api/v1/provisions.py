"""The provision gate over HTTP: provide, records, receipts, suspensions of provision, periodic checks.

Thin: parse → service → return. A refused provision is an answer (200 with `allowed: false`, the reason and
the article), not an error; errors are bad input, unknown persons and missing permissions.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status
from pydantic import BaseModel

from hogo.provision.packages import PackageVersion
from hogo.provision.policy import Decision
from hogo.provision.schemas import (
    CheckIn,
    CheckState,
    CheckView,
    ConfirmationIn,
    ProvideIn,
    ReceiptIn,
    RecordView,
    Register,
    SuspendIn,
    SuspensionView,
)
from hogo.web.deps import ActorDep, ContainerDep, RowNumber

router = APIRouter(tags=["provisions"])


class ProvisionDecisionOut(BaseModel):
    allowed: bool
    reason: str
    article: str
    item: str | None
    section: str | None
    record: str | None
    message: dict[str, str]

    @classmethod
    def of(cls, decision: Decision) -> ProvisionDecisionOut:
        return cls(
            allowed=decision.allowed,
            reason=decision.reason.value,
            article=decision.article,
            item=decision.item,
            section=decision.section.value if decision.section else None,
            record=decision.record.value if decision.record else None,
            message={"ja": decision.message("ja"), "en": decision.message("en")},
        )


class OutcomeOut(BaseModel):
    person_id: str
    decision: ProvisionDecisionOut
    values: dict[str, str]
    record_id: str | None


class ProvisionOut(BaseModel):
    recipient: str
    basis: str
    provided: int
    refused: int
    outcomes: list[OutcomeOut]


class ChecksOut(BaseModel):
    state: CheckState
    checks: list[CheckView]


@router.post("/provisions", response_model=ProvisionOut)
def provide(body: ProvideIn, actor: ActorDep, container: ContainerDep) -> ProvisionOut:
    """Hand items of persons to a recipient through the gate: each person allowed (values, record) or refused."""
    result = container.provision.provide(
        body.person_ids,
        body.items,
        body.recipient,
        body.basis,
        actor,
        body.justification,
        purpose=body.purpose,
        joint_user=body.joint_user,
        method=body.method,
    )
    return ProvisionOut(
        recipient=result.recipient,
        basis=result.basis.value,
        provided=len(result.allowed),
        refused=len(result.refused),
        outcomes=[
            OutcomeOut(
                person_id=o.person_id,
                decision=ProvisionDecisionOut.of(o.decision),
                values=o.values,
                record_id=o.record_id,
            )
            for o in result.outcomes
        ],
    )


@router.get("/provisions/records", response_model=list[RecordView])
def records(
    actor: ActorDep,
    container: ContainerDep,
    person_id: str | None = None,
    counterpart: str | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[RecordView]:
    """Provider records and recipient confirmation records (Arts. 29-31), oldest first."""
    return container.provision.records(actor, person_id=person_id, counterpart_id=counterpart, limit=limit)


@router.post("/provisions/receipts", status_code=status.HTTP_201_CREATED, response_model=RecordView)
def receive(body: ReceiptIn, actor: ActorDep, container: ContainerDep) -> RecordView:
    """Record data received from a provider: who they are and how they acquired it (Art. 30)."""
    return container.provision.receive(body, actor)


@router.post("/provisions/checks", status_code=status.HTTP_201_CREATED, response_model=CheckView)
def record_check(body: CheckIn, actor: ActorDep, container: ContainerDep) -> CheckView:
    """Log a periodic check of a recipient abroad (Rule 18) or the supervision of an entrustee (Art. 25)."""
    return container.provision.record_check(body, actor)


@router.get("/provisions/checks/{register}/{recipient}", response_model=ChecksOut)
def checks(register: Register, recipient: str, actor: ActorDep, container: ContainerDep) -> ChecksOut:
    """The check log of one recipient and its standing today: ok, due, overdue or failed."""
    return ChecksOut(
        state=container.provision.check_state(register, recipient, actor),
        checks=container.provision.checks(register, recipient, actor),
    )


@router.post("/provisions/referable-confirmations", status_code=status.HTTP_201_CREATED)
def confirm_referable(body: ConfirmationIn, actor: ActorDep, container: ContainerDep) -> dict[str, int]:
    """Record that the recipient has the person's consent to acquire referable information (Art. 31, Rule 26)."""
    return {"id": container.provision.confirm_referable(body, actor)}


@router.get("/provisions/foreign/{recipient}/packages", response_model=list[PackageVersion])
def packages(recipient: str, actor: ActorDep, container: ContainerDep) -> list[PackageVersion]:
    """The versions of the information shown before consent to this transfer abroad (Art. 28(2), Rule 17)."""
    return container.provision.information_packages(recipient, actor)


@router.get("/persons/{person_id}/provision-records", response_model=list[RecordView])
def person_records(person_id: str, actor: ActorDep, container: ContainerDep) -> list[RecordView]:
    """Every provision and receipt record about the person, for a disclosure of records (Art. 33(5))."""
    return container.provision.records_for_person(person_id, actor)


@router.post(
    "/persons/{person_id}/provision-suspensions", status_code=status.HTTP_201_CREATED, response_model=SuspensionView
)
def suspend(person_id: str, body: SuspendIn, actor: ActorDep, container: ContainerDep) -> SuspensionView:
    """Stop provision of the person's data (opt-out, or a granted request), to every third party or one."""
    return container.provision.suspend(person_id, body.reference, actor, kind=body.kind, recipient_id=body.recipient)


@router.get("/persons/{person_id}/provision-suspensions", response_model=list[SuspensionView])
def suspensions(person_id: str, actor: ActorDep, container: ContainerDep) -> list[SuspensionView]:
    return container.provision.suspensions(person_id, actor)


@router.delete("/persons/{person_id}/provision-suspensions/{suspension_id}", response_model=SuspensionView)
def lift(person_id: str, suspension_id: RowNumber, actor: ActorDep, container: ContainerDep) -> SuspensionView:
    return container.provision.lift(person_id, suspension_id, actor)
