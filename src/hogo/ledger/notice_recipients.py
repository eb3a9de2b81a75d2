"""Section builders of the privacy notice: who else receives personal data (Arts. 25, 27, 28).

Third-party provision, provision by opt-out, entrustment, joint use and transfers abroad, each only
when the ledger states something for it: the consent rule of Art. 27(1) only when `policy.statutory_exceptions`
is stated, the recipients only when declared.
"""

from __future__ import annotations

from hogo.ledger.notice_model import Block, BulletList, DefinitionList, Draft, Lang, Paragraph, Subheading, Table
from hogo.ledger.notice_text import (
    annotate,
    fmt_address,
    fmt_date,
    item_labels,
    join,
    lab,
    purpose_texts,
    says,
    stated,
    text,
    tr,
)
from hogo.ledger.schemas import Clause, JointUse, Ledger, Organisation, Text, TransferBasis
from hogo.ledger.vocab import country_name

_EXCEPTIONS = (
    ("法令に基づく場合", "When required by laws and regulations"),
    (
        "人の生命、身体又は財産の保護のために必要がある場合であって、ご本人の同意を得ることが困難であるとき",
        "When it is necessary to protect a person's life, body or property and it is difficult to obtain your consent",
    ),
    (
        "公衆衛生の向上又は児童の健全な育成の推進のために特に必要がある場合であって、ご本人の同意を得ることが"
        "困難であるとき",
        "When it is especially necessary to improve public health or promote the sound development of "
        "children and it is difficult to obtain your consent",
    ),
    (
        "国の機関若しくは地方公共団体又はその委託を受けた者が法令の定める事務を遂行することに対して協力する"
        "必要がある場合であって、ご本人の同意を得ることにより当該事務の遂行に支障を及ぼすおそれがあるとき",
        "When we need to cooperate with a national agency, a local government, or a party entrusted by "
        "them in performing duties prescribed by law, and asking for your consent would be likely to "
        "impede those duties",
    ),
    (
        "学術研究機関等に学術研究の目的で提供する場合など、学術研究のために法令で認められる場合"
        "（個人の権利利益を不当に侵害するおそれがある場合を除きます）",
        "When the law allows it for academic research, such as provision to an academic research "
        "institution for its research (unless this would unjustly infringe anyone's rights and interests)",
    ),
)
"""The statutory exceptions of Art. 27(1)(i)-(vii), in plain words (items v-vii read as one)."""


def provision(ledger: Ledger, lang: Lang) -> Draft | None:
    """The consent rule as the company states it (with the statutory cases, or its stricter promise), and the
    declared recipients (Art. 27); None when the ledger states neither."""
    title = tr(lang, "個人データの第三者への提供", "Provision of personal data to third parties")
    if ledger.policy.statutory_exceptions is None:  # the consent rule only as the policy's own clause, if stated
        tail = _provision_tail(ledger, lang)
        if says(ledger, Clause.provision_consent):
            tail.insert(0, Paragraph(_own_consent_rule(ledger, lang)))
        return Draft("provision", title, tuple(tail)) if tail else None
    if not ledger.policy.statutory_exceptions:  # the company's own, stricter promise, printed as it is
        strict = tr(
            lang,
            "当社は、あらかじめご本人の同意を得ることなく、個人データを第三者に提供しません。",
            "We do not provide personal data to third parties without your prior consent.",
        )
        return Draft("provision", title, (Paragraph(strict), *_provision_tail(ledger, lang)))
    exceptions = [tr(lang, ja, en) for ja, en in _EXCEPTIONS]
    if ledger.opt_out is not None:
        exceptions.append(
            tr(
                lang,
                "下記「オプトアウトによる第三者提供」に記載するとおり、法令の定める手続に従って提供する場合",
                "When we provide it under the opt-out procedure set out in this Policy, as the law provides",
            )
        )
    blocks: list[Block] = [
        Paragraph(
            tr(
                lang,
                "当社は、次のいずれかに該当する場合を除き、あらかじめご本人の同意を得ることなく、個人データを"
                "第三者に提供しません。",
                "We do not provide personal data to third parties without your prior consent, except in the "
                "following cases:",
            )
        ),
        BulletList(tuple(exceptions)),
    ]
    blocks += _provision_tail(ledger, lang)
    return Draft("provision", title, tuple(blocks))


