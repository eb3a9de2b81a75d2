"""Migration 0010_outbox: the outbox table and the request's answer columns are what the models declare, on both
stores; going down and up keeps a request answered before it answered (its notice instant becomes its answer)."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from hogo.bootstrap import Container
from hogo.db import migrate
from hogo.outbox.models import OutboxMessage
from hogo.requests.models import PersonRequest
from schema import model_diffs


def test_the_outbox_models_match_the_migration(container: Container) -> None:
    assert model_diffs(container.engine, [OutboxMessage.__tablename__, PersonRequest.__tablename__]) == []


def test_a_request_answered_before_the_migration_keeps_its_answer_time(container: Container) -> None:
    engine = container.engine
    migrate.downgrade(engine, "0009_jobs")
    assert OutboxMessage.__tablename__ not in sa.inspect(engine).get_table_names()
    answered = dt.datetime(2026, 11, 2, 3, 0, tzinfo=dt.UTC)
    requests = sa.table("person_requests", *(sa.column(c) for c in ("id", "notified_at", "answered_at", "status")))
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO person_requests (id, kind, channel, status, ledger_version, language, scope, "
                "token_hash, code_attempts, codes_sent, fee_jpy, received_at, due_on, art39_from, sealed, "
                "created_by, updated_at, notified_at) VALUES ('rq_old', 'disclosure', 'post', 'fulfilled', 1, 'ja', "
                "'{}', 'h', 0, 0, 0, :at, '2026-11-20', '2026-11-16', :blob, 'desk', :at, :at)"
            ),
            {"at": answered, "blob": b"x"},
        )
    migrate.upgrade(engine)
    with engine.connect() as conn:
        row = conn.execute(sa.select(requests.c.notified_at, requests.c.answered_at)).one()
    assert row.answered_at is not None and row.answered_at == row.notified_at
    assert OutboxMessage.__tablename__ in sa.inspect(engine).get_table_names()


def test_the_notes_and_rate_limit_tables_match_their_migration(container: Container) -> None:
    assert model_diffs(container.engine, ["notes", "rate_limits"]) == []
    migrate.downgrade(container.engine, "0011_datasets_shared")
    assert not {"notes", "rate_limits"} & set(sa.inspect(container.engine).get_table_names())
    migrate.upgrade(container.engine)
    assert {"notes", "rate_limits"} <= set(sa.inspect(container.engine).get_table_names())
