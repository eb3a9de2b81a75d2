"""FastAPI dependencies: the container built by the composition root, reached through the app state."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from hogo.bootstrap import Container
from hogo.ledger.service import LedgerService


def get_container(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


def get_ledger_service(container: Annotated[Container, Depends(get_container)]) -> LedgerService:
    return container.ledger


LedgerServiceDep = Annotated[LedgerService, Depends(get_ledger_service)]