def _own_consent_rule(ledger: Ledger, lang: Lang) -> str:
    """No provision without consent, the exceptions being the policy's own cases: the recipients listed below."""
    if not ledger.third_parties:
        return tr(
            lang,
            "当社は、あらかじめご本人の同意を得ることなく、個人データを第三者に提供しません。",
            "We do not provide personal data to third parties without your prior consent.",
        )
    return tr(
        lang,
        "当社は、下記「個人データの提供先」に記載する場合を除き、あらかじめご本人の同意を得ることなく、個人データを"
        "第三者に提供しません。",
        "We do not provide personal data to third parties without your prior consent, except as set out under "
        '"Recipients of personal data" below.',
    )


def _provision_tail(ledger: Ledger, lang: Lang) -> list[Block]:
    """What follows the consent rule: what is not provision, the recipients, personally referable information."""
    blocks: list[Block] = []
    if says(ledger, Clause.not_third_party):
        blocks.append(
            Paragraph(
                tr(
                    lang,
                    "なお、利用目的の達成に必要な範囲内で個人データの取扱いを委託する場合、合併その他の事由による"
                    "事業の承継に伴って提供する場合、及び個人データを特定の者との間で共同して利用する場合は、"
                    "提供先は第三者に該当しません。",
                    "Entrusting the handling of personal data within the purposes of use, providing it as part of "
                    "a business succession such as a merger, and joint use with specific parties are not "
                    "provision to third parties.",
                )
            )
        )
    if ledger.third_parties:
        blocks += [Subheading(tr(lang, "個人データの提供先", "Recipients of personal data")), _recipients(ledger, lang)]
    if any(t.links_personally_referable for t in ledger.third_parties):
        blocks.append(
            Paragraph(
                tr(
                    lang,
                    "提供先が個人関連情報を個人データとして取得することが想定される場合は、提供先がご本人の同意を"
                    "得ていることを確認したうえで提供します。",
                    "Where a recipient is expected to acquire personally referable information as personal "
                    "data, we first confirm that the recipient has obtained your consent.",
                )
            )
        )
    return blocks


def _recipients(ledger: Ledger, lang: Lang) -> Table:
    """The declared third parties; the purpose column only when some recipient names a purpose."""
    with_purposes = any(t.purposes for t in ledger.third_parties)
    columns = [tr(lang, "提供先", "Recipient"), tr(lang, "提供する個人データの項目", "Personal data provided")]
    if with_purposes:
        columns.append(tr(lang, "提供の目的", "Purpose"))
    columns.append(tr(lang, "提供の根拠", "Basis"))
    rows = []
    for t in ledger.third_parties:
        row = [_with_note(t.name.get(lang), text(t.description, lang), lang), item_labels(ledger, t.items, lang)]
        if with_purposes:
            row.append("\n".join(purpose_texts(ledger, t.purposes, lang)) or "—")
        row.append(lab(t.basis, lang))
        rows.append(tuple(row))
    return Table(tuple(columns), tuple(rows))


def _with_note(name: str, note: str, lang: Lang) -> str:
    return annotate(name, note, lang)


