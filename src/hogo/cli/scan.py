"""`hogo scan FILE… [--json] [--database URL] [--fail-on-find]`: personal information in files or a database.

Prints the entity, the place (FILE:LINE:COL, or table.column) and a masked preview; never a value."""

from __future__ import annotations

import bisect
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer

from hogo.adapters.recognizers import Finding, scan_text
from hogo.adapters.recognizers.database import DatabaseReport, scan_database
from hogo.adapters.recognizers.mask import mask
from hogo.cli.common import err, handle_errors

_NEWLINE = re.compile("\n")


@handle_errors
def scan(
    files: Annotated[list[Path] | None, typer.Argument(help="text files to scan ('-' reads standard input)")] = None,
    database: Annotated[
        str | None, typer.Option(help="a SQLAlchemy URL: sample every column of every table (read-only)")
    ] = None,
    sample: Annotated[int, typer.Option(help="values sampled per column with --database")] = 200,
    schema: Annotated[
        str | None, typer.Option(help="the schema to scan with --database (default: the default)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON document")] = False,
    fail_on_find: Annotated[bool, typer.Option(help="exit 1 when personal information is found")] = False,
) -> None:
    """Find personal information (個人情報の検出): My Number, phone, address, e-mail, card, names, …"""
    if not files and database is None:
        err("nothing to scan: give FILE… or --database URL / 対象のファイルまたは --database を指定してください")
        raise typer.Exit(2)
    out: dict[str, Any] = {"files": [], "database": None}
    total = 0
    for file in files or []:
        try:
            content = sys.stdin.read() if str(file) == "-" else file.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            err(f"{file}: cannot read ({exc.strerror}) / 読み込めません")
            raise typer.Exit(2) from None
        findings = scan_text(content)
        total += len(findings)
        entry = _file_entry(str(file), content, findings)
        out["files"].append(entry)
        if not as_json:
            _print_file(entry)
    if database is not None:
        report = scan_database(database, sample, schema=schema)
        total += len(report.with_entities())
        out["database"] = _database_entry(report)
        if not as_json:
            _print_database(report)
    if as_json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    if fail_on_find and total:
        raise typer.Exit(1)


def _file_entry(name: str, content: str, findings: list[Finding]) -> dict[str, Any]:
    line_starts = [0] + [m.end() for m in _NEWLINE.finditer(content)]
    rows = []
    for f in findings:
        line = bisect.bisect_right(line_starts, f.start)
        rows.append(
            {
                "entity": f.entity,
                "line": line,
                "column": f.start - line_starts[line - 1] + 1,
                "length": f.end - f.start,
                "score": f.score,
                "preview": mask(f.entity, content[f.start : f.end]),
            }
        )
    return {"file": name, "counts": dict(Counter(f.entity for f in findings)), "findings": rows}


def _print_file(entry: dict[str, Any]) -> None:
    counts = ", ".join(f"{e} {n}" for e, n in sorted(entry["counts"].items()))
    n = len(entry["findings"])
    print(f"{entry['file']}: {n} finding(s) / {n}件" + (f" — {counts}" if counts else ""))
    for row in entry["findings"]:
        print(f"  {entry['file']}:{row['line']}:{row['column']}  {row['entity']:<20} {row['preview']}")


def _database_entry(report: DatabaseReport) -> dict[str, Any]:
    return {
        "database": report.database,
        "dialect": report.dialect,
        "sample": report.sample,
        "columns": [
            {
                "table": c.table,
                "column": c.column,
                "sampled": c.sampled,
                "entities": [{"entity": e.entity, "share": round(e.share, 3)} for e in c.entities],
            }
            for c in report.with_entities()
        ],
        "skipped": list(report.skipped),
    }


def _print_database(report: DatabaseReport) -> None:
    hits = report.with_entities()
    print(
        f"{report.database}: {len(hits)} of {len(report.columns)} column(s) hold personal information"
        f" / 個人情報を含む列 {len(hits)}/{len(report.columns)}"
    )
    for c in hits:
        entities = ", ".join(f"{e.entity} {e.share:.0%}" for e in c.entities)
        print(f"  {c.table + '.' + c.column:<34} {entities}  (of {c.sampled} sampled)")
