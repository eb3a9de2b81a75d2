"""The jobs hogo runs: one line each (see registry.py for how to write one)."""

from __future__ import annotations

import datetime as dt

from hogo.jobs import journal_pruning, overdue_checks, provision_retention
from hogo.jobs.registry import Job, Registry


def default_registry() -> Registry:
    return Registry(
        [
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
        ]
    )
