"""`hogo keys init|rotate|reapply-erasures`: the master keys that protect every personal value."""

from __future__ import annotations

import typer
from rich.progress import Progress

from hogo.adapters.keyring import FileKeyring
from hogo.cli.common import container, err, handle_errors
from hogo.identity.policy import system_actor
from hogo.settings import Settings

app = typer.Typer(help="Master keys: create, rotate, and replay erasures after a restore.", no_args_is_help=True)


@app.command()
@handle_errors
def init() -> None:
    """Create the key file HOGO_KEY_FILE names (mode 0600). Keep it out of database backups."""
    path = Settings().key_file
    FileKeyring.create(path)
    print(f"created {path}: keep it safe and out of database backups; without it no value can be read")


@app.command()
@handle_errors
def rotate(batch: int = typer.Option(1000, help="data keys rewrapped per transaction")) -> None:
    """Rewrap every person's data key under a new master key, batch by batch, while hogo keeps serving."""
    with container() as c:
        actor = system_actor(c.settings.actor)
        with Progress() as progress:
            task = progress.add_task("rewrapping data keys", total=None)
            result = c.subjects.rotate_keys(
                actor, batch=batch, progress=lambda done, total: progress.update(task, completed=done, total=total)
            )
    print(
        f"rotated to {result.new_key}: {result.rewrapped} data key(s) rewrapped; retired {', '.join(result.old_keys)}"
    )


@app.command("reapply-erasures")
@handle_errors
def reapply_erasures() -> None:
    """After restoring a database backup: destroy again the data keys of everyone erased since."""
    with container() as c:
        count = c.subjects.reapply_erasures(system_actor(c.settings.actor))
    err(f"{count} erased person(s) found in the restored store and erased again")
