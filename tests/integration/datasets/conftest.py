"""Chinook loaded into throw-away SQLite, PostgreSQL and MariaDB databases, and a store with its ledger.

Each test gets a fresh copy: the SQLite file copied, a PostgreSQL database cloned from a template
loaded once per session with the project's own script, a MariaDB database loaded from its script.
Without a server the test skips (fails under HOGO_REQUIRE_SERVICES=1).
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from hogo import bootstrap
from hogo.clock import FixedClock
from hogo.db import migrate
from hogo.ledger.loader import load_ledger_text
from hogo.settings import Settings
from services import PG_ADMIN_URL, chinook_dir, service_unavailable

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
MARIADB_ADMIN_URL = os.environ.get("HOGO_TEST_MARIADB_URL", "mysql+pymysql://root@127.0.0.1:3306/test")


def _script(name: str) -> str:
    """The script from its CREATE TABLE section on (no DROP/CREATE DATABASE, no `\\c`/`USE`)."""
    body = (chinook_dir() / name).read_text(encoding="utf-8")
    return body[body.index("CREATE TABLE") :]


@pytest.fixture(scope="session")
def chinook_pg_template() -> Iterator[str]:
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"chinook_tpl_{uuid.uuid4().hex[:8]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        service_unavailable(f"PostgreSQL not reachable at {PG_ADMIN_URL}: {type(exc).__name__}")
    url = make_url(PG_ADMIN_URL).set(database=name)
    engine = create_engine(url)
    raw = engine.raw_connection()
    try:
        raw.cursor().execute(_script("Chinook_PostgreSql.sql"))
        raw.commit()
    finally:
        raw.close()
    engine.dispose()
    try:
        yield name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _pg_copy(template: str) -> Iterator[str]:
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"chinook_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    try:
        yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _mariadb() -> Iterator[str]:
    admin = create_engine(MARIADB_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"chinook_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4"))
    except OperationalError as exc:
        admin.dispose()
        service_unavailable(f"MariaDB not reachable at 127.0.0.1:3306: {type(exc).__name__}")
    url = make_url(MARIADB_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    engine = create_engine(url + "?charset=utf8mb4")
    with engine.begin() as conn:
        cursor = conn.connection.cursor()
        for statement in re.split(r";\s*\n", _script("Chinook_MySql.sql")):
            if statement.strip():
                cursor.execute(statement)
    engine.dispose()
    try:
        yield url + "?charset=utf8mb4"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS `{name}`"))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql", "mariadb"])
def chinook_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh Chinook database of the parameter's kind, as a SQLAlchemy URL."""
    if request.param == "sqlite":
        copy = tmp_path / "chinook.sqlite"
        shutil.copyfile(chinook_dir() / "Chinook_Sqlite.sqlite", copy)
        copy.chmod(0o644)
        yield f"sqlite:///{copy}"
    elif request.param == "postgresql":
        yield from _pg_copy(request.getfixturevalue("chinook_pg_template"))
    else:
        yield from _mariadb()


@pytest.fixture
def mailing_url(tmp_path: Path) -> str:
    """A second connected database: a newsletter list whose rows are deleted on erasure."""
    url = f"sqlite:///{tmp_path / 'mailing.sqlite'}"
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TABLE subscribers (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT, "
                "paused BOOLEAN DEFAULT 0)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO subscribers (id, email, name) "
                "VALUES (1, 'luisg@embraer.com.br', 'Luís'), (2, 'x@y.jp', 'X')"
            )
        )
    engine.dispose()
    return url


@pytest.fixture
def store(
    request: pytest.FixtureRequest,
    chinook_url: str,
    mailing_url: str,
    clock: FixedClock,
    key_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> Iterator[bootstrap.Container]:
    """hogo's store (on PostgreSQL when Chinook is, else SQLite) with the Chinook ledger applied."""
    if chinook_url.startswith("postgresql"):
        database_url: str = request.getfixturevalue("pg_database")
        engine = create_engine(database_url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
    else:
        database_url = f"sqlite:///{tmp_path / 'hogo.db'}"
    monkeypatch.setenv("HOGO_CHINOOK_URL", chinook_url)
    monkeypatch.setenv("HOGO_MAILING_URL", mailing_url)
    built = bootstrap.build(Settings(database_url=database_url, key_file=key_file), clock)
    migrate.upgrade(built.engine)
    text_ = (FIXTURES / "chinook.yaml").read_text(encoding="utf-8")
    built.ledger.apply(load_ledger_text(text_, source="chinook.yaml"), actor="test")
    try:
        yield built
    finally:
        built.close()
