"""`hogo audit verify|events|export|checkpoint|prove|consistency|cosign`: the chain, the Merkle tree and its proofs,
and the events found and exported for an auditor."""

from __future__ import annotations

import base64
import datetime as dt
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from hogo.cli.common import container, err, handle_errors
from hogo.clock import JST
from hogo.errors import InvalidInput
from hogo.identity.policy import system_actor

if TYPE_CHECKING:
    from hogo.audit.search import AuditQuery

app = typer.Typer(help="The tamper-evident audit trail.", no_args_is_help=True)


@app.command()
@handle_errors
def verify(
    checkpoint: Annotated[
        Path | None,
        typer.Option(help="a signed checkpoint (published earlier): the log must still be the one it signed"),
    ] = None,
    since: Annotated[
        Path | None,
        typer.Option("--from", help="a trusted checkpoint: check only the events after it"),
    ] = None,
    proof: Annotated[
        Path | None,
        typer.Option(help="with --key: an inclusion proof (`hogo audit prove`) checked offline, no database"),
    ] = None,
    key: Annotated[
        Path | None,
        typer.Option(help="the log's public key(s), one a line (`hogo keys audit-public`); default: the key file"),
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="with --checkpoint on SQLite: processes that read and hash the log")
    ] = 1,
) -> None:
    """Recompute the hash chain; exit 1 and name the first event that was altered, inserted or removed.

    With --checkpoint: also check every event's body against the Merkle tree and the tree against the signed
    checkpoint. With --proof and --key: check an inclusion proof offline, against its checkpoint and the key."""
    if proof is not None:
        _verify_proof_offline(proof, key)
        return
    with container() as c:
        keys = _keys(key) if key is not None else None
        if since is not None:
            _verify_since(c, read_note(since), keys)
            return
        if checkpoint is not None:
            _verify_checkpoint(c, read_note(checkpoint), keys, workers)
            return
        started = time.perf_counter()
        result = c.audit.verify()
        elapsed = time.perf_counter() - started
    if result.broken is not None:
        broken = result.broken
        err(f"audit chain BROKEN at event {broken.seq} ({broken.kind}): {broken.reason}")
        raise typer.Exit(1)
    rate = f", {result.events / elapsed:,.0f} events/s" if result.events and elapsed > 0 else ""
    print(f"audit chain intact: {result.events} event(s) verified in {elapsed:.2f} s{rate}")


def _query(
    action: str | None,
    actor: str | None,
    entity: str | None,
    identifier: str | None,
    since: str | None,
    until: str | None,
) -> AuditQuery:
    from hogo.audit.search import AuditQuery

    person_id = None
    if identifier:
        kind, sep, value = identifier.partition("=")
        if not sep or not value:
            raise InvalidInput("--person takes KIND=VALUE, e.g. email=hanako@example.jp")
        with container() as c:
            person_id = c.subjects.find(kind, value, system_actor(c.settings.actor))
    return AuditQuery(action, actor, entity, person_id, _when(since), _when(until))


def _when(value: str | None) -> dt.datetime | None:
    """An ISO date or time; JST when it has no zone."""
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{value!r} is not an ISO date or time (2026-12-01 or 2026-12-01T09:00)") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=JST)


Action = Annotated[str | None, typer.Option(help="only actions starting with this, e.g. 'ledger.' or 'request.'")]
Actor = Annotated[str | None, typer.Option(help="only events by this actor, e.g. 'operator:kimura'")]
Entity = Annotated[str | None, typer.Option(help="only events about this entity: an id, or TYPE:ID")]
Person = Annotated[
    str | None,
    typer.Option("--person", help="only events about the person found by KIND=VALUE (looked up, never shown)"),
]
Since = Annotated[str | None, typer.Option(help="from this date or time (JST unless a zone is given)")]
Until = Annotated[str | None, typer.Option(help="before this date or time (JST unless a zone is given)")]


def _keys(path: Path) -> list[Any]:
    from hogo.audit.keys import read_verifiers

    try:
        return read_verifiers(path.read_text(encoding="utf-8"))
    except OSError as exc:
        err(f"cannot read the key {path}: {exc.strerror}")
        raise typer.Exit(2) from None


