"""Overdue periodic checks (Rule 18) and entrustee supervisions (Art. 25): noticed once per due date, on both
stores, by `OverdueChecks.notice` and by the `periodic-checks-overdue` job."""

from __future__ import annotations

import datetime as dt

from hogo.bootstrap import Container
from hogo.clock import FixedClock
from hogo.identity.policy import Actor
from hogo.jobs.catalogue import default_registry
from hogo.jobs.runner import run_now
from hogo.provision.overdue import OverdueCheck
from hogo.provision.schemas import CheckIn, Register


def move_to(clock: FixedClock, day: dt.date) -> None:
    clock.advance(dt.datetime(day.year, day.month, day.day, 1, tzinfo=dt.UTC) - clock.now())


def noticed(container: Container) -> list[tuple[str, str]]:
    return [
        (e.entity_id, str(e.data["due_on"])) for e in container.audit.events(action_prefix="provision.check_overdue")
    ]


def test_each_overdue_check_is_noticed_once_per_due_date(
    provisioning: Container, clock: FixedClock, admin: Actor
) -> None:
    container = provisioning
    assert container.overdue_checks.notice(admin) == []  # us-cloud checked 2026-03-01, delivery 2026-06-01
    move_to(clock, dt.date(2027, 3, 10))
    us_cloud = OverdueCheck("foreign", "us-cloud", dt.date(2026, 3, 1), dt.date(2027, 3, 1), noticed_now=True)
    assert container.overdue_checks.notice(admin) == [us_cloud]
    again = OverdueCheck("foreign", "us-cloud", dt.date(2026, 3, 1), dt.date(2027, 3, 1), noticed_now=False)
    assert container.overdue_checks.notice(admin) == [again]
    assert noticed(container) == [("us-cloud", "2027-03-01")]
    move_to(clock, dt.date(2027, 6, 10))
    found = container.overdue_checks.notice(admin)
    assert [(f.register, f.recipient, f.due_on, f.noticed_now) for f in found] == [
        ("entrustee", "delivery", dt.date(2027, 6, 1), True),
        ("foreign", "us-cloud", dt.date(2027, 3, 1), False),
    ]
    container.provision.record_check(
        CheckIn(kind=Register.foreign, recipient="us-cloud", checked_on=dt.date(2027, 6, 10), passed=True), admin
    )
    assert [f.recipient for f in container.overdue_checks.notice(admin)] == ["delivery"]
    move_to(clock, dt.date(2028, 6, 20))  # a year after the new check: overdue again, for a new due date
    assert [(f.recipient, f.noticed_now) for f in container.overdue_checks.notice(admin)] == [
        ("delivery", False),
        ("us-cloud", True),
    ]
    assert noticed(container) == [
        ("us-cloud", "2028-06-09"),  # 365 days after the check (2028 is a leap year)
        ("delivery", "2027-06-01"),
        ("us-cloud", "2027-03-01"),
    ]


def test_the_job_reports_what_it_noticed(provisioning: Container, clock: FixedClock) -> None:
    jobs = default_registry()
    provisioning.schedule.register(jobs.specs())
    move_to(clock, dt.date(2027, 6, 10))
    finished = run_now(provisioning, jobs, "periodic-checks-overdue", "test")
    assert finished.result is not None
    assert (finished.result.changed, dict(finished.result.counts)) == (2, {"overdue": 2, "noticed": 2})
    assert finished.result.ids == ("entrustee:delivery", "foreign:us-cloud")
    [ran] = provisioning.audit.events(action_prefix="job.ran")
    assert ran.entity_id == "periodic-checks-overdue" and ran.data["ids"] == ["entrustee:delivery", "foreign:us-cloud"]
    again = run_now(provisioning, jobs, "periodic-checks-overdue", "test")
    assert again.result is not None and again.result.changed == 0
    assert len(provisioning.audit.events(action_prefix="job.ran")) == 1  # nothing new: no event


def test_without_a_ledger_nothing_is_overdue(container: Container, admin: Actor) -> None:
    assert container.overdue_checks.notice(admin) == []
