"""The jobs hogo runs: one line each (see registry.py for how to write one)."""

from __future__ import annotations

import datetime as dt

from hogo.jobs import (
    audit_checkpoints,
    incident_clocks,
    journal_pruning,
    key_rotation,
    outbox_delivery,
    overdue_checks,
    pms_due,
    provision_retention,
    rate_limit_pruning,
    request_lapse,
    request_reminders,
    retention_sweep,
)
from hogo.jobs.registry import Job, Registry


def default_registry() -> Registry:
    return Registry(
        [
            Job(
                audit_checkpoints.NAME,
                dt.timedelta(minutes=1),
                ja="監査ログのチェックポイントに署名して公開する（前回から一定件数・一定時間）",
                en="Signs and publishes a checkpoint of the audit log (every N events or T minutes)",
                run=audit_checkpoints.run,
            ),
            Job(
                provision_retention.NAME,
                dt.timedelta(days=1),
                ja="保存期間を過ぎた提供記録・確認記録を削除する（法第29条第2項・第30条第4項）",
                en="Deletes provision and receipt records past their retention period (Arts. 29(2), 30(4))",
                run=provision_retention.job,
            ),
            Job(
                journal_pruning.NAME,
                dt.timedelta(hours=1),
                ja="変更ジャーナル（fact_changes）の古い行を削除する",
                en="Prunes old rows of the change journal (fact_changes)",
                run=journal_pruning.run,
            ),
            Job(
                overdue_checks.NAME,
                dt.timedelta(days=1),
                ja="期限を過ぎた委託先の監督・外国の提供先の定期確認を記録する",
                en="Records overdue entrustee supervisions and periodic checks of recipients abroad",
                run=overdue_checks.run,
            ),
            Job(
                outbox_delivery.NAME,
                dt.timedelta(seconds=30),
                ja="送信に失敗したメールの再送・中断された送信の再開（送信待ちのメッセージ）",
                en="Sends what the outbox holds that is due: retries, interrupted attempts, other processes' mail",
                run=outbox_delivery.run,
                lease=dt.timedelta(minutes=5),
            ),
            Job(
                request_reminders.NAME,
                dt.timedelta(days=1),
                ja="期限を過ぎた・期限が近い開示等の請求を窓口に知らせる",
                en="Reminds the desk of requests past their due date or due within three days",
                run=request_reminders.run,
            ),
            Job(
                request_lapse.NAME,
                dt.timedelta(days=1),
                ja="本人確認が期間内に完了しなかった請求を不受理とする（法第37条）",
                en="Lapses requests whose identity was not confirmed in the ledger's period (Art. 37)",
                run=request_lapse.run,
            ),
            Job(
                rate_limit_pruning.NAME,
                dt.timedelta(hours=1),
                ja="期限の過ぎたレート制限の集計を削除する",
                en="Removes rate-limit counts of windows long ended",
                run=rate_limit_pruning.run,
            ),
            Job(
                key_rotation.NAME,
                dt.timedelta(days=1),
                ja="期限の来たマスター鍵を交換し、古い鍵を破棄する（消去した本人の鍵の写しを読めなくする）",
                en="Rotates the master key when due and destroys the old one (leftover copies of erased keys "
                "become unreadable)",
                run=key_rotation.job,
                lease=dt.timedelta(hours=1),
            ),
            Job(
                pms_due.NAME,
                dt.timedelta(days=30),
                ja="マネジメントシステムの期限（台帳の見直し・是正処置・教育・安全管理措置）を個人情報保護管理者に知らせる",
                en="Mails the privacy officer what is due in the management system's yearly cycle (reviews, corrective "
                "actions, training, security measures)",
                run=pms_due.run,
            ),
            Job(
                incident_clocks.NAME,
                dt.timedelta(hours=1),
                ja="漏えい等の報告期限（速報・確報）の2日前・1日前・期限超過を警告する",
                en="Warns of incident reports (preliminary, final) due in 2 days, in 1 day, or overdue",
                run=incident_clocks.run,
            ),
            Job(
                retention_sweep.NAME,
                dt.timedelta(days=1),
                ja="保存期間を過ぎた個人データを廃棄する（保管庫と社内データベース、法定保存中のものは保留）（法第22条）",
                en="Disposes of personal data past its retention period, in the vault and the company's databases, "
                "keeping what a legal hold keeps (Art. 22)",
                run=retention_sweep.run,
                lease=dt.timedelta(hours=1),
            ),
        ]
    )
