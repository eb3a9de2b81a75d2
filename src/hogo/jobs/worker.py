"""The jobs worker: a thread in each `hogo serve` / `hogo demo` process that runs the due jobs.

Any number of these may run on one store: the schedule's claim lets one worker run each due time
(ADR 0014). The thread looks every `jobs_poll_seconds`; `stop()` lets the job that is running finish
and returns once the thread has ended.
"""

from __future__ import annotations

import logging
import threading

from hogo.bootstrap import Container
from hogo.jobs.registry import Registry
from hogo.jobs.runner import run_due, worker_id
from hogo.schedule.policy import error_summary

log = logging.getLogger(__name__)


class Worker:
    def __init__(
        self, container: Container, registry: Registry, *, poll_seconds: float | None = None, owner: str | None = None
    ) -> None:
        self._container = container
        self._registry = registry
        self._poll = poll_seconds if poll_seconds is not None else container.settings.jobs_poll_seconds
        self._owner = owner or worker_id()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("the jobs worker was started already")
        self._thread = threading.Thread(target=self._loop, name="hogo-jobs", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 60.0) -> None:
        """Ask the thread to stop after the job it is running, and wait for it."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("the jobs worker did not stop within %.0f s; its lease will run out", timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _loop(self) -> None:
        registered = False
        while not self._stop.is_set():
            try:
                if not registered:
                    self._container.schedule.register(self._registry.specs())
                    registered = True
                run_due(self._container, self._registry, self._owner, stop=self._stop)
            except Exception as exc:  # the store is away, say: try again at the next poll
                log.error("the jobs worker could not run the due jobs: %s: %s", *error_summary(exc))
            self._stop.wait(self._poll)
