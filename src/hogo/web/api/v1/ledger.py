"""`/api/v1/ledger` and `/api/v1/notice`: what the company publishes, from the ledger in force. No API key.

These endpoints publish only what the privacy notice publishes: the version and when it was applied, the
operator's name and the notice itself (as a document tree, and rendered). The ledger's source, the file it
came from, who applied it, internal notes, accepted lint findings and the dataset declarations (tables,
connections) stay with the officer: `hogo ledger show` (`--source`, `--json`) on the server.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, PlainTextResponse
from pydantic import BaseModel, Field

from hogo.adapters.notice_formats import render
from hogo.ledger.notice import Block, NoticeDocument, build_notice
from hogo.ledger.schemas.views import AppliedLedger
from hogo.web.deps import LedgerServiceDep, RowNumber

router = APIRouter(tags=["ledger"])


class PublishedVersion(BaseModel):
    version: int
    applied_at: dt.datetime


class PublishedLedger(PublishedVersion):
    operator: dict[str, str] = Field(description="the operator's name, in Japanese and English")
    notice: dict[str, dict[str, Any]] = Field(
        description="the privacy notice by language ('ja', 'en'): title, preamble, numbered sections of blocks "
        "(paragraph, bulletlist, definitionlist, table, subheading) and closing"
    )


@router.get("/ledger", response_model=PublishedLedger, summary="What the ledger in force publishes")
def current_ledger(service: LedgerServiceDep) -> PublishedLedger:
    return _published(service.current())


@router.get("/ledger/versions", response_model=list[PublishedVersion], summary="Every applied version")
def versions(service: LedgerServiceDep) -> list[PublishedVersion]:
    return [PublishedVersion(version=v.version, applied_at=v.applied_at) for v in service.versions()]


@router.get("/ledger/versions/{version}", response_model=PublishedLedger, summary="What one version published")
def one_version(version: RowNumber, service: LedgerServiceDep) -> PublishedLedger:
    return _published(service.get(version))


@router.get(
    "/notice",
    summary="The privacy notice rendered from the ledger in force",
    response_class=HTMLResponse,
    response_model=None,
    responses={200: {"content": {"text/html": {}, "text/markdown": {}}}},
)
def notice(
    service: LedgerServiceDep,
    lang: Literal["ja", "en"] = "ja",
    fmt: Literal["md", "html"] = Query("html", alias="format"),
) -> HTMLResponse | PlainTextResponse:
    text = render(build_notice(service.current().ledger, lang), fmt)
    if fmt == "html":
        return HTMLResponse(text)
    return PlainTextResponse(text, media_type="text/markdown; charset=utf-8")


def _published(applied: AppliedLedger) -> PublishedLedger:
    name = applied.ledger.operator.name
    return PublishedLedger(
        version=applied.version,
        applied_at=applied.applied_at,
        operator={"ja": name.ja, "en": name.get("en")},
        notice={lang: _document(build_notice(applied.ledger, lang)) for lang in ("ja", "en")},
    )


def _document(doc: NoticeDocument) -> dict[str, Any]:
    return {
        "title": doc.title,
        "preamble": [_block(b) for b in doc.preamble],
        "sections": [
            {"key": s.key, "number": s.number, "title": s.title, "blocks": [_block(b) for b in s.blocks]}
            for s in doc.sections
        ],
        "closing": [_block(b) for b in doc.closing],
    }


def _block(block: Block) -> dict[str, Any]:
    return {"type": type(block).__name__.lower(), **dataclasses.asdict(block)}
