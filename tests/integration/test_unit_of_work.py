"""Units of work: one writing unit per thread at a time (a second would wait for the first on SQLite); reads
inside a writing one use their own read-only unit."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from hogo.bootstrap import Container


def test_a_second_writing_unit_in_the_same_thread_is_refused_at_once(container: Container) -> None:
    with container.uow() as outer:
        outer.session.execute(text("SELECT 1"))
        with pytest.raises(RuntimeError, match="already open in this thread"), container.uow():
            pass
        with container.uow(read_only=True) as reader:  # reading beside it is fine
            assert reader.session.execute(text("SELECT 1")).scalar() == 1
    with container.uow() as again:  # closed: the thread may open the next one
        assert again.session.execute(text("SELECT 1")).scalar() == 1


def test_other_threads_open_their_own(container: Container) -> None:
    seen: list[int] = []

    def other() -> None:
        with container.uow() as uow:
            seen.append(uow.session.execute(text("SELECT 2")).scalar_one())

    with container.uow():
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
    assert seen == [2]
