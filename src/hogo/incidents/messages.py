"""The words of the incident domain, Japanese first with English: labels, the notice to a person (Rule 10: items 1,
2, 4, 5 and 9 of Rule 8(1)) and the officer's clock warning. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from hogo.adapters.mail import MailMessage

KINDS = {
    "lost_device": ("端末・媒体の紛失", "lost device or medium"),
    "stolen_device": ("端末・媒体の盗難", "stolen device or medium"),
    "misdirected_mail": ("誤送付・誤送信", "misdirected mail or e-mail"),
    "unauthorised_access": ("不正アクセス", "unauthorised access"),
    "ransomware": ("ランサムウェア", "ransomware"),
    "entrustee_leak": ("委託先での漏えい等", "an entrustee's leak"),
    "misconfiguration": ("設定不備による公開", "exposure by misconfiguration"),
    "insider_exfiltration": ("従業者による持ち出し", "taken out by an insider"),
    "mistaken_disposal": ("誤廃棄", "mistaken disposal"),
    "other": ("その他", "other"),
}
EFFECTS = {"leakage": ("漏えい", "leakage"), "loss": ("滅失", "loss"), "damage": ("毀損", "damage")}
FOUND_BY = {
    "staff": ("従業者", "staff"),
    "person": ("本人", "the person"),
    "entrustee": ("委託先", "an entrustee"),
    "third_party": ("第三者", "a third party"),
    "authority": ("当局", "an authority"),
    "security_vendor": ("セキュリティ事業者", "a security vendor"),
    "other": ("その他", "other"),
}
STATUSES = {
    "reported_internally": ("社内報告済み（未評価）", "reported internally (not yet assessed)"),
    "assessed": ("評価済み（報告対象）", "assessed: reports owed"),
    "preliminary_filed": ("速報済み", "preliminary report (速報) filed"),
    "final_filed": ("確報済み", "final report (確報) filed"),
    "not_reportable": ("報告対象外", "not reportable"),
    "reported_by_principal": ("委託元が報告", "reported by the principal"),
    "closed": ("完了", "closed"),
}
OUTCOMES = {
    "reportable": ("個人情報保護委員会への報告が必要です", "reportable to the PPC"),
    "not_reportable": ("報告対象ではありません", "not reportable"),
    "undetermined": ("報告対象か未確定です（期限は管理します）", "not yet decidable (the clocks run)"),
    "relieved": ("委託元に通知済みのため報告・通知は委託元が行います", "relieved: the principal reports and notifies"),
}
REPORT_KINDS = {
    "preliminary": ("速報", "preliminary"),
    "final": ("確報", "final"),
    "supplement": ("追完", "supplement"),
}
AUTHORITIES = {
    "ppc": ("個人情報保護委員会", "the PPC"),
    "ministry": ("権限の委任を受けた事業所管大臣", "the delegated ministry"),
    "privacy_mark": ("プライバシーマーク審査機関", "the Privacy Mark examination body"),
}
BASES = {
    "appi": ("個人情報保護法", "APPI"),
    "my_number": ("番号法", "My Number Act"),
    "privacy_mark": ("PMK500", "PMK500"),
}
NOTICE_DUTIES = {
    "required": ("本人への通知が必要です（法第26条第2項）", "the persons must be told (Art. 26(2))"),
    "not_required": ("本人への通知義務はありません", "no duty to tell the persons"),
    "relaxed_low_risk": (
        "本人の権利利益を害するおそれが小さいため通知を要しません（2026年改正）",
        "low risk to the persons: no notice needed (2026 amendment)",
    ),
    "principal_notifies": ("委託元が本人に通知します", "the principal tells the persons"),
}
NOTICE_STATES = {
    "queued": ("送信待ち", "queued"),
    "sent": ("送信済み", "sent"),
    "failed": ("送信できませんでした", "could not be sent"),
    "skipped": ("通知しません", "not notified"),
    "letter_due": ("書面の郵送待ち", "letter to post"),
    "letter_posted": ("書面を郵送済み", "letter posted"),
}
SKIP_REASONS = {
    "erased": ("本人のデータは消去済みで連絡先がありません", "the person was erased: no contact details remain"),
    "no_contact": ("連絡先がありません（公表等の代替措置）", "no contact details (substitute: announcement)"),
}
WARNING_LEVELS = {
    "2d": ("期限まであと2日", "due in 2 days"),
    "1d": ("期限まであと1日以内", "due within a day"),
    "overdue": ("期限を過ぎています", "OVERDUE"),
}


def label(table: Mapping[str, tuple[str, str]], key: str) -> str:
    ja, en = table.get(key, (key, key))
    return f"{ja} / {en}"


def notice_mail(
    to: str,
    *,
    company: str,
    incident_id: str,
    summary: str,
    items: str,
    cause: str,
    secondary: str,
    other: str,
    desk: str,
    announcement_url: str | None,
) -> MailMessage:
    """The notice to a person concerned (Rule 10): summary, items, cause, secondary damage, and what they can do."""
    body = (
        f"{company}より、お客様の個人情報に関する大切なお知らせです。\n"
        "This is an important notice about your personal information.\n\n"
        f"1. 概要 / What happened\n{summary}\n\n"
        f"2. 対象となった項目 / The data concerned\n{items}\n\n"
        f"3. 原因 / Cause\n{cause}\n\n"
        f"4. 二次被害又はそのおそれ / Secondary damage or its risk\n{secondary}\n\n"
        f"5. その他（お客様にお願いしたいこと・お問い合わせ先） / What you can do, whom to ask\n{other}\n"
        f"お問い合わせ / Desk: {desk}\n"
    )
    if announcement_url:
        body += f"公表 / Announcement: {announcement_url}\n"
    body += f"\n（管理番号 / reference: {incident_id}）\n"
    subject = f"【重要】個人情報の漏えい等に関するお知らせ / Notice of a personal data incident ({company})"
    return MailMessage(to, subject, body)


def warning_mail(
    to: str, *, incident_id: str, report: str, level: str, due_on: dt.date, console_url: str
) -> MailMessage:
    ja, en = WARNING_LEVELS[level]
    subject = f"【要対応】漏えい等報告 {report} {ja} / incident report {en}: {incident_id}"
    body = (
        f"{incident_id} の {report} の期限は {due_on.isoformat()} です（{ja}）。\n"
        f"The {report} of {incident_id} is due on {due_on.isoformat()} ({en}).\n\n"
        f"コンソール / console: {console_url}/console/incidents/{incident_id}\n"
    )
    return MailMessage(to, subject, body)


ACTIONS = {
    "reported": ("社内報告", "reported internally"),
    "assessed": ("評価", "assessed"),
    "preliminary_filed": ("速報済み", "preliminary report filed"),
    "final_filed": ("確報済み", "final report filed"),
    "not_reportable": ("報告対象外と判断", "found not reportable"),
    "reported_by_principal": ("委託元が報告", "left to the principal"),
    "closed": ("完了", "closed"),
    "report_edited": ("報告書を編集", "report edited"),
    "report_filed": ("報告書を提出", "report filed"),
    "supplement_started": ("追完の作成", "supplement started"),
    "notices_sent": ("本人への通知", "notices sent"),
    "notice_sent": ("本人への通知（個別）", "notice to one person"),
    "notice_delivered": ("通知メール送信済み", "notice delivered"),
    "notice_failed": ("通知メール送信失敗", "notice could not be sent"),
    "letters_posted": ("通知書面を郵送", "letters posted"),
    "announced": ("公表", "announced"),
    "enquiry_answered": ("窓口での照会に回答", "desk enquiry answered"),
    "clock_warned": ("期限の警告", "clock warning"),
}


def report_title(kind: str, authority: str) -> str:
    """e.g. 確報（個人情報保護委員会） / final to the PPC."""
    (kind_ja, kind_en), (who_ja, who_en) = REPORT_KINDS[kind], AUTHORITIES[authority]
    return f"{kind_ja}（{who_ja}） / {kind_en} to {who_en}"
