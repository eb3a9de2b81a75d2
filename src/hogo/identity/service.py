"""API keys: create (the secret is shown once), authenticate a request, revoke, list."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass

from sqlalchemy import select

from hogo.clock import Clock
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import InvalidInput, NotFound, Unauthenticated
from hogo.identity.models import ApiKey
from hogo.identity.policy import Actor, Permission, Role, actor_of, clearance, require_assignable
from hogo.ledger.schemas.catalogue import ItemCategory

PREFIX = "hogo_"
CACHE_SECONDS = 2.0


@dataclass(frozen=True)
class ApiKeyView:
    id: str
    name: str
    role: Role
    categories: list[str] | None
    created_by: str
    revoked: bool


@dataclass(frozen=True)
class CreatedKey:
    key: ApiKeyView
    token: str
    """The secret to give to the application; hogo keeps only its hash."""


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class IdentityService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock
        self._cache: dict[str, tuple[Actor, float]] = {}

    def create_key(self, name: str, role: Role, categories: list[str] | None, actor: Actor) -> CreatedKey:
        actor.require(Permission.manage_keys)
        require_assignable(role)
        if not name.strip():
            raise InvalidInput("give the key a name that says who uses it")
        categories = clearance(categories, {c.value for c in ItemCategory})
        key_id = "k" + secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        with self._uow() as uow:
            row = ApiKey(
                id=key_id,
                name=name.strip(),
                role=role.value,
                categories=categories,
                secret_sha256=_digest(secret),
                created_at=self._clock.now(),
                created_by=actor.id,
            )
            uow.session.add(row)
            uow.record(
                actor=actor.id,
                action="api_key.created",
                entity_type="api_key",
                entity_id=key_id,
                data={"role": role.value, "categories": categories},
            )
            uow.commit()
            return CreatedKey(_view(row), f"{PREFIX}{key_id}_{secret}")

    def authenticate(self, token: str) -> Actor:
        """The actor behind a bearer token; cached for two seconds so that revocation lands within that."""
        now = time.monotonic()
        cached = self._cache.get(token)
        if cached is not None and cached[1] > now:
            return cached[0]
        parts = token.split("_", 2) if token.startswith(PREFIX) else []
        if len(parts) != 3:
            raise Unauthenticated("give an API key as `Authorization: Bearer hogo_…`")
        _, key_id, secret = parts
        with self._uow(read_only=True) as uow:
            row = uow.session.get(ApiKey, key_id)
            if row is None or not hmac.compare_digest(row.secret_sha256, _digest(secret)):
                raise Unauthenticated("the API key is not valid")
            if row.revoked_at is not None:
                raise Unauthenticated("the API key was revoked")
            actor = actor_of(f"api-key:{row.id}", row.role, row.categories)
        if len(self._cache) > 10_000:
            self._cache.clear()
        self._cache[token] = (actor, now + CACHE_SECONDS)
        return actor

    def revoke(self, key_id: str, actor: Actor) -> ApiKeyView:
        actor.require(Permission.manage_keys)
        with self._uow() as uow:
            row = uow.session.get(ApiKey, key_id)
            if row is None:
                raise NotFound(f"API key {key_id} does not exist")
            if row.revoked_at is None:
                row.revoked_at = self._clock.now()
                uow.record(actor=actor.id, action="api_key.revoked", entity_type="api_key", entity_id=key_id)
                uow.commit()
            self._cache.clear()
            return _view(row)

    def keys(self, actor: Actor) -> list[ApiKeyView]:
        actor.require(Permission.manage_keys)
        with self._uow(read_only=True) as uow:
            return [_view(r) for r in uow.session.execute(select(ApiKey).order_by(ApiKey.created_at)).scalars()]


def _view(row: ApiKey) -> ApiKeyView:
    return ApiKeyView(row.id, row.name, Role(row.role), row.categories, row.created_by, row.revoked_at is not None)
