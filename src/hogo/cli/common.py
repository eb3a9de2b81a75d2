"""What every CLI command shares: building the container and turning domain errors into exit codes."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

import typer

from hogo import bootstrap
from hogo.errors import DomainError

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def container(*, migrate: bool = True) -> Iterator[bootstrap.Container]:
    built = bootstrap.build()
    try:
        if migrate:
            bootstrap.ensure_schema(built)
        yield built
    finally:
        built.close()


def handle_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Print a domain error as one line on stderr (`error[code]: message`) and exit 1."""

    @wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except DomainError as exc:
            print(f"error[{exc.code}]: {exc.message}", file=sys.stderr)
            raise typer.Exit(1) from None

    return wrapper


def err(message: str) -> None:
    print(message, file=sys.stderr)
