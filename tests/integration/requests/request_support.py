"""What the request tests share besides fixtures: the desk's handles and the audit trail of one entity."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hogo.adapters.mail import MemoryMailer
from hogo.bootstrap import Container


@dataclass
class Desk:
    c: Container
    outbox: MemoryMailer
    hanako: str
    taro: str

    def code(self) -> str:
        found = re.search(r"\b(\d{6})\b", self.outbox.outbox[-1].body)
        assert found is not None
        return found.group(1)


def trail(c: Container, entity_id: str) -> list[str]:
    """The actions recorded about one entity, oldest first."""
    return [e.action for e in reversed(c.audit.events(limit=10_000)) if e.entity_id == entity_id]
