"""Which text encoding a file is in: UTF-8 (with or without BOM), Shift_JIS / CP932 or EUC-JP, the encodings
Japanese files come in. Pure: bytes in, text and the encoding's name out, or `Undecodable`.

A strict cascade, not a guess: a BOM decides; else strict UTF-8 (which Japanese legacy bytes practically never pass);
else EUC-JP and CP932 strictly; when both decode, `charset-normalizer` picks the one whose text reads as Japanese
(EUC-JP bytes often also decode as CP932 half-width katakana). Shift_JIS is named so when the bytes are plain
Shift_JIS, CP932 when they need Microsoft's extensions (①, ㈱, NEC/IBM kanji).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

ENCODINGS = ("utf-8", "utf-8-sig", "shift_jis", "cp932", "euc_jp")
NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (BOM)", "shift_jis": "Shift_JIS", "cp932": "CP932", "euc_jp": "EUC-JP"}


class Undecodable(ValueError):
    """The bytes are none of UTF-8, Shift_JIS/CP932 and EUC-JP."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    """Python's codec name: utf-8, utf-8-sig, shift_jis, cp932 or euc_jp (`NAMES` has how people write it)."""

    @property
    def name(self) -> str:
        return NAMES.get(self.encoding, self.encoding)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """The text of `data` and the encoding it was in (`encoding` forces one, still strictly)."""
    if encoding is not None:
        text = _strict(data, encoding)
        if text is None:
            raise Undecodable(f"the bytes are not valid {encoding}")
        return Decoded(text, codecs.lookup(encoding).name)
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data, "utf-8-sig")
        if text is not None:
            return Decoded(text, "utf-8-sig")
    text = _strict(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8")
    euc, sjis = _strict(data, "euc_jp"), _strict(data, "cp932")
    if euc is not None and sjis is not None:
        return Decoded(euc, "euc_jp") if _likelier_euc(data) else _cp932(data, sjis)
    if euc is not None:
        return Decoded(euc, "euc_jp")
    if sjis is not None:
        return _cp932(data, sjis)
    raise Undecodable("the bytes are not UTF-8, Shift_JIS/CP932 or EUC-JP")


def _cp932(data: bytes, text: str) -> Decoded:
    return Decoded(text, "shift_jis" if _strict(data, "shift_jis") == text else "cp932")


def _likelier_euc(data: bytes) -> bool:
    from charset_normalizer import from_bytes  # only for bytes that are valid in both

    best = from_bytes(data, cp_isolation=["euc_jp", "cp932"]).best()
    return best is not None and best.encoding == "euc_jp"
