"""The `hogo` command: one sub-command group per domain, each a thin layer over the services."""

from __future__ import annotations

import typer

from hogo.cli import apikey, audit, consents, datasets, db, jobs, keys, ledger, notice, operators, provisions, serve
from hogo.cli import incidents as incidents_cli
from hogo.cli import requests as requests_cli
from hogo.cli import scan as scan_cli

app = typer.Typer(
    help="hogo (保護): personal-information protection under Japan's APPI.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(ledger.app, name="ledger")
app.add_typer(notice.app, name="notice")
app.add_typer(audit.app, name="audit")
app.add_typer(db.app, name="db")
app.add_typer(keys.app, name="keys")
app.add_typer(apikey.app, name="apikey")
app.add_typer(operators.app, name="operators")
app.add_typer(consents.app, name="consents")
app.add_typer(provisions.app, name="provisions")
app.add_typer(datasets.app, name="datasets")
app.add_typer(requests_cli.app, name="requests")
app.add_typer(jobs.app, name="jobs")
app.add_typer(incidents_cli.app, name="incidents")
app.command()(serve.serve)
app.command()(serve.demo)
app.command(name="scan")(scan_cli.scan)


def main() -> None:
    app()
