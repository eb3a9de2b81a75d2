"""`hogo ledger check|notice|apply|show|diff|versions`."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from hogo.cli.common import container, err, handle_errors
from hogo.cli.notice import Format, Lang, write_notice
from hogo.clock import JST, SystemClock, today_jst
from hogo.errors import InvalidInput
from hogo.i18n import env_lang, label
from hogo.ledger.checking import check_loaded
from hogo.ledger.diff import LedgerDiff
from hogo.ledger.loader import Problem, load_ledger_file

app = typer.Typer(help="The personal information management ledger (個人情報管理台帳).", no_args_is_help=True)


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    never = "never"


@app.command()
@handle_errors
def check(
    files: Annotated[list[Path], typer.Argument(help="ledger YAML files")],
    fail_on: Annotated[FailOn, typer.Option(help="which APPI findings make the exit status 1")] = FailOn.error,
    lang: Annotated[
        str | None, typer.Option("--lang", help="ja (default) or en; else HOGO_LANG", show_default=False)
    ] = None,
) -> None:
    """Validate ledger files and lint them against APPI. Prints FILE:LINE: CODE message (in Japanese, or English with
    --lang en); exit 1 on problems."""
    from hogo.i18n import lang_of

    words = lang_of(lang) if lang else env_lang()
    failed = False
    today = today_jst(SystemClock())
    for file in files:  # no store, no container: a CI pipeline checks ledger files with nothing else around
        problems = check_loaded(load_ledger_file(file), today)
        for problem in problems:
            print(problem.format(words))
        failed |= _fails(problems, fail_on)
        err(_summary(str(file), problems, words))
    if failed:
        raise typer.Exit(1)


def _fails(problems: list[Problem], fail_on: FailOn) -> bool:
    for p in problems:
        if p.article is None or (p.blocking and fail_on is not FailOn.never):
            return True
        if fail_on is FailOn.warning and p.accepted is None:
            return True
    return False


def _summary(name: str, problems: list[Problem], lang: str = "en") -> str:
    from hogo.i18n import t

    structural = sum(1 for p in problems if p.article is None)
    errors = sum(1 for p in problems if p.article and p.blocking)
    warnings = sum(1 for p in problems if p.severity == "warning" and not p.accepted)
    accepted = sum(1 for p in problems if p.accepted)
    if structural:
        return t("ledger.summary.invalid", lang, file=name, count=structural)
    return t("ledger.summary.valid", lang, file=name, errors=errors, warnings=warnings, accepted=accepted)


@app.command()
@handle_errors
def notice(
    file: Annotated[Path, typer.Argument(help="a ledger YAML file (not applied)")],
    lang: Annotated[Lang, typer.Option(help="language of the notice")] = Lang.ja,
    fmt: Annotated[Format, typer.Option("--format", help="Markdown or a standalone HTML page")] = Format.md,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="write here instead of standard output")] = None,
) -> None:
    """Render the privacy notice a ledger file would publish, before it is applied (for drafting). A file that is
    not a ledger prints its problems and exits 2."""
    loaded = load_ledger_file(file)
    if loaded.ledger is None:
        words = env_lang()
        for problem in loaded.problems:
            err(problem.format(words))
        err(_summary(str(file), loaded.problems, words))
        raise typer.Exit(2)
    write_notice(loaded.ledger, lang, fmt, output)


@app.command()
@handle_errors
def apply(
    file: Path,
    strict: Annotated[bool, typer.Option(help="refuse when APPI errors are found (not only structural ones)")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="show what would change and stop")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="apply without asking")] = False,
    retire_to: Annotated[
        str | None,
        typer.Option(help="hold records of removed purposes under this purpose (one already in force)"),
    ] = None,
    dispose: Annotated[
        bool, typer.Option("--dispose", help="hand data left under nothing to retention for disposal")
    ] = False,
) -> None:
    """Show what the ledger changes and what it does to data held, ask, then store it as a new version."""
    from hogo.ledger.impact import Resolution

    loaded = load_ledger_file(file)
    with container() as c:
        preview = c.ledger.preview(loaded)
        for finding in preview.findings:
            print(finding.format(env_lang()))
        if preview.unchanged:
            print(f"unchanged: version {preview.version} is already this file")
            return
        first = preview.version is None
        _print_diff(preview.diff, first=first, applied=False, summary=dry_run)
        if preview.impact.held:
            print("data held now:")
            for held in preview.impact.held:
                print("  " + held.format())
        if dry_run:
            print("dry run: nothing was applied")
            return
        if not first and not yes and not typer.confirm(f"apply {file.name} over version {preview.version}?"):
            print("not applied")
            raise typer.Exit(1)
        result = c.ledger.apply(
            loaded,
            actor=c.settings.actor,
            strict=strict,
            resolution=Resolution(retire_to=retire_to, dispose=dispose),
            expected_version=preview.version if preview.version is not None else 0,
        )
    applied = result.applied
    if not result.created:
        print(f"unchanged: version {applied.version} is already this file (sha256 {applied.sha256[:12]})")
        return
    print(f"applied: version {applied.version} (sha256 {applied.sha256[:12]}) by {applied.applied_by}")
    if result.resolved.get("retired"):
        print(f"  {result.resolved['retired']} record(s) now held under {retire_to}")
    if result.resolved.get("disposal_due"):
        print(f"  {result.resolved['disposal_due']} record(s) handed to retention for disposal")
    flagged = len(result.diff.flagged)
    if flagged and not first:
        print(f"{flagged} change(s) in force now need notice, consent or a filing: do it without delay")


@app.command()
@handle_errors
def show(
    version: Annotated[int | None, typer.Option(help="a version number; the one in force by default")] = None,
    source: Annotated[bool, typer.Option(help="print the YAML exactly as applied")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print the validated ledger as JSON")] = False,
) -> None:
    """Show the ledger in force (or a given version)."""
    with container() as c:
        applied = c.ledger.get(version) if version is not None else c.ledger.current()
    if source:
        print(applied.source_text, end="")
        return
    if as_json:
        print(json.dumps(applied.ledger.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    ledger = applied.ledger
    when = applied.applied_at.astimezone(JST).strftime("%Y-%m-%d %H:%M JST")
    print(f"version {applied.version}, applied {when} by {applied.applied_by} from {applied.source_name}")
    print(f"operator: {ledger.operator.name.ja}" + (f" / {ledger.operator.name.en}" if ledger.operator.name.en else ""))
    for section in (
        "subject_kinds",
        "items",
        "purposes",
        "channels",
        "retention",
        "entrustees",
        "joint_use",
        "third_parties",
        "foreign_recipients",
        "web_tracking",
        "datasets",
    ):
        entries = getattr(ledger, section)
        if entries:
            print(f"{section}: {len(entries)}")
    lang = env_lang()
    print("request kinds: " + ", ".join(f"{label(k.kind, lang)} ({k.kind.value})" for k in ledger.requests.kinds))
    pairs = sum(len([i for i in p.items if i in {x.key for x in ledger.items}]) for p in ledger.purposes)
    print(f"register rows (item × purpose, `hogo ledger export`): {pairs}")


@app.command()
@handle_errors
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="the workbook to write (.xlsx)")],
    version: Annotated[int | None, typer.Option(help="a version number; the one in force by default")] = None,
) -> None:
    """Write the ledger as a 個人情報管理台帳 (JIS Q 15001): one row per item × purpose, in Excel."""
    from hogo.adapters.register_xlsx import register_workbook
    from hogo.ledger.register import register_rows

    if output.suffix.lower() != ".xlsx":
        raise InvalidInput(f"{output}: the register is written as .xlsx")
    with container() as c:
        applied = c.ledger.get(version) if version is not None else c.ledger.current()
        now = c.clock.now()
    rows = register_rows(applied.ledger)
    data = register_workbook(
        rows,
        company=applied.ledger.operator.name.ja,
        version=applied.version,
        applied_at=applied.applied_at.astimezone(JST),
        exported_at=now.astimezone(JST),
    )
    output.write_bytes(data)
    print(f"wrote {output}: {len(rows)} row(s) (item × purpose) from version {applied.version}")


@app.command()
@handle_errors
def versions() -> None:
    """List every applied version."""
    with container() as c:
        rows = c.ledger.versions()
    if not rows:
        err("no ledger has been applied yet")
    for r in rows:
        when = r.applied_at.astimezone(JST).strftime("%Y-%m-%d %H:%M")
        print(f"{r.version:>4}  {when} JST  {r.sha256[:12]}  {r.applied_by:<12} {r.source_name}  findings={r.findings}")


@app.command()
@handle_errors
def diff(v1: int, v2: int) -> None:
    """What changed from version V1 to V2, and which changes need notice, consent or a filing."""
    with container() as c:
        changes = c.ledger.diff(v1, v2)
    if changes.empty:
        print(f"no differences between versions {v1} and {v2}")
        return
    _print_diff(changes, first=False, applied=True)


def _print_diff(changes: LedgerDiff, *, first: bool, applied: bool, summary: bool = True) -> None:
    if first:
        print(f"first version: {len(changes.changes)} section(s) declared")
        return
    if changes.empty:
        print("no changes to the ledger's content")
        return
    signs = {"added": "+", "removed": "-", "changed": "~"}
    for change in changes.changes:
        detail = f" ({', '.join(change.fields)})" if change.fields else ""
        print(f"{signs[change.kind]} {change.section}: {change.key}{detail}")
        for flag in change.flags:
            print(f"    ! needs {flag.action}: {flag.message} ({flag.article})")
    flagged = len(changes.flagged)
    if not summary:
        return
    if flagged and applied:
        print(f"{flagged} change(s) called for notice, consent or a filing when they were applied")
    elif flagged:
        print(f"{flagged} change(s) need notice, consent or a filing before they take effect")
