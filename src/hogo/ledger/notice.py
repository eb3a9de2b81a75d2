"""The public privacy notice (プライバシーポリシー / 個人情報の取扱いについて), built from the ledger.

`build_notice(ledger, lang)` turns a `Ledger` into a `NoticeDocument`: a tree of frozen dataclasses
that `hogo.adapters.notice_formats.render` writes as Markdown or HTML. Pure: no database, web or
template library. Sections appear in a fixed order and only when the ledger has content for them.
What the ledger does not state is left out, never filled in: the linter, not the public notice, tells
staff what the law wants stated.
"""

from __future__ import annotations

from collections.abc import Callable

from hogo.ledger import notice_practices, notice_recipients, notice_rights, notice_sections
from hogo.ledger.notice_model import (
    Block,
    BulletList,
    DefinitionList,
    Draft,
    Lang,
    NoticeDocument,
    Paragraph,
    Section,
    Subheading,
    Table,
)
from hogo.ledger.notice_text import annotate, fmt_date, says, tr
from hogo.ledger.schemas import Clause, Ledger

__all__ = [
    "Block",
    "BulletList",
    "DefinitionList",
    "Lang",
    "NoticeDocument",
    "Paragraph",
    "Section",
    "Subheading",
    "Table",
    "build_notice",
]

Builder = Callable[[Ledger, Lang], Draft | None]

SECTION_BUILDERS: tuple[Builder, ...] = (
    notice_sections.operator,  # Art. 32(1)(i)
    notice_sections.basic_policy,
    notice_sections.acquisition,  # Arts. 20-21
    notice_sections.purposes,  # Arts. 17-18, 32(1)(ii)
    notice_recipients.provision,  # Art. 27(1)
    notice_recipients.opt_out,  # Art. 27(2)
    notice_recipients.entrustment,  # Art. 25
    notice_recipients.joint_use,  # Art. 27(5)(iii)
    notice_recipients.foreign,  # Art. 28, Rule 17
    notice_practices.web_tracking,
    notice_practices.statistics,
    notice_practices.retention,  # Art. 22
    notice_practices.security,  # CO 10(1)
    notice_rights.requests,  # Arts. 32(1)(iii), 33-39
    notice_rights.desk,  # Art. 32(1)(iv), CO 10(2)
    notice_rights.accredited,  # CO 10(3)
    notice_rights.changes,
)
"""The sections in the order they appear; each returns None (or a draft with no blocks) when it has nothing to say:
no heading is printed with nothing under it."""


def build_notice(ledger: Ledger, lang: Lang, portal: str | None = None) -> NoticeDocument:
    """The privacy notice of `ledger` in Japanese ('ja') or English ('en'); deterministic.

    `portal` is the address of the running portal (`https://host/portal`): the notice then links its request
    form when the ledger accepts requests by web form."""
    drafts = [draft for build in SECTION_BUILDERS if (draft := _draft(build, ledger, lang, portal)) and draft.blocks]
    sections = tuple(Section(d.key, n, d.title, d.blocks) for n, d in enumerate(drafts, start=1))
    doc = NoticeDocument(
        lang=lang,
        title=tr(lang, "プライバシーポリシー（個人情報の取扱いについて）", "Privacy Policy"),
        preamble=(Paragraph(_preamble(ledger, lang)),),
        sections=sections,
        closing=_closing(ledger, lang),
    )
    we = ledger.operator.self_reference
    return _called(doc, we) if lang == "ja" and we and we != WE else doc


WE = "当社"
"""How hogo's Japanese sentences call the operator; `operator.self_reference` replaces it (当行, 本会, 弊社 …)."""


def _called(doc: NoticeDocument, we: str) -> NoticeDocument:
    """The Japanese notice with the operator called `we` wherever hogo's wording (or the ledger's) says 当社."""

    def text(value: str) -> str:
        return value.replace(WE, we)

    def block(b: Block) -> Block:
        if isinstance(b, Paragraph):
            return Paragraph(text(b.text))
        if isinstance(b, BulletList):
            return BulletList(tuple(map(text, b.items)), b.ordered)
        if isinstance(b, DefinitionList):
            return DefinitionList(tuple((text(k), text(v)) for k, v in b.rows))
        if isinstance(b, Table):
            return Table(tuple(map(text, b.columns)), tuple(tuple(map(text, row)) for row in b.rows))
        return Subheading(text(b.text), b.level)

    return NoticeDocument(
        lang=doc.lang,
        title=text(doc.title),
        preamble=tuple(map(block, doc.preamble)),
        sections=tuple(Section(s.key, s.number, text(s.title), tuple(map(block, s.blocks))) for s in doc.sections),
        closing=tuple(map(block, doc.closing)),
    )


def _draft(build: Builder, ledger: Ledger, lang: Lang, portal: str | None) -> Draft | None:
    if build is notice_rights.requests:
        return notice_rights.requests(ledger, lang, portal)
    return build(ledger, lang)


def _preamble(ledger: Ledger, lang: Lang) -> str:
    name = ledger.operator.name.get(lang)
    if not says(ledger, Clause.legal_compliance):  # only who "we" are and what follows
        return tr(
            lang,
            f"{annotate(name, '以下「当社」といいます。', lang)}は、当社の事業において取得する個人情報を、"
            "以下のとおり取り扱います。",
            f'{name} ("we" or "us") handles the personal information we acquire in our business as set out in '
            "this Privacy Policy.",
        )
    return tr(
        lang,
        f"{annotate(name, '以下「当社」といいます。', lang)}は、個人情報の重要性を認識し、個人情報の保護に関する法律"
        "（以下「個人情報保護法」といいます。）その他の関係法令及びガイドラインを遵守して、"
        "当社の事業において取得する個人情報を、以下のとおり適切に取り扱います。",
        f'{name} ("we" or "us") recognizes the importance of personal information. We comply with the Act '
        'on the Protection of Personal Information (the "APPI"), related laws and regulations and the '
        "guidelines, and handle the personal information we acquire in our business as set out in this "
        "Privacy Policy.",
    )


def _closing(ledger: Ledger, lang: Lang) -> tuple[Block, ...]:
    """Established and revised dates (制定日 / 改定日), oldest first."""
    policy = ledger.policy
    rows: list[tuple[str, str]] = []
    if policy.established is not None:
        rows.append((tr(lang, "制定日", "Established"), fmt_date(policy.established, lang)))
    rows += [(tr(lang, "改定日", "Revised"), fmt_date(d, lang)) for d in sorted(policy.revised)]
    return (DefinitionList(tuple(rows)),) if rows else ()
