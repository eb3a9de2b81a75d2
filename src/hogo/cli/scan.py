"""`hogo scan FILE|FOLDER… [--include GLOB] [--exclude GLOB] [--encoding E] [--json] [--database URL] [--fail-on-find]`:
personal information in files, folders (recursively) or a database.

Each file is decoded strictly as UTF-8 (BOM or not), Shift_JIS/CP932 or EUC-JP and its line says which; a file that
is none of them (or binary) is refused with a line saying so, never read as mojibake. Prints the entity, the place
(FILE:LINE:COL, or table.column) and a masked preview; never a value."""

from __future__ import annotations

import bisect
import fnmatch
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer

from hogo.adapters.recognizers import Finding, scan_text
from hogo.adapters.recognizers.database import DatabaseReport, scan_database
from hogo.adapters.recognizers.encoding import Undecodable, decode
from hogo.adapters.recognizers.mask import mask
from hogo.cli.common import err, handle_errors

_NEWLINE = re.compile("\n")
TEXT_FILES = [
    "*.txt",
    "*.csv",
    "*.tsv",
    "*.log",
    "*.json",
    "*.jsonl",
    "*.md",
    "*.xml",
    "*.html",
    "*.htm",
    "*.yaml",
    "*.yml",
    "*.sql",
    "*.eml",
    "*.ini",
    "*.cfg",
    "*.conf",
    "*.prn",
    "*.dat",
]
"""What a folder is searched for unless --include says otherwise (a file named on the command line is always read)."""


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
    include: Annotated[
        list[str] | None,
        typer.Option(help="in folders, scan the files matching this glob (repeat; default: text files)"),
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option(help="skip files and folders matching this glob (repeat)")
    ] = None,
    encoding: Annotated[
        str | None, typer.Option(help="read every file in this encoding (default: detect UTF-8, Shift_JIS, EUC-JP)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON document")] = False,
    fail_on_find: Annotated[bool, typer.Option(help="exit 1 when personal information is found")] = False,
) -> None:
    """Find personal information (個人情報の検出) in files and folders: My Number, phone, address, e-mail, names, …"""
    if not files and database is None:
        err("nothing to scan: give FILE… or --database URL / 対象のファイルまたは --database を指定してください")
        raise typer.Exit(2)
    out: dict[str, Any] = {"files": [], "refused": [], "database": None}
    total = 0
    for file in _expand(files or [], include or TEXT_FILES, exclude or []):
        try:
            raw = sys.stdin.buffer.read() if str(file) == "-" else file.read_bytes()
        except OSError as exc:
            err(f"{file}: cannot read ({exc.strerror}) / 読み込めません")
            raise typer.Exit(2) from None
        try:
            if b"\x00" in raw[:8192]:
                raise Undecodable("binary data (NUL bytes)")
            decoded = decode(raw, encoding)
        except (Undecodable, LookupError) as exc:
            out["refused"].append({"file": str(file), "reason": str(exc)})
            if not as_json:
                print(f"{file}: refused — {exc} / 文字コードを判別できないため読み取りません")
            continue
        findings = scan_text(decoded.text)
        total += len(findings)
        entry = _file_entry(str(file), decoded.text, findings) | {"encoding": decoded.name}
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
    if out["refused"]:
        err(
            f"{len(out['refused'])} file(s) refused: not text in UTF-8, Shift_JIS/CP932 or EUC-JP (--encoding to force)"
        )
        raise typer.Exit(2)


def _expand(paths: list[Path], include: list[str], exclude: list[str]) -> list[Path]:
    """The files to read: a named file as is; a folder's files, recursively and in order, that match `include`
    and not `exclude` (matched against the file's name and its path under the folder)."""
    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        for file in sorted(p for p in path.rglob("*") if p.is_file()):
            relative = file.relative_to(path)
            parts = [str(relative), *relative.parts]
            if any(fnmatch.fnmatch(part, pattern) for part in parts for pattern in exclude):
                continue
            if any(
                fnmatch.fnmatch(file.name, pattern) or fnmatch.fnmatch(str(relative), pattern) for pattern in include
            ):
                found.append(file)
    return found


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
    print(f"{entry['file']}: {n} finding(s) / {n}件 [{entry['encoding']}]" + (f" — {counts}" if counts else ""))
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
