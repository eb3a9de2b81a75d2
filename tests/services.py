"""Where the tests find the local services, and what they do without them: skip with the reason, or fail
where CI says the services must be there (HOGO_REQUIRE_SERVICES=1). Imported by the conftest files and
the tests that need it (a module of its own: several `conftest` modules cannot be imported by name)."""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

PG_ADMIN_URL = os.environ.get("HOGO_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REQUIRE_SERVICES = os.environ.get("HOGO_REQUIRE_SERVICES") == "1"


def service_unavailable(reason: str) -> None:
    """Skip with the reason — or fail, where CI says the services must be there."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (HOGO_REQUIRE_SERVICES=1)")
    pytest.skip(reason)


def chinook_dir() -> Path:
    """The Chinook sample database (SQLite file, PostgreSQL and MySQL scripts) in the shared material.

    HOGO_CHINOOK_DIR, else `shared/data/chinook` beside the repository or beside one of its parents
    (a clone anywhere under the workplace), else /work/shared/data/chinook.
    """
    given = os.environ.get("HOGO_CHINOOK_DIR")
    candidates = [Path(given)] if given else []
    here = Path(__file__).resolve()
    candidates += [parent / "shared" / "data" / "chinook" for parent in here.parents]
    candidates.append(Path("/work/shared/data/chinook"))
    for candidate in candidates:
        if (candidate / "Chinook_Sqlite.sqlite").is_file():
            return candidate
    service_unavailable("the Chinook sample database is not found (set HOGO_CHINOOK_DIR)")
    raise AssertionError("unreachable")


MARIADB_ADMIN_URL = os.environ.get("HOGO_TEST_MARIADB_URL", "mysql+pymysql://root@127.0.0.1:3306/test")


@contextmanager
def throwaway_database(admin_url: str, prefix: str, *, template: str | None = None) -> Iterator[str]:
    """A new, empty database on the PostgreSQL or MariaDB server of `admin_url` (or a copy of `template` on
    PostgreSQL), as a SQLAlchemy URL; dropped afterwards. Without the server: skip, or fail in CI."""
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    mysql = admin.dialect.name in ("mysql", "mariadb")
    create = f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4" if mysql else f'CREATE DATABASE "{name}"'
    if template is not None:
        create += f' TEMPLATE "{template}"'
    try:
        with admin.connect() as conn:
            conn.execute(text(create))
    except OperationalError as exc:
        admin.dispose()
        service_unavailable(f"{admin.dialect.name} not reachable at {admin.url.host}: {type(exc).__name__}")
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        yield url + "?charset=utf8mb4" if mysql else url
    finally:
        drop = f"DROP DATABASE IF EXISTS `{name}`" if mysql else f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
        with admin.connect() as conn:
            conn.execute(text(drop))
        admin.dispose()


def load_chinook(url: str) -> None:
    """Create and fill the Chinook tables in an empty PostgreSQL or MariaDB database, from the sample's script
    (its CREATE TABLE section on: without its own DROP/CREATE DATABASE and `\\c`/`USE`)."""
    engine = create_engine(url)
    mysql = engine.dialect.name in ("mysql", "mariadb")
    body = (chinook_dir() / ("Chinook_MySql.sql" if mysql else "Chinook_PostgreSql.sql")).read_text(encoding="utf-8")
    script = body[body.index("CREATE TABLE") :]
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        if mysql:
            for statement in re.split(r";\s*\n", script):
                if statement.strip():
                    cursor.execute(statement)
        else:
            cursor.execute(script)
        raw.commit()
    finally:
        raw.close()
        engine.dispose()
