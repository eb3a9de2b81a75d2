"""The registry of periodic jobs: each a name, an interval, what it does (ja/en), and a body.

A body is `run(container, due_at) -> JobResult`: idempotent (a due time whose worker died is run again),
one unit of work per transaction through the services, and it returns counts and opaque ids only — never
personal data, which would end up in the audit trail. `due_at` is the due time the run serves (for a run by
hand, the moment it was asked for); what is due is still judged by the container's clock.

To add a job, write its body in a module of its own in this package and add one line to
`catalogue.default_registry()`:

    Job("kebab-case-name", dt.timedelta(hours=1), ja="…を行う", en="Does …", run=module.run)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from hogo.bootstrap import Container
from hogo.errors import InvalidInput, NotFound
from hogo.schedule.schemas import JobResult, JobSpec

JobBody = Callable[[Container, dt.datetime], JobResult]
DEFAULT_LEASE = dt.timedelta(minutes=10)
"""How long a worker holds a job it claimed; a worker that dies mid-run delays the rerun by at most this."""


class UnknownJob(NotFound):
    code = "unknown-job"


@dataclass(frozen=True)
class Job:
    name: str
    every: dt.timedelta
    ja: str
    en: str
    run: JobBody
    lease: dt.timedelta = DEFAULT_LEASE
    """Longer than any run of the job: a run that outlasts its lease may be started again by another worker."""

    def __post_init__(self) -> None:
        self.spec  # noqa: B018  (validates the name, the interval and the descriptions)
        if self.lease < dt.timedelta(seconds=1):
            raise InvalidInput(f"job {self.name}: a lease of at least a second")

    @property
    def spec(self) -> JobSpec:
        return JobSpec(self.name, self.every, self.ja, self.en)


class Registry:
    """The jobs one process runs, by name."""

    def __init__(self, jobs: Iterable[Job] = ()) -> None:
        self._jobs: dict[str, Job] = {}
        for job in jobs:
            self.add(job)

    def add(self, job: Job) -> Job:
        if job.name in self._jobs:
            raise InvalidInput(f"a job named {job.name} is registered already")
        self._jobs[job.name] = job
        return job

    def get(self, name: str) -> Job:
        found = self._jobs.get(name)
        if found is None:
            raise UnknownJob(f"no job named {name!r}; the jobs are: {', '.join(self.names()) or 'none'}")
        return found

    def names(self) -> list[str]:
        return sorted(self._jobs)

    def specs(self) -> list[JobSpec]:
        return [self._jobs[name].spec for name in self.names()]

    def __iter__(self) -> Iterator[Job]:
        return iter(self._jobs[name] for name in self.names())