def opt_out(ledger: Ledger, lang: Lang) -> Draft | None:
    """The nine matters of provision by opt-out, as filed with the PPC (Art. 27(2); Rule 11)."""
    oo = ledger.opt_out
    if oo is None:
        return None
    op = ledger.operator
    purposes = [p.text.get(lang) for p in ledger.purposes if p.third_party_provision]
    rows = (
        (tr(lang, "事業者の名称・住所・代表者", "Our name, address and representative"), _org_line(op, lang)),
        (
            tr(lang, "第三者への提供を利用目的とすること", "Provision to third parties as a purpose"),
            "\n".join(purposes)
            or tr(
                lang, "第三者への提供を利用目的としています", "Provision to third parties is one of our purposes of use"
            ),
        ),
        (tr(lang, "第三者に提供される個人データの項目", "Personal data provided"), item_labels(ledger, oo.items, lang)),
        (
            tr(lang, "第三者に提供される個人データの取得の方法", "How the data is acquired"),
            oo.acquisition_method.get(lang),
        ),
        (tr(lang, "第三者への提供の方法", "How the data is provided"), oo.provision_method.get(lang)),
        (
            tr(lang, "ご本人の求めに応じて提供を停止すること", "Stopping on request"),
            tr(
                lang,
                "ご本人からお求めがあった場合は、ご本人が識別される個人データの第三者への提供を停止します",
                "We stop providing the personal data that identifies you when you ask us to",
            ),
        ),
        (tr(lang, "ご本人の求めを受け付ける方法", "How to make the request"), oo.request_method.get(lang)),
        (tr(lang, "個人データの更新の方法", "How the data is updated"), oo.update_method.get(lang)),
        (tr(lang, "提供を開始する予定日", "Start of provision"), fmt_date(oo.start_date, lang)),
        (tr(lang, "個人情報保護委員会への届出番号", "PPC filing reference"), oo.ppc_filing_reference),
    )
    intro = tr(
        lang,
        "当社は、個人情報保護法第27条第2項に基づき、ご本人のお求めに応じて提供を停止することとして、次のとおり"
        "個人データを第三者に提供しています。これらの事項は個人情報保護委員会に届け出ています。"
        "なお、要配慮個人情報はこの方法では提供しません。",
        "Under Article 27(2) of the APPI we provide personal data to third parties as follows, and stop "
        "doing so for anyone who asks. These matters have been filed with the Personal Information "
        "Protection Commission (PPC). We never provide special care-required personal information this way.",
    )
    title = tr(lang, "オプトアウトによる第三者提供", "Provision to third parties by opt-out")
    return Draft("opt_out", title, (Paragraph(intro), DefinitionList(rows)))


def entrustment(ledger: Ledger, lang: Lang) -> Draft | None:
    """Entrustment within the purposes, with contract and supervision (Arts. 25, 27(5)(i))."""
    if not ledger.entrustees:
        return None
    contracted = all(e.contract.security_clauses or e.contract.nda for e in ledger.entrustees)
    how = (
        tr(  # said only when every entrustee's contract in the ledger has such clauses
            lang,
            "委託にあたっては、個人データを適切に取り扱うと認められる委託先を選定し、個人データの安全管理、"
            "秘密保持等を定めた契約を締結したうえで、委託先に対して必要かつ適切な監督を行います。",
            " We choose contractors that can be trusted to handle it properly, conclude contracts that require "
            "security and confidentiality, and supervise them as necessary and appropriate.",
        )
        if contracted
        else tr(
            lang,
            "委託先に対しては、必要かつ適切な監督を行います。",
            " We supervise our contractors as necessary and appropriate.",
        )
    )
    blocks: list[Block] = [
        Paragraph(
            tr(
                lang,
                "当社は、利用目的の達成に必要な範囲内で、個人データの取扱いの全部又は一部を外部に委託することが"
                "あります。",
                "We may entrust all or part of the handling of personal data to contractors, within what the "
                "purposes of use require.",
            )
            + how
            + tr(lang, "主な委託の内容は次のとおりです。", " The main work we entrust is as follows.")
        )
    ]
    lines = []
    for e in ledger.entrustees:
        line = annotate(
            e.work.get(lang), tr(lang, f"委託先：{e.name.get(lang)}", f"contractor: {e.name.get(lang)}"), lang
        )
        if e.country != "JP":
            line += tr(lang, f"［所在国：{country_name(e.country, lang)}］", f" [in {country_name(e.country, lang)}]")
        lines.append(line)
    blocks.append(BulletList(tuple(lines)))
    if any(e.contract.sub_entrustment for e in ledger.entrustees):
        blocks.append(
            Paragraph(
                tr(
                    lang,
                    "委託先が再委託を行う場合も、再委託先に対して同等の安全管理を求めます。",
                    "Where a contractor subcontracts the work, we require the same level of protection from "
                    "the subcontractor.",
                )
            )
        )
    return Draft("entrustment", tr(lang, "個人データの取扱いの委託", "Entrustment of handling"), tuple(blocks))


