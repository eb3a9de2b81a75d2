"""Section builders of the privacy notice: requests, the inquiry desk, the accredited organisation, changes.

These carry Art. 32(1)(iii)-(iv) and CO 10(2)-(3): how to make a request (Arts. 32-39) and the fee,
where complaints go, and the accredited personal information protection organisation if any.
"""

from __future__ import annotations

from hogo.ledger.notice_model import Block, BulletList, DefinitionList, Draft, Lang, Paragraph, Subheading, Table
from hogo.ledger.notice_text import (
    cap,
    fmt_address,
    fmt_money,
    fmt_phone,
    item_labels,
    lab,
    labels,
    says,
    stated,
    tr,
)
from hogo.ledger.schemas import Clause, DisclosureMethod, Ledger, RequestKind, RequestKindRule, RequestProcedures
from hogo.ledger.schemas.procedures import RequestChannel

_DISCLOSURES = frozenset({RequestKind.disclosure, RequestKind.provision_record_disclosure})


def offered_kinds(rq: RequestProcedures) -> list[RequestKindRule]:
    """The request kinds the notice tables (every kind the ledger lists except complaints)."""
    return [k for k in rq.kinds if k.kind is not RequestKind.complaint]


def channels_of(rq: RequestProcedures, rule: RequestKindRule) -> list[RequestChannel]:
    """The channels a kind is accepted by: its own, else the ledger's general ones."""
    return rule.channels or rq.channels


def web_kinds(rq: RequestProcedures) -> list[RequestKind]:
    """The kinds the ledger accepts by web form — the only ones the portal may take (complaints included)."""
    return [k.kind for k in rq.kinds if RequestChannel.web_form in channels_of(rq, k)]


def _fees_stated(rq: RequestProcedures) -> bool:
    return any(k.fee is not None for k in offered_kinds(rq))


def _channels_stated(rq: RequestProcedures) -> bool:
    return any(channels_of(rq, k) for k in offered_kinds(rq))


def request_rows(ledger: Ledger, lang: Lang) -> tuple[tuple[str, ...], ...]:
    """Kind, channels, fee, target: the rows of the notice's request table, which the portal shows verbatim.
    The fee column is there only when the ledger states a fee (`amount_jpy: 0` for free) for some kind, the
    channel column only when it states a channel for some kind (a kind without one shows "—"); a kind with no
    target reads "遅滞なく" only when the policy states that clause (`respond_without_delay`), else "—"."""
    rq = ledger.requests
    fees = _fees_stated(rq)
    without_delay = says(ledger, Clause.respond_without_delay)
    return tuple(
        (
            lab(k.kind, lang),
            *((cap(labels(channels_of(rq, k), lang)) or "—",) if _channels_stated(rq) else ()),
            *((_fee(k, lang),) if fees else ()),
            *((_days(k.target_days or rq.target_days, lang, without_delay),) if _targets_stated(ledger) else ()),
        )
        for k in offered_kinds(rq)
    )


def _targets_stated(ledger: Ledger) -> bool:
    rq = ledger.requests
    stated_days = rq.target_days is not None or any(k.target_days is not None for k in offered_kinds(rq))
    return stated_days or says(ledger, Clause.respond_without_delay)


def request_columns(ledger: Ledger, lang: Lang) -> tuple[str, ...]:
    """The request table's header: a column for channels, fees and response times only where the ledger states
    some (a column of dashes would say nothing)."""
    rq = ledger.requests
    return (
        tr(lang, "ご請求の種類", "Request"),
        *((tr(lang, "受付方法", "How to apply"),) if _channels_stated(rq) else ()),
        *((tr(lang, "手数料", "Fee"),) if _fees_stated(rq) else ()),
        *((tr(lang, "回答までの目安", "Expected response time"),) if _targets_stated(ledger) else ()),
    )


def target_sentence(ledger: Ledger, lang: Lang) -> str:
    """The notice's sentence on response times, which the portal repeats (empty when the ledger states none)."""
    return _target_days(ledger, offered_kinds(ledger.requests), lang)


