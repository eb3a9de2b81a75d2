"""`hogo ledger check|apply|show|diff|versions`."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from hogo.cli.common import container, err, handle_errors
from hogo.clock import JST, SystemClock, today_jst
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
def apply(
    file: Path,
    strict: Annotated[bool, typer.Option(help="refuse when APPI errors are found (not only structural ones)")] = False,
) -> None:
    """Store the ledger as a new immutable version and print what changed."""
    with container() as c:
        result = c.ledger.apply(load_ledger_file(file), actor=c.settings.actor, strict=strict)
    for finding in result.findings:
        print(finding.format(env_lang()))
    applied = result.applied
    if not result.created:
        print(f"unchanged: version {applied.version} is already this file (sha256 {applied.sha256[:12]})")
        return
    print(f"applied: version {applied.version} (sha256 {applied.sha256[:12]}) by {applied.applied_by}")
    _print_diff(result.diff, first=applied.version == 1)


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
    _print_diff(changes, first=False)


def _print_diff(changes: LedgerDiff, *, first: bool) -> None:
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
    if flagged:
        print(f"{flagged} change(s) need notice, consent or a filing before they take effect")
