"""What every CLI command shares: building the container and turning domain errors into exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import typer

from hogo.clock import Clock, SystemClock
from hogo.errors import DomainError

if TYPE_CHECKING:
    from hogo import bootstrap
    from hogo.settings import Settings

P = ParamSpec("P")
R = TypeVar("R")


DEMO = Path("hogo-demo")
"""Where `hogo demo` keeps its store, key file and mail log (its default `--directory`)."""


def cli_settings(*, export: bool = False) -> Settings:
    """The settings of a CLI command: the environment's; where it names no store and there is none at the
    default place but `hogo demo` made one here, the demo's (so that the README's commands after `hogo demo`
    work on the demo's data instead of a new empty `hogo.db`). The store used is said on stderr."""
    from sqlalchemy.engine import make_url

    from hogo.settings import Settings

    settings = Settings()
    demo = DEMO / "hogo.db"
    if "HOGO_DATABASE_URL" not in os.environ and not Path("hogo.db").exists() and demo.exists():
        found: dict[str, Any] = {"database_url": f"sqlite:///{demo.resolve()}"}
        if "HOGO_KEY_FILE" not in os.environ:
            found["key_file"] = (DEMO / "hogo-keys.json").resolve()
        if "HOGO_MAIL_LOG" not in os.environ:
            found["mail_log"] = (DEMO / "mail.log").resolve()
        settings = settings.model_copy(update=found)
        if export:  # `hogo serve`'s worker processes read the environment
            os.environ.update({f"HOGO_{name.upper()}": str(value) for name, value in found.items()})
        err(f"store: {settings.database_url} (the demo's; set HOGO_DATABASE_URL to use another)")
    else:
        err(f"store: {make_url(settings.database_url).render_as_string(hide_password=True)}")
    return settings


def cli_clock(context: typer.Context | None) -> Clock:
    """The clock of a command: a Clock given as the command line's context object (`app(obj=clock)`, as a test
    fixes the time: `CliRunner().invoke(app, args, obj=FixedClock(...))`), else the system's. A command that takes
    its `typer.Context` builds its container on this clock and stamps with it what it makes before it has one."""
    given = context.find_root().obj if context is not None else None
    return given if isinstance(given, Clock) else SystemClock()


@contextmanager
def container(context: typer.Context | None = None, *, migrate: bool = True) -> Iterator[bootstrap.Container]:
    """The composition root for one command (imported here: `hogo --help` and `hogo ledger check` need none of it),
    on the command's clock (`cli_clock`)."""
    from hogo import bootstrap

    built = bootstrap.build(cli_settings(), cli_clock(context))
    try:
        if migrate:
            bootstrap.ensure_schema(built)
        yield built
    finally:
        built.close()


def handle_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Print a domain error as one line on stderr (`error[code]: message`) and exit 1."""

    @wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except DomainError as exc:
            from hogo.i18n import env_lang  # the words the catalogue has for it (Japanese unless HOGO_LANG=en)

            print(f"error[{exc.code}]: {exc.text(env_lang())}", file=sys.stderr)
            raise typer.Exit(1) from None

    return wrapper


def err(message: str) -> None:
    print(message, file=sys.stderr)
