"""What the person reads in mail about their request, in Japanese and English. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from hogo.adapters.letters import Letter
from hogo.adapters.mail import MailMessage
from hogo.i18n import enum_pairs
from hogo.ledger.schemas.procedures import RequestKind
from hogo.requests.policy import Outcome

KIND = {k.value: v for k, v in enum_pairs(RequestKind).items()}
"""A request kind as the person reads it: the same words as the notice, the portal and the console (`hogo.i18n`)."""
OUTCOME = {k.value: v for k, v in enum_pairs(Outcome).items()}


def code_mail(to: str, lang: str, request_id: str, code: str, minutes: int, link: str) -> MailMessage:
    if lang == "en":
        return MailMessage(
            to,
            f"Your confirmation code ({request_id})",
            f"Your confirmation code is {code}. It is valid for {minutes} minutes.\n"
            f"Enter it on your request's page: {link}\n"
            "If you did not make this request, you can ignore this mail.\n",
        )
    return MailMessage(
        to,
        f"確認コードのお知らせ（{request_id}）",
        f"確認コードは {code} です。{minutes}分間有効です。\nご請求のページで入力してください：{link}\n"
        "お心当たりのない場合は、このメールを破棄してください。\n",
    )


def ack_mail(to: str, lang: str, request_id: str, link: str) -> MailMessage:
    if lang == "en":
        body = f"We received your request ({request_id}). Follow it, and download any answer, here:\n{link}\n"
        return MailMessage(to, f"We received your request ({request_id})", body + "Keep this link to yourself.\n")
    body = f"ご請求（{request_id}）を受け付けました。進み具合の確認・回答のダウンロードはこちら：\n{link}\n"
    return MailMessage(to, f"ご請求の受付（{request_id}）", body + "このリンクは他の方に教えないでください。\n")


def outcome_mail(
    to: str,
    lang: str,
    request_id: str,
    kind: str,
    outcome: str,
    reason: str | None,
    holds: Sequence[dict[str, Any]] = (),
) -> MailMessage:
    kind_ja, kind_en = KIND[kind]
    out_ja, out_en = OUTCOME[outcome]
    kept = "".join(line + "\n" for line in hold_lines(holds, lang))
    if lang == "en":
        body = f"About your request for {kind_en} ({request_id}): {out_en[:1].lower()}{out_en[1:]}.\n"
        if reason:
            body += f"Reason: {reason}\n"
        body += kept
        body += "Details and any download: the link we sent you when we received your request.\n"
        return MailMessage(to, f"The answer to your request ({request_id})", body)
    body = f"{kind_ja}のご請求（{request_id}）について、{out_ja}。\n"
    if reason:
        body += f"理由：{reason}\n"
    body += kept
    body += "詳細・ダウンロードは、ご請求の受付時にお送りしたリンクからご確認ください。\n"
    return MailMessage(to, f"ご請求への回答（{request_id}）", body)


def hold_lines(holds: Sequence[dict[str, Any]], lang: str) -> list[str]:
    """Which data remains under a legal hold and why: per item and statute, the tables and the last day any is kept.

    Each hold is {"table", "label": {ja, en}, "statute": {ja, en}, "until": ISO date} (a run package's holds)."""
    if not holds:
        return []
    grouped: dict[tuple[str, str], tuple[set[str], str]] = {}
    for h in holds:
        label = (h.get("label") or {}).get(lang) or h.get("item") or h["column"]
        statute = h["statute"].get(lang) or h["statute"].get("ja", "")
        tables, until = grouped.get((label, statute), (set(), h["until"]))
        grouped[(label, statute)] = (tables | {h["table"]}, max(until, h["until"]))
    ja = lang == "ja"
    lines = [
        "次のデータは、法令により保存する義務があるため、消去せずに保存します。"
        if ja
        else "The following data stays, because the law requires us to keep it:"
    ]
    for (label, statute), (tables, until) in sorted(grouped.items()):
        day = _jdate(dt.date.fromisoformat(until), lang)
        where = ", ".join(sorted(tables))
        if ja:
            lines.append(f"・{label}（{where}）：{statute}により、最長で{day}まで")
        else:
            lines.append(f"- {label} ({where}): kept until {day} at the latest, under {statute}")
    return lines


def _jdate(day: dt.date, lang: str) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if lang == "ja" else day.strftime("%d %B %Y")


def answer_letter(
    *,
    request_id: str,
    kind: str,
    outcome: str | None,
    article: str | None,
    received_on: dt.date,
    today: dt.date,
    lang: str,
    contact: dict[str, Any],
    reason: str | None,
    package: dict[str, Any],
    operator: dict[str, dict[str, str] | None],
) -> Letter:
    """The answer on paper, addressed to the person (or their agent), ready to post."""
    ja = lang == "ja"
    name = contact.get("name") or ("ご本人" if ja else "The requester")
    recipient = [
        f"〒{contact['postal_code']}" if contact.get("postal_code") else "",
        contact.get("postal_address") or "",
        f"{name} 様" if ja else name,
    ]

    def pick(text: dict[str, str] | None) -> str:
        return (text or {}).get("ja" if ja else "en", "")

    sender = [pick(operator.get("name")), pick(operator.get("desk")), pick(operator.get("address"))]
    kind_ja, kind_en = KIND[kind]
    out_ja, out_en = OUTCOME.get(outcome or "", ("", ""))
    if ja:
        paragraphs = [
            f"{_jdate(received_on, 'ja')}に受け付けました{kind_ja}のご請求（受付番号 {request_id}）について、"
            f"下記のとおり回答いたします。",
            f"回答：{out_ja}。" + (f"（根拠：個人情報保護法 {article}）" if article else ""),
        ]
        if reason:
            paragraphs.append(f"理由：{reason}")
    else:
        paragraphs = [
            f"This is our answer to your request for {kind_en} received on {_jdate(received_on, 'en')} "
            f"(reference {request_id}).",
            f"Answer: {out_en[:1].lower()}{out_en[1:]}."
            + (f" (Act on the Protection of Personal Information, {article})" if article else ""),
        ]
        if reason:
            paragraphs.append(f"Reason: {reason}")
    paragraphs += hold_lines(package.get("holds", []), "ja" if ja else "en")
    paragraphs += [pick(n["why"]) for n in (package.get("datasets") or {}).get("not_followed", [])]
    if package.get("corrected"):
        paragraphs.append("次のとおり訂正・追加しました。" if ja else "We corrected or added the following.")
    deleted = [pick(d.get("label")) or d["item"] for d in package.get("deleted", [])]
    if deleted:
        paragraphs.append(("次の項目を削除しました：" if ja else "We deleted: ") + ("、" if ja else ", ").join(deleted))
    table = [
        (pick(r.get("label")) or r["item"], r.get("display") or r.get("value") or "—")
        for r in [*package.get("records", []), *package.get("corrected", [])]
    ]
    table += [
        (f"{pick(v.get('label')) or v['item']} ({row['table']}.{v['column']})", _text(v.get("value")))
        for row in (package.get("datasets") or {}).get("rows", [])
        for v in row["values"]
    ]
    table += [("利用目的" if ja else "Purpose", pick(p.get("text"))) for p in package.get("purposes", [])]
    title = "ご請求に対する回答書" if ja else "Answer to your request"
    return Letter(
        [line for line in recipient if line],
        [line for line in sender if line],
        _jdate(today, lang),
        title,
        paragraphs,
        table,
        f"受付番号 {request_id}" if ja else f"Ref. {request_id}",
    )


def _text(value: Any) -> str:
    return "—" if value is None or value == "" else str(value)


def reminder_mail(
    to: str,
    today: dt.date,
    overdue: Sequence[Any],
    near: Sequence[Any],
    console_url: str,
    handed_over: Sequence[Any] = (),
) -> MailMessage:
    """The desk's daily reminder: requests past their due date and those due within days; ids, kinds and dates
    only (the desk opens each one in the console)."""

    def lines(views: Sequence[Any]) -> str:
        return "".join(
            f"  {v.id}  {KIND[v.kind.value][0]} / {KIND[v.kind.value][1]}  期限 due {v.due_on.isoformat()}\n"
            for v in views
        )

    body = f"{today.isoformat()} 現在 / as of {today.isoformat()}\n\n"
    if overdue:
        body += f"期限を過ぎた請求 {len(overdue)} 件 / {len(overdue)} past their due date:\n{lines(overdue)}\n"
    if near:
        body += f"期限が近い請求 {len(near)} 件 / {len(near)} due soon:\n{lines(near)}\n"
    if handed_over:
        body += f"管理者への引き継ぎ待ち {len(handed_over)} 件 / {len(handed_over)} handed over to an officer:\n"
        body += f"{lines(handed_over)}\n"
    body += f"コンソール / console: {console_url}/console/requests\n"
    subject = (
        f"【要対応】開示等の請求 期限超過 {len(overdue)} 件・期限間近 {len(near)} 件 / requests overdue and due soon"
    )
    return MailMessage(to, subject, body)
