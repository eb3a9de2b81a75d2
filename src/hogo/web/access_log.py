"""The web server's access log without the secrets some paths carry.

A person's status link (`/portal/requests/status/{token}`, `/api/v1/person-requests/{token}`) is the key to
their request and its disclosure: written to an access log it would hand that key to whoever reads the log.
`install()` puts a filter on uvicorn's access logger that replaces such tokens with `…`.
"""

from __future__ import annotations

import logging
import re

TOKEN_PATH = re.compile(r"(/portal/requests/status/|/api/v1/person-requests/)[^/?\s]+")


def redact(path: str) -> str:
    return TOKEN_PATH.sub(r"\1…", path)


class RedactTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.msg, str):
            record.msg = redact(record.msg)
        return True


def install() -> None:
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, RedactTokens) for f in access.filters):
        access.addFilter(RedactTokens())
