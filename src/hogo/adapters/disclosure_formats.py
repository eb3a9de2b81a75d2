"""The disclosure package as files for electronic disclosure: JSON (machine-readable) and CSV (a spreadsheet).

The CSV starts with a BOM so that spreadsheet software in Japan opens it as UTF-8. A cell that a spreadsheet
would take for a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with a
single quote, as OWASP advises against CSV injection: the person sees the text, the spreadsheet runs nothing.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """The cell as text a spreadsheet will not evaluate."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


CSV_HEADER = ["section", "item", "label_ja", "label_en", "value", "acquired_at", "channel", "purposes", "note"]


def to_json(package: dict[str, Any]) -> bytes:
    return json.dumps(package, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


def to_csv(package: dict[str, Any]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)

    def write(cells: list[str]) -> None:
        writer.writerow([neutralise(str(c)) for c in cells])

    for r in package.get("records", []):
        label = r.get("label") or {}
        write(
            [
                "record",
                r["item"],
                label.get("ja", ""),
                label.get("en", ""),
                r.get("value") or "",
                r.get("acquired_at") or "",
                r.get("channel") or "",
                " ".join(r.get("purposes", [])),
                "",
            ]
        )
    for p in package.get("purposes", []):
        write(["purpose", p["id"], p["text"].get("ja", ""), p["text"].get("en", ""), "", "", "", "", ""])
    for c in package.get("consents", []):
        note = f"withdrawn {c['withdrawn_at']}" if c.get("withdrawn_at") else ""
        write(["consent", c["target"], c["kind"], c["article"], "", c["given_at"], c["method"], "", note])
    for s in package.get("suspensions", []):
        note = f"lifted {s['lifted_at']}" if s.get("lifted_at") else ""
        purposes = " ".join(s.get("purposes") or ["*"])
        write(["suspension", str(s["id"]), s["scope"], "", "", s["started_at"], "", purposes, note])
    for row in (package.get("datasets") or {}).get("rows", []):
        where = f"{row['dataset']}.{row['table']} " + " ".join(f"{k}={v}" for k, v in row["key"].items())
        for v in row["values"]:
            label = v.get("label") or {}
            value = "" if v.get("value") is None else str(v["value"])
            write(["dataset_row", v["item"], label.get("ja", ""), label.get("en", ""), value, "", "", "", where])
    for h in package.get("holds", []):
        label, statute = h.get("label") or {}, h.get("statute") or {}
        note = f"{h['dataset']}.{h['table']}.{h['column']} until {h['until']}: {statute.get('en', '')}"
        item = h.get("item") or ""
        write(["legal_hold", item, label.get("ja", ""), label.get("en", ""), "", "", "", "", note])
    for record in package.get("provision_records", []):
        write(["provision_record", "", "", "", json.dumps(record, ensure_ascii=False), "", "", "", ""])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
