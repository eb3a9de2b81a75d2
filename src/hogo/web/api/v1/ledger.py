"""`/api/v1/ledger` and `/api/v1/notice`: the ledger in force, its versions, and the rendered notice."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, PlainTextResponse
from pydantic import BaseModel

from hogo.adapters.notice_formats import render
from hogo.ledger.notice import build_notice
from hogo.web.deps import LedgerServiceDep

router = APIRouter(tags=["ledger"])


class VersionOut(BaseModel):
    version: int
    applied_at: dt.datetime
    applied_by: str
    source_name: str
    sha256: str


class LedgerOut(VersionOut):
    operator: str
    counts: dict[str, int]
    document: dict[str, Any]


@router.get("/ledger", response_model=LedgerOut, summary="The ledger in force")
def current_ledger(service: LedgerServiceDep) -> LedgerOut:
    return _ledger_out(service, None)


@router.get("/ledger/versions", response_model=list[VersionOut], summary="Every applied version")
def versions(service: LedgerServiceDep) -> list[VersionOut]:
    return [
        VersionOut(
            version=v.version,
            applied_at=v.applied_at,
            applied_by=v.applied_by,
            source_name=v.source_name,
            sha256=v.sha256,
        )
        for v in service.versions()
    ]


@router.get("/ledger/versions/{version}", response_model=LedgerOut, summary="One applied version")
def one_version(version: int, service: LedgerServiceDep) -> LedgerOut:
    return _ledger_out(service, version)


@router.get("/notice", summary="The privacy notice rendered from the ledger in force", response_model=None)
def notice(
    service: LedgerServiceDep,
    lang: Literal["ja", "en"] = "ja",
    fmt: Literal["md", "html"] = Query("html", alias="format"),
) -> HTMLResponse | PlainTextResponse:
    text = render(build_notice(service.current().ledger, lang), fmt)
    if fmt == "html":
        return HTMLResponse(text)
    return PlainTextResponse(text, media_type="text/markdown; charset=utf-8")


def _ledger_out(service: LedgerServiceDep, version: int | None) -> LedgerOut:
    applied = service.get(version) if version is not None else service.current()
    ledger = applied.ledger
    sections = (
        "subject_kinds",
        "items",
        "purposes",
        "channels",
        "entrustees",
        "joint_use",
        "third_parties",
        "foreign_recipients",
        "datasets",
    )
    return LedgerOut(
        version=applied.version,
        applied_at=applied.applied_at,
        applied_by=applied.applied_by,
        source_name=applied.source_name,
        sha256=applied.sha256,
        operator=ledger.operator.name.ja,
        counts={s: len(getattr(ledger, s)) for s in sections},
        document=ledger.model_dump(mode="json"),
    )
