"""`hogo db upgrade|downgrade|current`: hogo's own store."""

from __future__ import annotations

import typer

from hogo.cli.common import container, handle_errors
from hogo.db import migrate

app = typer.Typer(help="hogo's own database (migrations).", no_args_is_help=True)


@app.command()
@handle_errors
def upgrade(revision: str = "head") -> None:
    """Apply migrations up to REVISION (the latest by default)."""
    with container(migrate=False) as c:
        migrate.upgrade(c.engine, revision)
        print(f"database at revision {migrate.current_revision(c.engine)}")


@app.command()
@handle_errors
def downgrade(revision: str) -> None:
    """Revert migrations down to REVISION ('base' removes every table hogo made)."""
    with container(migrate=False) as c:
        migrate.downgrade(c.engine, revision)
        print(f"database at revision {migrate.current_revision(c.engine) or 'base'}")


@app.command()
@handle_errors
def current() -> None:
    """Print the revision the database is at and the one this hogo needs."""
    with container(migrate=False) as c:
        print(f"current: {migrate.current_revision(c.engine) or 'none'}; head: {migrate.head_revision(c.engine)}")