def _verify_checkpoint(c: Any, note: str, keys: Any, workers: int) -> None:
    """The tree against the checkpoint (bodies only, in bulk); on a mismatch, the chain too, to name and classify."""
    started = time.perf_counter()
    report = c.checkpoints.verify(note, keys, workers=workers)
    elapsed = time.perf_counter() - started
    cp = report.checkpoint
    if report.ok:
        rate = f", {report.events / elapsed:,.0f} events/s" if report.events and elapsed > 0 else ""
        print(
            f"audit log intact: {report.events} event(s); the first {cp.size} are the ones checkpoint "
            f"{cp.origin} signed ({elapsed:.2f} s{rate})"
        )
        return
    chain = c.audit.verify()
    if chain.broken is not None:
        broken = chain.broken
        err(f"audit log BROKEN at event {broken.seq} ({broken.kind}): {broken.reason}")
    where = f"at event {report.first_bad}: " if report.first_bad is not None else ""
    err(f"against checkpoint {cp.origin} of {cp.size} event(s): {where}{report.problem}")
    raise typer.Exit(1)


def _verify_since(c: Any, note: str, keys: Any) -> None:
    started = time.perf_counter()
    report, root = c.checkpoints.verify_from(note, keys)
    elapsed = time.perf_counter() - started
    if not report.ok:
        where = f"at event {report.first_bad}: " if report.first_bad is not None else ""
        err(f"audit log BROKEN since checkpoint of {report.checkpoint.size}: {where}{report.problem}")
        raise typer.Exit(1)
    print(
        f"audit log intact since checkpoint of {report.checkpoint.size}: {report.events} new event(s) in "
        f"{elapsed * 1000:.1f} ms; root now {base64.b64encode(root).decode()}"
    )


def _verify_proof_offline(path: Path, key: Path | None) -> None:
    from hogo.audit.checkpoints import verify_bundle
    from hogo.audit.merkle import ProofError
    from hogo.audit.note import NoteError

    if key is None:
        err("--proof needs --key: the log's public key (`hogo keys audit-public`)")
        raise typer.Exit(2)
    try:
        bundle = json.loads(path.read_text(encoding="utf-8"))
        bundle = bundle.get("audit_proof", bundle)  # a consent receipt, a portal proof, or `hogo audit prove`
        if "format" not in bundle:
            bundle = bundle["inclusion"] or {}
        checkpoint = verify_bundle(bundle, _keys(key))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, NoteError, ProofError) as exc:
        message = exc.message if isinstance(exc, NoteError) else str(exc)
        err(f"proof REFUSED: {message}")
        raise typer.Exit(1) from None
    print(f"proof verified: event {bundle['event']} is in checkpoint {checkpoint.origin} of {checkpoint.size} event(s)")


@app.command()
@handle_errors
def checkpoint(
    write: Annotated[
        bool, typer.Option("--write", help="sign a checkpoint of the log as it is now, and publish it")
    ] = False,
) -> None:
    """The latest signed checkpoint (C2SP tlog-checkpoint), as published."""
    with container() as c:
        written = c.checkpoints.write() if write else c.checkpoints.latest()
    if written is None:
        err("no checkpoint yet: `hogo audit checkpoint --write` signs one (`hogo keys audit-init` first)")
        raise typer.Exit(1)
    print(written.note, end="")


@app.command()
@handle_errors
def prove(
    event: Annotated[int, typer.Argument(help="the event's seq")],
    out: Annotated[Path | None, typer.Option(help="write the proof here instead of printing it")] = None,
) -> None:
    """The inclusion proof of an event in the first checkpoint that holds it, as JSON (verify it offline with
    `hogo audit verify --proof FILE --key KEY`, or the few lines of Python in docs/audit.md)."""
    with container() as c:
        bundle = c.checkpoints.prove(event)
    _emit(bundle, out)


