"""Console page of the website banner's consent rates: per banner version and category, how many visitors' latest
choice allows it, with a bar chart drawn as SVG on the server (no script, no CDN)."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from hogo.consent.web_service import RateRow
from hogo.identity.policy import Permission
from hogo.web.console.auth import ConsoleUserDep
from hogo.web.deps import ContainerDep
from hogo.web.templating import templates

router = APIRouter(tags=["console"], include_in_schema=False)

BAR, GAP, LABEL, WIDTH = 22, 8, 260, 360


@dataclass(frozen=True)
class Bar:
    y: int
    width: int
    label: str
    percent: str
    row: RateRow


def bars(rows: list[RateRow]) -> list[Bar]:
    """One horizontal bar per (version, category): its length is the share of visitors allowing it."""
    out: list[Bar] = []
    for i, row in enumerate(rows):
        share = row.allowed / row.total if row.total else 0.0
        out.append(
            Bar(i * (BAR + GAP), round(share * WIDTH), f"{row.banner_version} · {row.category}", f"{share:.0%}", row)
        )
    return out


@router.get("/web-consents", response_class=HTMLResponse)
def rates(request: Request, user: ConsoleUserDep, container: ContainerDep) -> Response:
    user.actor.require(Permission.read_people)
    rows = container.web_consents.rates(user.actor)
    current = container.web_consents.banner().version
    drawn = bars(rows)
    context = {
        "user": user,
        "bars": drawn,
        "current": current,
        "height": max(len(drawn), 1) * (BAR + GAP),
        "geometry": {"bar": BAR, "label": LABEL, "width": WIDTH},
    }
    return templates.TemplateResponse(request, "console/web_consents.html", context)