def requests(ledger: Ledger, lang: Lang, portal: str | None = None) -> Draft:
    """For each kind of request offered: channels, fee, target days; then identity, agents, payment, steps.

    `portal` is the running portal's address: when the ledger accepts web requests, the notice links its form."""
    rq = ledger.requests
    kinds = offered_kinds(rq)
    blocks: list[Block] = []
    if kinds:  # who may ask, how identity is checked and how fast: each only as the ledger states it, below
        intro = tr(
            lang,
            "当社が保有する個人データ（保有個人データ）について、次のご請求を受け付けます。",
            "We accept the following requests about the personal data we retain about you (retained personal data).",
        )
        blocks += [Paragraph(intro), Table(request_columns(ledger, lang), request_rows(ledger, lang))]
        statement = _fee_statement(kinds, lang)
        if statement:
            blocks.append(Paragraph(statement))
        notes = tuple(
            tr(lang, f"{lab(k.kind, lang)}：", f"{lab(k.kind, lang)}: ") + k.note.get(lang) for k in kinds if k.note
        )
        if notes:
            blocks.append(BulletList(notes))
    target = _target_days(ledger, kinds, lang)
    if target:
        blocks.append(Paragraph(target))
    if rq.channels:  # none stated: no sentence on how to apply (the law still gives the rights)
        blocks.append(Subheading(tr(lang, "ご請求の方法", "How to make a request")))
        blocks.append(
            Paragraph(
                tr(
                    lang,
                    f"ご請求は、{labels(rq.channels, lang, 'or')}により、下記のお問い合わせ窓口までお申し出ください。",
                    f"Please make your request to our inquiry desk below by {labels(rq.channels, lang, 'or')}.",
                )
            )
        )
    form = _web_form(ledger, lang, portal)
    if form is not None:
        blocks.append(Paragraph(form))
    blocks += _identity(rq, lang) + _agents(rq, lang)
    if any(_charged(k) for k in kinds) and rq.payment_methods:
        methods = labels(rq.payment_methods, lang, "or")
        pay = tr(lang, f"手数料は、{methods}によりお支払いください。", f"Please pay the fee by {methods}.")
        blocks += [Subheading(tr(lang, "手数料のお支払い方法", "How to pay the fee")), Paragraph(pay)]
    if any(k.kind in _DISCLOSURES for k in kinds):
        blocks += _disclosure(ledger, rq, lang)
    if rq.steps:
        blocks += [
            Subheading(tr(lang, "手続きの流れ", "Steps")),
            BulletList(tuple(s.get(lang) for s in rq.steps), ordered=True),
        ]
    if rq.note is not None:
        blocks.append(Paragraph(rq.note.get(lang)))
    title = tr(lang, "保有個人データの開示等のご請求", "Requests concerning your retained personal data")
    return Draft("requests", title, tuple(blocks))


def _web_form(ledger: Ledger, lang: Lang, portal: str | None) -> str | None:
    """Where the web form is, for a ledger that accepts requests by web form: the portal, else the desk's form."""
    rq = ledger.requests
    kinds = web_kinds(rq)
    if not kinds:
        return None
    url = f"{portal.rstrip('/')}/requests?lang={lang}" if portal else ledger.operator.desk.web_form
    if url is None:
        return None
    which = labels(kinds, lang, "and")
    return tr(
        lang,
        f"{which}のご請求は、ウェブフォーム {url} から行えます。",
        f"You can make requests for {which} by web form: {url}",
    )


def _target_days(ledger: Ledger, kinds: list[RequestKindRule], lang: Lang) -> str:
    """The target (`requests.target_days`), "without delay" and the reasons for a refusal, each as stated."""
    days = ledger.requests.target_days
    sentences: list[str] = []
    if days is not None:
        overridden = any(k.target_days not in (None, days) for k in kinds)
        sentences.append(
            tr(
                lang,
                f"ご請求を受け付けてから回答までは、約{days}営業日を目安としています"
                + ("（上表に別の目安を記載したご請求を除きます）" if overridden else "")
                + "。",
                f"We aim to respond within about {days} business days of receiving your request"
                + (" unless the table above gives another time" if overridden else "")
                + ".",
            )
        )
    elif says(ledger, Clause.respond_without_delay):
        sentences.append(tr(lang, "ご請求には遅滞なく回答します。", "We respond to your request without delay."))
    if says(ledger, Clause.refusal_reasons):
        sentences.append(
            tr(
                lang,
                "ご請求にお応えできない場合は、その旨と理由をご説明します。",
                "If we cannot meet your request, we will tell you so and explain why.",
            )
        )
    return tr(lang, "", " ").join(sentences)


def _charged(rule: RequestKindRule) -> bool:
    return rule.fee is not None and rule.fee.amount_jpy != 0


def _fee(rule: RequestKindRule, lang: Lang) -> str:
    fee = rule.fee
    if fee is None:  # not stated: an empty cell, never "free"
        return "—"
    if fee.amount_jpy == 0:
        return tr(lang, "無料", "Free")
    if fee.amount_jpy is None:
        return tr(
            lang,
            "有料の場合があります（金額は窓口にお問い合わせください）",
            "A fee may be charged (please ask the desk for the amount)",
        )
    money = fmt_money(fee.amount_jpy, fee.tax_included, lang)
    if fee.per is None:
        return money
    return tr(lang, f"{fee.per.get(lang)}{money}", f"{money} {fee.per.get(lang)}")


