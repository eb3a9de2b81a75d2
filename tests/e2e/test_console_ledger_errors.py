"""The console's ledger page words its refusals from the catalogue, in Japanese (over HTTP, on both stores)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from console_http import signed_in
from fastapi.testclient import TestClient

from hogo.bootstrap import Container
from hogo.identity.policy import Role, system_actor
from hogo.web.app import create_app

PASSWORD = "a long officer password"


@pytest.fixture
def client(vault: Container) -> Iterator[TestClient]:
    vault.operators.create("kimura", "木村 管理者", Role.officer, None, PASSWORD, system_actor("test"))
    with TestClient(create_app(vault)) as test_client:
        yield test_client


def _error(page: str) -> str:
    found = re.search(r'id="ledger-error">([^<]*)<', page)
    assert found is not None, page
    return found.group(1)


def test_a_refused_ledger_is_told_in_japanese(client: TestClient, vault: Container, vault_yaml: str) -> None:
    csrf = signed_in(client, "kimura", PASSWORD)
    broken = client.post("/console/ledger/preview", data={"csrf": csrf, "text": "operator:\n  name: [株式会社\n"})
    assert broken.status_code == 422
    assert _error(broken.text) == "console：台帳に誤りがあるため、何も適用していません"
    assert 'data-code="yaml-syntax"' in broken.text  # the problems still listed line by line

    changed = vault_yaml.replace("平日10時〜17時", "平日9時〜18時")
    stale = client.post("/console/ledger/apply", data={"csrf": csrf, "text": changed, "expected_version": "0"})
    assert stale.status_code == 422
    assert _error(stale.text) == "確認した後に別の版（第1版）が適用されました。もう一度確認してください"

    needless = client.post(
        "/console/ledger/apply",
        data={"csrf": csrf, "text": changed, "expected_version": "1", "retire_to": "delivery"},
    )
    assert needless.status_code == 422
    assert _error(needless.text) == "行き場のなくなるデータはありません。移す先・廃棄の指定は不要です"
    assert vault.ledger.current().version == 1  # nothing was applied
    assert [e.action for e in vault.audit.events(action_prefix="ledger.")] == ["ledger.applied"]
