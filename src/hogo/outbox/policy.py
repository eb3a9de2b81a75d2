"""The outbox's rules: a message's states, when to try again, when to give up. Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class State(StrEnum):
    pending = "pending"
    """Written with its change; not tried yet."""
    sending = "sending"
    """Claimed by a sender until `lease_until`; found so after the lease, the attempt may have reached the server."""
    retrying = "retrying"
    """An attempt failed for a reason that may pass (server down, 4xx); tried again at `next_attempt_at`."""
    sent = "sent"
    failed = "failed"
    """Given up: refused for good (5xx) or out of attempts. Shown to staff, who may send it again."""
    expired = "expired"
    """Not sent before it stopped meaning anything (a one-time code past its life)."""


CLAIMABLE = (State.pending, State.retrying)
FINAL = frozenset({State.sent, State.failed, State.expired})


@dataclass(frozen=True)
class Retry:
    attempts: int = 8
    """Attempts before giving up: with the back-off below, about 2 hours of trying."""
    first: dt.timedelta = dt.timedelta(seconds=30)
    longest: dt.timedelta = dt.timedelta(minutes=60)
    lease: dt.timedelta = dt.timedelta(minutes=2)
    """How long a sender may take over one attempt before another may take the message over."""

    def backoff(self, attempts: int) -> dt.timedelta:
        """The wait after the `attempts`-th failed attempt: doubling from `first`, at most `longest`."""
        wait: dt.timedelta = self.first * (2 ** max(0, attempts - 1))
        return min(wait, self.longest)

    def after_failure(self, attempts: int, permanent: bool, now: dt.datetime) -> tuple[State, dt.datetime]:
        """The state after a failed attempt, and when to try next (now, when given up)."""
        if permanent or attempts >= self.attempts:
            return State.failed, now
        return State.retrying, now + self.backoff(attempts)
