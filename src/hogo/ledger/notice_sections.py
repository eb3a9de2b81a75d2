"""Section builders of the privacy notice: who we are, what we acquire and why.

Each builder takes the ledger and a language and returns a `Draft`, or None when the ledger has
nothing for that section. What the ledger does not state is left out (the linter reports it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from hogo.ledger.notice_model import Block, BulletList, DefinitionList, Draft, Lang, Paragraph, Subheading
from hogo.ledger.notice_text import annotate, item_labels, join, labels, org_rows, says, sentence, subject_label, tr
from hogo.ledger.schemas import Channel, ChannelKind, Clause, IdentificationCode, Item, Ledger, Purpose, Service

_AUTOMATIC = frozenset({ChannelKind.cookie, ChannelKind.access_log, ChannelKind.location, ChannelKind.device_id})


def operator(ledger: Ledger, lang: Lang) -> Draft:
    """Name, address and representative of the operator (Art. 32(1)(i))."""
    title = tr(lang, "当社の名称・住所・代表者", "Our name, address and representative")
    rows = org_rows(ledger.operator, lang)
    if ledger.operator.group_companies_url is not None:
        rows.append((tr(lang, "グループ会社の一覧", "Our group companies"), str(ledger.operator.group_companies_url)))
    return Draft("operator", title, (DefinitionList(tuple(rows)),))


def basic_policy(ledger: Ledger, lang: Lang) -> Draft | None:
    if not ledger.policy.basic_policy:
        return None
    title = tr(lang, "個人情報保護に関する基本方針", "Our basic policy")
    return Draft("basic_policy", title, (BulletList(tuple(t.get(lang) for t in ledger.policy.basic_policy)),))


# -- acquisition ---------------------------------------------------------------------------------


def acquisition(ledger: Ledger, lang: Lang) -> Draft:
    """The items acquired for each kind of person, and the channels they come through (Arts. 20-21)."""
    intro = (
        tr(
            lang,
            "当社は、利用目的の達成に必要な範囲で、適法かつ公正な手段により、次の個人情報を取得します。",
            "We acquire the following personal information by lawful and fair means, and only as far "
            "as needed for the purposes of use.",
        )
        if says(ledger, Clause.lawful_acquisition)
        else tr(lang, "当社は、次の個人情報を取得します。", "We acquire the following personal information.")
    )
    blocks: list[Block] = [Paragraph(intro)]
    for subject in ledger.subject_kinds:
        keys = {k for p in ledger.purposes if subject.id in p.subject_kinds for k in p.items}
        items = [i for i in ledger.items if i.key in keys]
        if items:
            heading = tr(lang, f"{subject.label.get(lang)}の個人情報", subject.label.get(lang))
            blocks += [Subheading(heading), BulletList(tuple(_item_line(i, lang) for i in items))]
    if says(ledger, Clause.special_care_consent) and any(i.special_care is not None for i in ledger.items):
        blocks.append(
            Paragraph(
                tr(
                    lang,
                    "要配慮個人情報は、法令に基づく場合等を除き、あらかじめご本人の同意を得たうえで取得します。",
                    "We acquire special care-required personal information only with your prior consent, "
                    "except where the law permits otherwise.",
                )
            )
        )
    if _my_number_only_for_statutory_tasks(ledger):
        blocks.append(
            Paragraph(
                tr(
                    lang,
                    "個人番号（マイナンバー）は、番号法で定められた事務を行うために必要な場合に限り取得します。",
                    "We acquire Individual Numbers (My Numbers) only where needed for the tasks prescribed "
                    "by the My Number Act.",
                )
            )
        )
    blocks += _channels(ledger, lang)
    title = tr(lang, "取得する個人情報と取得の方法", "Personal information we acquire and how")
    return Draft("acquisition", title, tuple(blocks))


def _my_number_only_for_statutory_tasks(ledger: Ledger) -> bool:
    """True when the ledger holds My Numbers and every purpose that uses them states a task of the My Number Act:
    only then does the notice say so (a clinic using them for care gets no such sentence, and a lint error)."""
    numbers = {i.key for i in ledger.items if i.identification_code is IdentificationCode.my_number}
    using = [p for p in ledger.purposes if numbers & set(p.items)]
    return bool(using) and all(p.my_number_statutory_task for p in using)


def _item_line(item: Item, lang: Lang) -> str:
    line = item.label.get(lang)
    if item.special_care is not None:
        line = annotate(line, tr(lang, "要配慮個人情報", "special care-required personal information"), lang)
    return line


def _channels(ledger: Ledger, lang: Lang) -> list[Block]:
    direct: list[str] = []
    indirect: list[str] = []
    automatic: list[str] = []
    for channel in ledger.channels:
        target = automatic if channel.kind in _AUTOMATIC else direct if channel.direct else indirect
        target.append(_channel_line(ledger, channel, lang))
    groups = (
        (tr(lang, "ご本人から直接取得する方法", "Directly from you"), direct),
        (tr(lang, "ご本人以外から取得する方法", "From sources other than you"), indirect),
        (
            tr(lang, "ウェブサイト・アプリのご利用に伴い取得する情報", "Collected when you use our websites and apps"),
            automatic,
        ),
    )
    blocks: list[Block] = []
    for heading, lines in groups:
        if lines:
            blocks += [Subheading(heading, 4), BulletList(tuple(lines))]
    if blocks:
        blocks.insert(0, Subheading(tr(lang, "取得の方法", "How we acquire it")))
    written = [c.label.get(lang) for c in ledger.channels if c.direct and c.written]
    if written:
        blocks.append(
            Paragraph(
                tr(
                    lang,
                    f"申込書やウェブサイトの入力フォームなど、書面（電磁的記録を含みます。）によりご本人から直接"
                    f"個人情報を取得する場合（{join(written, lang)}）は、あらかじめご本人に利用目的を明示します。",
                    f"When we acquire personal information directly from you in writing, including electronic "
                    f"forms ({join(written, lang)}), we show you the purposes of use before you submit it.",
                )
            )
        )
    return blocks


def _channel_line(ledger: Ledger, channel: Channel, lang: Lang) -> str:
    head = channel.label.get(lang)  # the company's own words; the kind is the linter's classification
    items = item_labels(ledger, channel.items, lang)
    notes = [head + tr(lang, "：", ": ") + items if items else head]
    if channel.source is not None:
        notes.append(tr(lang, "取得元：", "Source: ") + channel.source.get(lang))
    if channel.consent_required:
        notes.append(tr(lang, "ご本人の同意を得たうえで取得します", "We acquire it only with your consent"))
    if channel.description is not None:
        notes.append(channel.description.get(lang))
    if channel.opt_out_url is not None:
        notes.append(tr(lang, "取得を停止する方法：", "How to opt out: ") + str(channel.opt_out_url))
    if len(notes) == 1:
        return notes[0]
    return tr(lang, "", " ").join(sentence(n, lang) for n in notes)


# -- purposes ------------------------------------------------------------------------------------


def purposes(ledger: Ledger, lang: Lang) -> Draft:
    """Purposes of use by kind of person and by service (Arts. 17, 18, 21; Art. 32(1)(ii))."""
    blocks: list[Block] = [
        Paragraph(
            tr(
                lang,
                "当社は、取得した個人情報を、次の利用目的の達成に必要な範囲で利用します。",
                "We use the personal information we acquire only as far as needed for the following purposes.",
            )
            if says(ledger, Clause.use_within_purposes)
            else tr(
                lang,
                "当社は、取得した個人情報を次の目的で利用します。",
                "We use the personal information we acquire for the following purposes.",
            )
        )
    ]
    blocks += _by_subject(ledger, [p for p in ledger.purposes if p.service is None], lang, 3)
    for service in ledger.services:
        own = [p for p in ledger.purposes if p.service == service.id]
        if own or service.overrides_general:
            blocks += _service_blocks(ledger, service, own, lang)
    if says(ledger, Clause.use_within_purposes):
        blocks.append(
            Paragraph(
                tr(
                    lang,
                    "当社は、法令に基づく場合等を除き、あらかじめご本人の同意を得ることなく、上記の利用目的の達成に"
                    "必要な範囲を超えて個人情報を取り扱いません。",
                    "We do not handle personal information beyond what is needed for these purposes without your "
                    "prior consent, except where the law permits it.",
                )
            )
        )
    if says(ledger, Clause.purpose_change):
        blocks.append(
            Paragraph(
                tr(
                    lang,
                    "利用目的を変更する場合は、変更前の利用目的と関連性を有すると合理的に認められる範囲内で行い、"
                    "変更後の利用目的をご本人に通知し、又は公表します。",
                    "If we change a purpose of use, the new purpose will remain reasonably related to the original "
                    "one, and we will notify you of it or make it public.",
                )
            )
        )
    return Draft("purposes", tr(lang, "利用目的", "Purposes of use"), tuple(blocks))


def _service_blocks(ledger: Ledger, service: Service, own: Sequence[Purpose], lang: Lang) -> list[Block]:
    name = service.name.get(lang)
    blocks: list[Block] = [Subheading(tr(lang, f"{name}における個人情報の取扱い", name))]
    if service.description is not None:
        blocks.append(Paragraph(service.description.get(lang)))
    if service.overrides_general:
        blocks.append(
            Paragraph(
                tr(
                    lang,
                    f"{name}について個別に定める個人情報の取扱い（利用目的、第三者提供、お問い合わせ先等）が"
                    "本ポリシーと異なる場合は、その個別の定めが優先して適用されます。",
                    f"Where the rules we set out specifically for {name} (purposes of use, provision to third "
                    "parties, contact points, etc.) differ from this Policy, those specific rules take precedence.",
                )
            )
        )
    subjects = {s for p in own for s in p.subject_kinds}
    if len(subjects) > 1:
        blocks += _by_subject(ledger, own, lang, 4)
    elif own:
        blocks.append(BulletList(tuple(_purpose_line(p, lang) for p in own)))
    return blocks


def _by_subject(ledger: Ledger, chosen: Sequence[Purpose], lang: Lang, level: Literal[3, 4]) -> list[Block]:
    blocks: list[Block] = []
    for subject in ledger.subject_kinds:
        lines = tuple(_purpose_line(p, lang) for p in chosen if subject.id in p.subject_kinds)
        if lines:
            heading = subject_label(ledger, subject.id, lang)
            blocks += [Subheading(tr(lang, f"{heading}の個人情報", heading), level), BulletList(lines)]
    return blocks


def _purpose_line(purpose: Purpose, lang: Lang) -> str:
    """A purpose with what the law makes the reader entitled to know about it, in brackets."""
    notes: list[str] = []
    if purpose.third_party_provision:
        notes.append(tr(lang, "第三者への提供を含みます", "including provision to third parties"))
    if purpose.profiling:
        notes.append(
            tr(
                lang,
                "ご本人の行動・関心等に関する情報の分析を含みます",
                "including analysis of information on your behavior and interests",
            )
        )
    if purpose.my_number_statutory_task:
        notes.append(
            tr(
                lang,
                "個人番号は番号法で定められた事務の範囲内でのみ利用します",
                "Individual Numbers are used only for the tasks prescribed by the My Number Act",
            )
        )
    if purpose.excluded_item_categories:
        excluded = labels(purpose.excluded_item_categories, lang)
        notes.append(tr(lang, f"{excluded}は、この目的には利用しません", f"we do not use {excluded} for this purpose"))
    if purpose.note is not None:
        notes.append(purpose.note.get(lang))
    line = purpose.text.get(lang)
    if notes:
        ja = "。".join(n.rstrip("。") for n in notes)
        en = "; ".join(n.rstrip(".") for n in notes)
        line = annotate(line, tr(lang, ja, en), lang)
    return line