def joint_use(ledger: Ledger, lang: Lang) -> Draft | None:
    """For each arrangement, the five matters of Art. 27(5)(iii)."""
    if not ledger.joint_use:
        return None
    blocks: list[Block] = []
    many = len(ledger.joint_use) > 1
    for n, arrangement in enumerate(ledger.joint_use, start=1):
        if many:
            blocks.append(Subheading(tr(lang, f"共同利用（その{n}）", f"Joint use ({n})")))
        blocks += _joint_use_blocks(ledger, arrangement, lang)
    return Draft("joint_use", tr(lang, "個人データの共同利用", "Joint use of personal data"), tuple(blocks))


def _joint_use_blocks(ledger: Ledger, ju: JointUse, lang: Lang) -> list[Block]:
    intro = tr(
        lang,
        "当社は、次のとおり、個人データを特定の者との間で共同利用します。",
        "We jointly use personal data with specific parties as follows.",
    )
    items = "\n".join([item_labels(ledger, ju.items, lang)] + [d.get(lang) for d in ju.item_descriptions])
    purposes = "\n".join(purpose_texts(ledger, ju.purposes, lang)) or text(ju.purposes_text, lang)
    rows = [
        (tr(lang, "共同して利用される個人データの項目", "Personal data jointly used"), items),
        (tr(lang, "共同して利用する者の範囲", "Scope of the joint users"), _joint_users(ju, lang)),
        (tr(lang, "利用する者の利用目的", "Purposes of use of the joint users"), purposes),
        (
            tr(lang, "個人データの管理について責任を有する者", "Party responsible for managing the personal data"),
            _org_block(ju.responsible_party, lang),
        ),
    ]
    if ju.since is not None:
        rows.append((tr(lang, "共同利用の開始日", "Joint use since"), fmt_date(ju.since, lang)))
    blocks: list[Block] = [Paragraph(intro)]
    if ju.description is not None:
        blocks.append(Paragraph(ju.description.get(lang)))
    blocks.append(DefinitionList(stated(rows)))
    return blocks


def _org_line(org: Organisation, lang: Lang) -> str:
    return join(
        [org.name.get(lang), fmt_address(org.address, org.postal_code, lang), text(org.representative, lang)], lang
    )


def _org_block(org: Organisation | None, lang: Lang) -> str:
    """Name, address and representative on three lines, as far as the ledger states them."""
    if org is None:
        return ""
    address, representative = fmt_address(org.address, org.postal_code, lang), text(org.representative, lang)
    return "\n".join(
        [org.name.get(lang)]
        + ([tr(lang, "住所：", "Address: ") + address] if address else [])
        + ([tr(lang, "代表者：", "Representative: ") + representative] if representative else [])
    )


