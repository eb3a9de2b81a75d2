"""The nine items of Rule 8(1), prefilled from what hogo knows. Pure: facts in, text out.

The officer edits them; a version keeps every item's text (GL-G 3-5-3-3: a 速報 says what is known then, the 確報
everything, a supplement what was still unknown).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from hogo.clock import JST
from hogo.incidents.messages import ACTIONS, AUTHORITIES, EFFECTS, FOUND_BY, KINDS, REPORT_KINDS

ITEMS: dict[str, tuple[str, str]] = {
    "1": ("概要", "Summary"),
    "2": ("漏えい等が発生し、又は発生したおそれがある個人データの項目", "Items of personal data concerned"),
    "3": ("漏えい等が発生し、又は発生したおそれがある個人データに係る本人の数", "Number of persons concerned"),
    "4": ("原因", "Cause"),
    "5": ("二次被害又はそのおそれの有無及びその内容", "Secondary damage or its risk"),
    "6": ("本人への対応の実施状況", "Response to the persons"),
    "7": ("公表の実施状況", "Publication"),
    "8": ("再発防止のための措置", "Measures to prevent recurrence"),
    "9": ("その他参考となる事項", "Other useful matters"),
}
QUIET = frozenset({"report_edited", "clock_warned", "notice_delivered", "notice_failed", "enquiry_answered"})
"""Timeline entries left out of the report's chronology."""
NOTICE_ITEMS = ("1", "2", "4", "5", "9")
"""Rule 10: what the notice to the person covers."""


@dataclass(frozen=True)
class Known:
    """What hogo knows of an incident, for the report."""

    incident_id: str
    kind: str
    effects: Sequence[str]
    occurred_on: dt.date | None
    aware_on: dt.date
    found_by: str
    description: str
    items: Sequence[tuple[str, str]]
    """(label ja, label en) of the items concerned."""
    subject_kinds: Sequence[str]
    datasets: Sequence[str]
    headcount: Mapping[str, Any]
    decision: Mapping[str, Any]
    entrustee: str | None
    as_entrustee: bool
    measures: Sequence[str]
    notices: Mapping[str, int]
    announced_on: dt.date | None
    announcement_url: str | None
    chronology: Sequence[tuple[dt.datetime, str]] = field(default_factory=tuple)
    vault: bool = False


def prefill(known: Known) -> dict[str, str]:
    rule7 = [t["article"] for t in known.decision.get("triggers", []) if t.get("met")]
    effects = "・".join(EFFECTS.get(e, (e, e))[0] for e in known.effects)
    summary = [
        f"発生日：{known.occurred_on.isoformat() if known.occurred_on else '不明（調査中）'}",
        f"発覚日：{known.aware_on.isoformat()}（全社で最初に知った日）",
        f"事案：{KINDS.get(known.kind, (known.kind,))[0]}（{effects}）",
        f"発見者：{FOUND_BY.get(known.found_by, (known.found_by,))[0]}",
        f"該当する報告対象事態：{'、'.join(rule7) if rule7 else 'なし（任意報告）'}",
    ]
    if known.entrustee:
        summary.append(f"委託先：{known.entrustee}（委託元として報告）")
    if known.as_entrustee:
        summary.append("当社は委託先として取り扱っていました（委託元への通知の状況は6.のとおり）")
    if known.description:
        summary.append(f"経緯：{known.description}")
    if known.chronology:
        steps = [(at, ACTIONS.get(what, (what,))[0]) for at, what in known.chronology if what not in QUIET]
        summary.append("時系列：" + "; ".join(f"{at.astimezone(JST):%Y-%m-%d %H:%M} {what}" for at, what in steps))
    count = known.headcount
    people = f"{count.get('persons', 0):,}人"
    if not count.get("complete", True):
        errors = [f"{d}: {v.get('error')}" for d, v in (count.get("datasets") or {}).items() if v.get("error")]
        people += f"（集計未完了。最大{count.get('max_possible', 0):,}人。{'; '.join(errors)}）"
    if count.get("vault_erased"):
        people += f"（うち消去済みの本人 {count['vault_erased']}人）"
    financial = any(t.get("code") == "rule7-2" and t.get("met") for t in known.decision.get("triggers", []))
    secondary = (
        "不正利用による財産的被害のおそれがあります。現時点で被害の報告はありません。"
        if financial
        else "現時点で二次被害は確認されていません。"
    )
    n = known.notices
    response = (
        f"本人への通知：電子メール送信済み {n.get('sent', 0)}件、送信待ち {n.get('queued', 0)}件、"
        f"書面 {n.get('letter_due', 0) + n.get('letter_posted', 0)}件、"
        f"通知できない {n.get('skipped', 0)}件（消去済み・連絡先なし）"
        if n
        else "本人への通知：準備中"
    )
    published = (
        f"{known.announced_on.isoformat()} に当社ウェブサイトで公表（{known.announcement_url}）"
        if known.announced_on
        else "未実施"
    )
    sources = "hogo の保管庫" + (f"及び{'、'.join(known.datasets)}" if known.datasets else "")
    other = [f"対象者の特定：{sources}の記録から算出"]
    if known.vault:
        other.append("hogo の保管庫の値は本人ごとの鍵で暗号化（AES-GCM、鍵は別管理）されています。")
    if count.get("my_number_persons"):
        other.append(f"特定個人情報（マイナンバー）を含む本人：{count['my_number_persons']:,}人")
    other.append("お客様へのお願い：不審な連絡にご注意ください。ご不明な点は窓口までお問い合わせください。")
    return {
        "1": "\n".join(summary),
        "2": "、".join(ja for ja, _ in known.items)
        + (f"（対象: {'、'.join(known.subject_kinds)}）" if known.subject_kinds else ""),
        "3": people,
        "4": known.description or f"{KINDS.get(known.kind, (known.kind,))[0]}（詳細は調査中）",
        "5": secondary,
        "6": response,
        "7": published,
        "8": "\n".join(known.measures) if known.measures else "（実施済みの措置・今後の措置を記入）",
        "9": "\n".join(other),
    }


def document(
    *,
    report: Mapping[str, Any],
    reporter: Mapping[str, str | None],
    items: Mapping[str, str],
    prepared_on: dt.date,
    authority_name: str | None,
) -> dict[str, Any]:
    """The report as structured data (the JSON export; the PDF prints the same)."""
    kind_ja, kind_en = REPORT_KINDS[report["kind"]]
    who_ja, who_en = AUTHORITIES[report["authority"]]
    return {
        "title": {
            "ja": f"個人データの漏えい等事案に関する報告（{kind_ja}）",
            "en": f"Report of a personal data incident ({kind_en})",
        },
        "report": {**report, "prepared_on": prepared_on.isoformat()},
        "to": {"ja": authority_name or who_ja, "en": authority_name or who_en},
        "reporter": dict(reporter),
        "items": {k: {"label": {"ja": ja, "en": en}, "text": items.get(k, "")} for k, (ja, en) in ITEMS.items()},
    }
