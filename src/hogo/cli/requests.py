"""`hogo requests …`: the desk's work on requests from the person, from the shell. Thin: parse → service → print."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hogo.cli.common import container, err, handle_errors
from hogo.i18n import env_lang, label
from hogo.identity.policy import system_actor
from hogo.ledger.schemas.procedures import IdentityDocument, PaymentMethod, RequestChannel, RequestKind
from hogo.requests.policy import ClaimedGround, Ground, Outcome
from hogo.requests.schemas import (
    ContactIn,
    DecisionIn,
    FeeIn,
    FulfilIn,
    IdentityCheckIn,
    RequestIn,
    RequestView,
    ScopeIn,
)
from hogo.subjects.schemas import IdentifierIn

app = typer.Typer(help="Requests from the person (開示等の請求) and complaints.", no_args_is_help=True)


def _line(v: RequestView) -> str:
    """One request: its kind, channel and status by their labels (Japanese unless HOGO_LANG=en), codes in brackets."""
    lang = env_lang()
    late = "OVERDUE" if v.overdue else f"{v.days_left:>3}d"
    kind, channel, status = (f"{label(e, lang)} [{e.value}]" for e in (v.kind, v.channel, v.status))
    return f"{v.id}  {kind}  {channel}  {status}  due {v.due_on} {late}"


def _show(v: RequestView) -> None:
    print(_line(v))
    print(f"  person {v.person_id or '-'}  received {v.received_at.isoformat()}  Art. 39 from {v.art39_from}")
    print(f"  identity {v.identity_method or '-'}  fee {v.fee_jpy} yen {'paid' if v.fee_paid_at else ''}")
    if v.outcome:
        print(f"  decision {v.outcome} {v.ground or ''} {v.article or ''}  measures {v.measures or {}}")
    if v.answered_at:
        told = f"notified {v.notified_at.isoformat()}" if v.notified_at else "not notified yet"
        print(f"  answered {v.answered_at.isoformat()}  {told}")


def _pairs(values: list[str] | None, what: str) -> dict[str, str]:
    out = {}
    for pair in values or []:
        key, sep, value = pair.partition("=")
        if not sep:
            err(f"{what} {pair!r}: write it as key=value")
            raise typer.Exit(2)
        out[key] = value
    return out


@app.command("file")
@handle_errors
def file_(
    kind: Annotated[RequestKind, typer.Option(help="what the person asks for")],
    channel: Annotated[RequestChannel, typer.Option(help="how it arrived")],
    identifier: Annotated[str | None, typer.Option(help="kind=value to find the person, e.g. email=…")] = None,
    person: Annotated[str | None, typer.Option(help="the person id, when known")] = None,
    name: Annotated[str | None, typer.Option(help="name for the answer letter")] = None,
    email: Annotated[str | None, typer.Option(help="e-mail address for the answer")] = None,
    postal_code: Annotated[str | None, typer.Option()] = None,
    address: Annotated[str | None, typer.Option(help="postal address for the answer letter")] = None,
    lang: Annotated[str, typer.Option(help="ja or en")] = "ja",
    ground: Annotated[ClaimedGround | None, typer.Option(help="the Art. 35 ground claimed")] = None,
    item: Annotated[list[str] | None, typer.Option(help="an item concerned (repeat)")] = None,
    purpose: Annotated[list[str] | None, typer.Option(help="a purpose to suspend (repeat)")] = None,
    recipient: Annotated[list[str] | None, typer.Option(help="a third party to stop (repeat)")] = None,
) -> None:
    """Record a request received by post, phone, e-mail, fax or at the desk; prints its id and status link."""
    found = _pairs([identifier] if identifier else None, "identifier")
    data = RequestIn(
        kind=kind,
        channel=channel,
        person_id=person,
        identifier=IdentifierIn(kind=next(iter(found)), value=next(iter(found.values()))) if found else None,
        contact=ContactIn(name=name, email=email, postal_code=postal_code, postal_address=address),
        language="en" if lang == "en" else "ja",
        claimed_ground=ground,
        scope=ScopeIn(items=item or [], purposes=purpose or [], recipients=recipient or []),
    )
    with container() as c:
        filed = c.requests.file(data, system_actor(c.settings.actor))
        print(_line(filed.request))
        if filed.token:
            print(f"status link for the person: {c.requests.status_link(filed.token)}")


@app.command("list")
@handle_errors
def list_(
    all_: Annotated[bool, typer.Option("--all", help="closed ones too")] = False,
    overdue: Annotated[bool, typer.Option(help="only those past their due date")] = False,
) -> None:
    """The queue, earliest due first."""
    with container() as c:
        for v in c.requests.queue(system_actor(c.settings.actor), open_only=not all_, overdue_only=overdue):
            print(_line(v))


@app.command()
@handle_errors
def show(
    request_id: str,
    written: Annotated[
        bool, typer.Option("--written", help="also what the person wrote (the read is audited)")
    ] = False,
) -> None:
    with container() as c:
        actor = system_actor(c.settings.actor)
        _show(c.requests.get(request_id, actor))
        if written:
            shown = c.requests.details(request_id, actor)
            for key, value in shown.contact.items():
                if value:
                    print(f"  {key}: {value}")
            print(f"  written: {shown.details or '-'}")
            for label, value in (("reason", shown.reason), ("rejection", shown.rejection)):
                if value:
                    print(f"  {label}: {value}")


@app.command()
@handle_errors
def identity(
    request_id: str,
    document: Annotated[IdentityDocument, typer.Option(help="the document checked")],
    reference: Annotated[str | None, typer.Option(help="where it was checked; never a number from it")] = None,
) -> None:
    """Record the identity document checked (a My Number card's front only; never its number)."""
    with container() as c:
        data = IdentityCheckIn(document=document, reference=reference)
        _show(c.requests.check_identity(request_id, data, system_actor(c.settings.actor)))


@app.command()
@handle_errors
def fee(
    request_id: str,
    method: Annotated[PaymentMethod, typer.Option()],
    amount: Annotated[int, typer.Option(help="yen received")],
) -> None:
    """Record the fee as paid (Art. 38)."""
    with container() as c:
        _show(
            c.requests.record_fee(request_id, FeeIn(method=method, amount_jpy=amount), system_actor(c.settings.actor))
        )


@app.command()
@handle_errors
def decide(
    request_id: str,
    outcome: Annotated[Outcome, typer.Option()],
    ground: Annotated[Ground | None, typer.Option(help="the statutory ground of a partial or refused decision")] = None,
    reason: Annotated[str | None, typer.Option(help="the reason given to the person (Art. 36)")] = None,
) -> None:
    with container() as c:
        data = DecisionIn(outcome=outcome, ground=ground, reason=reason)
        _show(c.requests.decide(request_id, data, system_actor(c.settings.actor)))


@app.command()
@handle_errors
def fulfil(
    request_id: str,
    correct: Annotated[list[str] | None, typer.Option(help="item=value for a correction (repeat)")] = None,
) -> None:
    """Carry out the decision (disclose, correct, erase, suspend) or answer a refusal; the person is told."""
    with container() as c:
        data = FulfilIn(corrections=_pairs(correct, "correction"))
        _show(c.requests.fulfil(request_id, data, system_actor(c.settings.actor)))


@app.command()
@handle_errors
def letter(request_id: str, output: Annotated[Path, typer.Option(help="where to write the PDF")]) -> None:
    """Write the answer letter (PDF), addressed to the person, ready to post."""
    with container() as c:
        output.write_bytes(c.requests.letter(request_id, system_actor(c.settings.actor)))
    print(f"wrote {output}")


@app.command("letter-posted")
@handle_errors
def letter_posted(request_id: str) -> None:
    """Record that the answer letter was posted: the person counts as notified from now."""
    with container() as c:
        _show(c.requests.letter_posted(request_id, system_actor(c.settings.actor)))


@app.command()
@handle_errors
def mail(
    request_id: str,
    resend: Annotated[str | None, typer.Option(help="send this given-up message again (its id)")] = None,
) -> None:
    """The mail about a request and what became of it (queued, sent, retrying, given up); no address, no body."""
    with container() as c:
        actor = system_actor(c.settings.actor)
        if resend:
            c.requests.send_again(request_id, resend, actor)
        for m in c.requests.messages(request_id, actor):
            when = m.sent_at or m.next_attempt_at or m.created_at
            error = f"  ({m.last_error})" if m.last_error and m.state.value != "sent" else ""
            resent = " re-sent" if m.resent else ""
            print(f"{m.id}  {m.purpose:22} {m.state.value:9} attempts {m.attempts}  {when.isoformat()}{resent}{error}")


@app.command("hand-over")
@handle_errors
def hand_over(request_id: str) -> None:
    """Hand a decided request to an officer, who carries it out (an erasure, items outside the desk's categories)."""
    with container() as c:
        _show(c.requests.hand_over(request_id, system_actor(c.settings.actor)))


@app.command()
@handle_errors
def close(request_id: str) -> None:
    with container() as c:
        _show(c.requests.close(request_id, system_actor(c.settings.actor)))


@app.command()
@handle_errors
def reject(request_id: str, reason: Annotated[str, typer.Option(help="why it is not accepted (Art. 37)")]) -> None:
    with container() as c:
        _show(c.requests.reject(request_id, reason, system_actor(c.settings.actor)))


@app.command()
@handle_errors
def withdraw(request_id: str) -> None:
    with container() as c:
        _show(c.requests.withdraw(request_id, system_actor(c.settings.actor)))
