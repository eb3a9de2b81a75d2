"""Where the tests find the local services, and what they do without them: skip with the reason, or fail
where CI says the services must be there (HOGO_REQUIRE_SERVICES=1). Imported by the conftest files and
the tests that need it (a module of its own: several `conftest` modules cannot be imported by name)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
