"""Retention clocks, events, holds and the sweep on hogo's store (SQLite and PostgreSQL): what is disposed of, what
a hold keeps, what the audit trail shows, and that an interrupted sweep resumes without disposing twice."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

from hogo.bootstrap import Container
from hogo.clock import FixedClock
from hogo.errors import Conflict, Forbidden, InvalidInput
from hogo.identity.policy import Actor, Role
from hogo.ledger.loader import load_ledger_text
from hogo.usage.policy import Reason
from retention_support import applicant, customer, employee, retention_ledger

YEAR = dt.timedelta(days=366)


def _erased(c: Container, person: str) -> bool:
    with c.uow(read_only=True) as uow:
        return c.subjects.person_ref(uow.session, person).erased


def _records(c: Container, person: str, admin: Actor) -> list[str]:
    return sorted(r.item for r in c.subjects.person(person, admin).records)


def test_an_event_starts_the_clock_and_the_sweep_disposes_when_it_ends(
    kept: Container, clock: FixedClock, admin: Actor
) -> None:
    ended, staying = customer(kept, admin, 1), customer(kept, admin, 2)
    event = kept.retention.service.record_event(ended, "contract-ended", admin, reference="契約 C-1")
    assert event.trigger == "contract_end"
    assert kept.retention.service.preview(admin).rules[0].due_persons == 0
    assert kept.retention.sweeps.run(admin).sweeps == []  # nothing due yet: no sweep at all

    clock.advance(YEAR)
    assert kept.usage.check_use(ended, ["name"], "service", admin).reason is Reason.retention_expired
    preview = kept.retention.service.preview(admin)
    rule = next(r for r in preview.rules if r.rule == "customer-data")
    assert (rule.due_persons, rule.due_records, rule.method) == (1, 2, "crypto_shred")

    result = kept.retention.sweeps.run(admin)
    [sweep] = result.sweeps
    assert sweep.status == "completed" and sweep.counts["done"] == 1 and sweep.counts["vault_records"] == 2
    assert _erased(kept, ended) and not _erased(kept, staying)
    assert _records(kept, staying, admin) == ["email", "name"]
    [disposal] = kept.retention.service.disposals(admin, sweep_id=sweep.id)
    assert (disposal.rule, disposal.status, disposal.vault_records, disposal.shredded) == (
        "customer-data",
        "done",
        2,
        True,
    )
    events = kept.audit.events(action_prefix="retention.", limit=20)
    disposed = [e for e in events if e.action == "retention.disposed"]
    assert [e.entity_id for e in disposed] == [ended]
    assert disposed[0].data == {
        "sweep": sweep.id,
        "rule": "customer-data",
        "items": ["name", "email", "phone", "postal-code"],
        "method": "crypto_shred",
        "records": 2,
    }
    assert "顧客" not in str([e.data for e in events]) and "customer1@" not in str([e.data for e in events])
    assert kept.audit.verify().broken is None

    again = kept.retention.sweeps.run(admin)  # a second run does nothing
    assert again.sweeps == [] and len(kept.retention.service.sweeps(admin)) == 1


def test_a_reversal_stops_the_clock_before_the_sweep_and_is_refused_after(
    kept: Container, clock: FixedClock, admin: Actor
) -> None:
    wrong, right = customer(kept, admin, 1), customer(kept, admin, 2)
    mistaken = kept.retention.service.record_event(wrong, "contract-ended", admin)
    kept.retention.service.record_event(right, "contract_end", admin)
    with pytest.raises(InvalidInput, match="reason"):
        kept.retention.service.reverse_event(mistaken.id, " ", admin)
    reversed_ = kept.retention.service.reverse_event(mistaken.id, "別の顧客に記録した", admin)
    assert reversed_.reversed_by == admin.id
    with pytest.raises(Conflict, match="reversed"):
        kept.retention.service.reverse_event(mistaken.id, "again", admin)
    clock.advance(YEAR)
    assert kept.usage.check_use(wrong, ["name"], "service", admin).allowed  # the clock was stopped
    kept.retention.sweeps.run(admin)
    assert not _erased(kept, wrong) and _erased(kept, right)
    late = next(e for e in kept.retention.service.events(admin) if e.person_id == right)
    with pytest.raises(Conflict, match="already disposed") as refused:
        kept.retention.service.reverse_event(late.id, "wrong person", admin)
    assert "rs_" in refused.value.message
    actions = [e.action for e in kept.audit.events(action_prefix="retention.event", limit=10)]
    assert actions.count("retention.event_reversed") == 1 and actions.count("retention.event_recorded") == 2


def test_an_event_no_rule_uses_and_an_unknown_event_are_refused(kept: Container, admin: Actor) -> None:
    person = customer(kept, admin, 1)
    with pytest.raises(InvalidInput, match="no retention rule"):
        kept.retention.service.record_event(person, "employment-ended", admin)
    with pytest.raises(InvalidInput, match="unknown event"):
        kept.retention.service.record_event(person, "went-away", admin)
    assert kept.retention.service.events(admin) == []


def test_the_ledgers_statutory_hold_keeps_until_its_end(kept: Container, clock: FixedClock, admin: Actor) -> None:
    worker = employee(kept, admin, 1)
    kept.retention.service.record_event(worker, "employment-ended", admin)
    clock.advance(YEAR)
    rule = next(r for r in kept.retention.service.preview(admin).rules if r.rule == "employee-data")
    assert (rule.due_persons, rule.held_persons) == (0, 1)
    [(statute, until)] = rule.holds.items()
    assert statute == "労働基準法第109条" and until is not None and until.startswith("2031-")
    assert kept.retention.sweeps.run(admin).sweeps == []
    assert _records(kept, worker, admin) == ["name"]
    clock.advance(4 * YEAR)
    kept.retention.sweeps.run(admin)
    assert _erased(kept, worker)


def test_a_hold_set_after_planning_is_honoured_by_the_disposing_transaction(
    kept: Container, clock: FixedClock, admin: Actor
) -> None:
    people = [applicant(kept, admin, n) for n in range(3)]
    clock.advance(dt.timedelta(days=31))
    officer = Actor("officer-sato", Role.officer)
    held: list[str] = []

    def hold_the_rest(settled: int, total: int) -> None:
        if held:
            return
        waiting = kept.retention.service.disposals(officer, status="planned")
        held.extend(d.person_id for d in waiting)
        for person in held:
            kept.retention.service.set_hold("litigation", officer, person_id=person, reason="訴訟 2027(ワ)第1号")

    result = kept.retention.sweeps.run(officer, batch=1, progress=hold_the_rest)
    [sweep] = result.sweeps
    assert len(held) == 2 and sweep.counts["done"] == 1 and sweep.counts["held"] == 2
    assert sweep.status == "completed"
    for person in people:
        assert bool(_records(kept, person, admin)) == (person in held)
    statuses = {d.person_id: (d.status, d.holds) for d in kept.retention.service.disposals(admin)}
    assert all(statuses[p][0] == "held" and statuses[p][1][0]["kind"] == "litigation" for p in held)
    preview = next(r for r in kept.retention.service.preview(admin).rules if r.rule == "applicant-data")
    assert preview.held_persons == 2 and "訴訟ホールド / litigation hold" in preview.holds
    for hold in kept.retention.service.holds(admin):
        kept.retention.service.release_hold(hold.id, officer)
    kept.retention.sweeps.run(officer)
    assert all(_erased(kept, p) for p in people)


def test_holds_are_typed_and_only_the_officer_sets_them(kept: Container, admin: Actor) -> None:
    desk = Actor("desk-1", Role.desk)
    with pytest.raises(Forbidden, match="may not manage retention"):
        kept.retention.service.set_hold("litigation", desk, reason="x")
    with pytest.raises(InvalidInput, match="statute"):
        kept.retention.service.set_hold("statute", admin)
    with pytest.raises(InvalidInput, match="not items"):
        kept.retention.service.set_hold("statute", admin, statute="法人税法第126条", items=["invoice"])
    hold = kept.retention.service.set_hold(
        "statute", admin, statute="法人税法第126条", items=["name"], ends_on=dt.date(2033, 3, 31)
    )
    assert (hold.kind, hold.ends_on, hold.items) == ("statute", dt.date(2033, 3, 31), ["name"])


class Crash(RuntimeError):
    pass


def test_an_interrupted_sweep_resumes_without_disposing_twice_or_skipping(
    kept: Container, clock: FixedClock, admin: Actor
) -> None:
    people = [applicant(kept, admin, n) for n in range(5)]
    clock.advance(dt.timedelta(days=31))

    def die(settled: int, total: int) -> None:
        raise Crash  # the process dies after the first batch committed

    with pytest.raises(Crash):
        kept.retention.sweeps.run(admin, batch=2, progress=die)
    [sweep] = kept.retention.service.sweeps(admin)
    assert sweep.status == "running"
    statuses = sorted(d.status for d in kept.retention.service.disposals(admin))
    assert statuses == ["done", "done", "planned", "planned", "planned"]
    preview = next(r for r in kept.retention.service.preview(admin).rules if r.rule == "applicant-data")
    assert preview.in_progress == 3

    result = kept.retention.sweeps.run(admin, batch=2)
    assert [s.id for s in result.sweeps] == [sweep.id]  # resumed; nothing new planned
    assert result.sweeps[0].status == "completed" and result.sweeps[0].counts["done"] == 5
    assert all(_erased(kept, p) for p in people)
    disposed = [e.entity_id for e in kept.audit.events(action_prefix="retention.disposed", limit=50)]
    assert sorted(disposed) == sorted(people)  # each once
    assert sum(d.vault_records for d in kept.retention.service.disposals(admin)) == 15


def test_a_shorter_period_shows_in_the_preview_before_it_applies(
    kept: Container, clock: FixedClock, admin: Actor
) -> None:
    person = applicant(kept, admin, 1)
    clock.advance(dt.timedelta(days=10))
    loaded = load_ledger_text(retention_ledger(**{"period: 30d": "period: 7d"}), source="draft.yaml")
    draft = loaded.ledger
    assert draft is not None
    now = next(r for r in kept.retention.service.preview(admin).rules if r.rule == "applicant-data")
    then = next(r for r in kept.retention.service.preview(admin, ledger=draft).rules if r.rule == "applicant-data")
    assert (now.due_persons, then.due_persons, then.period) == (0, 1, "7d")
    assert kept.retention.sweeps.run(admin).sweeps == []  # the draft changed nothing
    kept.ledger.apply(loaded, actor="test")
    kept.retention.sweeps.run(admin)
    assert _erased(kept, person)


def test_anonymisation_is_reported_pending_and_nothing_is_touched(
    container: Container, clock: FixedClock, admin: Actor
) -> None:
    text = retention_ledger(
        **{"period: 30d\n    starts: acquisition": "period: 30d\n    starts: acquisition\n    disposal: anonymise"}
    )
    container.ledger.apply(load_ledger_text(text, source="vault.yaml"), actor="test")
    person = applicant(container, admin, 1)
    clock.advance(dt.timedelta(days=31))
    rule = next(r for r in container.retention.service.preview(admin).rules if r.rule == "applicant-data")
    assert rule.pending_persons == 1 and rule.pending_reason is not None and "pending" in rule.pending_reason
    result = container.retention.sweeps.run(admin)
    assert result.sweeps == [] and result.pending == 1
    assert _records(container, person, admin) == ["email", "entry-sheet", "name"]


KILLED_SWEEP = """
import datetime as dt, os, signal
from hogo import bootstrap
from hogo.identity.policy import system_actor

