"""A data set declared for a unit test: its tables and relations, with the JIS Q 15001 fields filled in."""

from __future__ import annotations

from typing import Any

from hogo.ledger.schemas.datasets import DataSet


def declared(tables: list[dict[str, Any]], relations: list[dict[str, str]] | None = None, **extra: Any) -> DataSet:
    return DataSet.model_validate(
        {
            "id": "shop",
            "name": "shop",
            "subject_kinds": ["customer", "employee"],
            "items": ["name", "email", "phone", "address"],
            "purposes": ["p"],
            "storage_place": "x",
            "storage_method": "x",
            "access_holders": ["x"],
            "use_period": "x",
            "disposal": "x",
            "record_count": 1,
            "last_review": "2026-01-01",
            "tables": tables,
            "relations": relations or [],
            **extra,
        }
    )
