"""`hogo processed list|run|curve`: statistics, pseudonymised and anonymised information (仮名加工情報・匿名加工情報)
made from the company's data sets as the ledger declares. Thin: parse → service → print."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from hogo.cli.common import container, handle_errors

app = typer.Typer(
    help="Statistics, pseudonymised and anonymised information (仮名加工情報・匿名加工情報).", no_args_is_help=True
)


@app.command("list")
@handle_errors
def list_jobs() -> None:
    """The processing jobs the ledger declares."""
    with container() as c:
        for j in c.processed.jobs():
            model = f"k={j.model.k}" if j.model else "-"
            print(f"{j.id:<24} {j.kind.value:<14} {j.source.label:<28} {model}  ({j.name.ja})")


@app.command()
@handle_errors
def run(
    name: str,
    out: Annotated[Path, typer.Option(help="the directory to write the files in")] = Path("processed"),
    as_json: Annotated[bool, typer.Option("--json", help="print the whole report as JSON")] = False,
) -> None:
    """Make the job's output: CSV (Parquet too when pyarrow is installed) and a JSON report; nothing is written
    if a check of the law or the privacy model fails."""
    with container() as c:
        written = c.processed.run(name, out, c.settings.actor)
    report = written.report
    if as_json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return
    print(f"{written.job} ({written.kind}): {report['rows_written']} rows")
    for check in report["checks"]:
        cols = ", ".join(check["columns"]) or "-"
        mark = "OK" if check["ok"] else "NG"
        print(f"  {mark} {check['rule']:<11} {check['ja']} / {check['en']}: {cols} — {check['detail']}")
    anon = report.get("anonymity")
    if anon:
        holds = "holds" if report["k_holds"] else "DOES NOT hold"
        print(
            f"  k = {anon['k']} {holds} (smallest class {anon['smallest_class']}); suppressed {anon['suppressed_rows']}"
            f" of {anon['rows']} rows ({anon['suppressed_fraction']:.2%}, budget {anon['suppression_budget']:.0%});"
            f" loss {anon['loss']['value']:.4f} ({anon['loss']['metric']});"
            f" prosecutor risk ≤ {anon['risk']['prosecutor_max']:.3f}"
        )
        print("  levels: " + ", ".join(f"{k}={v}" for k, v in anon["levels"].items()))
    for path in written.files:
        print(f"  wrote {path}")
    if written.parquet_skipped:
        print("  (no Parquet file: pyarrow is not installed)")


@app.command()
@handle_errors
def curve(
    name: str,
    k: Annotated[list[int] | None, typer.Option("--k", help="a k to try (repeatable)")] = None,
) -> None:
    """The least information loss for each k: how much generalisation each step of protection costs."""
    with container() as c:
        for point in c.processed.loss_curve(name, k or [2, 3, 5, 10, 20, 50, 100]):
            print(f"k={point['k']:<5} loss={point['loss']:.4f} suppressed={int(point['suppressed'])}")


@app.command()
@handle_errors
def provide(
    name: str,
    to: Annotated[str, typer.Option("--to", help="the recipient's id in the ledger")],
) -> None:
    """Ask the provision gate whether the job's output may go to a recipient (pseudonymised: never to a third
    party, Art. 41(6)); the decision is audited."""
    from hogo.identity.policy import system_actor

    with container() as c:
        decision = c.provision.provide_processed(name, to, system_actor(c.settings.actor))
    verdict = "allowed" if decision.allowed else "refused"
    print(f"{verdict} ({decision.article}): {decision.message('ja')} / {decision.message('en')}")
    if not decision.allowed:
        raise typer.Exit(1)
