"""A small Python client for application developers: record, decide, read, consent — over hogo's REST API.

    from hogo.client import HogoClient
    hogo = HogoClient("http://127.0.0.1:8000", api_key="hogo_…")
    person = hogo.record("customer", channel="internet", values={"name": "山田 太郎"},
                         identifiers=[("member_id", "C000123")])["person_id"]
    if hogo.may_use(person, ["name"], "delivery-and-installation")["allowed"]:
        ...

Errors come back as `HogoError` with the problem's code, status and detail (never a personal value).
"""

from __future__ import annotations

from typing import Any

import httpx


class HogoError(Exception):
    def __init__(self, status: int, code: str, detail: str, problems: list[dict[str, Any]] | None = None) -> None:
        super().__init__(f"{status} {code}: {detail}")
        self.status = status
        self.code = code
        self.detail = detail
        self.problems = problems or []


class HogoClient:
    def __init__(
        self, base_url: str, api_key: str, *, timeout: float = 10.0, transport: httpx.BaseTransport | None = None
    ):
        self._http = httpx.Client(
            base_url=base_url.rstrip("/") + "/api/v1",
            headers={"Authorization": f"Bearer {api_key}"},
            timeout=timeout,
            transport=transport,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> HogoClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        response = self._http.request(method, path, json=body)
        if response.status_code >= 400:
            try:
                problem = response.json()
            except ValueError:
                problem = {"title": "http-error", "detail": response.text[:200]}
            raise HogoError(
                response.status_code, problem.get("title", "error"), problem.get("detail", ""), problem.get("problems")
            )
        return response.json() if response.content else None

    # -- persons and records ------------------------------------------------------------------
    def record(
        self,
        subject_kind: str,
        *,
        channel: str,
        values: dict[str, Any],
        identifiers: list[tuple[str, str]] | None = None,
        person_id: str | None = None,
        purposes: list[str] | None = None,
        consents: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Record what was acquired; returns {"person_id", "created", "records", "consents"}."""
        body: dict[str, Any] = {
            "subject_kind": subject_kind,
            "channel": channel,
            "values": values,
            "identifiers": [{"kind": k, "value": v} for k, v in identifiers or []],
            "consents": consents or [],
        }
        if person_id is not None:
            body["person_id"] = person_id
        if purposes is not None:
            body["purposes"] = purposes
        return dict(self._call("POST", "/persons", body))

    def find(self, kind: str, value: str) -> str:
        return str(self._call("POST", "/persons/lookup", {"kind": kind, "value": value})["person_id"])

    def person(self, person_id: str) -> dict[str, Any]:
        return dict(self._call("GET", f"/persons/{person_id}"))

    def read(self, person_id: str, items: list[str], purpose: str) -> dict[str, Any]:
        """{"decision": {...}, "values": {item: value}}; values are empty when the use is denied."""
        return dict(self._call("POST", f"/persons/{person_id}/values", {"items": items, "purpose": purpose}))

    # -- the decision point --------------------------------------------------------------------
    def may_use(self, person_id: str, items: list[str], purpose: str, exception: str | None = None) -> dict[str, Any]:
        """{"allowed", "reason", "article", "item", "message": {"ja", "en"}}."""
        body: dict[str, Any] = {"person_id": person_id, "items": items, "purpose": purpose}
        if exception is not None:
            body["exception"] = exception
        return dict(self._call("POST", "/decisions/use", body))

    # -- consents ------------------------------------------------------------------------------
    def consent(
        self, person_id: str, kind: str, target: str, method: str, evidence: str | None = None
    ) -> dict[str, Any]:
        body = {"kind": kind, "target": target, "method": method, "evidence": evidence}
        return dict(self._call("POST", f"/persons/{person_id}/consents", body))

    def withdraw(self, consent_id: str, method: str) -> dict[str, Any]:
        return dict(self._call("POST", f"/consents/{consent_id}/withdrawal", {"method": method}))

    def receipt(self, consent_id: str) -> dict[str, Any]:
        return dict(self._call("GET", f"/consents/{consent_id}/receipt"))

    # -- audit -----------------------------------------------------------------------------------
    def audit_events(self, action: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        query = f"?limit={limit}" + (f"&action={action}" if action else "")
        return list(self._call("GET", f"/audit/events{query}"))

    def verify_audit(self) -> dict[str, Any]:
        return dict(self._call("GET", "/audit/verify"))
