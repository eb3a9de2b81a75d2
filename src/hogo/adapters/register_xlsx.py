"""The 個人情報管理台帳 as an Excel workbook (openpyxl): the register sheet and a sheet saying what it is from."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from hogo.ledger.register import COLUMNS, RegisterRow

WIDTHS = {1: 5, 2: 18, 7: 40, 9: 30, 10: 24, 12: 24, 14: 20, 15: 30, 16: 24}


def register_workbook(
    rows: list[RegisterRow], *, company: str, version: int, applied_at: dt.datetime, exported_at: dt.datetime
) -> bytes:
    """The workbook's bytes: sheet 個人情報管理台帳 (two header rows, frozen; filters), sheet 出典 (the source)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "個人情報管理台帳"
    sheet.append([ja for ja, _ in COLUMNS])
    sheet.append([en for _, en in COLUMNS])
    header = PatternFill("solid", fgColor="1D3557")
    for number in (1, 2):
        for column in range(1, len(COLUMNS) + 1):
            cell = sheet.cell(row=number, column=column)
            cell.font = Font(bold=number == 1, color="FFFFFF")
            cell.fill = header
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(list(row.cells))
        for cell in sheet[sheet.max_row]:
            cell.alignment = wrap
    for column in range(1, len(COLUMNS) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = WIDTHS.get(column, 14)
    sheet.freeze_panes = "C3"
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(COLUMNS))}{max(sheet.max_row, 2)}"
    about = book.create_sheet("出典")
    for line in (
        ("事業者", company),
        ("台帳の版", version),
        ("版の適用日時", applied_at.isoformat()),
        ("出力日時", exported_at.isoformat()),
        ("行", "利用目的 × 個人情報の項目ごとに1行（空欄は台帳に記載がないことを示します）"),
        ("出力元", "hogo ledger export"),
    ):
        about.append(list(line))
    about.column_dimensions["A"].width = 16
    about.column_dimensions["B"].width = 70
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
