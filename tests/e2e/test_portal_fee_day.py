"""The portal shows the fees in force on today's date in Japan (JST), not in UTC: between 00:00 and 09:00 JST
the UTC date is still yesterday's. The console's default check date is the JST date too."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from fastapi.testclient import TestClient

from hogo.bootstrap import Container
from hogo.clock import FixedClock
from hogo.identity.policy import Role, system_actor
from hogo.web.app import create_app

UTC = dt.UTC


@pytest.mark.parametrize(
    ("instant", "ja", "en"),
    [
        (dt.datetime(2026, 11, 20, 14, 59, tzinfo=UTC), "2026年11月20日現在", "as of November 20, 2026"),  # 23:59 JST
        (dt.datetime(2026, 11, 20, 15, 0, tzinfo=UTC), "2026年11月21日現在", "as of November 21, 2026"),  # 00:00 JST
        (dt.datetime(2026, 11, 20, 15, 30, tzinfo=UTC), "2026年11月21日現在", "as of November 21, 2026"),  # 00:30 JST
        (dt.datetime(2026, 11, 20, 23, 59, tzinfo=UTC), "2026年11月21日現在", "as of November 21, 2026"),  # 08:59 JST
        (dt.datetime(2026, 11, 21, 0, 0, tzinfo=UTC), "2026年11月21日現在", "as of November 21, 2026"),  # 09:00 JST
    ],
)
def test_the_portal_fees_are_those_of_the_day_in_japan(
    vault: Container, clock: FixedClock, instant: dt.datetime, ja: str, en: str
) -> None:
    clock.advance(instant - clock.now())
    client = TestClient(create_app(vault))
    page = client.get("/portal/requests")
    assert page.status_code == 200 and ja in page.text and "500" in page.text
    assert en in client.get("/portal/requests?lang=en").text


def test_the_console_check_date_defaults_to_the_day_in_japan(vault: Container, clock: FixedClock) -> None:
    clock.advance(dt.datetime(2026, 11, 20, 15, 30, tzinfo=UTC) - clock.now())  # 00:30 JST on the 21st
    vault.operators.create("ito", "伊藤 責任者", Role.officer, None, "a long officer password", system_actor("t"))
    client = TestClient(create_app(vault))
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/console/login").text)
    assert csrf is not None
    client.post("/console/login", data={"login": "ito", "password": "a long officer password", "csrf": csrf[1]})
    page = client.get("/console/provisions")
    assert page.status_code == 200 and 'name="checked_on" type="date" value="2026-11-21"' in page.text
