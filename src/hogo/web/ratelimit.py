"""In-process rate limits for what anonymous people may do (file requests from the portal or the API)."""

from __future__ import annotations

import threading
import time
from collections import deque

from fastapi import Request


class RateLimit:
    """At most `limit` events per `window` seconds per key, in this process's memory."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit, self.window = limit, window
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        with self._lock:
            events = self._events.setdefault(key, deque())
            while events and now - events[0] > self.window:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(now)
            return True


def filings(request: Request) -> RateLimit:
    """One limiter per application (kept on app.state), so that separate apps never share counts."""
    state = request.app.state
    if not hasattr(state, "portal_filings"):
        state.portal_filings = RateLimit(limit=5, window=600.0)
    limiter: RateLimit = state.portal_filings
    return limiter
