"""FastAPI dependencies: the container built by the composition root, and the actor behind the API key."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from hogo.bootstrap import Container
from hogo.errors import Unauthenticated
from hogo.identity.policy import Actor
from hogo.ledger.service import LedgerService


async def get_container(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


async def get_ledger_service(container: Annotated[Container, Depends(get_container)]) -> LedgerService:
    return container.ledger


LedgerServiceDep = Annotated[LedgerService, Depends(get_ledger_service)]
ContainerDep = Annotated[Container, Depends(get_container)]

bearer = HTTPBearer(auto_error=False, description="an API key: `Authorization: Bearer hogo_…` (`hogo apikey create`)")


async def get_actor(
    container: ContainerDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> Actor:
    """Async: a cached key is a dictionary lookup, not worth a thread hop (a miss reads one row, every 2 s)."""
    if credentials is None:
        raise Unauthenticated("give an API key as `Authorization: Bearer hogo_…`")
    return container.identity.authenticate(credentials.credentials)


ActorDep = Annotated[Actor, Depends(get_actor)]

RowNumber = Annotated[int, Path(ge=1, le=2**63 - 1, description="a row number (a 64-bit integer)")]
"""A numeric id in a path: beyond 64 bits it is a 422, not an overflow in the database driver."""
