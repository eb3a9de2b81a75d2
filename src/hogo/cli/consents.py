"""`hogo consents give|withdraw|list|receipt`: consents taken on paper, by phone or at the desk."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from hogo.cli.common import container, handle_errors
from hogo.consent.schemas import ConsentIn, ConsentKind, ConsentMethod
from hogo.identity.policy import system_actor

app = typer.Typer(help="Consents of a person (Arts. 18, 20(2), 27, 28).", no_args_is_help=True)


@app.command()
@handle_errors
def give(
    person: Annotated[str, typer.Argument(help="the person's id (p_…)")],
    kind: Annotated[ConsentKind, typer.Option(help="what the consent is to")],
    target: Annotated[str, typer.Option(help="the purpose, third party, recipient abroad or item it names")],
    method: Annotated[ConsentMethod, typer.Option(help="how the person expressed it")],
    evidence: Annotated[str | None, typer.Option(help="where the proof is kept (no personal data)")] = None,
) -> None:
    """Record a consent; for a recipient abroad, what the person was shown is kept with it."""
    with container() as c:
        view = c.consents.give(
            person,
            ConsentIn(kind=kind, target=target, method=method, evidence=evidence),
            system_actor(c.settings.actor),
        )
    print(f"{view.id}  {view.kind.value}  {view.target}  {view.article}")


@app.command()
@handle_errors
def withdraw(
    consent: Annotated[str, typer.Argument(help="the consent's id (c_…)")],
    method: Annotated[ConsentMethod, typer.Option(help="how the person withdrew it")],
) -> None:
    with container() as c:
        view = c.consents.withdraw(consent, method, system_actor(c.settings.actor))
    print(f"{view.id}  withdrawn")


@app.command("list")
@handle_errors
def list_consents(person: Annotated[str, typer.Argument(help="the person's id (p_…)")]) -> None:
    with container() as c:
        for v in c.consents.consents(person, system_actor(c.settings.actor)):
            state = "active" if v.active else "withdrawn"
            print(f"{v.id}  {v.kind.value:<16} {v.target:<30} {state:<9} {v.method.value}  {v.article}")


@app.command()
@handle_errors
def receipt(consent: Annotated[str, typer.Argument(help="the consent's id (c_…)")]) -> None:
    """The consent receipt (Kantara v1.1 with ISO/IEC TS 27560 fields) as JSON."""
    with container() as c:
        print(json.dumps(c.consents.receipt(consent, system_actor(c.settings.actor)), ensure_ascii=False, indent=2))
