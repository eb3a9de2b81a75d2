"""scan_database on real databases: the Chinook sample (SQLite, PostgreSQL, MariaDB) and awkward names."""

from __future__ import annotations

import hashlib
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, insert, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from hogo.adapters.recognizers.database import DatabaseReport, ScanFailed, read_only, scan_database
from services import MARIADB_ADMIN_URL, PG_ADMIN_URL, chinook_dir, load_chinook, throwaway_database

EXPECTED_PII = {
    ("customer", "firstname"): "PERSON",
    ("customer", "lastname"): "PERSON",
    ("customer", "address"): "STREET_ADDRESS",
    ("customer", "postalcode"): "POSTAL_CODE",
    ("customer", "phone"): "PHONE_NUMBER",
    ("customer", "fax"): "PHONE_NUMBER",
    ("customer", "email"): "EMAIL_ADDRESS",
    ("employee", "firstname"): "PERSON",
    ("employee", "lastname"): "PERSON",
    ("employee", "birthdate"): "DATE_OF_BIRTH",
    ("employee", "address"): "STREET_ADDRESS",
    ("employee", "postalcode"): "POSTAL_CODE",
    ("employee", "phone"): "PHONE_NUMBER",
    ("employee", "fax"): "PHONE_NUMBER",
    ("employee", "email"): "EMAIL_ADDRESS",
    ("invoice", "billingaddress"): "STREET_ADDRESS",  # erasure masks it; the amounts beside it stay
    ("invoice", "billingpostalcode"): "POSTAL_CODE",
    ("track", "composer"): "PERSON",  # artists' names (the name lists find them): the catalogue's own data set
}


def found(report: DatabaseReport) -> dict[tuple[str, str], str]:
    """(table, column) → entity, names lower-cased and `_` dropped so that the three dialects compare."""
    return {(c.table.lower(), c.column.lower().replace("_", "")): c.entities[0].entity for c in report.with_entities()}


def assert_chinook(report: DatabaseReport) -> None:
    assert found(report) == EXPECTED_PII
    [dob] = [c for c in report.columns if c.column.lower().replace("_", "") == "birthdate"]
    assert dob.sampled == 8
    assert dob.entities[0].share == 1.0
    invoice_dates = [c for c in report.columns if c.column.lower().replace("_", "") == "invoicedate"]
    assert invoice_dates and not invoice_dates[0].entities


def test_chinook_on_sqlite_read_only(tmp_path: Path) -> None:
    db = tmp_path / "chinook.sqlite"
    shutil.copy(chinook_dir() / "Chinook_Sqlite.sqlite", db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    report = scan_database(f"sqlite:///{db}", sample=200)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert report.dialect == "sqlite"
    assert len(report.columns) == 64
    assert_chinook(report)


@pytest.fixture(scope="module")
def chinook_pg() -> Iterator[str]:
    with throwaway_database(PG_ADMIN_URL, "hogo_chinook") as url:
        load_chinook(url)
        yield url


def test_chinook_on_postgresql(chinook_pg: str) -> None:
    with_password = make_url(chinook_pg).set(password="not-shown")  # trust auth ignores it
    report = scan_database(with_password.render_as_string(hide_password=False), sample=100)
    assert report.dialect == "postgresql"
    assert_chinook(report)
    assert "not-shown" not in report.database


@pytest.fixture(scope="module")
def chinook_mariadb() -> Iterator[str]:
    with throwaway_database(MARIADB_ADMIN_URL, "hogo_chinook") as url:
        load_chinook(url)
        yield url


def test_chinook_on_mariadb(chinook_mariadb: str) -> None:
    report = scan_database(chinook_mariadb, sample=100)
    assert report.dialect in {"mysql", "mariadb"}
    assert_chinook(report)


def test_mariadb_scanning_connection_cannot_write(chinook_mariadb: str) -> None:
    engine = create_engine(chinook_mariadb)
    try:
        with read_only(engine) as conn, pytest.raises(DBAPIError):
            conn.execute(text("INSERT INTO Genre (GenreId, Name) VALUES (999, 'x')"))
    finally:
        engine.dispose()


def test_awkward_identifiers_are_quoted(empty_database_url: str) -> None:
    """A table called `order` with a column `e-mail` and one with a quote in its name."""
    engine = create_engine(empty_database_url)
    meta = MetaData()
    order = Table(
        "order",
        meta,
        Column("id", Integer, primary_key=True),
        Column("e-mail", String(100)),
        Column('Customer "Name"', String(100)),
        Column("select", String(100)),
    )
    meta.create_all(engine)
    with engine.begin() as conn:
        conn.execute(
            insert(order),
            [
                {"id": i, "e-mail": f"user{i}@example.jp", 'Customer "Name"': "山田 太郎", "select": "x"}
                for i in range(5)
            ],
        )
    engine.dispose()
    report = scan_database(empty_database_url)
    assert {(c.table, c.column): [e.entity for e in c.entities] for c in report.with_entities()} == {
        ("order", "e-mail"): ["EMAIL_ADDRESS"],
        ("order", 'Customer "Name"'): ["PERSON"],  # the quoted column is read too: a listed surname and given name
    }


def test_postgresql_types_and_schemas(pg_database: str) -> None:
    """A PostgreSQL-only column type (INET) in another schema: named as PostgreSQL spells it, and scanned."""
    schema = f"crm_{uuid.uuid4().hex[:8]}"
    engine = create_engine(pg_database)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        conn.execute(text(f'CREATE TABLE "{schema}".logins (id serial PRIMARY KEY, source inet, note text)'))
        conn.execute(
            text(f"INSERT INTO \"{schema}\".logins (source, note) VALUES ('192.0.2.1', 'a'), ('2001:db8::1', 'b')")
        )
    try:
        report = scan_database(pg_database, schema=schema)
    finally:
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()
    assert [(c.table, c.column, c.type) for c in report.columns] == [
        ("logins", "id", "INTEGER"),
        ("logins", "source", "INET"),
        ("logins", "note", "TEXT"),
    ]
    assert [(c.column, [e.entity for e in c.entities]) for c in report.with_entities()] == [("source", ["IP_ADDRESS"])]


def test_the_scanning_connection_cannot_write(empty_database_url: str) -> None:
    engine = create_engine(empty_database_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body VARCHAR(20))"))
    try:
        with read_only(engine) as conn, pytest.raises(DBAPIError):
            conn.execute(text("INSERT INTO notes (id, body) VALUES (1, 'x')"))
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM notes")).scalar_one() == 0
    finally:
        engine.dispose()


def test_unreachable_database_fails_without_the_url() -> None:
    with pytest.raises(ScanFailed) as caught:
        scan_database("postgresql+psycopg://secretuser:secretpass@127.0.0.1:1/nowhere")
    assert "secret" not in caught.value.message
