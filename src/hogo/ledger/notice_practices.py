"""Section builders of the privacy notice: cookies, statistics, retention and security measures."""

from __future__ import annotations

from hogo.ledger.notice_model import Block, BulletList, DefinitionList, Draft, Lang, Paragraph, Subheading, Table
from hogo.ledger.notice_text import (
    cap,
    fmt_duration,
    item_labels,
    join,
    lab,
    says,
    sentence,
    subject_label,
    tr,
)
from hogo.ledger.schemas import Clause, Ledger, RetentionRule, SecurityMeasures, Text
from hogo.ledger.vocab import label


def web_tracking(ledger: Ledger, lang: Lang) -> Draft | None:
    """Cookies and analytics tools: tool, provider, purpose, opt-out (seeds 000, 001, 003)."""
    if not ledger.web_tracking:
        return None
    blocks: list[Block] = [
        Paragraph(
            tr(
                lang,
                "当社が利用している情報収集ツール等は、次のとおりです。",
                "We use the following tools that collect information.",
            )
        )
    ]
    for tool in ledger.web_tracking:
        rows = [
            (tr(lang, "提供者", "Provider"), tool.provider.get(lang)),
            (tr(lang, "利用目的", "Purpose"), tool.purpose.get(lang)),
        ]
        items = item_labels(ledger, tool.items, lang)
        if items:
            rows.append((tr(lang, "取得する情報", "Information collected"), items))
        if tool.personal_data is not None:  # unset: the ledger states nothing, so the notice promises nothing
            rows.append(
                (
                    tr(lang, "個人情報との関係", "Personal data"),
                    tr(lang, "個人データとして取り扱います", "We handle this information as personal data")
                    if tool.personal_data
                    else tr(
                        lang,
                        "当社はこの情報を、特定の個人を識別する情報と結びつけて利用しません",
                        "We do not link this information to data that identifies you",
                    ),
                )
            )
        if tool.opt_out is not None:
            rows.append((tr(lang, "無効にする方法", "How to opt out"), tool.opt_out.get(lang)))
        if tool.opt_out_url:
            rows.append((tr(lang, "オプトアウトのページ", "Opt-out page"), tool.opt_out_url))
        if tool.provider_policy_url:
            rows.append(
                (tr(lang, "提供者のプライバシーポリシー", "Provider's privacy policy"), tool.provider_policy_url)
            )
        blocks += [Subheading(tool.tool.get(lang)), DefinitionList(tuple(rows))]
    return Draft("web_tracking", tr(lang, "Cookie等の利用", "Cookies and analytics tools"), tuple(blocks))


def statistics(ledger: Ledger, lang: Lang) -> Draft | None:
    """Statistical use that identifies no one (seeds 002, 004)."""
    if not ledger.statistics:
        return None
    lines = []
    for s in ledger.statistics:
        line = s.text.get(lang)
        if s.provided_or_published:
            line = sentence(line, lang) + tr(
                lang,
                "作成した統計情報は、第三者に提供し、又は公表することがあります。",
                " We may provide the statistics to third parties or publish them.",
            )
        lines.append(line)
    intro = tr(
        lang,
        "当社は、取得した個人情報をもとに、特定の個人を識別できない統計情報を作成し、利用することがあります。",
        "We may create and use statistics from the personal information we acquire, in a form that does not "
        "identify any individual.",
    )
    title = tr(lang, "統計情報の作成・利用", "Statistics")
    return Draft("statistics", title, (Paragraph(intro), BulletList(tuple(lines))))


def retention(ledger: Ledger, lang: Lang) -> Draft | None:
    """Retention periods in plain words, the event they start from, disposal and legal holds (Art. 22)."""
    if not ledger.retention:
        return None
    columns = (
        tr(lang, "対象となる個人情報", "Personal information"),
        tr(lang, "保存期間", "Retention period"),
        tr(lang, "保存期間の経過後", "After the period"),
    )
    rows = tuple((_retained(ledger, r, lang), _kept_for(r, lang), lab(r.disposal, lang)) for r in ledger.retention)
    intro = tr(lang, "主な保存期間は次のとおりです。", "The main retention periods are as follows.")
    if says(ledger, Clause.retention_limit):
        intro = (
            tr(
                lang,
                "当社は、個人データを利用目的の達成に必要な期間に限って保存し、利用する必要がなくなったときは、"
                "遅滞なく消去するよう努めます。",
                "We keep personal data only as long as the purposes of use require and endeavor to delete it "
                "without delay once we no longer need it. ",
            )
            + intro
        )
    return Draft(
        "retention", tr(lang, "保存期間と廃棄", "Retention and disposal"), (Paragraph(intro), Table(columns, rows))
    )


