"""The banner's endpoints over HTTP on SQLite and PostgreSQL: CORS only for the ledger's sites, a choice stored once
(a replay, a tampered post, a retired banner version and a flood are refused with nothing stored), the visitor's
receipt, the portal's preferences without JavaScript, linking a visitor to a person, and the rates."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from hogo import bootstrap
from hogo.bootstrap import Container
from hogo.cli.main import app as cli_app
from hogo.clock import FixedClock
from hogo.identity.policy import Role, system_actor
from hogo.ledger.loader import load_ledger_text
from hogo.settings import Settings
from hogo.subjects.schemas import AcquisitionIn
from hogo.web.app import create_app

ROOT = Path(__file__).resolve().parents[2]
SITE = "https://www.azpocket.example"
EVIL = "https://evil.example"


def azpocket(extra: str = "") -> str:
    text = (ROOT / "examples" / "azpocket" / "ledger.yaml").read_text(encoding="utf-8")
    return text + f"\nweb_consent:\n  origins: [{SITE}]\n" + extra


@pytest.fixture
def site(container: Container) -> Container:
    container.ledger.apply(load_ledger_text(azpocket(), source="azpocket.yaml"), actor="test")
    return container


def rows(container: Container) -> list[Any]:
    with container.engine.connect() as connection:
        found = connection.execute(sa.text("SELECT visitor_id, action, choices FROM web_consents ORDER BY given_at"))
        return [(v, a, json.loads(c) if isinstance(c, str) else c) for v, a, c in found]


def signed(client: TestClient, action: str, choices: dict[str, bool] | None = None) -> dict[str, Any]:
    config = client.get("/api/v1/web-consent/config", headers={"Origin": SITE}).json()
    return {k: config[k] for k in ("visitor", "nonce", "expires", "token")} | {
        "banner": config["banner"],
        "action": action,
        "choices": choices or {},
    }


def choose(client: TestClient, action: str, choices: dict[str, bool] | None = None, **headers: str) -> Any:
    """Post a choice, then move the test's clock on a second (so that choices have an order)."""
    body = signed(client, action, choices)
    client.app.state.container.clock.advance(dt.timedelta(seconds=1))  # type: ignore[attr-defined]
    return body, client.post("/api/v1/web-consent/records", json=body, headers={"Origin": SITE, **headers})


def test_the_script_and_the_endpoints_answer_only_the_sites_the_ledger_names(site: Container) -> None:
    client = TestClient(create_app(site))
    script = client.get("/consent.js", headers={"Referer": SITE + "/shop/"})
    assert script.status_code == 200 and "globalPrivacyControl" in script.text
    assert script.headers["content-type"].startswith("text/javascript")
    assert client.get("/consent.js", headers={"Referer": EVIL + "/"}).status_code == 403
    allowed = client.get("/api/v1/web-consent/config", headers={"Origin": SITE})
    assert allowed.status_code == 200 and allowed.headers["access-control-allow-origin"] == SITE
    assert (
        allowed.json()["visitor"].startswith("v_") and allowed.json()["content"]["categories"][0]["id"] == "analytics"
    )
    refused = client.get("/api/v1/web-consent/config", headers={"Origin": EVIL})
    assert refused.status_code == 403 and "access-control-allow-origin" not in refused.headers
    preflight = client.options("/api/v1/web-consent/records", headers={"Origin": EVIL})
    assert preflight.status_code == 403
    body = signed(client, "accept_all")
    posted = client.post("/api/v1/web-consent/records", json=body, headers={"Origin": EVIL})
    assert posted.status_code == 403 and rows(site) == []


def test_a_choice_is_stored_once_and_a_replayed_or_tampered_post_stores_nothing(site: Container) -> None:
    client = TestClient(create_app(site))
    body, posted = choose(client, "custom", {"analytics": True})
    assert posted.status_code == 201, posted.text
    assert posted.json()["choices"] == {"analytics": True} and posted.json()["nonce"] != body["nonce"]
    replayed = client.post("/api/v1/web-consent/records", json=body, headers={"Origin": SITE})
    assert replayed.status_code == 409 and replayed.json()["title"] == "web-consent-replayed"
    tampered = dict(body, nonce="f" * 32)
    refused = client.post("/api/v1/web-consent/records", json=tampered, headers={"Origin": SITE})
    assert refused.status_code == 422 and refused.json()["title"] == "web-consent-rejected"
    assert rows(site) == [(body["visitor"], "custom", {"analytics": True})]


