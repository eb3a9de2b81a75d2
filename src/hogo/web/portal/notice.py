"""The person's portal: the privacy notice, in Japanese first and English, with no JavaScript."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from hogo.adapters.notice_formats import render
from hogo.ledger.notice import build_notice
from hogo.web.deps import LedgerServiceDep

router = APIRouter(tags=["portal"])


@router.get("/privacy", response_class=HTMLResponse, summary="個人情報の取扱いについて / Privacy notice")
def privacy(request: Request, service: LedgerServiceDep, lang: Literal["ja", "en"] = "ja") -> HTMLResponse:
    """The notice as published, linking this portal's request form when the ledger accepts web requests."""
    portal = f"{str(request.base_url).rstrip('/')}/portal"
    return HTMLResponse(render(build_notice(service.current().ledger, lang, portal), "html"))
