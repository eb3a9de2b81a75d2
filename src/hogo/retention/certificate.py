"""Disposal certificates (廃棄証明): the document of a sweep, or of its part in one of the company's databases, built
from the content-free disposal records and the dataset runs' journal (counts, statutes, dates — no values)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import select

from hogo.adapters.disposal_certificate import render_certificate
from hogo.clock import JST, Clock, today_jst
from hogo.datasets.service import DatasetService
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import NotFound
from hogo.identity.policy import Actor, Permission
from hogo.ledger.service import LedgerService
from hogo.retention.models import RetentionDisposal, RetentionSweep
from hogo.retention.schemas import SweepView
from hogo.retention.service import _sweep, disposal_view

METHODS = {
    "crypto_shred": "暗号鍵の破棄（暗号化消去）/ crypto-shredding: the person's data key destroyed",
    "delete": "記録の削除 / deletion of the records",
}


class Certificates:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, ledger: LedgerService, datasets: DatasetService) -> None:
        self._uow = uow
        self._clock = clock
        self._ledger = ledger
        self._datasets = datasets

    def document(self, sweep_id: str, actor: Actor, *, dataset: str | None = None) -> dict[str, Any]:
        actor.require(Permission.manage_retention)
        with self._uow(read_only=True) as uow:
            row = uow.session.get(RetentionSweep, sweep_id)
            if row is None:
                raise NotFound(f"no sweep {sweep_id}")
            units = [
                disposal_view(u)
                for u in uow.session.execute(
                    select(RetentionDisposal).where(RetentionDisposal.sweep_id == sweep_id)
                ).scalars()
            ]
            sweep = _sweep(row)
        if dataset is not None:
            units = [u for u in units if u.dataset_run_id]
            if dataset not in {d.id for d in self._datasets.datasets()}:
                raise NotFound(f"no dataset {dataset} in the ledger")
        ledger = self._ledger.get(sweep.ledger_version).ledger
        labels = {i.key: i.label.ja for i in ledger.items}
        rules = {r.id: r for r in ledger.retention}
        done = [u for u in units if u.status == "done"]
        per_rule = Counter(u.rule for u in done)
        rows: list[tuple[str, str, str]] = [
            (
                "対象",
                "Scope",
                f"廃棄処理 {sweep.id}（基準日 {sweep.as_of.astimezone(JST):%Y-%m-%d}）"
                + (f"のうちデータベース「{dataset}」での廃棄" if dataset else "：保管庫および社内データベース"),
            ),
            (
                "実施日時",
                "Carried out",
                _span(sweep),
            ),
        ]
        for rule_id, persons in sorted(per_rule.items()):
            rule = rules.get(rule_id)
            items = "、".join(labels.get(i, i) for i in (rule.items if rule else []))
            basis = f"保存期間 {rule.period}（起算：{rule.starts.value}）" if rule else ""
            rows.append((f"規則 {rule_id}", "Retention rule", f"{items}。{basis}。本人 {persons} 名"))
        if dataset is None:
            records = sum(u.vault_records for u in done)
            shredded = sum(1 for u in done if u.shredded)
            methods = sorted({("crypto_shred" if u.shredded else "delete") for u in done})
            rows.append(
                (
                    "保管庫での廃棄",
                    "In the vault",
                    f"記録 {records} 件を削除、うち本人 {shredded} 名は暗号鍵を破棄。方法："
                    + " ／ ".join(METHODS[m] for m in methods),
                )
            )
        changed: dict[str, int] = defaultdict(int)
        runs: list[str] = []
        for u in done:
            if u.dataset_run_id:
                runs.append(u.dataset_run_id)
                for step in self._datasets.run(u.dataset_run_id, actor).steps:
                    if dataset is None or step.dataset == dataset:
                        changed[step.dataset] += step.rows_changed or 0
        for name, count in sorted(changed.items()):
            rows.append(
                (
                    "データベースでの廃棄",
                    f"In dataset {name}",
                    f"{count} 行を台帳の定め（マスク・NULL化・鍵付きハッシュ・行削除）により処理。"
                    f"実行記録 {len(runs)} 件（{', '.join(runs[:5])}{' …' if len(runs) > 5 else ''}）",
                )
            )
        kept: dict[str, str] = {}
        for u in done:
            for h in u.holds:
                if dataset is not None and h.get("dataset") not in (None, dataset):
                    continue
                place = f"{h['dataset']}.{h['table']}.{h['column']}" if "table" in h else "保管庫 / vault"
                key = f"{place}：{h['statute']['ja']}"
                until = h.get("until") or "（終期なし）"
                kept[key] = max(kept.get(key, until), until)
        rows.append(
            (
                "法定保存により保存を続けるもの",
                "Kept under a legal hold",
                "\n".join(f"{k} — {v} まで" for k, v in sorted(kept.items())) or "なし / none",
            )
        )
        held = sum(1 for u in units if u.status == "held")
        pending = [u for u in units if u.status == "pending"]
        rows.append(
            (
                "保留・未完了",
                "Held or pending",
                f"保留 {held} 名、未完了 {len(pending)} 名"
                + ("（" + "；".join(sorted({u.reason or "" for u in pending})) + "）" if pending else ""),
            )
        )
        representative, address = ledger.operator.representative, ledger.operator.address
        return {
            "title": {"ja": "個人データ廃棄証明書", "en": "Certificate of disposal of personal data"},
            "sweep": sweep.id,
            "dataset": dataset,
            "issued_on": today_jst(self._clock).isoformat(),
            "operator": {
                "name": ledger.operator.name.ja,
                "address": address.ja if address else None,
                "representative": representative.ja if representative else None,
            },
            "rows": rows,
            "attestation": {
                "ja": f"上記のとおり廃棄したことを証明します（発行者：{actor.id}）。本書に個人の値は含まれません。",
                "en": f"We certify the disposal above (issued by {actor.id}). This document holds no personal value.",
            },
        }

    def pdf(self, sweep_id: str, actor: Actor, *, dataset: str | None = None) -> bytes:
        document = self.document(sweep_id, actor, dataset=dataset)
        with self._uow() as uow:
            uow.record(
                actor=actor.id,
                action="retention.certificate_issued",
                entity_type="retention_sweep",
                entity_id=sweep_id,
                data={"dataset": dataset},
            )
            uow.commit()
        return render_certificate(document)


def _span(sweep: SweepView) -> str:
    if sweep.finished_at is None:
        return "未完了 / not finished"
    start, end = sweep.started_at.astimezone(JST), sweep.finished_at.astimezone(JST)
    return f"{start:%Y-%m-%d %H:%M} 〜 {end:%Y-%m-%d %H:%M} JST"
