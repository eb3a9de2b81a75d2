"""The website's consent banner over HTTP: `/consent.js`, its configuration and the visitors' choices (CORS for
the sites the ledger names), the receipt of a choice, linking a visitor to a person, and the rates per category."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from hogo.errors import DomainError
from hogo.ledger.schemas.common import Id
from hogo.text import SafeText
from hogo.web.deps import ActorDep, ContainerDep
from hogo.web.errors import problem, status_of
from hogo.web.ratelimit import client_address

router = APIRouter(tags=["web consent"])
posts = APIRouter(tags=["web consent"])
"""The banner's posts: routed before the other routers (a route is found by trying each in turn)."""
script = APIRouter(tags=["web consent"])

SCRIPT = (FilePath(__file__).resolve().parents[2] / "static" / "consent.js").read_bytes()
VisitorId = Annotated[str, Field(pattern=r"^v_[0-9a-f]{32}$", description="the random visitor id the banner issued")]


class WebConsentPost(BaseModel):
    """One choice on the banner, signed with the one-time token the configuration (or the previous post) gave."""

    model_config = ConfigDict(extra="forbid")

    visitor: VisitorId
    nonce: Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]
    expires: int = Field(ge=0, le=2**40)
    token: SafeText = Field(max_length=64)
    banner: SafeText = Field(max_length=24, description="the banner version the visitor saw")
    action: Literal["accept_all", "reject_all", "custom", "gpc", "withdraw"]
    choices: dict[Annotated[str, Field(max_length=32)], bool] = Field(default_factory=dict, max_length=8)


class LinkIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    person_id: Id


def _cors(origin: str | None) -> dict[str, str]:
    if origin is None:
        return {}
    return {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Methods": "GET, POST",
        "Access-Control-Allow-Headers": "Content-Type",
        "Access-Control-Max-Age": "600",
        "Vary": "Origin",
    }


def _refused(error: DomainError, origin: str | None, allowed: bool) -> JSONResponse:
    return problem(status_of(error), error.code, error.message, headers=_cors(origin) if allowed else None)


@script.get("/consent.js", include_in_schema=False)
def consent_js(request: Request, container: ContainerDep) -> Response:
    """The banner script (no framework, no third-party requests). A page whose origin the ledger does not name is
    refused (by its Referer, which browsers send with the origin at least for a cross-site script)."""
    referer = request.headers.get("referer")
    origin = None
    if referer:
        parts = urlsplit(referer)
        origin = f"{parts.scheme}://{parts.netloc}"
    try:
        container.web_consents.check_origin(origin)
    except DomainError as error:
        return problem(status_of(error), error.code, error.message)
    return Response(
        SCRIPT,
        media_type="text/javascript; charset=utf-8",
        headers={"Cache-Control": "public, max-age=300", "Vary": "Referer", "X-Content-Type-Options": "nosniff"},
    )


@posts.options("/web-consent/config", include_in_schema=False)
@posts.options("/web-consent/records", include_in_schema=False)
def preflight(request: Request, container: ContainerDep) -> Response:
    origin = request.headers.get("origin")
    try:
        container.web_consents.check_origin(origin)
    except DomainError as error:
        return _refused(error, origin, False)
    return Response(status_code=204, headers=_cors(origin))


@router.get("/web-consent/config", summary="The banner for the script: categories, tags, a one-time token")
def config(
    request: Request,
    container: ContainerDep,
    visitor: Annotated[str | None, Query(max_length=40)] = None,
) -> Response:
    origin = request.headers.get("origin")
    try:
        body = container.web_consents.config(visitor, origin)
    except DomainError as error:
        return _refused(error, origin, False)
    return JSONResponse(body, headers={**_cors(origin), "Cache-Control": "no-store"})


@posts.post(
    "/web-consent/records",
    status_code=status.HTTP_201_CREATED,
    summary="Record a visitor's choice on the banner",
    responses={429: {"description": "too many consent posts from this address"}},
)
async def record(body: WebConsentPost, request: Request, container: ContainerDep) -> Response:
    """Signed with the one-time token (a replay is a 409), for the banner in force (a retired version is a 409);
    `Sec-GPC: 1` is recorded with the choice. At most `HOGO_WEB_CONSENT_POSTS_PER_MINUTE` per address (429)."""
    origin = request.headers.get("origin")
    gpc = request.headers.get("sec-gpc") == "1"
    service = container.web_consents
    try:
        row, current = service.prepare(body.model_dump(), origin=origin, gpc=gpc)
        outcome = await asyncio.wrap_future(service.writer.submit(row, client_address(request)))
        stored = service.finish(row, current, outcome)
    except DomainError as error:
        return _refused(error, origin, error.code != "origin-refused")
    return JSONResponse(stored, status_code=201, headers=_cors(origin))


@router.get("/web-consent/records/{record_id}/receipt", summary="The receipt of one choice (the visitor's own)")
def receipt(
    record_id: Annotated[str, Field(max_length=32)],
    visitor: Annotated[str, Query(max_length=40)],
    container: ContainerDep,
) -> dict[str, Any]:
    return container.web_consents.receipt(record_id, visitor)


@router.post(
    "/web-consent/visitors/{visitor}/link", status_code=status.HTTP_204_NO_CONTENT, summary="This visitor is a person"
)
def link(visitor: str, body: LinkIn, actor: ActorDep, container: ContainerDep) -> Response:
    """The visitor logged in or gave an identifier: their banner choices become the person's (audited)."""
    container.web_consents.link(visitor, body.person_id, actor)
    return Response(status_code=204)


@router.get("/web-consent/rates", summary="Per banner version and category: visitors allowing it, of all")
def rates(actor: ActorDep, container: ContainerDep) -> list[Mapping[str, Any]]:
    return [r.__dict__ for r in container.web_consents.rates(actor)]
