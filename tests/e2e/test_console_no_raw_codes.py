"""Every console page, with requests in many states in the store, shows no raw code: no enumerated value
(`business_hindrance`, `bank_transfer`, `identity_pending`, …) appears as text a person reads."""

from __future__ import annotations

import datetime as dt
import html.parser
import re
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient
from test_console_request_pages import PASSWORD, signed_in

import hogo.consent.schemas
import hogo.incidents.policy
import hogo.provision.schemas
import hogo.requests.policy
import hogo.requests.workflow
import hogo.subjects.schemas
from hogo.adapters.mail import MemoryMailer
from hogo.bootstrap import Container
from hogo.identity.policy import Role, system_actor
from hogo.incidents.policy import Kind
from hogo.incidents.schemas import IncidentIn
from hogo.ledger import vocab
from hogo.web.app import create_app

SKIP = ("/console/logout", "/letter", "/export", ".pdf", ".json", ".csv")


def _enums(base: type = StrEnum) -> Iterator[type[StrEnum]]:
    for sub in base.__subclasses__():
        if sub.__module__.startswith("hogo."):
            yield sub
        yield from _enums(sub)


def codes() -> set[str]:
    """Every enumerated value hogo has that reads as a code (words joined by '_')."""
    assert vocab.LABELS and hogo.requests.workflow.Status and hogo.incidents.policy and hogo.consent.schemas
    assert hogo.provision.schemas and hogo.subjects.schemas and hogo.requests.policy.Ground
    found = {m.value for enum in _enums() for m in enum if "_" in m.value}
    found |= {"notified_by", "records_disclosed", "corrected_records", "deleted_items", "provision_stop"}  # measures
    assert {"business_hindrance", "bank_transfer", "callback_to_registered_phone", "identity_pending"} <= found
    return found


class VisibleText(html.parser.HTMLParser):
    """The text a person sees (not tags, attributes, scripts or styles) and the console links to follow."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._hidden += 1
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)


def _file(client: TestClient, csrf: str, **form: str) -> str:
    data = {"csrf": csrf, "channel": "post", "identifier_kind": "email", "identifier": "hanako@example.jp"}
    filed = client.post(
        "/console/requests/new", data=data | {"name": "山田 花子", "postal_address": "東京都千代田区1-1"} | form
    )
    assert filed.status_code == 201, filed.text
    found = re.search(r'id="request-id">(rq_[0-9a-f]+)<', filed.text)
    assert found is not None
    return found.group(1)


@pytest.fixture
def vault_yaml() -> str:
    """The provision test ledger (recipients on every basis), taking identity by a call back and fees by bank
    transfer as well."""
    text = (Path(__file__).resolve().parents[1] / "fixtures" / "provision.yaml").read_text(encoding="utf-8")
    text = text.replace("  - my_number_card_front\n", "  - my_number_card_front\n  - callback_to_registered_phone\n")
    return text.replace("  - postal_money_order\n", "  - postal_money_order\n  - bank_transfer\n")


@pytest.fixture
def client(vault: Container, outbox: MemoryMailer) -> Iterator[TestClient]:
    actor = system_actor("test")
    vault.operators.create("kimura", "木村 管理者", Role.officer, None, PASSWORD, actor)
    with TestClient(create_app(vault)) as test_client:
        yield test_client


def _fill(client: TestClient, csrf: str) -> list[str]:
    """Requests in many states, with the codes the issue found raw: a refusal on business_hindrance, a fee paid
    by bank_transfer, identity by callback_to_registered_phone, an agent, an erasure waiting, a withdrawal."""
    refused = _file(client, csrf, kind="disclosure")
    step = f"/console/requests/{refused}"
    identity = client.post(f"{step}/identity", data={"csrf": csrf, "document": "callback_to_registered_phone"})
    assert identity.status_code == 200, re.findall(r'role="alert">(.*)</p>', identity.text)
    fee = client.post(f"{step}/fee", data={"csrf": csrf, "method": "bank_transfer", "amount_jpy": "500"})
    assert fee.status_code == 200, re.findall(r'role="alert">(.*)</p>', fee.text)
    decided = client.post(
        f"{step}/decision",
        data={"csrf": csrf, "outcome": "refused", "ground": "business_hindrance", "reason": "業務に支障"},
    )
    assert decided.status_code == 200, decided.text
    client.post(f"{step}/fulfilment", data={"csrf": csrf})
    erasure = _file(
        client,
        csrf,
        kind="erasure",
        claimed_ground="no_longer_needed",
        agent_kind="legal_representative",
        agent_name="山田 一郎",
        agent_evidence="family_register",
    )
    client.post(f"/console/requests/{erasure}/identity", data={"csrf": csrf, "document": "drivers_licence"})
    correction = _file(client, csrf, kind="correction", channel="email")
    withdrawn = _file(client, csrf, kind="suspension_of_provision", claimed_ground="unlawful_provision")
    client.post(f"/console/requests/{withdrawn}/withdrawal", data={"csrf": csrf})
    return [refused, erasure, correction, withdrawn]


def _incident(vault: Container) -> str:
    """A misdirected mail, assessed at once (not reportable): its page shows kind, status and timeline."""
    now = vault.clock.now()
    data = IncidentIn(
        kind=Kind.misdirected_mail,
        aware_at=now - dt.timedelta(hours=2),
        occurred_at=now - dt.timedelta(hours=3),
        description="ご注文確認メールを別のお客様に誤送信した",
        items=["name"],
        subject_kinds=["customer"],
    )
    return vault.incidents.service.record(data, system_actor("test")).id


def test_no_console_page_shows_a_raw_code(client: TestClient, vault: Container) -> None:
    csrf = signed_in(client, "kimura")
    ids = _fill(client, csrf)
    incident = _incident(vault)
    known = codes()
    seen: dict[str, list[str]] = {}
    queue, visited = ["/console/", "/console/requests?show=all", *[f"/console/requests/{i}" for i in ids]], set()
    while queue:
        path = queue.pop()
        if path in visited or any(s in path for s in SKIP):
            continue
        visited.add(path)
        page = client.get(path)
        if "text/html" not in page.headers.get("content-type", ""):
            continue
        assert page.status_code == 200, (path, page.status_code)
        parser = VisibleText()
        parser.feed(page.text)
        words = set(re.findall(r"[a-z0-9]+(?:_[a-z0-9]+)+", " ".join(parser.text)))
        raw = sorted(words & known)
        if raw:
            seen[path] = raw
        for link in parser.links:
            target = urljoin(path, link)
            if urlsplit(target).netloc == "" and target.startswith("/console/"):
                queue.append(target.split("#")[0])
    assert len(visited) >= 15, sorted(visited)
    assert {f"/console/requests/{i}" for i in ids} | {
        f"/console/incidents/{incident}",
        "/console/provisions",
    } <= visited
    assert not seen, "raw codes shown: " + repr(seen)
    dashboard = client.get("/console/").text
    assert "木村 管理者（個人情報保護管理者 / officer）" in dashboard  # the role by its label
