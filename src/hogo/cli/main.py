"""The `hogo` command: one sub-command group per domain, each a thin layer over the services.

The groups are imported when they are used, not before: `hogo --help` lists them from the table below without
importing any (so it answers at once), and `hogo ledger check FILE` imports only the ledger's commands. A test
checks that the table's one-line help agrees with each group's own.
"""

from __future__ import annotations

import importlib
from typing import Any

import typer
from typer.core import TyperGroup

GROUPS: dict[str, tuple[str, str]] = {
    "ledger": ("hogo.cli.ledger", "The personal information management ledger (個人情報管理台帳)."),
    "notice": ("hogo.cli.notice", "The published privacy notice (個人情報の取扱いについて)."),
    "audit": ("hogo.cli.audit", "The tamper-evident audit trail."),
    "db": ("hogo.cli.db", "hogo's own database (migrations)."),
    "keys": ("hogo.cli.keys", "Master keys: create, rotate, and replay erasures after a restore."),
    "apikey": ("hogo.cli.apikey", "API keys for applications and staff."),
    "operators": ("hogo.cli.operators", "Console operators (staff who sign in to /console/)."),
    "consents": (
        "hogo.cli.consents",
        "Consents of a person (Arts. 18, 20(2), 27, 28) and the website banner's choices.",
    ),
    "provisions": (
        "hogo.cli.provisions",
        "Third-party provision, entrustment, joint use and transfers abroad (第三者提供), and their records.",
    ),
    "datasets": ("hogo.cli.datasets", "The company's own databases: access, erasure, correction, suspension."),
    "requests": ("hogo.cli.requests", "Requests from the person (開示等の請求) and complaints."),
    "jobs": ("hogo.cli.jobs", "Scheduled duties (定期処理): list them, run one now, or run what is due (from cron)."),
    "incidents": (
        "hogo.cli.incidents",
        "Leaks, losses and damage (漏えい等): the register, the PPC reports, the people told.",
    ),
    "pms": (
        "hogo.cli.pms",
        "The yearly cycle of the management system (PMS): reviews, audits, training, measures, who is responsible.",
    ),
    "retention": (
        "hogo.cli.retention",
        "Retention (保存期間): clocks started by events, legal holds, and the disposal sweep (廃棄).",
    ),
    "processed": (
        "hogo.cli.processed",
        "Statistics, pseudonymised and anonymised information (仮名加工情報・匿名加工情報).",
    ),
}
"""Group name → (module with a Typer `app`, its help as `hogo --help` shows it without importing it)."""
COMMANDS: dict[str, tuple[str, str, str]] = {
    "serve": ("hogo.cli.serve", "serve", "Run the API, the portal, the console and the scheduled jobs."),
    "demo": ("hogo.cli.serve", "demo", "Start the whole product on an embedded SQLite file with an example."),
    "scan": ("hogo.cli.scan", "scan", "Find personal information in files (masked previews only)."),
}
"""Command name → (module, function, one line of help)."""


def load(name: str) -> Any:
    """The click command of a group or a top-level command, importing its module now."""
    if name in GROUPS:
        module = importlib.import_module(GROUPS[name][0])
        group = typer.main.get_group(module.app)  # a group even when it has one command (`hogo notice render`)
        group.name = name
        return group
    if name in COMMANDS:
        module_name, function, _ = COMMANDS[name]
        single = typer.Typer()
        single.command(name=name)(getattr(importlib.import_module(module_name), function))
        return typer.main.get_command(single)
    return None


class LazyGroup(TyperGroup):
    def list_commands(self, ctx: Any) -> list[str]:
        return sorted({*GROUPS, *COMMANDS})

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        return load(cmd_name)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """The groups and commands from the tables, without importing them (plain text, no rich)."""
        self.format_usage(ctx, formatter)
        formatter.write_paragraph()
        formatter.write_text(self.help or "")
        rows = [(name, GROUPS[name][1]) for name in sorted(GROUPS)]
        rows += [(name, COMMANDS[name][2]) for name in sorted(COMMANDS)]
        formatter.write_paragraph()
        formatter.write_text("Commands:")
        with formatter.indentation():
            formatter.write_dl(rows)
        formatter.write_paragraph()
        formatter.write_text("Options:")
        with formatter.indentation():
            formatter.write_dl([("--help", "Show this message and exit.")])


app = typer.Typer(
    cls=LazyGroup,
    help="hogo (保護): personal-information protection under Japan's APPI.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """hogo (保護): personal-information protection under Japan's APPI."""


def main() -> None:
    app()
