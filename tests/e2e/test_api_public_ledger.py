"""The public ledger endpoints publish only what the privacy notice publishes: never the file the ledger came
from, who applied it, the officer's reasons for accepted findings, dataset declarations (connections, who has
access) or the YAML source. (A purpose's `note` is part of the notice, so it is published.)"""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from hogo.bootstrap import Container
from hogo.ledger.loader import load_ledger_text
from hogo.web.app import create_app

SOURCE = "/srv/officer/private/ledger-2026.yaml"
FINDING = "reviewed with counsel, see ticket LEGAL-4711"
SECRETS = [SOURCE, "/srv/", FINDING, "LEGAL-4711", "ORDERS_DB_URL", "order-desk", "officer-sato"]
INTERNAL_KEYS = ["source", "source_name", "source_text", "applied_by", "sha256", "document", "accepted_findings"]


def ledger_with_internal_notes(minimal_yaml: str) -> str:
    connection = "    record_count: 1200\n    connection: {env: ORDERS_DB_URL}\n"
    text = minimal_yaml.replace("    record_count: 1200\n", connection)
    return text + f"accepted_findings:\n  - {{code: retention-long, reason: '{FINDING}'}}\n"


def test_the_public_ledger_publishes_only_the_notice(container: Container, minimal_yaml: str) -> None:
    ledger = load_ledger_text(ledger_with_internal_notes(minimal_yaml), source=SOURCE)
    assert ledger.ledger.accepted_findings and ledger.ledger.datasets[0].connection  # the internal parts are there
    container.ledger.apply(ledger, actor="officer-sato")
    client = TestClient(create_app(container))
    answers = [client.get(path) for path in ("/api/v1/ledger", "/api/v1/ledger/versions", "/api/v1/ledger/versions/1")]
    assert [a.status_code for a in answers] == [200, 200, 200]
    for answer in answers:
        text = json.dumps(answer.json(), ensure_ascii=False)
        assert [s for s in SECRETS if s in text] == []
        assert [k for k in INTERNAL_KEYS if f'"{k}"' in text] == []
    body = answers[0].json()
    assert body["version"] == 1 and body["operator"]["ja"] == "株式会社サンプル"
    sections = [s["key"] for s in body["notice"]["ja"]["sections"]]
    assert "purposes" in sections and "operator" in sections
    assert "ご注文の商品をお届けするため" in json.dumps(body, ensure_ascii=False)
