"""Whether a request came over HTTPS, and which reverse proxies are believed when they say so.

Console and portal cookies are marked Secure when `HOGO_COOKIE_SECURE` says so, else when the request came
over https. Behind a TLS-terminating proxy the request reaches hogo over http; the proxy's `X-Forwarded-Proto`
(and `X-Forwarded-For`, the client address the rate limits count) is believed only from the addresses in
`HOGO_TRUSTED_PROXIES`. Without that setting no forwarded header is believed — `hogo serve` turns uvicorn's
own handling (which trusts 127.0.0.1 by default) off, so that the app alone decides.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from hogo.settings import Settings


def trust_proxies(app: FastAPI, settings: Settings) -> None:
    """Believe X-Forwarded-Proto/-For from the proxies HOGO_TRUSTED_PROXIES lists (addresses, networks or *)."""
    if settings.trusted_proxies:
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies)


def secure_cookies(request: Request) -> bool:
    """HOGO_COOKIE_SECURE if set (true, or false for a local demo over http), else: the request came over https."""
    setting: bool | None = request.app.state.container.settings.cookie_secure
    return setting if setting is not None else request.url.scheme == "https"
