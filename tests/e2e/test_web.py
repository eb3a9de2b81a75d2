"""The API and the portal over a real store: the ledger in force, versions, the notice, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hogo.bootstrap import Container
from hogo.clock import FixedClock
from hogo.ledger.loader import load_ledger_text
from hogo.web.app import create_app


def test_no_ledger_yet_is_a_404_problem(container: Container) -> None:
    client = TestClient(create_app(container))
    response = client.get("/api/v1/ledger")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["title"] == "no-ledger"


def test_ledger_versions_and_notice(container: Container, minimal_yaml: str) -> None:
    container.ledger.apply(load_ledger_text(minimal_yaml, source="m.yaml"), actor="officer")
    client = TestClient(create_app(container))
    body = client.get("/api/v1/ledger").json()
    assert body["version"] == 1 and body["operator"] == {"ja": "株式会社サンプル", "en": "Sample K.K."}
    purposes = next(s for s in body["notice"]["en"]["sections"] if s["key"] == "purposes")
    assert "To deliver the products you order" in str(purposes["blocks"])
    assert [v["version"] for v in client.get("/api/v1/ledger/versions").json()] == [1]
    assert client.get("/api/v1/ledger/versions/7").status_code == 404

    home = client.get("/")
    assert home.status_code == 200 and str(home.url).endswith("/portal/")  # the person's landing page
    assert "株式会社サンプル" in home.text and 'href="/portal/privacy?lang=ja"' in home.text
    assert 'href="/portal/requests?lang=ja"' in home.text
    assert "Sample K.K." in client.get("/portal/", params={"lang": "en"}).text
    ja = client.get("/portal/privacy")
    assert ja.status_code == 200 and '<html lang="ja">' in ja.text and "ご注文の商品をお届けするため" in ja.text
    en = client.get("/api/v1/notice", params={"lang": "en", "format": "md"})
    assert en.headers["content-type"].startswith("text/markdown") and "To deliver the products you order" in en.text
    assert client.get("/api/v1/notice", params={"lang": "fr"}).status_code == 422
    assert client.get("/docs").status_code == 200


def test_demo_sets_up_without_serving(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FixedClock) -> None:
    from typer.testing import CliRunner

    from hogo.cli.main import app

    runner = CliRunner()
    first = runner.invoke(app, ["demo", "--directory", str(tmp_path / "hogo-demo"), "--no-serve"], obj=clock)
    assert first.exit_code == 0, first.output
    keyring = json.loads((tmp_path / "hogo-demo" / "hogo-keys.json").read_text())
    assert keyring["created"] == {keyring["active"]: clock.now().isoformat()}  # the container's clock, not the wall's
    assert "ledger version 1 applied" in first.stdout and "/portal/privacy" in first.stdout
    published = tmp_path / "hogo-demo" / "published"
    assert "audit log:      checkpoint of " in first.stdout and (published / "checkpoint").is_file()
    assert (tmp_path / "hogo-demo" / "hogo-audit.key").stat().st_mode & 0o777 == 0o600
    again = runner.invoke(app, ["demo", "--directory", str(tmp_path / "hogo-demo"), "--no-serve"])
    assert "ledger version 1 already in force" in again.stdout
    assert len(list((published / "checkpoints").iterdir())) == 2  # the rerun's checkpoint extends the first
    monkeypatch.chdir(tmp_path)  # as after `hogo demo` in this folder: the CLI finds the demo's store
    monkeypatch.delenv("HOGO_DATABASE_URL", raising=False)
    monkeypatch.delenv("HOGO_KEY_FILE", raising=False)
    keys = runner.invoke(app, ["apikey", "list"])
    assert keys.exit_code == 0, keys.output
    assert "(the demo's" in keys.stderr and not (tmp_path / "hogo.db").exists()
    active = [line for line in keys.stdout.splitlines() if "demo" in line and "revoked" not in line]
    assert len(active) == 2, keys.stdout  # a rerun replaced the demo's two keys
    missing = runner.invoke(app, ["demo", "--directory", str(tmp_path / "x"), "--example", "nope", "--no-serve"])
    assert missing.exit_code == 1 and "available:" in missing.stderr
