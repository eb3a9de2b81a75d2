"""What the console's request pages show: the choices of the forms, a request's facts, and what it still needs.

Only the roles that handle requests see these pages (the service refuses the others); the items offered in the
forms are those of the operator's cleared categories.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from starlette.responses import RedirectResponse, Response

from hogo.bootstrap import Container
from hogo.errors import DomainError
from hogo.i18n import enum_pairs, pairs, t
from hogo.identity.operators import ConsoleUser
from hogo.identity.policy import Actor, uncleared
from hogo.ledger.schemas.procedures import (
    AgentEvidence,
    DisclosureMethod,
    IdentityDocument,
    PaymentMethod,
    RequestChannel,
    RequestKind,
)
from hogo.requests import policy
from hogo.requests.policy import AgentKind, ClaimedGround, Outcome
from hogo.requests.schemas import RequestView
from hogo.requests.workflow import TERMINAL, Status, allowed
from hogo.web.errors import status_of
from hogo.web.portal.requests_text import GROUNDS, KINDS, OUTCOMES

DESK_CHANNELS = [RequestChannel.post, RequestChannel.phone, RequestChannel.email, RequestChannel.in_person]
CHANNELS = {k.value: v for k, v in enum_pairs(RequestChannel).items()}
NEEDS = {Status(k): v for k, v in pairs("console.needs").items()}
"""What a request still needs, by status (`console.needs.*` in the catalogue)."""
DONE = pairs("console.done")
STATUSES = {k.value: v for k, v in enum_pairs(Status).items()}
"""A request's status as the desk reads it (the person's portal words some of them more plainly)."""
MESSAGE_STATES = {
    "pending": ("送信待ち", "queued"),
    "sending": ("送信中", "sending"),
    "retrying": ("送信に失敗しました。再送を試みています", "sending failed, retrying"),
    "sent": ("送信済み", "sent"),
    "failed": ("送信できませんでした（対応が必要です）", "could not be sent: someone must act"),
    "expired": ("有効期限が過ぎたため送信していません", "not sent: it expired"),
}
MESSAGE_PURPOSES = {
    "request.acknowledged": ("受付のお知らせ", "acknowledgement"),
    "request.code": ("確認コード", "confirmation code"),
    "request.answer": ("回答", "answer"),
}


def invalid(exc: ValidationError) -> str:
    """Where a form is wrong, by field and rule only (never echoing the value typed)."""
    where = ", ".join(".".join(str(p) for p in e["loc"]) or "form" for e in exc.errors()[:5])
    return t("console.form-invalid", "ja", where=where)


def act_then(act: Callable[[], object], again: Callable[[str, int], Response], to: str) -> Response:
    """Run one change posted from a console form: on success go to `to` (303); on a refusal show the page again
    through `again(reason, status)`, the reason in Japanese where the catalogue words it (nothing was stored: the
    service's unit of work rolled back)."""
    try:
        act()
    except ValidationError as exc:
        return again(invalid(exc), 422)
    except DomainError as exc:
        return again(exc.text("ja"), status_of(exc))
    return RedirectResponse(to, status_code=303)


def handles_requests(actor: Actor) -> bool:
    """Whether the dashboard links the request queue (the desk, the officer, an administrator)."""
    return actor.role in policy.HANDLER_ROLES


def cleared_items(container: Container, actor: Actor) -> list[str]:
    """The ledger's items in the categories the operator is cleared for, in ledger order."""
    index = container.ledger.index()
    return [key for key, rule in index.items.items() if actor.sees(rule.category)]


def labels() -> dict[str, Any]:
    return {"kinds": KINDS, "statuses": STATUSES, "outcomes": OUTCOMES, "claimed": GROUNDS, "channels": CHANNELS}


def intake_choices(container: Container, user: ConsoleUser) -> dict[str, Any]:
    index = container.ledger.index()
    procedures = index.ledger.requests
    return {
        "user": user,
        **labels(),
        "kind_choices": list(RequestKind),
        "channel_choices": DESK_CHANNELS,
        "claimed_choices": list(ClaimedGround),
        "method_choices": (procedures.disclosure_methods if procedures else None) or list(DisclosureMethod),
        "agent_kinds": list(AgentKind),
        "evidence_choices": list(AgentEvidence),
        "document_choices": _documents(container),
        "items": cleared_items(container, user.actor),
        "item_labels": {i.key: f"{i.label.ja} / {i.label.en or i.key}" for i in index.ledger.items},
        "purposes": sorted(index.purposes),
        "recipients": sorted(index.third_parties),
        "identifier_kinds": ["email", "phone", "member_id"],
        "error": None,
    }


def _documents(container: Container) -> list[IdentityDocument]:
    procedures = container.ledger.index().ledger.requests
    listed = procedures.identity_documents if procedures else []
    choices = listed or [d for d in IdentityDocument if d not in policy.LISTED_ONLY]
    return [d for d in choices if d in policy.DESK_METHODS]


def detail(container: Container, user: ConsoleUser, view: RequestView) -> dict[str, Any]:
    """The request's page: its facts, what it still needs, and the forms its state allows."""
    index = container.ledger.index()
    procedures = index.ledger.requests
    status = view.status
    mine = set(cleared_items(container, user.actor))
    scope_items = list(view.scope.get("items") or [])
    kind = view.kind
    return {
        "user": user,
        "r": view,
        **labels(),
        "needs": NEEDS.get(status),
        "scope_items": [i for i in scope_items if i in mine],
        "scope_hidden": len([i for i in scope_items if i not in mine]),
        "may_identity": status in {Status.received, Status.identity_pending} and policy.identity_required(kind),
        "may_fee": status is Status.fee_pending,
        "may_decide": status is Status.in_review,
        "may_fulfil": status in (Status.decided, Status.handed_over),
        "may_hand_over": allowed(status, Status.handed_over),
        "may_close": allowed(status, Status.closed),
        "may_reject": allowed(status, Status.rejected),
        "may_withdraw": allowed(status, Status.withdrawn),
        "document_choices": _documents(container),
        "payment_choices": (procedures.payment_methods if procedures else None) or list(PaymentMethod),
        "outcome_choices": list(Outcome),
        "ground_choices": sorted(policy.GROUNDS_FOR[kind], key=lambda g: g.value),
        "ground_article": policy.GROUND_ARTICLE,
        "correctable": (scope_items and [i for i in scope_items if i in mine]) or sorted(mine),
        "is_correction": kind is RequestKind.correction,
        "is_disclosure": kind in {RequestKind.disclosure, RequestKind.provision_record_disclosure},
        "withholdable": sorted(mine),
        "error": None,
        "done": None,
        "status_link": None,
        "link_withheld": False,
        "shown": None,
        "item_labels": {i.key: f"{i.label.ja} / {i.label.en or i.key}" for i in index.ledger.items},
        "may_link": view.person_id is None and status not in TERMINAL,
        "may_read_details": not uncleared(user.actor, index.categories, index.categories),
        "messages": container.requests.messages(view.id, user.actor),
        "message_states": MESSAGE_STATES,
        "message_purposes": MESSAGE_PURPOSES,
        "may_post_letter": view.answered_at is not None
        and view.notified_at is None
        and (view.measures or {}).get("notified_by") in ("letter", "none"),
    }