def test_gpc_from_the_browser_is_recorded_with_the_choice(site: Container) -> None:
    client = TestClient(create_app(site))
    _, posted = choose(client, "gpc", **{"Sec-GPC": "1"})
    assert posted.status_code == 201 and posted.json()["gpc"] is True
    assert posted.json()["choices"] == {"analytics": False}


def test_a_banner_version_the_ledger_no_longer_shows_is_refused(site: Container) -> None:
    client = TestClient(create_app(site))
    config = client.get("/api/v1/web-consent/config", headers={"Origin": SITE}).json()
    changed = azpocket().replace(
        "当社サイトの訪問者の利用状況を把握するため。", "当社サイトの利用状況を把握し広告に使うため。"
    )
    site.ledger.apply(load_ledger_text(changed, source="azpocket.yaml"), actor="test")
    body = {k: config[k] for k in ("visitor", "nonce", "expires", "token", "banner")} | {"action": "accept_all"}
    posted = client.post("/api/v1/web-consent/records", json=body, headers={"Origin": SITE})
    assert posted.status_code == 409 and posted.json()["title"] == "banner-version-retired"
    assert rows(site) == []
    assert client.get("/api/v1/web-consent/config", headers={"Origin": SITE}).json()["banner"] != config["banner"]


@pytest.fixture
def strict(database_url: str, clock: FixedClock, key_file: Path) -> Iterator[Container]:
    settings = Settings(database_url=database_url, key_file=key_file, web_consent_posts_per_minute=3)
    built = bootstrap.build(settings, clock)
    built.ledger.apply(load_ledger_text(azpocket(), source="azpocket.yaml"), actor="test")
    try:
        yield built
    finally:
        built.close()


def test_a_flood_from_one_address_is_refused_in_the_shared_store(strict: Container) -> None:
    client = TestClient(create_app(strict))
    statuses = [choose(client, "reject_all")[1].status_code for _ in range(5)]
    assert statuses == [201, 201, 201, 429, 429]
    assert len(rows(strict)) == 3
    with strict.engine.connect() as connection:
        counted = connection.execute(sa.text("SELECT count FROM rate_limits WHERE key LIKE 'web-consent:%'")).scalar()
    assert counted == 5


def test_the_receipt_the_portal_and_withdrawing_as_easily_as_giving(site: Container) -> None:
    client = TestClient(create_app(site))
    body, posted = choose(client, "accept_all")
    visitor, record = body["visitor"], posted.json()["id"]
    receipt = client.get(f"/api/v1/web-consent/records/{record}/receipt", params={"visitor": visitor})
    assert receipt.status_code == 200 and receipt.json()["consentReceiptID"] == record
    assert receipt.json()["services"][0]["purposes"][0]["allowed"] is True
    other = "v_" + "0" * 32
    assert client.get(f"/api/v1/web-consent/records/{record}/receipt", params={"visitor": other}).status_code == 404

    page = client.get("/portal/consent", params={"visitor": visitor})
    assert page.status_code == 200 and record in page.text and "Google Inc." in page.text
    assert "送信される情報" in page.text and "gaoptout" in page.text  # the external-transmission notice
    form = {
        name: page.text.split(f'name="{name}" value="')[1].split('"')[0]
        for name in ("visitor", "nonce", "expires", "token", "banner")
    }
    site.clock.advance(dt.timedelta(seconds=1))  # type: ignore[attr-defined]
    withdrawn = client.post("/portal/consent", data=form | {"action": "reject_all"}, follow_redirects=False)
    assert withdrawn.status_code == 303
    assert [r[1:] for r in rows(site)] == [("accept_all", {"analytics": True}), ("withdraw", {"analytics": False})]
    again = client.post("/portal/consent", data=form | {"action": "accept_all"})
    assert again.status_code == 409 and len(rows(site)) == 2  # the form's token was used
    english = client.get("/portal/external-transmission", params={"lang": "en"})
    assert english.status_code == 200 and "Information sent" in english.text


