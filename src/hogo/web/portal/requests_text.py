"""The portal's words for requests, Japanese first and English, read from the one catalogue (`hogo.i18n`).

A request kind, a claimed ground and an outcome read the same here as in the console, the notice and the mail."""

from __future__ import annotations

from hogo.i18n import enum_pairs, pairs, section
from hogo.ledger.schemas.procedures import RequestKind
from hogo.requests.policy import ClaimedGround, Outcome

TEXT: dict[str, dict[str, str]] = {lang: section("portal.requests", lang) for lang in ("ja", "en")}
KINDS = {k.value: v for k, v in enum_pairs(RequestKind).items()}
GROUNDS = {k.value: v for k, v in enum_pairs(ClaimedGround).items()}
STATUSES = pairs("portal.status")
OUTCOMES = {k.value: v for k, v in enum_pairs(Outcome).items()}


def pick(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    ja, en = table.get(key, (key, key))
    return ja if lang == "ja" else en


REFUSALS = pairs("portal.refusal")
