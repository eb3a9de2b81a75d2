"""The Chinook sample database's customers as acquisitions for the Chinook example ledger's demo.

Each customer becomes a person of kind `customer`, found by their e-mail address, with their name and
e-mail address as the online store (channel `web-shop`, purpose `sales`) recorded them: enough for the
customer to file a request on the portal, which then reaches their rows in Chinook itself.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import MetaData, create_engine, select

from hogo.subjects.schemas import AcquisitionIn, IdentifierIn

CHINOOK_FILE = "Chinook_Sqlite.sqlite"


def find_chinook(repository: Path) -> Path | None:
    """The Chinook SQLite file: HOGO_CHINOOK_DIR, else `shared/data/chinook` beside the repository or one of
    its parents, else /work/shared/data/chinook."""
    given = os.environ.get("HOGO_CHINOOK_DIR")
    candidates = [Path(given)] if given else []
    candidates += [parent / "shared" / "data" / "chinook" for parent in [repository, *repository.parents]]
    candidates.append(Path("/work/shared/data/chinook"))
    return next((c / CHINOOK_FILE for c in candidates if (c / CHINOOK_FILE).is_file()), None)


def chinook_customers(url: str) -> list[AcquisitionIn]:
    """Every customer of the Chinook database at `url` (SQLite, PostgreSQL or MySQL spelling of the names)."""
    engine = create_engine(url)
    try:
        metadata = MetaData()
        metadata.reflect(engine)
        table = next(t for t in metadata.tables.values() if _norm(t.name) == "customer")
        col = {_norm(c.name): c for c in table.columns}
        query = select(col["firstname"], col["lastname"], col["email"]).order_by(col["customerid"])
        with engine.connect() as conn:
            rows = conn.execute(query).all()
    finally:
        engine.dispose()
    return [
        AcquisitionIn(
            subject_kind="customer",
            identifiers=[IdentifierIn(kind="email", value=email)],
            values={"name": f"{first} {last}", "email": email},
            channel="web-shop",
        )
        for first, last, email in rows
        if email
    ]


def _norm(name: str) -> str:
    return name.replace("_", "").lower()