def _retained(ledger: Ledger, rule: RetentionRule, lang: Lang) -> str:
    subjects = join((subject_label(ledger, s, lang) for s in rule.subject_kinds), lang)
    return tr(lang, f"{subjects}：", f"{subjects}: ") + item_labels(ledger, rule.items, lang)


def _kept_for(rule: RetentionRule, lang: Lang) -> str:
    trigger = label(rule.starts, lang)
    kept = tr(
        lang, f"{trigger}から{fmt_duration(rule.period, lang)}", f"{fmt_duration(rule.period, lang)} from {trigger}"
    )
    extras: list[str] = []
    hold = rule.legal_hold
    if hold is not None:
        hold_trigger = label(hold.starts, lang)
        extras.append(
            tr(
                lang,
                f"{hold.statute.get(lang)}に基づき、{hold_trigger}から{fmt_duration(hold.period, lang)}保存します",
                f"kept for {fmt_duration(hold.period, lang)} from {hold_trigger} under {hold.statute.get(lang)}",
            )
        )
    if rule.note is not None:
        extras.append(rule.note.get(lang))
    if not extras:
        return kept
    ja = "。".join(e.rstrip("。") for e in extras)
    en = "; ".join(e.rstrip(".") for e in extras)
    return kept + tr(lang, f"（{ja}）", f" ({en})")


_CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("basic_policy", "基本方針の策定", "Basic policy"),
    ("handling_rules", "個人データの取扱いに係る規律の整備", "Rules on handling personal data"),
    ("organisational", "組織的安全管理措置", "Organizational security measures"),
    ("personnel", "人的安全管理措置", "Personnel security measures"),
    ("physical", "物理的安全管理措置", "Physical security measures"),
    ("technical", "技術的安全管理措置", "Technical security measures"),
)
"""The categories of security control measures in the order of GL-G §10."""


def security(ledger: Ledger, lang: Lang) -> Draft | None:
    """Security control measures by GL-G §10 category, or that they are told on request (CO 10(1))."""
    measures = ledger.security_measures
    title = tr(lang, "安全管理措置", "Security control measures")
    if measures.on_request_only:
        return Draft("security", title, (Paragraph(_on_request(lang)),))
    blocks: list[Block] = [
        Paragraph(
            tr(
                lang,
                "当社は、取り扱う個人データの漏えい、滅失又は毀損の防止その他の安全管理のため、次の措置を講じて"
                "います。",
                "To prevent leakage, loss or damage of the personal data we handle and otherwise keep it "
                "secure, we take the following measures.",
            )
            + (
                tr(
                    lang,
                    "また、個人データを取り扱う従業者及び委託先に対して、必要かつ適切な監督を行います。",
                    " We also supervise our staff and contractors who handle personal data as necessary and "
                    "appropriate.",
                )
                if says(ledger, Clause.supervision)
                else ""
            )
        )
    ]
    for attr, ja, en in _CATEGORIES:
        entries: list[Text] = getattr(measures, attr)
        if entries:
            blocks += [Subheading(tr(lang, ja, en)), BulletList(tuple(t.get(lang) for t in entries))]
    blocks += _external(measures, lang)
    if len(blocks) == 1:  # nothing stated: nothing printed (the linter reports art32-security-measures)
        return None
    return Draft("security", title, tuple(blocks))


def _external(measures: SecurityMeasures, lang: Lang) -> list[Block]:
    if not measures.external_environment:
        return []
    lines = tuple(
        tr(
            lang,
            f"{e.country_name.get(lang)}：{e.measures.get(lang)}",
            f"{cap(e.country_name.get(lang))}: {e.measures.get(lang)}",
        )
        for e in measures.external_environment
    )
    intro = tr(
        lang,
        "当社は、次の外国において個人データを取り扱っており、当該外国の個人情報の保護に関する制度を把握したうえで"
        "安全管理措置を講じています。",
        "We handle personal data in the following foreign countries, and take security measures with an "
        "understanding of their personal information protection systems.",
    )
    return [
        Subheading(tr(lang, "外的環境の把握", "Understanding the external environment")),
        Paragraph(intro),
        BulletList(lines),
    ]


def _on_request(lang: Lang) -> str:
    return tr(
        lang,
        "安全管理のために講じた措置の内容については、ご本人のお求めに応じて遅滞なく回答いたします。"
        "下記のお問い合わせ窓口までお申し出ください。",
        "We will tell you without delay, on request, about the security measures we take. Please contact "
        "our inquiry desk below.",
    )
