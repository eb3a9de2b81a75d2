"""CSV for people who open it in a spreadsheet: a BOM (Excel in Japan then reads UTF-8), CRLF lines, and every
cell a spreadsheet would take for a formula neutralised (see `disclosure_formats.neutralise`)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from hogo.adapters.disclosure_formats import neutralise


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if cell is None else neutralise(str(cell)) for cell in row])
    return out.getvalue()
