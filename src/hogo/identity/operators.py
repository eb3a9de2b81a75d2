"""Console operators: create them, sign them in with a password (argon2id), hold their sessions.

A password is stored only as an argon2id hash (argon2-cffi's defaults, rehashed on login when they change).
Five wrong passwords lock the login for 15 minutes. A session is a random cookie; the store keeps its
SHA-256 and a CSRF token that every form of the console must send back. Unknown logins cost the same
argon2 work as known ones and get the same answer, so the answer does not tell which logins exist.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from hogo.clock import Clock
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import Conflict, InvalidInput, NotFound, Unauthenticated
from hogo.identity.models import ConsoleSession, Operator
from hogo.identity.policy import Actor, Permission, Role, actor_of, clearance, require_assignable
from hogo.ledger.schemas.catalogue import ItemCategory

MIN_PASSWORD = 12
LOCK_AFTER = 5
LOCK_FOR = dt.timedelta(minutes=15)
LOGIN_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
_HASHER = PasswordHasher()
_DUMMY_HASH = _HASHER.hash("hogo: a password no operator has")


@dataclass(frozen=True)
class OperatorView:
    id: str
    login: str
    name: str
    role: Role
    categories: list[str] | None
    disabled: bool


@dataclass(frozen=True)
class ConsoleUser:
    """Who is signed in to the console: the operator, the actor they act as, and their session's CSRF token."""

    operator: OperatorView
    actor: Actor
    csrf: str


@dataclass(frozen=True)
class SignedIn:
    user: ConsoleUser
    token: str
    """The session cookie's value; the store keeps only its hash."""


