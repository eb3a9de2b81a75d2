"""The access log never holds a person's status-link token (the key to their request and disclosure)."""

from __future__ import annotations

import logging

import pytest

from hogo.web.access_log import RedactTokens, install

TOKEN = "Zk3v9Q_secret-token-of-the-person-0123456789"


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        (f"/portal/requests/status/{TOKEN}", "/portal/requests/status/…"),
        (f"/portal/requests/status/{TOKEN}/download/json", "/portal/requests/status/…/download/json"),
        (f"/api/v1/person-requests/{TOKEN}?lang=en", "/api/v1/person-requests/…?lang=en"),
        ("/api/v1/decisions/use", "/api/v1/decisions/use"),
    ],
)
def test_uvicorn_access_records_lose_the_token(path: str, shown: str) -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5", "GET", path, "1.1", 200),
        None,
    )
    assert RedactTokens().filter(record)
    message = record.getMessage()
    assert TOKEN not in message and f"GET {shown} HTTP/1.1" in message


def test_installed_once_on_uvicorns_access_logger() -> None:
    install()
    install()
    assert sum(isinstance(f, RedactTokens) for f in logging.getLogger("uvicorn.access").filters) == 1
