"""The FastAPI application factory: API under /api/v1, the portal under /portal, docs at /docs."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from hogo import __version__
from hogo.bootstrap import Container
from hogo.web import errors
from hogo.web.api.v1 import audit as audit_api
from hogo.web.api.v1 import consents as consents_api
from hogo.web.api.v1 import ledger as ledger_api
from hogo.web.api.v1 import requests as requests_api
from hogo.web.api.v1 import vault as vault_api
from hogo.web.portal import notice as portal_notice
from hogo.web.portal import requests as portal_requests


def create_app(container: Container) -> FastAPI:
    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        """Write waiting decisions to the audit trail every `decision_flush_seconds`, and at shutdown."""

        async def flusher() -> None:
            while True:
                await asyncio.sleep(container.settings.decision_flush_seconds)
                await run_in_threadpool(container.usage.flush)

        task = asyncio.create_task(flusher())
        try:
            yield
        finally:
            task.cancel()
            await run_in_threadpool(container.usage.flush)

    app = FastAPI(
        lifespan=lifespan,
        title="hogo API",
        version=__version__,
        description="Personal-information protection under Japan's APPI: the ledger, the notice, and more.",
    )
    app.state.container = container
    errors.install(app)
    app.include_router(ledger_api.router, prefix="/api/v1")
    app.include_router(vault_api.router, prefix="/api/v1")
    app.include_router(vault_api.decisions, prefix="/api/v1")
    app.include_router(consents_api.router, prefix="/api/v1")
    app.include_router(audit_api.router, prefix="/api/v1")
    app.include_router(requests_api.router, prefix="/api/v1")
    app.include_router(requests_api.person, prefix="/api/v1")
    app.include_router(portal_notice.router, prefix="/portal")
    app.include_router(portal_requests.router, prefix="/portal")

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/portal/privacy")

    return app
