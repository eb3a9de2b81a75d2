"""Japanese and English labels of the request domain's own codes (decision grounds, agents), for the desk. Pure.

Read from the one catalogue (`hogo.i18n`: `label.Ground.*`, `label.AgentKind.*`)."""

from __future__ import annotations

from collections.abc import Mapping

from hogo.i18n import enum_pairs
from hogo.requests.policy import AgentKind, Ground

GROUND: Mapping[Ground, tuple[str, str]] = enum_pairs(Ground)
AGENT_KIND: Mapping[AgentKind, tuple[str, str]] = enum_pairs(AgentKind)
