"""Katakana → Hepburn romanisation, as Japanese names are written in Latin letters (passports, e-mail, forms).

`サトウ` → `Satou` and `Sato` (the long vowel spelled out, and dropped as on a passport); `ホンダ` → `Honda`;
`キョウコ` → `Kyouko`, `Kyoko`; `ハットリ` → `Hattori`. Only what names need: no particles, no loanword kana.
"""

from __future__ import annotations

_KANA = (
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヰヱヲン"
    "ガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポヴァィゥェォ"
)
_SYLLABLES = (
    "a i u e o ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no ha hi fu he ho "
    "ma mi mu me mo ya yu yo ra ri ru re ro wa i e o n "
    "ga gi gu ge go za ji zu ze zo da ji zu de do ba bi bu be bo pa pi pu pe po vu a i u e o"
)
_BASE = dict(zip(_KANA, _SYLLABLES.split(), strict=True))
_YOON = {"ャ": "a", "ュ": "u", "ョ": "o"}


def hepburn(kana: str) -> str | None:
    """The romanisation with long vowels spelled out (`Satou`), or None for kana it does not know."""
    out: list[str] = []
    double = False
    for ch in kana:
        if ch == "ッ":
            double = True
            continue
        if ch in _YOON:
            if not out or not out[-1].endswith("i") or len(out[-1]) < 2:
                return None
            prev = out.pop()
            out.append(prev[:-1] + _YOON[ch] if prev.endswith(("shi", "chi", "ji")) else prev[:-1] + "y" + _YOON[ch])
            continue
        if ch == "ー":
            if not out:
                return None
            out.append(out[-1][-1])
            continue
        syllable = _BASE.get(ch)
        if syllable is None:
            return None
        if double:
            syllable = ("t" if syllable.startswith("ch") else syllable[0]) + syllable
            double = False
        out.append(syllable)
    return "".join(out).capitalize() if out else None


def romanised(kana: str) -> set[str]:
    """The spellings people use: long vowels spelled out and dropped (`Satou`, `Sato`; `Oono`, `Ono`)."""
    full = hepburn(kana)
    if full is None:
        return set()
    short = full.lower()
    for long, one in (("ou", "o"), ("oo", "o"), ("uu", "u")):
        short = short.replace(long, one)
    return {full, short.capitalize()}
