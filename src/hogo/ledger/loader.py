"""Read a ledger YAML file into a validated `Ledger`, locating every problem by file and line.

PyYAML composes the document into nodes that remember where they start; we index those positions
by path (('purposes', 3, 'items', 0) → line 57) so that a Pydantic error location, a broken
reference or a lint finding can be printed as `FILE:LINE: CODE message`.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any, Literal, get_args

import yaml
from pydantic import ValidationError

from hogo.ledger.schemas import Ledger
from hogo.ledger.schemas.ledger import Path, reference_problems

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a ledger file. Structural problems are errors; lint findings carry an article."""

    file: str
    line: int
    code: str
    message: str
    severity: Severity = "error"
    article: str | None = None
    accepted: str | None = None
    """The reason the operator accepted this finding (ledger `accepted_findings`), if it did."""
    text_ja: str = ""
    """The message in Japanese, where the catalogue words it (every APPI finding)."""

    @property
    def blocking(self) -> bool:
        return self.severity == "error" and self.accepted is None

    def format(self, lang: str = "en") -> str:
        """`FILE:LINE: CODE severity: message (article)`, worded in `lang` ('ja' or 'en') where the catalogue has it."""
        message = self.text_ja if lang == "ja" and self.text_ja else self.message
        severity = self.severity
        if lang == "ja":
            from hogo.i18n import t

            severity = t(f"ledger.severity.{self.severity}", "ja")  # type: ignore[assignment]
        label = f"{severity} ({'受け入れ済み' if lang == 'ja' else 'accepted'})" if self.accepted else severity
        text = f"{self.file}:{self.line}: {self.code} {label}: {message}"
        if self.article:
            text += f" ({self.article})"
        said = "受け入れの理由" if lang == "ja" else "accepted"
        return f"{text} — {said}: {self.accepted}" if self.accepted else text


@dataclass
class LineIndex:
    """Where each value (and each mapping key) of the document starts, by path. Lines are 1-based."""

    values: dict[Path, int] = field(default_factory=dict)
    keys: dict[Path, int] = field(default_factory=dict)

    def line_of(self, path: Sequence[str | int], *, key: bool = False) -> int:
        """The line of `path`, or of its nearest ancestor that exists in the document."""
        parts = tuple(path)
        if key and parts in self.keys:
            return self.keys[parts]
        while parts:
            if parts in self.values:
                return self.values[parts]
            if parts in self.keys:
                return self.keys[parts]
            parts = parts[:-1]
        return self.values.get((), 1)


@dataclass
class LoadedLedger:
    source: str
    text: str
    ledger: Ledger | None
    problems: list[Problem]
    lines: LineIndex


def load_ledger_file(path: str | FsPath) -> LoadedLedger:
    file = FsPath(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        return LoadedLedger(str(path), "", None, [Problem(str(path), 0, "unreadable", reason)], LineIndex())
    return load_ledger_text(text, source=str(path))


def load_ledger_text(text: str, *, source: str = "<ledger>") -> LoadedLedger:
    lines = LineIndex()
    problems: list[Problem] = []
    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        detail = getattr(exc, "problem", None) or str(exc)
        return LoadedLedger(source, text, None, [Problem(source, line, "yaml-syntax", str(detail))], lines)
    if node is None or not isinstance(data, dict):
        problems.append(Problem(source, 1, "wrong-type", "the ledger must be a YAML mapping of sections"))
        return LoadedLedger(source, text, None, problems, lines)
    _index(node, (), lines, problems, source)

    ledger: Ledger | None = None
    try:
        ledger = Ledger.model_validate(data)
    except ValidationError as exc:
        problems.extend(_validation_problems(exc, lines, source))
    for ref in reference_problems(data):
        problems.append(Problem(source, lines.line_of(ref.path), ref.code, f"{dotted(ref.path)}: {ref.message}"))
    problems.sort(key=lambda p: p.line)
    if any(p.severity == "error" for p in problems):
        ledger = None
    return LoadedLedger(source, text, ledger, problems, lines)


def _index(node: yaml.Node, path: Path, lines: LineIndex, problems: list[Problem], source: str) -> None:
    lines.values[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key: Any = key_node.value
            child = (*path, key)
            if key in seen:
                problems.append(
                    Problem(
                        source,
                        key_node.start_mark.line + 1,
                        "duplicate-key",
                        f"{dotted(child)}: the key '{key}' appears twice in the same mapping",
                    )
                )
            seen.add(key)
            lines.keys[child] = key_node.start_mark.line + 1
            _index(value_node, child, lines, problems, source)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index(item, (*path, index), lines, problems, source)


_CODES = {
    "extra_forbidden": "unknown-key",
    "missing": "missing-key",
    "literal_error": "invalid-value",
    "enum": "invalid-value",
    "string_pattern_mismatch": "invalid-value",
    "value_error": "invalid-value",
    "url_parsing": "invalid-value",
    "url_scheme": "invalid-value",
    "too_short": "too-short",
    "string_too_short": "too-short",
    "string_too_long": "too-long",
    "greater_than_equal": "invalid-value",
    "greater_than": "invalid-value",
}


def _validation_problems(exc: ValidationError, lines: LineIndex, source: str) -> list[Problem]:
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        loc = tuple(part for part in error["loc"] if isinstance(part, str | int))
        kind = error["type"]
        code = _CODES.get(kind, "wrong-type")
        if code == "unknown-key":
            message = f"{dotted(loc)}: unknown key '{loc[-1]}'" + _suggestion(loc)
            line = lines.line_of(loc, key=True)
        elif code == "missing-key":
            message = f"{dotted(loc)}: required key '{loc[-1]}' is missing"
            line = lines.line_of(loc[:-1])
        else:
            message = f"{dotted(loc)}: {error['msg']}"
            shown = error.get("input")
            if (isinstance(shown, str | int | float | bool) and not isinstance(shown, bool)) or shown is None:
                message += f" (got {shown!r})"
            line = lines.line_of(loc)
        problems.append(Problem(source, line, code, message))
    return problems


def _suggestion(loc: tuple[str | int, ...]) -> str:
    """'did you mean …' for a misspelt key, from the fields the model at that place declares."""
    model: Any = Ledger
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = getattr(model, "model_fields", {}).get(part)
        if info is None:
            return ""
        model = _model_of(info.annotation)
        if model is None:
            return ""
    fields = list(getattr(model, "model_fields", {}))
    close = difflib.get_close_matches(str(loc[-1]), fields, n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def _model_of(annotation: Any) -> Any:
    if hasattr(annotation, "model_fields"):
        return annotation
    for arg in get_args(annotation):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def dotted(path: Sequence[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(document)"