def _days(days: int | None, lang: Lang, without_delay: bool) -> str:
    if days is None:  # no target: "without delay" only as the policy states it, else an empty cell
        return tr(lang, "遅滞なく", "Without delay") if without_delay else "—"
    return tr(lang, f"約{days}営業日", f"About {days} business days")


def _fee_statement(kinds: list[RequestKindRule], lang: Lang) -> str:
    """The explicit statement that no fee is charged for the kinds the ledger says are free (`amount_jpy: 0`);
    empty when the ledger states no fee at all."""
    charged = [k.kind for k in kinds if _charged(k)]
    free = [k.kind for k in kinds if k.fee is not None and k.fee.amount_jpy == 0]
    if not charged and not free:
        return ""
    if not charged and len(free) == len(kinds):
        return tr(
            lang, "いずれのご請求についても、手数料はいただきません。", "We charge no fee for any of these requests."
        )
    if not free:
        return tr(lang, "手数料は上表のとおりです。", "The fees are as shown above.")
    if not charged:
        unpaid = labels(free, lang, "and")
        return tr(
            lang,
            f"{unpaid}のご請求については、手数料はいただきません。",
            f"We charge no fee for requests for {unpaid}.",
        )
    paid, unpaid = labels(charged, lang, "and"), labels(free, lang, "and")
    return tr(
        lang,
        f"手数料をいただくのは{paid}のご請求のみです。{unpaid}のご請求については、手数料はいただきません。",
        f"We charge a fee only for {paid}. We charge no fee for requests for {unpaid}.",
    )


def _identity(rq: RequestProcedures, lang: Lang) -> list[Block]:
    heading = Subheading(tr(lang, "ご本人確認の方法", "How we confirm your identity"))
    if not rq.identity_documents:
        return []
    intro = tr(
        lang,
        "ご請求の際は、次のいずれかの方法により、ご本人であることを確認させていただきます。",
        "When you make a request, we confirm your identity by one of the following.",
    )
    return [heading, Paragraph(intro), BulletList(tuple(lab(d, lang) for d in rq.identity_documents))]


def _agents(rq: RequestProcedures, lang: Lang) -> list[Block]:
    agents = rq.agents
    heading = Subheading(tr(lang, "代理人によるご請求", "Requests through an agent"))
    if agents.accepted is None and not agents.note:  # not stated: no promise either way
        return []
    if agents.accepted is False:
        return [
            heading,
            Paragraph(
                tr(lang, "代理人によるご請求は受け付けていません。", "We do not accept requests through agents.")
            ),
        ]
    evidence = stated(
        (
            (
                tr(lang, "法定代理人の場合", "Legal representatives"),
                cap(labels(agents.legal_representative_evidence, lang)),
            ),
            (
                tr(lang, "委任による代理人の場合", "Appointed agents"),
                cap(labels(agents.appointed_agent_evidence, lang)),
            ),
        )
    )
    accepted = tr(
        lang,
        "未成年者又は成年被後見人の法定代理人、及びご本人から委任を受けた代理人によるご請求も受け付けます。",
        "A legal representative of a minor or an adult ward, or an agent you have appointed, may make a request "
        "for you.",
    )
    documents = tr(
        lang,
        "その場合は、代理人ご自身の本人確認に加えて、次の書類をご提出ください。",
        " In addition to confirming the agent's own identity, we ask for the following documents.",
    )
    blocks: list[Block] = [heading, Paragraph(accepted + documents if evidence else accepted)]
    if evidence:
        blocks.append(DefinitionList(evidence))
    if agents.note is not None:
        blocks.append(Paragraph(agents.note.get(lang)))
    return blocks


def _disclosure(ledger: Ledger, rq: RequestProcedures, lang: Lang) -> list[Block]:
    """How disclosure is made (only as `disclosure_methods` states it: hogo offers both when it is unset, but the
    notice promises no method the ledger does not state) and the main items disclosed."""
    blocks: list[Block] = []
    if "disclosure_methods" in rq.model_fields_set and rq.disclosure_methods:  # [] states none: no half sentence
        blocks += [Subheading(tr(lang, "開示の方法", "How we disclose")), Paragraph(_disclosure_method(rq, lang))]
    if rq.disclosed_items:
        blocks += [
            Subheading(tr(lang, "開示の対象となる主な項目", "Main items disclosed"), 4),
            Paragraph(item_labels(ledger, rq.disclosed_items, lang)),
        ]
    return blocks


