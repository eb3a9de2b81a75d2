"""The FastAPI application factory: API under /api/v1, the portal under /portal, docs at /docs."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import RedirectResponse

from hogo import __version__
from hogo.bootstrap import Container
from hogo.web import errors
from hogo.web.api.v1 import ledger as ledger_api
from hogo.web.portal import notice as portal_notice


def create_app(container: Container) -> FastAPI:
    app = FastAPI(
        title="hogo API",
        version=__version__,
        description="Personal-information protection under Japan's APPI: the ledger, the notice, and more.",
    )
    app.state.container = container
    errors.install(app)
    app.include_router(ledger_api.router, prefix="/api/v1")
    app.include_router(portal_notice.router, prefix="/portal")

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/portal/privacy")

    return app