c = bootstrap.build()
def die(settled, total):
    os.kill(os.getpid(), signal.SIGKILL)  # no cleanup, no finally: after the first batch committed
c.retention.sweeps.run(system_actor("cron"), as_of=dt.datetime(2027, 1, 1, tzinfo=dt.UTC), batch=2, progress=die)
"""


def test_a_sweep_killed_with_sigkill_resumes_without_disposing_twice(kept: Container, admin: Actor) -> None:
    people = [applicant(kept, admin, n) for n in range(5)]
    env = {
        **os.environ,
        "HOGO_DATABASE_URL": kept.settings.database_url,
        "HOGO_KEY_FILE": str(kept.settings.key_file),
    }
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_SWEEP], check=False, env=env, capture_output=True, timeout=120
    )
    assert killed.returncode == -9, killed.stderr.decode()
    assert sorted(d.status for d in kept.retention.service.disposals(admin)) == [
        "done",
        "done",
        "planned",
        "planned",
        "planned",
    ]
    [resumed] = kept.retention.sweeps.run(admin).sweeps
    assert resumed.status == "completed" and resumed.counts["done"] == 5
    assert all(_erased(kept, p) for p in people)
    disposed = [e.entity_id for e in kept.audit.events(action_prefix="retention.disposed", limit=50)]
    assert sorted(disposed) == sorted(people)
    assert kept.audit.verify().broken is None
