"""The website's consent banner: its configuration for the script, the visitors' choices, their receipts, links to
persons, the rates per category and version, and the export.

A choice is written with nothing read first: the token is checked by its HMAC, the banner version against the
banner this process holds (checked against the store's ledger once a second), the replay by the nonce's unique
key, and the address's rate in the same short transaction, which the choices waiting at that moment share
(`web_writer`, ADR 0022). An anonymous choice writes no audit event — the row is itself the append-only record
and holds no personal data; linking a visitor to a person is audited.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hogo.clock import Clock
from hogo.consent.models import WebBanner, WebConsent, WebConsentLink
from hogo.consent.web_policy import (
    TOKEN_SECONDS,
    VISITOR,
    Banner,
    ConsentReplayed,
    OriginRefused,
    WebConsentRejected,
    banner,
    check_post,
    origin_allowed,
    sign,
    web_receipt,
)
from hogo.consent.web_writer import LIMITED, REPLAYED, GroupWriter
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import Conflict, NotFound, RateLimited
from hogo.identity.policy import Actor, Permission
from hogo.ledger.service import LedgerService
from hogo.ratelimits import RateLimits

POST_WINDOW = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class WebChoice:
    id: str
    visitor_id: str
    banner_version: str
    choices: dict[str, bool]
    action: str
    gpc: bool
    origin: str | None
    given_at: dt.datetime

    def as_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "visitor_id": self.visitor_id,
            "banner_version": self.banner_version,
            "choices": self.choices,
            "action": self.action,
            "gpc": self.gpc,
            "origin": self.origin,
            "given_at": self.given_at,
        }


@dataclass(frozen=True)
class RateRow:
    banner_version: str
    category: str
    allowed: int
    total: int


class WebConsentService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        ledger: LedgerService,
        ratelimits: RateLimits,
        secret: Callable[[], bytes],
        *,
        own_origin: str,
        posts_per_minute: int,
        cache_seconds: float = 1.0,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._ledger = ledger
        self._derive = secret
        self._key: bytes | None = None
        self._own = own_origin
        self._published: set[str] = set()
        self._cache_seconds = cache_seconds
        self._cached: tuple[Banner, float] | None = None
        self.writer = GroupWriter(uow, ratelimits, limit=posts_per_minute, window=POST_WINDOW)

    def _secret(self) -> bytes:
        """The token key, derived once: the index key it comes from is the store's for good (reading it stats the
        key file)."""
        key = self._key
        if key is None:
            key = self._key = self._derive()
        return key

    def invalidate(self) -> None:
        """The ledger changed in this process: ask it again (another process's change is seen within
        `cache_seconds`, when the cached banner is checked against the ledger version in the store)."""
        self._cached = None

    def close(self) -> None:
        self.writer.close()

    # -- the banner --------------------------------------------------------------------------------
    def banner(self) -> Banner:
        """The banner in force: from this process's cache, checked against the store's ledger at most once per
        `cache_seconds` (memoised on the ledger version)."""
        cached, mono = self._cached, time.monotonic()
        if cached is not None and mono < cached[1]:
            return cached[0]
        index = self._ledger.index()
        found: Banner | None = index.memo.get(("web_banner",))
        if found is None:
            index.memo[("web_banner",)] = found = banner(index.ledger)
        if found.version not in self._published:
            self._publish(found, index.version)
        self._cached = (found, mono + self._cache_seconds)
        return found

    def _publish(self, current: Banner, ledger_version: int) -> None:
        """Keep the banner's content once, so that a receipt shows what the visitor saw (idempotent)."""
        with self._uow() as uow:
            if uow.session.get(WebBanner, current.version) is None:
                uow.session.add(
                    WebBanner(
                        version=current.version,
                        ledger_version=ledger_version,
                        content=current.content,
                        first_shown_at=self._clock.now(),
                    )
                )
                uow.record(
                    actor="system",
                    action="consent.banner_published",
                    entity_type="web_banner",
                    entity_id=current.version,
                    data={"ledger_version": ledger_version},
                )
                with contextlib.suppress(IntegrityError):  # another process published it first
                    uow.commit()
        self._published.add(current.version)

    def check_origin(self, origin: str | None) -> Banner:
        current = self.banner()
        if not origin_allowed(origin, current, self._own):
            raise OriginRefused("this site is not among the ledger's web_consent origins")
        return current

    def config(self, visitor: str | None, origin: str | None) -> dict[str, Any]:
        """What the script needs: the banner, the visitor id (a new one if none), and a signed one-time token."""
        current = self.check_origin(origin)
        if visitor is None or not VISITOR.match(visitor):
            visitor = "v_" + secrets.token_hex(16)
        return {"visitor": visitor, "banner": current.version, "content": current.content, **self.token(visitor)}

    def token(self, visitor: str, current: Banner | None = None) -> dict[str, Any]:
        current = current or self.banner()
        nonce = secrets.token_hex(16)
        expires = int(self._clock.now().timestamp()) + TOKEN_SECONDS
        return {
            "nonce": nonce,
            "expires": expires,
            "token": sign(self._secret(), visitor, nonce, expires, current.version),
        }

    # -- a choice ----------------------------------------------------------------------------------
    def record(self, body: Mapping[str, Any], *, origin: str | None, gpc: bool, client: str) -> dict[str, Any]:
        """Store one choice from the banner or the preferences page; the next token for the visitor's next one."""
        row, current = self.prepare(body, origin=origin, gpc=gpc)
        return self.finish(row, current, self.writer.submit(row, client).result())

    def prepare(self, body: Mapping[str, Any], *, origin: str | None, gpc: bool) -> tuple[dict[str, Any], Banner]:
        """The row of a choice, checked (origin, token, banner version, categories) without reading the store."""
        current = self.check_origin(origin)
        now = self._clock.now()
        post = check_post(body, secret=self._secret(), current=current, now=now, gpc=gpc)
        row = {
            "id": "wc_" + secrets.token_hex(12),
            "visitor_id": post.visitor,
            "nonce": post.nonce,
            "banner_version": post.version,
            "choices": post.choices,
            "action": post.action,
            "gpc": post.gpc,
            "origin": origin,
            "given_at": now,
        }
        return row, current

    def finish(self, row: dict[str, Any], current: Banner, outcome: str) -> dict[str, Any]:
        """The answer to a post once the writer stored it (or refused it: a replay, a flood)."""
        if outcome == LIMITED:
            raise RateLimited("too many consent posts from this address; try again later")
        if outcome == REPLAYED:
            raise ConsentReplayed("this consent post was already received (replayed nonce)")
        return {
            "id": row["id"],
            "visitor": row["visitor_id"],
            "choices": row["choices"],
            "gpc": row["gpc"],
            **self.token(row["visitor_id"], current),
        }

    # -- reading -----------------------------------------------------------------------------------
    def history(self, visitor: str) -> list[WebChoice]:
        """A visitor's choices, newest first (the visitor id is their own bearer secret; it names no one)."""
        if not VISITOR.match(visitor):
            raise WebConsentRejected("visitor: not a visitor id the banner issued")
        with self._uow(read_only=True) as uow:
            rows = uow.session.execute(
                select(WebConsent)
                .where(WebConsent.visitor_id == visitor)
                .order_by(WebConsent.given_at.desc(), WebConsent.id.desc())
                .limit(100)
            ).scalars()
            return [_choice(r) for r in rows]

    def latest(self, visitor: str) -> WebChoice | None:
        found = self.history(visitor)
        return found[0] if found else None

    def receipt(self, record_id: str, visitor: str | None = None) -> dict[str, Any]:
        """The receipt of one choice, with the banner content the visitor saw. With `visitor`: only their own."""
        with self._uow(read_only=True) as uow:
            row = uow.session.get(WebConsent, record_id)
            if row is None or (visitor is not None and row.visitor_id != visitor):
                raise NotFound(f"web consent {record_id} does not exist")
            shown = uow.session.get(WebBanner, row.banner_version)
            content = shown.content if shown is not None else {}
            ledger_version = shown.ledger_version if shown is not None else self._ledger.index().version
            choice = _choice(row)
        return web_receipt(choice.as_record(), content, self._ledger.get(ledger_version).ledger)

    def allowed(self, session: Session, person_id: str) -> dict[str, set[str]]:
        """Per linked visitor's latest choice: the categories a person allowed (for the provision gate)."""
        visitors = select(WebConsentLink.visitor_id).where(WebConsentLink.person_id == person_id)
        rows = session.execute(
            select(WebConsent.id, WebConsent.visitor_id, WebConsent.choices, WebConsent.given_at)
            .where(WebConsent.visitor_id.in_(visitors))
            .order_by(WebConsent.given_at, WebConsent.id)
        ).all()
        latest: dict[str, tuple[str, dict[str, Any]]] = {}
        for record_id, visitor, choices, _ in rows:
            latest[visitor] = (record_id, choices)
        return {record_id: {c for c, on in choices.items() if on} for record_id, choices in latest.values()}

    def referable(self, session: Session, person_id: str) -> dict[str, str]:
        """Art. 31 evidence: recipient id → the web consent record by which the person (a linked visitor, their
        latest choice) allowed a tag whose recipient links what it receives to personal data."""
        allowed = self.allowed(session, person_id)
        if not allowed:
            return {}
        tags = self._ledger.index().ledger.web_tracking
        found: dict[str, str] = {}
        for record_id, categories in allowed.items():
            for tag in tags:
                if tag.recipient and tag.category.value in categories:
                    found.setdefault(tag.recipient, record_id)
        return found

    # -- linking -----------------------------------------------------------------------------------
    def link(self, visitor: str, person_id: str, actor: Actor) -> None:
        """The visitor is this person (they logged in or gave an identifier): their choices become theirs."""
        actor.require(Permission.manage_consent)
        if not VISITOR.match(visitor):
            raise WebConsentRejected("visitor: not a visitor id the banner issued")
        with self._uow() as uow:
            existing = uow.session.get(WebConsentLink, visitor)
            if existing is not None:
                if existing.person_id == person_id:
                    return
                raise Conflict("this visitor id is already linked to another person")
            uow.session.add(
                WebConsentLink(visitor_id=visitor, person_id=person_id, linked_at=self._clock.now(), linked_by=actor.id)
            )
            uow.record(
                actor=actor.id,
                action="consent.web_linked",
                entity_type="person",
                entity_id=person_id,
                data={"visitor": visitor},
            )
            uow.changed(person_id)
            try:
                uow.session.flush()
            except IntegrityError:
                raise NotFound(f"person {person_id} does not exist") from None
            uow.commit()

    # -- the console and the export ----------------------------------------------------------------
    def rates(self, actor: Actor) -> list[RateRow]:
        """Per banner version and category: how many visitors' latest choice allows it, of how many."""
        actor.require(Permission.read_people)
        with self._uow(read_only=True) as uow:
            newest = (
                select(WebConsent.visitor_id, func.max(WebConsent.given_at).label("at"))
                .group_by(WebConsent.visitor_id)
                .subquery()
            )
            rows = uow.session.execute(
                select(WebConsent.visitor_id, WebConsent.banner_version, WebConsent.choices).join(
                    newest, (WebConsent.visitor_id == newest.c.visitor_id) & (WebConsent.given_at == newest.c.at)
                )
            ).all()
        counted: dict[tuple[str, str], list[int]] = {}
        seen: set[str] = set()
        for visitor, version, choices in rows:
            if visitor in seen:
                continue
            seen.add(visitor)
            for category, on in choices.items():
                cell = counted.setdefault((version, category), [0, 0])
                cell[0] += 1 if on else 0
                cell[1] += 1
        return [RateRow(v, c, a, t) for (v, c), (a, t) in sorted(counted.items())]

    def export(self, actor: Actor, since: dt.datetime | None = None) -> Iterator[dict[str, Any]]:
        """Every choice (oldest first), for `hogo consents export`."""
        actor.require(Permission.read_people)
        with self._uow(read_only=True) as uow:
            query = select(WebConsent).order_by(WebConsent.given_at, WebConsent.id)
            if since is not None:
                query = query.where(WebConsent.given_at >= since)
            for row in uow.session.execute(query.execution_options(yield_per=1000)).scalars():
                out = _choice(row).as_record()
                out["given_at"] = row.given_at.isoformat()
                yield out


def _choice(row: WebConsent) -> WebChoice:
    return WebChoice(
        row.id,
        row.visitor_id,
        row.banner_version,
        {str(k): bool(v) for k, v in row.choices.items()},
        row.action,
        row.gpc,
        row.origin,
        row.given_at,
    )