@app.command()
@handle_errors
def consistency(
    old: Annotated[int, typer.Argument(help="the size of the older checkpoint")],
    out: Annotated[Path | None, typer.Option(help="write the proof here instead of printing it")] = None,
) -> None:
    """The consistency proof from an older tree size to the latest checkpoint, as JSON (for a witness)."""
    with container() as c:
        bundle = c.checkpoints.consistency(old)
    _emit(bundle, out)


@app.command()
@handle_errors
def cosign(
    checkpoint: Annotated[Path, typer.Argument(help="the log's signed checkpoint")],
    log_key: Annotated[Path, typer.Option(help="the log's public key (`hogo keys audit-public` on the log)")],
    proof: Annotated[
        Path | None, typer.Option(help="the consistency proof from the checkpoint this witness cosigned last")
    ] = None,
    state: Annotated[Path, typer.Option(help="where this witness keeps the last checkpoint it cosigned")] = Path(
        "hogo-witness-state"
    ),
) -> None:
    """Act as a witness: check the log's signature and that it extends what this witness cosigned before, then
    add this install's signature (its own `hogo keys audit-init` key) and print the cosigned checkpoint."""
    from hogo.audit.witness import cosign as witness_cosign
    from hogo.cli.common import cli_settings

    settings = cli_settings()
    signing = settings.audit_key_file or settings.key_file.with_name("hogo-audit.key")
    note = witness_cosign(
        read_note(checkpoint),
        _keys(log_key),
        signing,
        state,
        proof.read_text(encoding="utf-8") if proof is not None else None,
    )
    print(note, end="")


def _emit(bundle: dict[str, Any], out: Path | None) -> None:
    text = json.dumps(bundle, ensure_ascii=False, indent=2) + "\n"
    if out is None:
        print(text, end="")
    else:
        out.write_text(text, encoding="utf-8")
        err(f"wrote {out}")


def read_note(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        err(f"cannot read the checkpoint {path}: {exc.strerror}")
        raise typer.Exit(2) from None


@app.command()
@handle_errors
def events(
    action: Action = None,
    actor: Actor = None,
    entity: Entity = None,
    person: Person = None,
    since: Since = None,
    until: Until = None,
    limit: int = 50,
    before: Annotated[int | None, typer.Option(help="only events older than this sequence number (next page)")] = None,
) -> None:
    """Audit events matching the filters, newest first."""
    query = _query(action, actor, entity, person, since, until)
    with container() as c:
        c.usage.flush()
        page = c.audit_search.page(query, before=before, limit=limit)
    for e in page.events:
        when = e.occurred_at.astimezone(JST).strftime("%Y-%m-%d %H:%M:%S")
        data = json.dumps(e.data, ensure_ascii=False)
        print(f"{e.seq:>6}  {when}  {e.actor:<12} {e.action:<24} {e.entity_type}:{e.entity_id}  {data}")
    if page.before is not None:
        err(f"more: --before {page.before}")


@app.command()
@handle_errors
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="the CSV file to write")],
    action: Action = None,
    actor: Actor = None,
    entity: Entity = None,
    person: Person = None,
    since: Since = None,
    until: Until = None,
) -> None:
    """Write matching events as CSV, verifying the chain over every event read; the last row says the outcome."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from hogo.audit.search import ExportResult

    query = _query(action, actor, entity, person, since, until)
    outcome: list[ExportResult] = []
    with container() as c:
        c.usage.flush()
        total = c.audit_search.size()
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
        bar = Progress(*columns, console=Console(stderr=True), transient=True)
        with bar, output.open("w", encoding="utf-8", newline="") as out:
            task = bar.add_task("audit events", total=total)
            for chunk in c.audit_search.export_csv(query, progress=lambda n: bar.advance(task, n), result=outcome):
                out.write(chunk)
    done = outcome[0]
    print(f"wrote {output}: {done.written} of {done.read} event(s)")
    if done.broken is not None:
        err(f"audit chain BROKEN at event {done.broken.seq} ({done.broken.kind}): {done.broken.reason}")
        raise typer.Exit(1)
    print("audit chain intact over every event read")
