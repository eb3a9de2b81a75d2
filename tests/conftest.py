"""Shared fixtures: hogo's store on SQLite and on PostgreSQL, a fixed clock, the example ledgers.

PostgreSQL tests use a throw-away database on 127.0.0.1:5432 (user postgres); without the server
they skip with the reason, unless HOGO_REQUIRE_SERVICES=1 (CI), where they fail instead.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from hogo import bootstrap
from hogo.adapters.keyring import FileKeyring
from hogo.clock import FixedClock
from hogo.db import migrate
from hogo.db.base import Base
from hogo.db.session import make_engine
from hogo.identity.policy import Actor, system_actor
from hogo.settings import Settings
from services import PG_ADMIN_URL, throwaway_database

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
NOW = dt.datetime(2026, 11, 20, 1, 0, tzinfo=dt.UTC)  # 10:00 JST on a Friday


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped at the end (tests may use it as they like)."""
    with throwaway_database(PG_ADMIN_URL, "hogo_test") as url:
        yield url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """hogo's store on SQLite, migrated once per session; each test gets a copy of the file."""
    path = tmp_path_factory.mktemp("template") / "hogo.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    engine.dispose()  # the last connection closed: SQLite folds the WAL into the main file, one file to copy
    assert not path.with_name("hogo.db-wal").exists()
    return path


@pytest.fixture(scope="session")
def pg_store() -> Iterator[sa.Engine]:
    """hogo's store on PostgreSQL, migrated once per session; each test empties it again (`_fresh`)."""
    with throwaway_database(PG_ADMIN_URL, "hogo_store") as url:
        engine = create_engine(url, poolclass=NullPool)
        migrate.upgrade(engine)
        try:
            yield engine
        finally:
            engine.dispose()


def _fresh(engine: sa.Engine) -> None:
    """Empty every table of a migrated store; a test that moved the schema (a migration test) or added tables
    gets the schema rebuilt instead."""
    head = migrate.head_revision(engine)
    expected = {t.name for t in Base.metadata.sorted_tables} | {"alembic_version"}
    with engine.begin() as conn:
        present = set(sa.inspect(conn).get_table_names())
        at = (
            conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            if "alembic_version" in present
            else None
        )
        if at == head and present == expected:
            names = ", ".join(f'"{t}"' for t in sorted(expected - {"alembic_version"}))
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            return
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    migrate.upgrade(engine)


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database with nothing of hogo's in it (a company's own database): a new SQLite file, or the
    session's PostgreSQL scratch database reset to nothing."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'company.db'}"
    url: str = request.getfixturevalue("pg_database")
    engine = create_engine(url, poolclass=NullPool)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """hogo's store, migrated to the head and holding no rows: a copy of the session's SQLite template, or the
    session's PostgreSQL store emptied (migrations run once per session, not per test)."""
    if request.param == "sqlite":
        path = tmp_path / "hogo.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    engine: sa.Engine = request.getfixturevalue("pg_store")
    _fresh(engine)
    return engine.url.render_as_string(hide_password=False)


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    """A fresh keyring for the test, outside the database (as in production)."""
    path = tmp_path / "keys" / "hogo-keys.json"
    path.parent.mkdir()
    FileKeyring.create(path, NOW)
    return path


@pytest.fixture
def container(database_url: str, clock: FixedClock, key_file: Path) -> Iterator[bootstrap.Container]:
    # Decisions reach the audit trail when a test flushes (or the batch fills), not from the writer thread at a
    # moment the test cannot know; tests of that thread build their own container.
    settings = Settings(database_url=database_url, key_file=key_file, decision_flush_seconds=3600)
    built = bootstrap.build(settings, clock)
    try:
        yield built
    finally:
        built.close()


@pytest.fixture
def minimal_yaml() -> str:
    return (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


@pytest.fixture
def vault_yaml() -> str:
    return (FIXTURES / "vault.yaml").read_text(encoding="utf-8")


@pytest.fixture
def vault(container: bootstrap.Container, vault_yaml: str) -> bootstrap.Container:
    """hogo's store with the vault test ledger applied: ready to acquire, consent and decide."""
    from hogo.ledger.loader import load_ledger_text

    container.ledger.apply(load_ledger_text(vault_yaml, source="vault.yaml"), actor="test")
    return container


@pytest.fixture
def admin() -> Actor:
    return system_actor("test-admin")


@pytest.fixture
def provisioning(container: bootstrap.Container) -> bootstrap.Container:
    """hogo's store with the provision test ledger applied (vault.yaml plus recipients of every kind)."""
    from hogo.ledger.loader import load_ledger_text

    text = (FIXTURES / "provision.yaml").read_text(encoding="utf-8")
    container.ledger.apply(load_ledger_text(text, source="provision.yaml"), actor="test")
    return container
