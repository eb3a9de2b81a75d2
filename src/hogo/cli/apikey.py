"""`hogo apikey create|list|revoke`: keys for applications, with a role and the item categories they may touch."""

from __future__ import annotations

from typing import Annotated

import typer

from hogo.cli.common import container, handle_errors
from hogo.identity.policy import Role, system_actor

app = typer.Typer(help="API keys for applications and staff.", no_args_is_help=True)


@app.command()
@handle_errors
def create(
    name: Annotated[str, typer.Argument(help="who uses the key, e.g. 'crm-backend'")],
    role: Annotated[Role, typer.Option(help="what the key may do")] = Role.application,
    category: Annotated[
        list[str] | None, typer.Option(help="an item category the key may touch (repeat); all if none given")
    ] = None,
) -> None:
    """Create a key and print its secret once; hogo keeps only a hash."""
    with container() as c:
        created = c.identity.create_key(name, role, category or None, system_actor(c.settings.actor))
    print(created.token)


@app.command("list")
@handle_errors
def list_keys() -> None:
    with container() as c:
        for key in c.identity.keys(system_actor(c.settings.actor)):
            state = "revoked" if key.revoked else "active"
            cats = ",".join(key.categories) if key.categories is not None else "*"
            print(f"{key.id}  {key.role.value:<12} {state:<8} {cats:<40} {key.name}")


@app.command()
@handle_errors
def revoke(key_id: str) -> None:
    with container() as c:
        c.identity.revoke(key_id, system_actor(c.settings.actor))
    print(f"revoked {key_id}")
