"""Rate limits for what anonymous people may do (file requests from the portal or the API).

The counts live in hogo's store (`hogo.ratelimits`), not in a process's memory, so that several `hogo serve`
processes, on one machine or several behind a load balancer, refuse the same sixth filing. The client's address
is the one uvicorn reports: behind a proxy, HOGO_TRUSTED_PROXIES makes it the original client's (web/https.py).
"""

from __future__ import annotations

import datetime as dt

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from hogo.bootstrap import Container

FILINGS = 5
FILING_WINDOW = dt.timedelta(minutes=10)
"""At most five filings per client address in ten minutes."""


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def allow_filing(container: Container, request: Request) -> bool:
    return container.ratelimits.allow("filings", client_address(request), FILINGS, FILING_WINDOW)


async def allow_filing_async(container: Container, request: Request) -> bool:
    """The same from an async route: the store is asked in a worker thread, never on the event loop."""
    return await run_in_threadpool(allow_filing, container, request)
