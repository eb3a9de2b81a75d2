"""`hogo --help` lists the command groups from a table without importing them: the table must say what each
group says of itself, and name every group and command there is."""

from __future__ import annotations

import importlib
import pkgutil

import typer

import hogo.cli
from hogo.cli.main import COMMANDS, GROUPS, load


def test_the_table_says_what_each_group_says_of_itself() -> None:
    for name, (module, help_text) in GROUPS.items():
        app = importlib.import_module(module).app
        assert isinstance(app, typer.Typer)
        assert help_text == app.info.help, name
        assert load(name) is not None


def test_every_cli_module_with_an_app_is_in_the_table() -> None:
    listed = {module for module, _ in GROUPS.values()} | {module for module, _, _ in COMMANDS.values()}
    for info in pkgutil.iter_modules(hogo.cli.__path__):
        module = importlib.import_module(f"hogo.cli.{info.name}")
        if isinstance(getattr(module, "app", None), typer.Typer) and info.name != "main":
            assert f"hogo.cli.{info.name}" in listed, info.name
    for name, (module, function, _) in COMMANDS.items():
        assert callable(getattr(importlib.import_module(module), function)), name
