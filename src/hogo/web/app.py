"""The FastAPI application factory: API under /api/v1, the portal under /portal, docs at /docs."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Protocol

from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from hogo import __version__
from hogo.bootstrap import Container
from hogo.web import access_log, errors, openapi
from hogo.web import docs as api_docs
from hogo.web.api.v1 import audit as audit_api
from hogo.web.api.v1 import consents as consents_api
from hogo.web.api.v1 import datasets as datasets_api
from hogo.web.api.v1 import incidents as incidents_api
from hogo.web.api.v1 import ledger as ledger_api
from hogo.web.api.v1 import provisions as provisions_api
from hogo.web.api.v1 import requests as requests_api
from hogo.web.api.v1 import retention as retention_api
from hogo.web.api.v1 import vault as vault_api
from hogo.web.api.v1 import web_consent as web_consent_api
from hogo.web.api.v1.decisions_fast import DecisionsFastPath
from hogo.web.body_limit import BodyLimit
from hogo.web.console import auth as console_auth
from hogo.web.console import datasets as console_datasets
from hogo.web.console import incidents as console_incidents
from hogo.web.console import jobs as console_jobs
from hogo.web.console import ledger as console_ledger
from hogo.web.console import pages as console_pages
from hogo.web.console import pms as console_pms
from hogo.web.console import processed as console_processed
from hogo.web.console import provisions as console_provisions
from hogo.web.console import requests as console_requests
from hogo.web.console import retention as console_retention
from hogo.web.console import web_consent as console_web_consent
from hogo.web.https import trust_proxies
from hogo.web.portal import consent as portal_consent
from hogo.web.portal import home as portal_home
from hogo.web.portal import incidents as portal_incidents
from hogo.web.portal import notice as portal_notice
from hogo.web.portal import processed as portal_processed
from hogo.web.portal import requests as portal_requests
from hogo.web.url_text import UrlText

Application = FastAPI
"""The type `create_app` returns, for the modules above web/ that hand it to uvicorn (they import no FastAPI)."""


class Background(Protocol):
    """Work the application runs beside the requests while it serves (the jobs worker, given by `hogo serve`)."""

    def start(self) -> None: ...

    def stop(self) -> None: ...


def _include_routers(app: FastAPI) -> None:
    """Every router, in the order routes are tried (the banner's posts early: they are the hottest path)."""
    app.include_router(ledger_api.router, prefix="/api/v1")
    app.include_router(vault_api.router, prefix="/api/v1")
    app.include_router(vault_api.decisions, prefix="/api/v1")
    app.include_router(web_consent_api.posts, prefix="/api/v1")
    app.include_router(consents_api.router, prefix="/api/v1")
    app.include_router(audit_api.router, prefix="/api/v1")
    app.include_router(provisions_api.router, prefix="/api/v1")
    app.include_router(datasets_api.router, prefix="/api/v1")
    app.include_router(portal_home.router, prefix="/portal")
    app.include_router(portal_notice.router, prefix="/portal")
    app.include_router(console_pages.router, prefix="/console")
    app.include_router(console_provisions.router, prefix="/console")
    app.include_router(console_datasets.router, prefix="/console")
    app.include_router(console_jobs.router, prefix="/console")
    app.include_router(console_ledger.router, prefix="/console")
    app.include_router(requests_api.router, prefix="/api/v1")
    app.include_router(requests_api.person, prefix="/api/v1")
    app.include_router(portal_requests.router, prefix="/portal")
    app.include_router(console_requests.router, prefix="/console")
    app.include_router(incidents_api.router, prefix="/api/v1")
    app.include_router(retention_api.router, prefix="/api/v1")
    app.include_router(console_incidents.router, prefix="/console")
    app.include_router(console_pms.router, prefix="/console")
    app.include_router(console_retention.router, prefix="/console")
    app.include_router(portal_incidents.router, prefix="/portal")
    app.include_router(web_consent_api.router, prefix="/api/v1")
    app.include_router(web_consent_api.script)
    app.include_router(portal_consent.router, prefix="/portal")
    app.include_router(console_web_consent.router, prefix="/console")
    app.include_router(console_processed.router, prefix="/console")
    app.include_router(portal_processed.router, prefix="/portal")


def create_app(
    container: Container, *, close_on_shutdown: bool = False, background: Sequence[Background] = ()
) -> FastAPI:
    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        """Start the background work; at shutdown stop it, then write the decisions still waiting to the audit
        trail (the usage service's own thread writes them every `decision_flush_seconds` while the app runs)."""
        for work in background:
            work.start()
        try:
            yield
        finally:
            try:
                for work in reversed(background):
                    await run_in_threadpool(work.stop)
            finally:
                await run_in_threadpool(container.close if close_on_shutdown else container.usage.flush)

    app = FastAPI(
        lifespan=lifespan,
        title="hogo API",
        version=__version__,
        description="Personal-information protection under Japan's APPI: the ledger, the notice, and more.",
        docs_url=None,  # served from the package by hogo.web.docs (no CDN)
        redoc_url=None,
    )
    app.state.container = container
    access_log.install()
    errors.install(app)
    app.add_middleware(DecisionsFastPath, container=container)  # innermost: the others see its requests (ADR 0028)
    console_auth.install(app)
    app.add_middleware(BodyLimit)
    app.add_middleware(UrlText)
    trust_proxies(app, container.settings)
    _include_routers(app)

    openapi.install(app)
    api_docs.install(app)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/portal/")

    return app
