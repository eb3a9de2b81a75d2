"""The fonts of hogo's PDFs (letters, incident reports): Japanese TrueType fonts embedded in the file, so a letter
prints the same on any printer and viewer.

reportlab embeds (a subset of) a TrueType font with glyf outlines; it cannot embed CFF/OpenType outlines (Noto CJK).
The fonts are IPAex Mincho and IPAex Gothic (IPA Font License v1.0: free to embed and redistribute), found in this
order: `HOGO_PDF_FONT_MINCHO` / `HOGO_PDF_FONT_GOTHIC` (a .ttf path), then Debian's `fonts-ipaexfont-mincho` /
`fonts-ipaexfont-gothic` (and the IPA fonts' other usual places). With only one of them, it serves for both. With
neither, the PDF falls back to reportlab's built-in CID fonts (readable where the viewer has Japanese fonts, but not
embedded) and hogo says so once on its log and stderr: install the fonts (`apt-get install fonts-ipaexfont`).
"""

from __future__ import annotations

import logging
import os
import sys
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

log = logging.getLogger(__name__)

MINCHO = "HogoMincho"
GOTHIC = "HogoGothic"
CANDIDATES = {
    MINCHO: (
        "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf",
        "/usr/share/fonts/truetype/ipaexfont-mincho/ipaexm.ttf",
        "/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf",
        "/usr/share/fonts/truetype/fonts-japanese-mincho.ttf",
        "/Library/Fonts/ipaexm.ttf",
    ),
    GOTHIC: (
        "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
        "/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf",
        "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
        "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
        "/Library/Fonts/ipaexg.ttf",
    ),
}
ENV = {MINCHO: "HOGO_PDF_FONT_MINCHO", GOTHIC: "HOGO_PDF_FONT_GOTHIC"}
FALLBACK = {MINCHO: "HeiseiMin-W3", GOTHIC: "HeiseiKakuGo-W5"}
MISSING = (
    "hogo: no Japanese TrueType font found for PDFs (IPAex Mincho/Gothic); letters and reports use fonts that are "
    "NOT embedded and may print differently: install fonts-ipaexfont (Debian) or set HOGO_PDF_FONT_MINCHO / "
    "HOGO_PDF_FONT_GOTHIC to a .ttf file"
)


def find(name: str) -> Path | None:
    """The TrueType file for MINCHO or GOTHIC, or None."""
    given = os.environ.get(ENV[name])
    for candidate in ((given,) if given else ()) + CANDIDATES[name]:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


@cache
def register() -> bool:
    """Register MINCHO and GOTHIC with reportlab (once); True when both are embedded TrueType fonts."""
    files = {name: find(name) for name in (MINCHO, GOTHIC)}
    if not any(files.values()):
        log.warning(MISSING)
        sys.stderr.write(MISSING + "\n")
        for name, cid in FALLBACK.items():
            font = UnicodeCIDFont(cid)
            font.fontName = name  # the same name either way, so drawing code need not care
            pdfmetrics.registerFont(font)
        return False
    for name in (MINCHO, GOTHIC):
        path = files[name] or files[GOTHIC if name == MINCHO else MINCHO]
        pdfmetrics.registerFont(TTFont(name, str(path)))
    return True
