"""`hogo keys init|status|rotate|reapply-erasures|audit-init|audit-rotate|audit-public`: the master keys that protect
every personal value, and the key that signs the audit log's checkpoints."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import typer
from rich.progress import Progress

from hogo.adapters.keyring import FileKeyring
from hogo.audit.keys import AuditKeyFile
from hogo.cli.common import cli_clock, container, err, handle_errors
from hogo.clock import JST
from hogo.identity.policy import system_actor
from hogo.jobs import key_rotation
from hogo.settings import Settings
from hogo.subjects.keys import RotationStatus

app = typer.Typer(help="Master keys: create, rotate, and replay erasures after a restore.", no_args_is_help=True)


def _jst(at: dt.datetime | None) -> str:
    return at.astimezone(JST).strftime("%Y-%m-%d %H:%M JST") if at is not None else "unknown"


@app.command()
@handle_errors
def init(context: typer.Context) -> None:
    """Create the key file HOGO_KEY_FILE names (mode 0600). Keep it out of database backups."""
    path = Settings().key_file
    FileKeyring.create(path, cli_clock(context).now())
    print(f"created {path}: keep it safe and out of database backups; without it no value can be read")


@app.command()
@handle_errors
def status(context: typer.Context) -> None:
    """The active master key, when it is due for rotation, and how many data keys each master key wraps."""
    with container(context) as c:
        state = c.subjects.key_status(dt.timedelta(days=c.settings.master_key_max_days))
    print(f"active master key {state.active}, created {_jst(state.created_at)}")
    print(f"due for rotation {_jst(state.due_at) if state.due_at else 'now (age unknown)'}")
    for key_id, count in sorted(state.wrapped.items()):
        where = "active" if key_id == state.active else "retiring" if key_id in state.in_file else "not in the key file"
        print(f"  {key_id}: {count} data key(s) ({where})")
    unfinished = [k for k in state.in_file if k != state.active]
    if unfinished:
        print(
            f"a rotation is unfinished: {', '.join(unfinished)} still in the key file; run `hogo keys rotate --if-due`"
        )


@app.command()
@handle_errors
def rotate(
    context: typer.Context,
    batch: int = typer.Option(1000, help="data keys rewrapped per transaction"),
    if_due: bool = typer.Option(
        False, "--if-due", help="only if the active key is HOGO_MASTER_KEY_MAX_DAYS old, or a rotation is unfinished"
    ),
) -> None:
    """Rewrap every person's data key under a new master key, batch by batch while hogo keeps serving, then destroy
    the old master keys. With --if-due (for cron): rotate only when due, and finish a rotation left unfinished."""
    with container(context) as c:
        if if_due:
            result = key_rotation.run(c, c.settings.actor)
        else:
            with Progress() as progress:
                task = progress.add_task("rewrapping data keys", total=None)
                result = c.subjects.rotate_keys(
                    system_actor(c.settings.actor),
                    batch=batch,
                    progress=lambda done, total: progress.update(task, completed=done, total=total),
                )
    if result.status is RotationStatus.not_due:
        print(f"not due: {result.new_key} is rotated from {_jst(result.due_at)}")
    elif result.status is RotationStatus.busy:
        err("another process is rotating the master keys; nothing done")
    else:
        print(
            f"{result.status.value}: {result.new_key} is active, {result.rewrapped} data key(s) rewrapped; "
            f"destroyed {', '.join(result.old_keys) or 'none'}"
        )


@app.command("reapply-erasures")
@handle_errors
def reapply_erasures(context: typer.Context) -> None:
    """After restoring a database backup: destroy again the data keys of everyone erased since."""
    with container(context) as c:
        count = c.subjects.reapply_erasures(system_actor(c.settings.actor))
    err(f"{count} erased person(s) found in the restored store and erased again")


def _audit_keys() -> AuditKeyFile:
    settings = Settings()
    return AuditKeyFile(settings.audit_key_file or settings.key_file.with_name("hogo-audit.key"))


@app.command("audit-init")
@handle_errors
def audit_init() -> None:
    """Create the key that signs the audit log's checkpoints, beside the key file (mode 0600; never in the database).
    Prints its public key: publish it where people and witnesses can find it."""
    settings = Settings()
    origin = settings.audit_origin or f"{urlsplit(settings.public_url).hostname or 'hogo.localhost'}/audit"
    keys = _audit_keys()
    key = keys.create(origin)
    err(f"created {keys.path}: keep it beside the key file and out of database backups")
    print(key.verifier.text)


@app.command("audit-rotate")
@handle_errors
def audit_rotate() -> None:
    """A new checkpoint signing key, under a new origin line (the old key stays in the file, retired, so that old
    checkpoints still verify). Prints the new public key."""
    keys = _audit_keys()
    key = keys.rotate()
    err(f"the checkpoints are signed from now on as {key.name}; publish its public key")
    print(key.verifier.text)


@app.command("audit-public")
@handle_errors
def audit_public() -> None:
    """The public keys of the checkpoint signing keys (the last one in use), one a line: what a verifier needs."""
    for verifier in _audit_keys().verifiers():
        print(verifier.text)
