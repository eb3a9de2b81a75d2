"""Chinook (and a small shop database) loaded into throw-away SQLite, PostgreSQL and MariaDB databases, and a
store with its ledger.

Each test gets a fresh copy: the SQLite file copied, a PostgreSQL database cloned from a template
loaded once per session with the project's own script, a MariaDB database loaded from its script.
Without a server the test skips (fails under HOGO_REQUIRE_SERVICES=1).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from hogo import bootstrap
from hogo.clock import FixedClock
from hogo.db import migrate
from hogo.ledger.loader import load_ledger_text
from hogo.settings import Settings
from services import MARIADB_ADMIN_URL, PG_ADMIN_URL, chinook_dir, load_chinook, throwaway_database
from shop_support import create_shop, shop_ledger

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture(scope="session")
def chinook_pg_template() -> Iterator[str]:
    """Chinook loaded once per session on PostgreSQL; each test gets a copy (CREATE DATABASE … TEMPLATE)."""
    with throwaway_database(PG_ADMIN_URL, "chinook_tpl") as url:
        load_chinook(url)
        yield make_url(url).database or ""


def _pg_copy(template: str) -> Iterator[str]:
    with throwaway_database(PG_ADMIN_URL, "chinook", template=template) as url:
        yield url


def _mariadb() -> Iterator[str]:
    with throwaway_database(MARIADB_ADMIN_URL, "chinook") as url:
        load_chinook(url)
        yield url


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
def make_store(
    request: pytest.FixtureRequest, clock: FixedClock, key_file: Path, tmp_path: Path
) -> Iterator[Callable[[str, str], bootstrap.Container]]:
    """hogo's store (on PostgreSQL when the company's database is, else SQLite) with a ledger applied."""
    built: list[bootstrap.Container] = []

    def make(company_url: str, ledger: str) -> bootstrap.Container:
        if company_url.startswith("postgresql"):
            database_url: str = request.getfixturevalue("pg_database")
            engine = create_engine(database_url)
            with engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            engine.dispose()
        else:
            database_url = f"sqlite:///{tmp_path / 'hogo.db'}"
        container = bootstrap.build(Settings(database_url=database_url, key_file=key_file), clock)
        built.append(container)
        migrate.upgrade(container.engine)
        container.ledger.apply(load_ledger_text(ledger, source="ledger.yaml"), actor="test")
        return container

    yield make
    for container in built:
        container.close()


@pytest.fixture
def store(
    chinook_url: str,
    mailing_url: str,
    monkeypatch: pytest.MonkeyPatch,
    make_store: Callable[[str, str], bootstrap.Container],
) -> bootstrap.Container:
    """hogo's store with the Chinook ledger applied (the mailing list as a second database)."""
    monkeypatch.setenv("HOGO_CHINOOK_URL", chinook_url)
    monkeypatch.setenv("HOGO_MAILING_URL", mailing_url)
    return make_store(chinook_url, (FIXTURES / "chinook.yaml").read_text(encoding="utf-8"))


@pytest.fixture(params=["sqlite", "postgresql", "mariadb"])
def shop_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The shop database (tests/shop_support.py) on the parameter's kind of database, as a SQLAlchemy URL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'shop.sqlite'}"
        create_shop(url)
        yield url
        return
    admin = PG_ADMIN_URL if request.param == "postgresql" else MARIADB_ADMIN_URL
    with throwaway_database(admin, "shop") as url:
        create_shop(url)
        yield url


@pytest.fixture
def shop(
    shop_url: str, monkeypatch: pytest.MonkeyPatch, make_store: Callable[[str, str], bootstrap.Container]
) -> bootstrap.Container:
    """hogo's store with the shop's ledger applied."""
    monkeypatch.setenv("HOGO_SHOP_URL", shop_url)
    return make_store(shop_url, shop_ledger())
