"""`hogo operators create|list|password|disable`: console sign-ins for the privacy officer and desk staff."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from hogo.cli.common import container, handle_errors
from hogo.identity.policy import Role, system_actor

app = typer.Typer(help="Console operators (staff who sign in to /console/).", no_args_is_help=True)

PasswordStdin = Annotated[
    bool, typer.Option("--password-stdin", help="read the password from standard input instead of a prompt")
]


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    password: str = typer.prompt("password (12 characters or more)", hide_input=True, confirmation_prompt=True)
    return password


@app.command()
@handle_errors
def create(
    login: Annotated[str, typer.Argument(help="the sign-in name, e.g. 'sato'")],
    name: Annotated[str, typer.Option(help="the operator's name as the console shows it")],
    role: Annotated[Role, typer.Option(help="what the operator may do")] = Role.desk,
    category: Annotated[
        list[str] | None, typer.Option(help="an item category the operator may see (repeat); all if none given")
    ] = None,
    password_stdin: PasswordStdin = False,
) -> None:
    """Create an operator with a password (hogo keeps only its argon2 hash)."""
    password = _password(password_stdin)
    with container() as c:
        made = c.operators.create(login, name, role, category or None, password, system_actor(c.settings.actor))
    print(f"{made.id}  {made.login}  {made.role.value}")


@app.command("list")
@handle_errors
def list_operators() -> None:
    with container() as c:
        for op in c.operators.operators(system_actor(c.settings.actor)):
            cats = ",".join(op.categories) if op.categories is not None else "*"
            state = "disabled" if op.disabled else "active"
            print(f"{op.id}  {op.login:<20} {op.role.value:<10} {state:<8} {cats:<30} {op.name}")


@app.command()
@handle_errors
def password(login: Annotated[str, typer.Argument()], password_stdin: PasswordStdin = False) -> None:
    """Set a new password; the operator's open sessions end."""
    new = _password(password_stdin)
    with container() as c:
        c.operators.set_password(login, new, system_actor(c.settings.actor))
    print(f"password of {login} set")


@app.command()
@handle_errors
def disable(login: Annotated[str, typer.Argument()]) -> None:
    """Stop the operator signing in (their sessions end at once)."""
    with container() as c:
        c.operators.disable(login, system_actor(c.settings.actor))
    print(f"{login} disabled")
