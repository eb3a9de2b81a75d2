"""The public announcement of an incident (Rule 10's substitute where the persons cannot all be reached), and the
desk to ask whether one is concerned. No sign-in; nothing about any person."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from hogo.clock import JST
from hogo.errors import NotFound
from hogo.web.deps import ContainerDep
from hogo.web.templating import templates

router = APIRouter(tags=["portal"], include_in_schema=False)


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def announcement(
    request: Request, incident_id: str, container: ContainerDep, lang: Literal["ja", "en"] = "ja"
) -> HTMLResponse:
    found = container.incidents.service.announcement(incident_id)
    if found is None:
        raise NotFound("no announcement has this address")
    text, at = found
    operator = container.ledger.index().ledger.operator
    desk = operator.desk
    context = {
        "lang": lang,
        "title": "個人情報の漏えい等に関するお知らせ" if lang == "ja" else "Notice of a personal data incident",
        "error": None,
        "text": text,
        "at": at.astimezone(JST).strftime("%Y-%m-%d"),
        "company": operator.name.get(lang),
        "desk": [operator.desk_label.get(lang), *(str(x) for x in (desk.phone, desk.email) if x)],
        "id": incident_id,
    }
    return templates.TemplateResponse(request, "portal/incident.html", context)
