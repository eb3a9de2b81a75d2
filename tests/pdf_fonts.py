"""What fonts a PDF uses and whether each is embedded (pypdf), as `pdffonts` would list them."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader

from hogo.adapters.fonts import GOTHIC, MINCHO, find
from services import service_unavailable


def need_fonts() -> None:
    """Skip (fail where HOGO_REQUIRE_SERVICES=1, as in CI) without the Japanese TrueType fonts PDFs embed."""
    if find(MINCHO) is None or find(GOTHIC) is None:
        service_unavailable("the IPAex fonts are not installed (apt-get install fonts-ipaexfont; .ci/run does)")


def fonts(pdf: bytes) -> dict[str, bool]:
    """{BaseFont: embedded} for every font any page uses."""
    found: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources: Any = page.get("/Resources") or {}
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = described.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"])] = embedded
    return found
