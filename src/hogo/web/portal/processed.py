"""The items of anonymised information the company has made, published as Art. 43(3) requires (and the method of
provision, Art. 43(4)). No sign-in; nothing about any person."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from hogo.clock import JST
from hogo.web.deps import ContainerDep
from hogo.web.templating import templates

router = APIRouter(tags=["portal"], include_in_schema=False)


@router.get("/anonymised", response_class=HTMLResponse)
def published(request: Request, container: ContainerDep, lang: Literal["ja", "en"] = "ja") -> HTMLResponse:
    operator = container.ledger.index().ledger.operator
    made = [
        {
            "name": p.job.name.get(lang),
            "made": p.made_at.astimezone(JST).strftime("%Y-%m-%d"),
            "items": [t.get(lang) for t in p.job.publish.items] if p.job.publish else [],
            "method": p.job.publish.provision_method.get(lang)
            if p.job.publish and p.job.publish.provision_method
            else None,
            "period": p.job.publish.period.get(lang) if p.job.publish and p.job.publish.period else None,
        }
        for p in container.processed.published()
    ]
    context = {
        "lang": lang,
        "title": "匿名加工情報の公表" if lang == "ja" else "Anonymised information we make",
        "error": None,
        "company": operator.name.get(lang),
        "made": made,
    }
    return templates.TemplateResponse(request, "portal/anonymised.html", context)
