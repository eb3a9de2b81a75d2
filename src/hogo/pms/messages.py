"""What staff read for the yearly cycle's codes: Japanese first, then English. Pure."""

from __future__ import annotations

import datetime as dt

from hogo.pms.policy import Due, DueKind, MeasureCategory, MeasureStatus, ResponsibleRole, Severity

SEVERITIES = {
    Severity.major: ("重大な不適合", "major nonconformity"),
    Severity.minor: ("軽微な不適合", "minor nonconformity"),
    Severity.observation: ("観察事項（改善の機会）", "observation"),
}
CATEGORIES = {
    MeasureCategory.basic_policy: ("基本方針の策定", "basic policy"),
    MeasureCategory.handling_rules: ("取扱規程等の整備", "handling rules"),
    MeasureCategory.organisational: ("組織的安全管理措置", "organisational measures"),
    MeasureCategory.personnel: ("人的安全管理措置", "personnel measures"),
    MeasureCategory.physical: ("物理的安全管理措置", "physical measures"),
    MeasureCategory.technical: ("技術的安全管理措置", "technical measures"),
    MeasureCategory.external_environment: ("外的環境の把握", "external environment"),
}
STATUSES = {
    MeasureStatus.in_place: ("実施済み", "in place"),
    MeasureStatus.partly: ("一部実施", "partly in place"),
    MeasureStatus.planned: ("計画中", "planned"),
}
ROLES = {
    ResponsibleRole.manager: ("個人情報保護管理者", "privacy manager"),
    ResponsibleRole.audit_lead: ("個人情報保護監査責任者", "audit lead"),
    ResponsibleRole.desk: ("苦情・相談窓口担当", "inquiry desk"),
}
DUE_KINDS = {
    DueKind.review: ("台帳の見直し", "ledger review"),
    DueKind.corrective_action: ("是正処置", "corrective action"),
    DueKind.training: ("教育", "training"),
    DueKind.measure: ("安全管理措置の見直し", "security measure review"),
}
SECTIONS = {
    "all": ("台帳全体", "the whole ledger"),
    "operator": ("事業者", "operator"),
    "policy": ("方針", "policy"),
    "services": ("サービス", "services"),
    "subject_kinds": ("本人の種類", "subject kinds"),
    "items": ("項目", "items"),
    "purposes": ("利用目的", "purposes"),
    "channels": ("取得経路", "channels"),
    "retention": ("保存期間", "retention"),
    "entrustees": ("委託先", "entrustees"),
    "joint_use": ("共同利用", "joint use"),
    "third_parties": ("第三者提供", "third parties"),
    "foreign_recipients": ("外国にある第三者", "foreign recipients"),
    "opt_out": ("オプトアウト", "opt-out"),
    "requests": ("開示等の請求の手続", "request procedures"),
    "complaints": ("苦情の申出先", "complaints"),
    "security_measures": ("安全管理措置", "security measures"),
    "web_tracking": ("ウェブでの取得（Cookie 等）", "web tracking"),
    "web_consent": ("ウェブサイトの同意", "website consent"),
    "statistics": ("統計・匿名加工", "statistics"),
    "datasets": ("データセット", "datasets"),
    "incidents": ("漏えい等の報告先", "incident procedures"),
}


def due_mail(today: dt.date, due: Due, console_url: str) -> tuple[str, str]:
    """The officer's monthly mail of what is due in the cycle: (subject, body); kinds, ids, titles and dates."""
    overdue = sum(due.overdue_counts.values())
    subject = (
        f"【PMS】期限超過 {overdue} 件・期限間近 {due.total - overdue} 件 / "
        f"the management system: {overdue} overdue, {due.total - overdue} due soon"
    )
    body = f"{today.isoformat()} 現在 / as of {today.isoformat()}\n\n"
    for kind in DueKind:
        items = due.of(kind)
        if not items:
            continue
        ja, en = DUE_KINDS[kind]
        body += f"{ja} / {en}: {len(items)}\n"
        for i in items:
            mark = "期限超過 OVERDUE" if i.overdue else "期限 due"
            title = SECTIONS.get(i.title, (i.title, i.title))[0] if kind is DueKind.review else i.title
            body += f"  {mark} {i.due.isoformat()}  {title}\n"
        body += "\n"
    body += f"コンソール / console: {console_url}/console/pms\n"
    return subject, body
