"""One catalogue of user-facing text: gettext `.po` files for Japanese and English, read with Babel at run time.

Every message has a symbolic id (`label.RequestKind.correction`, `error.forbidden.role`, `ledger.finding.…`) and a
text in both `locale/ja/LC_MESSAGES/hogo.po` and `locale/en/LC_MESSAGES/hogo.po`; placeholders are `{name}`
(str.format).
The `.po` files are read directly (no compiled `.mo`, so an editable install needs no build step); see ADR 0023 and
docs/i18n.md for adding and translating a message. `tests/unit/test_i18n.py` checks both catalogues.

Pure: no store, no web. A parameter that is an enum member is shown by its own label in the same language.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeVar

Lang = Literal["ja", "en"]
LANGS: tuple[Lang, Lang] = ("ja", "en")
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "hogo"
E = TypeVar("E", bound=StrEnum)


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def messages(lang: str) -> Mapping[str, str]:
    """Every message of one language's catalogue, by id (Japanese for any language hogo does not have)."""
    from babel.messages.pofile import read_po  # Babel only when text is first needed (the CLI starts without it)

    with po_path(lang if lang in LANGS else "ja").open("rb") as f:
        catalog = read_po(f, domain=DOMAIN)
    return {str(m.id): str(m.string) for m in catalog if m.id and m.string}


def lang_of(value: str | None) -> Lang:
    """'en' for English ('en', 'en_US.UTF-8', …), else Japanese."""
    return "en" if (value or "").lower().startswith("en") else "ja"


def env_lang() -> Lang:
    """The language of the CLI's words: HOGO_LANG ('ja' by default, 'en')."""
    return lang_of(os.environ.get("HOGO_LANG"))


def has(key: str, lang: str = "ja") -> bool:
    return key in messages(lang)


def t(key: str, lang: str = "ja", /, **params: Any) -> str:
    """The message `key` in `lang` with its `{placeholders}` filled; an enum parameter reads as its label. A key the
    catalogue lacks reads as the key itself (the catalogue test keeps that from shipping)."""
    text = messages(lang).get(key, key)
    if not params:
        return text
    return text.format(**{name: _param(value, lang) for name, value in params.items()})


def _param(value: Any, lang: str) -> Any:
    if isinstance(value, StrEnum):
        return label(value, lang)
    if isinstance(value, list | tuple | set | frozenset) and not isinstance(value, str):
        parts = [str(_param(v, lang)) for v in value]
        return ("、" if lang == "ja" else ", ").join(parts)
    return value


def label(value: StrEnum, lang: str = "ja") -> str:
    """An enum member by its label (`label.<EnumClass>.<value>`); the bare value when the catalogue has none."""
    return messages(lang).get(f"label.{type(value).__name__}.{value.value}", value.value)


def pair(key: str, **params: Any) -> tuple[str, str]:
    """(Japanese, English) of one message."""
    return t(key, "ja", **params), t(key, "en", **params)


def pairs(prefix: str) -> dict[str, tuple[str, str]]:
    """Every message whose id starts with `prefix.`, as {rest of the id: (Japanese, English)}."""
    start = prefix + "."
    ja, en = messages("ja"), messages("en")
    return {key[len(start) :]: (text, en.get(key, key)) for key, text in ja.items() if key.startswith(start)}


def section(prefix: str, lang: str) -> dict[str, str]:
    """Every message whose id starts with `prefix.`, in one language, as {rest of the id: text}."""
    start = prefix + "."
    return {key[len(start) :]: text for key, text in messages(lang).items() if key.startswith(start)}


def enum_pairs(enum: type[E]) -> dict[E, tuple[str, str]]:
    """(Japanese, English) labels of every member of an enum."""
    return {m: (label(m, "ja"), label(m, "en")) for m in enum}
