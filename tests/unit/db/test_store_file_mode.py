"""hogo's SQLite store is readable by its owner only, like the key file and the mail log."""

from __future__ import annotations

import os
from pathlib import Path

from hogo.db.session import make_engine


def test_a_new_store_is_created_for_its_owner_only(tmp_path: Path) -> None:
    before = os.umask(0o022)  # the usual umask: files readable by everyone unless made otherwise
    try:
        path = tmp_path / "hogo.db"
        engine = make_engine(f"sqlite:///{path}")
        with engine.connect() as conn:
            conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
            conn.exec_driver_sql("INSERT INTO t VALUES (1)")
            assert path.stat().st_mode & 0o777 == 0o600
            assert Path(f"{path}-wal").stat().st_mode & 0o777 == 0o600  # SQLite copies the main file's mode
        engine.dispose()
    finally:
        os.umask(before)


def test_a_store_others_could_read_is_narrowed(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    path.write_bytes(b"")
    path.chmod(0o644)
    make_engine(f"sqlite:///{path}").dispose()
    assert path.stat().st_mode & 0o777 == 0o600
