"""What the console's request pages show: the choices of the forms, a request's facts, and what it still needs.

Only the roles that handle requests see these pages (the service refuses the others); the items offered in the
forms are those of the operator's cleared categories.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from hogo.bootstrap import Container
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
from hogo.web.portal.requests_text import GROUNDS, KINDS, OUTCOMES, STATUSES

DESK_CHANNELS = [RequestChannel.post, RequestChannel.phone, RequestChannel.email, RequestChannel.in_person]
CHANNELS = {
    "post": ("郵送", "Post"),
    "phone": ("電話", "Phone"),
    "email": ("電子メール", "E-mail"),
    "web_form": ("ウェブ", "Web form"),
    "in_person": ("窓口", "At the desk"),
    "fax": ("FAX", "Fax"),
}
NEEDS = {
    Status.received: ("本人確認が必要です", "identity to be checked"),
    Status.identity_pending: (
        "本人確認待ち（確認コード、または窓口での書類確認）",
        "waiting for the code or a desk check",
    ),
    Status.identity_verified: ("手数料の確認へ", "on to the fee"),
    Status.fee_pending: ("手数料の入金確認が必要です（法第38条）", "the fee to be recorded as paid (Art. 38)"),
    Status.fee_paid: ("審査へ", "on to review"),
    Status.in_review: ("決定が必要です", "a decision"),
    Status.decided: ("回答・実施が必要です", "to be carried out and answered"),
    Status.handed_over: (
        "個人情報保護管理者による実施・回答待ちです（引き継ぎ済み）",
        "handed over: an officer carries it out and answers",
    ),
    Status.fulfilled: ("完了処理のみ", "only closing"),
    Status.answered: ("完了処理のみ", "only closing"),
}

DONE = {
    "identity": ("本人確認を記録しました", "identity check recorded"),
    "fee": ("手数料の入金を記録しました", "fee recorded as paid"),
    "decision": ("決定を記録しました", "decision recorded"),
    "fulfilment": ("実施し、本人に回答しました", "carried out and the person answered"),
    "closure": ("完了にしました", "closed"),
    "rejection": ("受け付けないこととしました", "not accepted"),
    "withdrawal": ("取り下げを記録しました", "withdrawal recorded"),
    "letter-posted": ("回答書を郵送したことを記録しました", "the answer letter is recorded as posted"),
    "resend": ("メールをもう一度送信します", "the mail is queued again"),
    "hand-over": ("管理者に引き継ぎました", "handed over to an officer"),
    "linked": ("本人と結び付けました。本人確認に進んでください", "linked to the person: now check their identity"),
}
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
    return f"the form is not valid at: {where}"


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
        "method_choices": procedures.disclosure_methods if procedures else list(DisclosureMethod),
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
    return [d for d in (listed or IdentityDocument) if d in policy.DESK_METHODS]


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
