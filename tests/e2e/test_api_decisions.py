"""`POST /api/v1/decisions/use`: well-formed requests are answered before the router (ADR 0028), each decided and
audited once; everything else is the route's to answer, with its errors, and nothing is decided or audited."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from hogo.bootstrap import Container
from hogo.identity.policy import Actor, Role, system_actor
from hogo.subjects.schemas import AcquisitionIn
from hogo.usage.policy import REASONS, Reason
from hogo.web.app import create_app

PATH = "/api/v1/decisions/use"


def key(vault: Container, role: Role, categories: list[str] | None = None) -> str:
    return vault.identity.create_key(f"test {role.value}", role, categories, system_actor("test")).token


def person(vault: Container, admin: Actor) -> str:
    values = {"name": "高橋 美咲", "email": "misaki@example.jp"}
    return vault.subjects.acquire(
        AcquisitionIn(subject_kind="customer", values=values, channel="web-order"), admin
    ).person_id


def decided(vault: Container) -> list[list[Any]]:
    vault.usage.flush()
    return [d for e in vault.audit.events(action_prefix="usage.decided") for d in e.data["decisions"]]


def expected(allowed: bool, reason: Reason, article: str | None = None, item: str | None = None) -> dict[str, Any]:
    text = REASONS[reason]
    return {
        "allowed": allowed,
        "reason": reason.value,
        "article": article or text.article,
        "item": item,
        "message": {"ja": text.ja.format(item=item or ""), "en": text.en.format(item=item or "")},
    }


def test_well_formed_requests_are_decided_and_audited_once(vault: Container, admin: Actor) -> None:
    person_id = person(vault, admin)
    client = TestClient(create_app(vault), headers={"Authorization": f"Bearer {key(vault, Role.application)}"})
    asked = [
        ({"items": ["name", "email"], "purpose": "service"}, expected(True, Reason.notified_purpose)),
        ({"items": ["email"], "purpose": "newsletter"}, expected(False, Reason.purpose_not_notified)),
        ({"items": ["name", "salary"], "purpose": "service"}, expected(False, Reason.unknown_item, item="salary")),
        (
            {"items": ["email"], "purpose": "newsletter", "exception": "law"},
            expected(True, Reason.statutory_exception, "Art. 18(3)(1)"),
        ),
        ({"items": ["email"], "purpose": "newsletter"}, expected(False, Reason.purpose_not_notified)),
    ]
    for body, answer in asked:
        response = client.post(PATH, json={"person_id": person_id, **body})
        assert (response.status_code, response.headers["content-type"], response.json()) == (
            200,
            "application/json",
            answer,
        )
    assert [(d[2], d[3], d[4], d[5], d[6]) for d in decided(vault)] == [
        (person_id, "service", ["name", "email"], "notified-purpose", None),
        (person_id, "newsletter", ["email"], "purpose-not-notified", None),
        (person_id, "service", ["name", "salary"], "unknown-item", None),
        (person_id, "newsletter", ["email"], "statutory-exception", "law"),
        (person_id, "newsletter", ["email"], "purpose-not-notified", None),
    ]


@pytest.mark.parametrize(
    ("role", "authorization", "body", "status", "code"),
    [
        (Role.application, None, {}, 401, "unauthenticated"),
        (Role.application, "Bearer hogo_not_a_key", {}, 401, "unauthenticated"),
        (Role.application, "Basic {key}", {}, 401, "unauthenticated"),
        (Role.application, "Bearer {key}", {"extra": 1}, 422, "invalid-request"),
        (Role.application, "Bearer {key}", {"items": []}, 422, "invalid-request"),
        (Role.application, "Bearer {key}", {"exception": "because"}, 422, "invalid-request"),
        (Role.application, "Bearer {key}", {"person_id": "p_nobody"}, 404, "not-found"),
        (Role.auditor, "Bearer {key}", {}, 403, "forbidden"),
    ],
)
def test_anything_else_is_the_routes_to_answer_and_nothing_is_decided(
    vault: Container,
    admin: Actor,
    role: Role,
    authorization: str | None,
    body: dict[str, Any],
    status: int,
    code: str,
) -> None:
    headers = {"Authorization": authorization.format(key=key(vault, role))} if authorization else {}
    client = TestClient(create_app(vault), headers=headers)
    asked = {"person_id": person(vault, admin), "items": ["name"], "purpose": "service"} | body
    response = client.post(PATH, json=asked)
    assert (response.status_code, response.headers["content-type"]) == (status, "application/problem+json")
    assert response.json()["title"] == code
    assert decided(vault) == []


def test_a_body_that_is_not_json_is_the_routes_to_refuse(vault: Container, admin: Actor) -> None:
    client = TestClient(create_app(vault), headers={"Authorization": f"Bearer {key(vault, Role.application)}"})
    for content_type, content in [("application/json", b'{"person_id": '), ("text/plain", b"{}")]:
        response = client.post(PATH, content=content, headers={"Content-Type": content_type})
        assert response.status_code == 422 and response.json()["title"] == "invalid-request"
    assert decided(vault) == []


def test_the_first_authorization_header_counts_as_for_the_route(vault: Container, admin: Actor) -> None:
    good = f"Bearer {key(vault, Role.application)}"
    asked = {"person_id": person(vault, admin), "items": ["name"], "purpose": "service"}
    client = TestClient(create_app(vault))
    answers = [
        client.post(PATH, json=asked, headers=[("Authorization", first), ("Authorization", second)]).status_code
        for first, second in [("Bearer hogo_not_a_key", good), (good, "Bearer hogo_not_a_key")]
    ]
    assert answers == [401, 200]
    assert len(decided(vault)) == 1