def _session_id(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class OperatorService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, *, session_hours: float = 8) -> None:
        self._uow = uow
        self._clock = clock
        self._session_length = dt.timedelta(hours=session_hours)

    def create(
        self, login: str, name: str, role: Role, categories: list[str] | None, password: str, actor: Actor
    ) -> OperatorView:
        actor.require(Permission.manage_keys)
        require_assignable(role)
        login = login.strip().lower()
        if not LOGIN_RE.match(login):
            raise InvalidInput("a login is 2-64 characters: lower-case letters, digits, '.', '_' or '-'")
        if not name.strip():
            raise InvalidInput("give the operator's name")
        if len(password) < MIN_PASSWORD:
            raise InvalidInput(f"a password has at least {MIN_PASSWORD} characters")
        categories = clearance(categories, {c.value for c in ItemCategory})
        with self._uow() as uow:
            if uow.session.execute(select(Operator.id).where(Operator.login == login)).first() is not None:
                raise Conflict(f"the login {login!r} is taken")
            row = Operator(
                id="o" + secrets.token_hex(6),
                login=login,
                name=name.strip(),
                role=role.value,
                categories=categories,
                password_hash=_HASHER.hash(password),
                failed_logins=0,
                created_at=self._clock.now(),
                created_by=actor.id,
            )
            uow.session.add(row)
            uow.record(
                actor=actor.id,
                action="operator.created",
                entity_type="operator",
                entity_id=row.id,
                data={"role": role.value, "categories": categories},
            )
            uow.commit()
            return _view(row)

    def sign_in(self, login: str, password: str) -> SignedIn:
        """A new session for the operator, or Unauthenticated (the same message whatever was wrong)."""
        now = self._clock.now()
        wrong = Unauthenticated("wrong login or password, or the login is locked for a while")
        with self._uow() as uow:
            row = uow.session.execute(select(Operator).where(Operator.login == login.strip().lower())).scalar()
            if row is None or row.disabled_at is not None:
                _verify(_DUMMY_HASH, password)
                raise wrong
            if row.locked_until is not None and row.locked_until > now:
                _verify(_DUMMY_HASH, password)
                raise wrong
            if not _verify(row.password_hash, password):
                row.failed_logins += 1
                locked = row.failed_logins >= LOCK_AFTER
                if locked:
                    row.failed_logins, row.locked_until = 0, now + LOCK_FOR
                uow.record(
                    actor=f"operator:{row.id}",
                    action="operator.sign_in_failed",
                    entity_type="operator",
                    entity_id=row.id,
                    data={"locked": locked},
                )
                uow.commit()
                raise wrong
            if _HASHER.check_needs_rehash(row.password_hash):
                row.password_hash = _HASHER.hash(password)
            row.failed_logins, row.locked_until = 0, None
            token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
            uow.session.add(
                ConsoleSession(
                    id=_session_id(token),
                    operator_id=row.id,
                    csrf=csrf,
                    created_at=now,
                    expires_at=now + self._session_length,
                )
            )
            uow.record(
                actor=f"operator:{row.id}",
                action="operator.signed_in",
                entity_type="operator",
                entity_id=row.id,
            )
            uow.commit()
            view = _view(row)
        return SignedIn(ConsoleUser(view, _actor(view), csrf), token)

    def user(self, token: str) -> ConsoleUser:
        """The operator of a live session, or Unauthenticated."""
        now = self._clock.now()
        with self._uow(read_only=True) as uow:
            found = uow.session.execute(
                select(ConsoleSession, Operator)
                .join(Operator, Operator.id == ConsoleSession.operator_id)
                .where(ConsoleSession.id == _session_id(token))
            ).first()
            if found is None:
                raise Unauthenticated("sign in to the console")
            session, row = found
            if session.ended_at is not None or session.expires_at <= now or row.disabled_at is not None:
                raise Unauthenticated("the session has ended: sign in again")
            view = _view(row)
            return ConsoleUser(view, _actor(view), session.csrf)

    def sign_out(self, token: str) -> None:
        with self._uow() as uow:
            session = uow.session.get(ConsoleSession, _session_id(token))
            if session is None or session.ended_at is not None:
                return
            session.ended_at = self._clock.now()
            uow.record(
                actor=f"operator:{session.operator_id}",
                action="operator.signed_out",
                entity_type="operator",
                entity_id=session.operator_id,
            )
            uow.commit()

    def set_password(self, login: str, password: str, actor: Actor) -> OperatorView:
        """A new password (ends every session of the operator and lifts a lock)."""
        actor.require(Permission.manage_keys)
        if len(password) < MIN_PASSWORD:
            raise InvalidInput(f"a password has at least {MIN_PASSWORD} characters")
        now = self._clock.now()
        with self._uow() as uow:
            row = uow.session.execute(select(Operator).where(Operator.login == login)).scalar()
            if row is None:
                raise NotFound(f"no operator has the login {login!r}")
            row.password_hash = _HASHER.hash(password)
            row.failed_logins, row.locked_until = 0, None
            for session in uow.session.execute(
                select(ConsoleSession).where(ConsoleSession.operator_id == row.id, ConsoleSession.ended_at.is_(None))
            ).scalars():
                session.ended_at = now
            uow.record(actor=actor.id, action="operator.password_set", entity_type="operator", entity_id=row.id)
            uow.commit()
            return _view(row)

    def operators(self, actor: Actor) -> list[OperatorView]:
        actor.require(Permission.manage_keys)
        with self._uow(read_only=True) as uow:
            return [_view(r) for r in uow.session.execute(select(Operator).order_by(Operator.login)).scalars()]

    def directory(self) -> list[OperatorView]:
        """Every operator (login, name, role; no secret), for another domain's service that names staff — who
        signed a review, who attended a training. The caller checks its own permission."""
        with self._uow(read_only=True) as uow:
            return [_view(r) for r in uow.session.execute(select(Operator).order_by(Operator.login)).scalars()]

    def disable(self, login: str, actor: Actor) -> OperatorView:
        actor.require(Permission.manage_keys)
        with self._uow() as uow:
            row = uow.session.execute(select(Operator).where(Operator.login == login)).scalar()
            if row is None:
                raise NotFound(f"no operator has the login {login!r}")
            if row.disabled_at is None:
                row.disabled_at = self._clock.now()
                uow.record(actor=actor.id, action="operator.disabled", entity_type="operator", entity_id=row.id)
                uow.commit()
            return _view(row)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _view(row: Operator) -> OperatorView:
    return OperatorView(row.id, row.login, row.name, Role(row.role), row.categories, row.disabled_at is not None)


def _actor(view: OperatorView) -> Actor:
    return actor_of(f"operator:{view.id}", view.role.value, view.categories)