def foreign(ledger: Ledger, lang: Lang) -> Draft | None:
    """Recipients abroad with the Rule 17 information: country, its regime, the recipient's measures."""
    if not ledger.foreign_recipients:
        return None
    intro = (
        tr(
            lang,
            "当社は、個人データを外国にある第三者に提供する場合、法令に基づく場合等を除き、あらかじめ外国にある"
            "第三者への提供を認める旨のご本人の同意を得ます。ただし、提供先が個人情報保護委員会の定める基準に"
            "適合する体制を整備している場合など、法令で認められる場合はこの限りではありません。"
            "現在の提供先は次のとおりです。",
            "When we provide personal data to a third party in a foreign country, we first obtain your "
            "consent to the transfer abroad, except where the law provides otherwise, for example when the "
            "recipient has a system that meets the standards set by the PPC. Our current recipients "
            "abroad are as follows.",
        )
        if ledger.policy.statutory_exceptions
        else tr(  # the company's stricter promise: consent for every transfer abroad, no exception added
            lang,
            "当社は、個人データを外国にある第三者に提供する場合、あらかじめ外国にある第三者への提供を認める旨の"
            "ご本人の同意を得ます。現在の提供先は次のとおりです。",
            "When we provide personal data to a third party in a foreign country, we first obtain your consent "
            "to the transfer abroad. Our current recipients abroad are as follows.",
        )
        if ledger.policy.statutory_exceptions is False
        else tr(lang, "外国にある第三者への提供先は次のとおりです。", "Our recipients abroad are as follows.")
    )
    blocks: list[Block] = [Paragraph(intro)]
    for r in ledger.foreign_recipients:
        country = text(r.country_name, lang) or (country_name(r.country, lang) if r.country else "")
        rows: list[tuple[str, str]] = [
            (tr(lang, "所在国", "Country"), country or _unidentified(r.country_unidentified, lang)),
            (
                tr(lang, "当該国の個人情報の保護に関する制度", "That country's personal information protection system"),
                text(r.country_regime, lang),
            ),
            (
                tr(
                    lang,
                    "提供先が講ずる個人情報の保護のための措置",
                    "Measures the recipient takes to protect personal information",
                ),
                text(r.recipient_measures, lang),
            ),
            (tr(lang, "提供の根拠", "Basis"), lab(r.basis, lang)),
            (tr(lang, "提供する個人データの項目", "Personal data provided"), item_labels(ledger, r.items, lang)),
        ]
        purposes = purpose_texts(ledger, r.purposes, lang)
        if purposes:
            rows.append((tr(lang, "提供の目的", "Purposes"), "\n".join(purposes)))
        if r.role is not None:
            rows.append((tr(lang, "提供先の役割", "Role of the recipient"), r.role.get(lang)))
        blocks += [Subheading(r.name.get(lang)), DefinitionList(stated(rows))]
    if any(r.basis in (TransferBasis.equivalent_measures, TransferBasis.cbpr) for r in ledger.foreign_recipients):
        blocks.append(
            Paragraph(
                tr(
                    lang,
                    "基準に適合する体制を整備している提供先については、相当措置の継続的な実施を確保するために必要な"
                    "措置を講じています。ご本人のお求めに応じて、その体制の整備の方法や相当措置の概要等の情報を"
                    "提供します。",
                    "For recipients with a system that meets the PPC standards, we take the steps needed to "
                    "ensure that the equivalent measures continue to be implemented. On request, we will tell "
                    "you how that system was set up and give an outline of the measures.",
                )
            )
        )
    title = tr(lang, "外国にある第三者への提供", "Provision to third parties in foreign countries")
    return Draft("foreign", title, tuple(blocks))


def _unidentified(reason: Text | None, lang: Lang) -> str:
    """Rule 17(3): the country cannot be identified, and why — only when the ledger says so."""
    if reason is None:
        return ""
    return tr(lang, "特定できません。", "It cannot be identified. ") + reason.get(lang)


def _joint_users(ju: JointUse, lang: Lang) -> str:
    """The scope as written, and the named users where the arrangement lists them (the gate checks them)."""
    names = tr(lang, "、", ", ").join(u.name.get(lang) for u in ju.users)
    return (
        ju.users_scope.get(lang) + (f"（{names}）" if lang == "ja" else f" ({names})")
        if names
        else ju.users_scope.get(lang)
    )
