"""Console operators on a real store: passwords as argon2 hashes, lockout, sessions, and their audit events."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from hogo.bootstrap import Container
from hogo.clock import FixedClock
from hogo.errors import Conflict, Forbidden, InvalidInput, Unauthenticated
from hogo.identity.models import Operator
from hogo.identity.operators import LOCK_AFTER
from hogo.identity.policy import Actor, Role

PASSWORD = "correct horse battery"


def desk(container: Container, admin: Actor, login: str = "sato") -> None:
    container.operators.create(login, "佐藤 窓口", Role.desk, ["identity", "contact"], PASSWORD, admin)


def test_sign_in_gives_a_session_that_acts_as_the_operator(container: Container, admin: Actor) -> None:
    desk(container, admin)
    signed = container.operators.sign_in("Sato", PASSWORD)
    user = container.operators.user(signed.token)
    assert (user.operator.login, user.actor.role, user.actor.categories) == (
        "sato",
        Role.desk,
        frozenset({"identity", "contact"}),
    )
    assert user.csrf == signed.user.csrf and len(user.csrf) >= 40
    with container.uow() as uow:
        stored = uow.session.execute(select(Operator.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    container.operators.sign_out(signed.token)
    with pytest.raises(Unauthenticated):
        container.operators.user(signed.token)
    actions = [e.action for e in container.audit.events(action_prefix="operator.")]
    assert actions == ["operator.signed_out", "operator.signed_in", "operator.created"]


def test_wrong_passwords_lock_the_login_for_a_while(container: Container, admin: Actor, clock: FixedClock) -> None:
    desk(container, admin)
    for _ in range(LOCK_AFTER):
        with pytest.raises(Unauthenticated):
            container.operators.sign_in("sato", "not the password")
    with pytest.raises(Unauthenticated) as locked:
        container.operators.sign_in("sato", PASSWORD)  # right password, but locked
    with pytest.raises(Unauthenticated) as unknown:
        container.operators.sign_in("nobody", PASSWORD)
    assert locked.value.message == unknown.value.message  # the answer does not tell which logins exist
    failed = container.audit.events(action_prefix="operator.sign_in_failed")
    assert [e.data["locked"] for e in failed] == [True, False, False, False, False]
    clock.advance(dt.timedelta(minutes=16))
    assert container.operators.sign_in("sato", PASSWORD).user.operator.login == "sato"


def test_sessions_end_by_time_new_password_or_disabling(container: Container, admin: Actor, clock: FixedClock) -> None:
    desk(container, admin)
    first = container.operators.sign_in("sato", PASSWORD)
    clock.advance(dt.timedelta(hours=8, seconds=1))
    with pytest.raises(Unauthenticated):
        container.operators.user(first.token)
    second = container.operators.sign_in("sato", PASSWORD)
    container.operators.set_password("sato", "another long password", admin)
    with pytest.raises(Unauthenticated):
        container.operators.user(second.token)
    third = container.operators.sign_in("sato", "another long password")
    container.operators.disable("sato", admin)
    with pytest.raises(Unauthenticated):
        container.operators.user(third.token)
    with pytest.raises(Unauthenticated):
        container.operators.sign_in("sato", "another long password")


def test_bad_operators_are_refused(container: Container, admin: Actor) -> None:
    desk(container, admin)
    with pytest.raises(Conflict):
        desk(container, admin)
    with pytest.raises(InvalidInput):
        container.operators.create("ito", "伊藤", Role.desk, None, "short", admin)
    with pytest.raises(InvalidInput):
        container.operators.create("Not a login!", "伊藤", Role.desk, None, PASSWORD, admin)
    with pytest.raises(InvalidInput):
        container.operators.create("ito", "伊藤", Role.desk, ["no-such-category"], PASSWORD, admin)
    with pytest.raises(Forbidden):
        container.operators.create("ito", "伊藤", Role.desk, None, PASSWORD, Actor("k", Role.application))
