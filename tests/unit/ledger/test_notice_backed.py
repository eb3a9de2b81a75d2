"""Every sentence of the notice is backed by a ledger field (issue 14): no default prints a promise.

For each ledger (the examples, the minimal fixture and every real-policy ledger) the notice of each language is cut
into units: each sentence of a paragraph or list item (split at 。 and ". ", outside brackets), each table row and
each label → value row. Headings, the title and table headers are structure. Then each field of the ledger's YAML is
perturbed in turn — a whole section or list item removed, a key removed from every entry of a list, a string marked
in every sentence, a number +1, a boolean flipped, an enum value swapped for another, a date moved, a key unset —
and the ledger re-validated; when it still loads, every unit of the notice that changed is backed by that field. A
unit that no perturbation changes is printed whatever the ledger says: a default sentence, and the test fails.

The few sentences that only introduce what follows (a list or table whose every entry is backed) are let through
by `STRUCTURE`, each with why it promises nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from hogo.ledger.notice import build_notice
from hogo.ledger.notice_model import Block, BulletList, DefinitionList, Lang, NoticeDocument, Paragraph, Table
from hogo.ledger.schemas import Ledger
from hogo.ledger.schemas.ledger import reference_problems

ROOT = Path(__file__).resolve().parents[3]
LEDGERS = sorted(
    [
        *ROOT.glob("examples/*/ledger.yaml"),
        ROOT / "tests/fixtures/minimal.yaml",
        *ROOT.glob("tests/fixtures/real_policies/*/ledger.yaml"),
    ]
)
LANGS: tuple[Lang, ...] = ("ja", "en")

STRUCTURE: dict[str, str] = {
    # Each introduces the list or table that follows it; the entries are each backed by a ledger field.
    "当社は、次の個人情報を取得します。": "introduces the items acquired, each from `items` and `purposes`",
    "We acquire the following personal information.": "the same, in English",
    "当社は、取得した個人情報を次の目的で利用します。": "introduces the purposes, each from `purposes` (required)",
    "We use the personal information we acquire for the following purposes.": "the same, in English",
    "当社が保有する個人データ（保有個人データ）について、次のご請求を受け付けます。": (
        "introduces the table of request kinds, each row from `requests.kinds` (required)"
    ),
    "We accept the following requests about the personal data we retain about you (retained personal data).": (
        "the same, in English"
    ),
    "個人情報の取扱いに関する苦情、ご相談及び上記のご請求は、次の窓口で受け付けています。": (
        "introduces the desk's particulars, each from `operator.desk` (required, Art. 32(1)(iv))"
    ),
    "Our desk below handles complaints, questions and the requests above concerning personal information.": (
        "the same, in English"
    ),
    "主な保存期間は次のとおりです。": "introduces the retention table, each row from `retention`",
    "The main retention periods are as follows.": "the same, in English",
}

Unit = tuple[str, str]
"""(where, text): the section key (or preamble, closing) and the sentence or row."""

Build = Callable[[Ledger, Lang], NoticeDocument]
PathT = tuple[str | int, ...]
MARK = "ZQX"


# -- cutting a notice into units -----------------------------------------------------------------

_OPEN, _CLOSE = "（「『(“", "）」』)”"


def sentences(text: str) -> list[str]:
    """Split at 。 and at '.' before a space or the end, but not inside brackets or quotes."""
    out: list[str] = []
    current, depth = "", 0
    for n, char in enumerate(text):
        current += char
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        ends = char == "。" or (char == "." and (n + 1 == len(text) or text[n + 1] == " "))
        if depth == 0 and ends:
            out.append(current.strip())
            current = ""
    if current.strip():
        out.append(current.strip())
    return [s for s in out if s]


def _block_units(where: str, block: Block) -> Iterator[Unit]:
    if isinstance(block, Paragraph):
        yield from ((where, s) for s in sentences(block.text))
    elif isinstance(block, BulletList):
        yield from ((where, s) for item in block.items for s in sentences(item))
    elif isinstance(block, DefinitionList):
        yield from ((where, f"{label} → {value}") for label, value in block.rows)
    elif isinstance(block, Table):  # the header row is structure; each row is one unit
        yield from ((where, " | ".join(row)) for row in block.rows)


def units(doc: NoticeDocument) -> Counter[Unit]:
    """Each unit with how often it occurs (two fields may print the same words: changing either is seen)."""
    found: Counter[Unit] = Counter()
    parts = [("preamble", doc.preamble), *((s.key, s.blocks) for s in doc.sections), ("closing", doc.closing)]
    for where, blocks in parts:
        for block in blocks:
            found.update(_block_units(where, block))
    return found


# -- perturbing the ledger's fields ---------------------------------------------------------------


def expand(node: Any) -> Any:
    """A plain copy with YAML aliases expanded: each place of the document is its own object."""
    if isinstance(node, dict):
        return {k: expand(v) for k, v in node.items()}
    if isinstance(node, list):
        return [expand(v) for v in node]
    return node


@dataclass(frozen=True)
class Perturbation:
    kind: str  # "unset" (a key), "remove" (a list item), "column" (a key of every entry), "change" (a leaf)
    path: PathT
    key: str = ""


def perturbations(node: Any, path: PathT = ()) -> Iterator[Perturbation]:
    """Coarse first: a whole section or list item before the fields inside it."""
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, dict | list):
                yield Perturbation("unset", (*path, key))
        for key, value in node.items():
            if not isinstance(value, dict | list):
                yield Perturbation("change", (*path, key))
                yield Perturbation("unset", (*path, key))
        for key, value in node.items():
            if isinstance(value, dict | list):
                yield from perturbations(value, (*path, key))
    elif isinstance(node, list):
        for n in range(len(node)):
            yield Perturbation("remove", (*path, n))
        entries = [v for v in node if isinstance(v, dict)]
        for key in dict.fromkeys(k for v in entries for k in v):
            if len(entries) > 1:
                yield Perturbation("column", path, key)
        for n, value in enumerate(node):
            if isinstance(value, dict | list):
                yield from perturbations(value, (*path, n))
            else:
                yield Perturbation("change", (*path, n))


def _marked(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value + 1
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=1)
    if isinstance(value, str):  # every sentence of the text changes, not only the last
        return value.replace("。", MARK + "。").replace(". ", MARK + ". ") + MARK
    return MARK


def apply(data: dict[str, Any], p: Perturbation, value: Any = None) -> dict[str, Any]:
    out = expand(data)
    parent: Any = out
    for part in p.path[:-1] if p.kind != "column" else p.path:
        parent = parent[part]
    if p.kind == "column":
        for entry in parent:
            if isinstance(entry, dict):
                entry.pop(p.key, None)
    elif p.kind in ("unset", "remove"):
        del parent[p.path[-1]]
    else:
        parent[p.path[-1]] = _marked(parent[p.path[-1]]) if value is None else value
    return out


def validate(data: dict[str, Any]) -> Ledger:
    """What `load_ledger_text` accepts, on plain data: the schema and the references (raises ValueError)."""
    ledger = Ledger.model_validate(data)
    if reference_problems(data):
        raise ValueError("dangling or duplicate reference")
    return ledger


def _alternatives(error: ValidationError, was: Any) -> list[str]:
    """For an enum value that a marked string broke: the values the schema offers instead."""
    for e in error.errors(include_url=False):
        expected = (e.get("ctx") or {}).get("expected")
        if e["type"] in ("enum", "literal_error") and isinstance(expected, str):
            return [v for v in re.findall(r"'([^']*)'", expected) if v != was]
    return []


def variant(data: dict[str, Any], p: Perturbation) -> Ledger | None:
    """The ledger with `p` applied, or None when no such ledger is valid."""
    try:
        return validate(apply(data, p))
    except ValidationError as error:
        if p.kind != "change":
            return None
        parent: Any = data
        for part in p.path[:-1]:
            parent = parent[part]
        for other in _alternatives(error, parent[p.path[-1]])[:1]:
            try:
                return validate(apply(data, p, other))
            except (ValidationError, ValueError):
                return None
        return None
    except ValueError:
        return None


@dataclass
class Report:
    units: int
    tried: int
    unbacked: dict[Lang, set[Unit]]


def unbacked(data: dict[str, Any], build: Build = build_notice) -> Report:
    """The units of the notice that no perturbation of the ledger changes (allowed structure excepted)."""
    ledger = validate(data)
    base = {lang: units(build(ledger, lang)) for lang in LANGS}
    todo = {lang: {u for u in base[lang] if u[1] not in STRUCTURE} for lang in LANGS}
    tried = 0
    for p in perturbations(data):
        if not any(todo.values()):
            break
        tried += 1
        changed = variant(data, p)
        if changed is None:
            continue
        for lang in LANGS:
            if todo[lang]:
                now = units(build(changed, lang))
                todo[lang] = {u for u in todo[lang] if now[u] >= base[lang][u]}  # fewer in the variant: backed
    return Report(sum(u.total() for u in base.values()), tried, todo)


def load(path: Path) -> dict[str, Any]:
    data = expand(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert isinstance(data, dict)
    return data


# -- the tests ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", LEDGERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_sentence_of_the_notice_is_backed_by_a_field(path: Path) -> None:
    report = unbacked(load(path))
    print(f"{path.relative_to(ROOT)}: {report.units} units (ja + en), {report.tried} perturbations tried")
    assert report.units > 20 and report.tried > 0
    found = {lang: sorted(text for where, text in found) for lang, found in report.unbacked.items() if found}
    assert found == {}, f"printed whatever the ledger says (a default, not the company's statement): {found}"


def test_an_injected_default_sentence_is_caught() -> None:
    """The test can fail: a sentence added to every notice, whatever the ledger, is reported; one that interpolates
    a ledger field is not."""
    injected = ("当社は、お客様の個人情報を厳重に管理します。", "We keep your personal information strictly.")

    def with_default(ledger: Ledger, lang: Lang) -> NoticeDocument:
        doc = build_notice(ledger, lang)
        first = doc.sections[0]
        extra = (Paragraph(injected[0] if lang == "ja" else injected[1]),)
        backed = (Paragraph(f"{ledger.operator.desk_label.get(lang)}までご連絡ください。"),)
        return replace(doc, sections=(replace(first, blocks=first.blocks + extra + backed), *doc.sections[1:]))

    report = unbacked(load(ROOT / "tests/fixtures/minimal.yaml"), with_default)
    assert report.unbacked == {"ja": {("operator", injected[0])}, "en": {("operator", injected[1])}}


def test_units_are_sentences_rows_and_list_items() -> None:
    assert sentences("A社（以下「当社」といいます。）は、取得します。次のとおりです。") == [
        "A社（以下「当社」といいます。）は、取得します。",
        "次のとおりです。",
    ]
    assert sentences("We use it, e.g. for billing. We keep it.") == ["We use it, e.g.", "for billing.", "We keep it."]
    doc = NoticeDocument(
        "ja",
        "title",
        (Paragraph("一。二。"),),
        (),
        (DefinitionList((("制定日", "2024年1月1日"),)), Table(("a", "b"), (("1", "2"),))),
    )
    assert set(units(doc)) == {
        ("preamble", "一。"),
        ("preamble", "二。"),
        ("closing", "制定日 → 2024年1月1日"),
        ("closing", "1 | 2"),
    }


def test_every_structure_sentence_is_still_printed_somewhere() -> None:
    """An allowance for a sentence no notice prints any more is stale and goes."""
    printed = {
        text for path in LEDGERS for lang in LANGS for _, text in units(build_notice(validate(load(path)), lang))
    }
    assert sorted(set(STRUCTURE) - printed) == []