def _disclosure_method(rq: RequestProcedures, lang: Lang) -> str:
    methods = rq.disclosure_methods
    if methods == [DisclosureMethod.paper]:
        how = tr(lang, "開示は、書面の交付により行います。", "We disclose the data on paper.")
    else:
        choice = labels(methods, lang, "or")
        how = tr(
            lang,
            f"開示は、{choice}のうち、ご本人が指定する方法により行います。ただし、ご指定の方法による開示に"
            "多額の費用を要する場合その他の当該方法による開示が困難である場合は、書面の交付により開示します。",
            f"We disclose the data by the method you choose, {choice}. If the method you "
            "choose would be very costly or otherwise difficult, we disclose the data on paper.",
        )
    return how


def desk(ledger: Ledger, lang: Lang) -> Draft | None:
    """The complaints and inquiries desk: name, address, phone and the rest (Art. 32(1)(iv), CO 10(2)).
    Only what the ledger states: a desk with no name and no contact, and no complaints text, gets no section."""
    d = ledger.operator.desk
    rows = [
        (tr(lang, "窓口", "Desk"), d.name.get(lang) if d.name is not None else ""),
        (tr(lang, "所在地", "Address"), fmt_address(d.postal_address, d.postal_code, lang)),
        (tr(lang, "電話番号", "Telephone"), fmt_phone(d.phone, d.toll_free, lang) if d.phone else ""),
    ]
    if d.fax is not None:
        rows.append((tr(lang, "FAX番号", "Fax"), d.fax))
    if d.email is not None:
        rows.append((tr(lang, "メールアドレス", "E-mail"), str(d.email)))
    if d.web_form is not None:
        rows.append((tr(lang, "お問い合わせフォーム", "Web form"), str(d.web_form)))
    if d.hours is not None:
        rows.append((tr(lang, "受付時間", "Hours"), d.hours.get(lang)))
    if not stated(rows) and ledger.complaints.text is None and not ledger.complaints.channels:
        return None  # the policy names no desk and no way to complain: nothing to print (the linter reports it)

    intro = ""
    if offered_kinds(ledger.requests):  # "the requests above" only when the notice lists some
        intro = tr(
            lang,
            "個人情報の取扱いに関する苦情、ご相談及び上記のご請求は、次の窓口で受け付けています。",
            "Our desk below handles complaints, questions and the requests above concerning personal information.",
        )
    if says(ledger, Clause.complaints_promptly):
        intro += tr(
            lang,
            "いただいた苦情には、適切かつ迅速に対応します。",
            " We deal with complaints appropriately and promptly.",
        )
    blocks: list[Block] = [Paragraph(intro.strip())] if intro else []
    complaints = ledger.complaints
    if complaints.text is not None:
        blocks.append(Paragraph(complaints.text.get(lang)))
    if complaints.channels:
        channels = labels(complaints.channels, lang, "or")
        blocks.append(
            Paragraph(tr(lang, f"苦情は、{channels}で受け付けます。", f"We accept complaints by {channels}."))
        )
    if stated(rows):
        blocks.append(DefinitionList(stated(rows)))
    return Draft("desk", tr(lang, "苦情・お問い合わせ窓口", "Complaints and inquiries"), tuple(blocks))


def accredited(ledger: Ledger, lang: Lang) -> Draft | None:
    """The accredited personal information protection organisation the operator belongs to (CO 10(3))."""
    org = ledger.operator.accredited_organisation
    if org is None:
        return None
    intro = tr(
        lang,
        "当社は、次の認定個人情報保護団体の対象事業者です。同団体では、対象事業者の個人情報の取扱いに関する"
        "苦情の解決を行っています。",
        "We are a member of the following accredited personal information protection organization, which "
        "resolves complaints about how its members handle personal information.",
    )
    rows = (
        (tr(lang, "名称", "Name"), org.name.get(lang)),
        (tr(lang, "苦情の申出先", "Where to send complaints"), org.complaint_contact.get(lang)),
    )
    title = tr(lang, "認定個人情報保護団体", "Accredited personal information protection organization")
    return Draft("accredited", title, (Paragraph(intro), DefinitionList(rows)))


def changes(ledger: Ledger, lang: Lang) -> Draft | None:
    """How changes to the notice are announced (seeds 001, 003)."""
    procedure = ledger.policy.change_procedure
    if procedure is None:
        return None
    return Draft("changes", tr(lang, "本ポリシーの変更", "Changes to this Policy"), (Paragraph(procedure.get(lang)),))
