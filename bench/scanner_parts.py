"""Registries with parts of the recognizers switched off, to measure what each part adds (issue 20).

    --without roles        names after role words (担当の…, お届け先, customer, Ship to …), JSON keys
    --without bare-names   names with no context, both name lists agreeing (山田太郎, ヤマダ タロウ, John Smith)
    --without columns      table headers naming their columns (氏名, 生年月日, 電話番号, 郵便番号, zip in a CSV header)
    --without street       US/UK street lines, ZIP codes and postcodes by shape

`roles` and `bare-names` together are everything the name lists (gazetteer) make possible beyond the ~300
common surnames before an honorific.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hogo.adapters.recognizers import Registry
    from hogo.adapters.recognizers.base import Finding, Recognizer

PARTS = ("roles", "bare-names", "columns", "street")


def _nothing(self: object, text: str) -> Iterator[Finding]:
    return iter(())


def registry_without(parts: Iterable[str]) -> Registry | None:
    """The default registry less `parts` (None when nothing is left out: `scan_text`'s own default)."""
    off = set(parts)
    unknown = off - set(PARTS)
    if unknown:
        raise SystemExit(f"unknown part(s) {sorted(unknown)}; known: {', '.join(PARTS)}")
    if not off:
        return None
    # imported here: with no part left out, the benches also run against an older hogo (a baseline in the same run)
    from hogo.adapters.recognizers import Registry, default_registry
    from hogo.adapters.recognizers.names import JapaneseName
    from hogo.adapters.recognizers.names_latin import LatinName

    ja_overrides: dict[str, object] = {}
    latin_overrides: dict[str, object] = {}
    if "roles" in off:
        ja_overrides["_after_roles"] = latin_overrides["_after_roles"] = _nothing
    if "bare-names" in off:
        ja_overrides["_bare"] = ja_overrides["_bare_kana"] = latin_overrides["_bare"] = _nothing
    ja = type("JapaneseNamePart", (JapaneseName,), ja_overrides)()
    latin = type("LatinNamePart", (LatinName,), latin_overrides)()
    dropped = set()
    if "columns" in off:
        dropped |= {"person_column", "date_of_birth_column", "postal_code_column", "phone_column", "zip_column"}
    if "street" in off:
        dropped |= {"street_line", "postcode_us_uk"}
    kept: list[Recognizer] = []
    for r in default_registry():
        if r.name in dropped:
            continue
        kept.append(ja if r.name == "person_ja" else latin if r.name == "person_latin" else r)
    return Registry(kept)