def test_linking_a_visitor_to_a_person_is_audited_and_rates_count_latest_choices(site: Container) -> None:
    actor = system_actor("test")
    token = site.identity.create_key("officer", Role.admin, None, actor).token
    client = TestClient(create_app(site), headers={"Authorization": f"Bearer {token}"})
    body, _ = choose(client, "accept_all")
    choose(client, "reject_all")
    person = site.subjects.acquire(
        AcquisitionIn(
            subject_kind="site-visitor",
            channel="website-access-log",
            values={"site-access-log": "192.0.2.1"},
            purposes=["site-analytics"],
        ),
        actor,
    ).person_id
    linked = client.post(f"/api/v1/web-consent/visitors/{body['visitor']}/link", json={"person_id": person})
    assert linked.status_code == 204, linked.text
    assert [e.action for e in site.audit.events(action_prefix="consent.web_linked")] == ["consent.web_linked"]
    rates = client.get("/api/v1/web-consent/rates").json()
    assert [(r["category"], r["allowed"], r["total"]) for r in rates] == [("analytics", 1, 2)]


def test_the_console_charts_the_rate_per_category_and_version(site: Container) -> None:
    actor = system_actor("test")
    site.operators.create("kimura", "木村 管理者", Role.officer, None, "a long officer password", actor)
    client = TestClient(create_app(site))
    for action in ("accept_all", "reject_all", "accept_all", "accept_all"):
        assert choose(client, action)[1].status_code == 201
    page = client.get("/console/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf is not None
    form = {"login": "kimura", "password": "a long officer password", "csrf": csrf.group(1)}
    assert "/console/web-consents" in client.post("/console/login", data=form).text
    shown = client.get("/console/web-consents")
    assert shown.status_code == 200
    bar = re.search(r'<g class="bar" data-category="analytics" data-version="(wb_\w+)">.*?</g>', shown.text, re.S)
    assert bar is not None and "75%" in bar.group(0)
    assert 'width="270"' in bar.group(0)  # three in four of the 360-pixel bar
    assert "<script" not in shown.text and "http://" not in shown.text.replace("http://www.w3.org/2000/svg", "")


def test_hogo_consents_export_and_rates(site: Container, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    client = TestClient(create_app(site))
    first, _ = choose(client, "accept_all")
    choose(client, "gpc", **{"Sec-GPC": "1"})
    monkeypatch.setenv("HOGO_DATABASE_URL", site.settings.database_url)
    monkeypatch.setenv("HOGO_KEY_FILE", str(site.settings.key_file))
    runner = CliRunner()
    lines = runner.invoke(cli_app, ["consents", "export"])
    assert lines.exit_code == 0, lines.output
    exported = [json.loads(line) for line in lines.output.splitlines() if line.startswith("{")]
    assert (exported[0]["visitor_id"], exported[0]["action"], exported[0]["gpc"]) == (
        first["visitor"],
        "accept_all",
        False,
    )
    assert [e["action"] for e in exported] == ["accept_all", "gpc"] and exported[1]["choices"] == {"analytics": False}
    target = tmp_path / "choices.csv"
    written = runner.invoke(cli_app, ["consents", "export", "--format", "csv", "--output", str(target)])
    assert written.exit_code == 0 and "2 choices written" in written.output
    assert target.read_text(encoding="utf-8").splitlines()[0].startswith("id,visitor_id,banner_version")
    rates = runner.invoke(cli_app, ["consents", "rates"])
    assert rates.exit_code == 0 and "analytics" in rates.output and "1 / 2" in rates.output


def test_posts_waiting_together_are_written_once_each_and_counted_per_address(strict: Container) -> None:
    """Whatever the groups the writer forms: one stored row per nonce (a second post of it is a replay), and at
    most the limit (3) from each client address; the refused ones store nothing."""
    service = strict.web_consents
    config = service.config(None, SITE)
    posted = []
    for n in range(12):
        token = service.token(config["visitor"])
        body = {"visitor": config["visitor"], "banner": config["banner"], "action": "accept_all", **token}
        posted.append((service.prepare(body, origin=SITE, gpc=False)[0], f"192.0.2.{n % 2}"))
    twice = posted[0][0] | {"id": "wc_" + "0" * 24}
    futures = [service.writer.submit(row, client) for row, client in [*posted, (twice, "192.0.2.9")]]
    outcomes = [f.result(timeout=30) for f in futures]
    assert outcomes[:12].count("stored") == 6 and outcomes[:12].count("limited") == 6
    assert [outcomes[i] for i in (0, 1, 2, 3, 4, 5)] == ["stored"] * 6  # the first three of each address
    assert outcomes[12] == "replayed"  # the first post's nonce, posted again from elsewhere
    assert len(rows(strict)) == 6
