"""The API and the portal over a real store: the ledger in force, versions, the notice, errors."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from hogo.bootstrap import Container
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

    ja = client.get("/portal/privacy")
    assert ja.status_code == 200 and '<html lang="ja">' in ja.text and "ご注文の商品をお届けするため" in ja.text
    en = client.get("/api/v1/notice", params={"lang": "en", "format": "md"})
    assert en.headers["content-type"].startswith("text/markdown") and "To deliver the products you order" in en.text
    assert client.get("/api/v1/notice", params={"lang": "fr"}).status_code == 422
    assert client.get("/docs").status_code == 200


def test_demo_sets_up_without_serving(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from hogo.cli.main import app

    runner = CliRunner()
    first = runner.invoke(app, ["demo", "--directory", str(tmp_path / "demo"), "--no-serve"])
    assert first.exit_code == 0, first.output
    assert "ledger version 1 applied" in first.stdout and "/portal/privacy" in first.stdout
    again = runner.invoke(app, ["demo", "--directory", str(tmp_path / "demo"), "--no-serve"])
    assert "ledger version 1 already in force" in again.stdout
    missing = runner.invoke(app, ["demo", "--directory", str(tmp_path / "x"), "--example", "nope", "--no-serve"])
    assert missing.exit_code == 1 and "available:" in missing.stderr
