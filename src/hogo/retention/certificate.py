"""Disposal certificates (廃棄証明): the document of a sweep, or of its part in one of the company's databases, built
from the content-free disposal records and the dataset runs' journal (counts, statutes, dates — no values)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from hogo.adapters.disposal_certificate import render_certificate
from hogo.clock import JST, Clock, today_jst
from hogo.datasets.service import DatasetService
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import InvalidInput, NotFound
from hogo.identity.policy import Actor, Permission
from hogo.ledger.service import LedgerService
from hogo.retention.models import RetentionDisposal, RetentionSweep
from hogo.retention.schemas import SweepView
from hogo.retention.service import _sweep, disposal_view


@dataclass(frozen=True)
class EntrusteeDisposal:
    """What an entrustee reports it disposed of (no values): which items, how many, how, when, its reference."""

    entrustee: str
    items: list[str]
    count: int
    method: str
    disposed_on: dt.date
    reference: str = ""


METHODS_ENTRUSTEE = {
    "delete": "データ消去 / deletion",
    "overwrite": "上書き消去 / overwriting",
    "crypto_shred": "暗号鍵の破棄 / crypto-shredding",
    "physical_destruction": "媒体の物理的破壊 / physical destruction of the media",
    "shred_paper": "紙の裁断 / shredding paper",
    "dissolve": "溶解 / dissolving paper",
    "return": "返却 / returned to us",
}
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

    def entrustee_document(self, report: EntrusteeDisposal, actor: Actor) -> dict[str, Any]:
        """The certificate of a disposal an entrustee carried out and reported (at the end of the entrustment, or of
        a retention period): the ledger's entrustee, the items it held, how and when it disposed of them, how many,
        its own certificate's reference — as the officer records them."""
        actor.require(Permission.manage_retention)
        ledger = self._ledger.index().ledger
        entrustee = next((e for e in ledger.entrustees if e.id == report.entrustee), None)
        if entrustee is None:
            raise NotFound(f"no entrustee {report.entrustee} in the ledger in force")
        unknown = sorted(set(report.items) - set(entrustee.items))
        if unknown:
            raise InvalidInput(f"entrustee {entrustee.id} does not hold: {', '.join(unknown)}")
        if report.method not in METHODS_ENTRUSTEE:
            raise InvalidInput(f"a method is one of: {', '.join(METHODS_ENTRUSTEE)}")
        labels = {i.key: i.label.ja for i in ledger.items}
        items = report.items or list(entrustee.items)
        representative, address = ledger.operator.representative, ledger.operator.address
        return {
            "title": {"ja": "委託先における個人データ廃棄証明書", "en": "Certificate of disposal by an entrustee"},
            "sweep": f"entrustee {entrustee.id}",
            "dataset": None,
            "issued_on": today_jst(self._clock).isoformat(),
            "operator": {
                "name": ledger.operator.name.ja,
                "address": address.ja if address else None,
                "representative": representative.ja if representative else None,
            },
            "rows": [
                ("委託先", "Entrustee", f"{entrustee.name.ja}（{entrustee.id}）"),
                ("委託業務", "Work entrusted", entrustee.work.ja),
                ("廃棄した個人データ", "Items disposed of", "、".join(labels.get(i, i) for i in items)),
                ("件数", "Records", f"{report.count} 件"),
                ("方法", "Method", METHODS_ENTRUSTEE[report.method]),
                ("廃棄日", "Disposed on", report.disposed_on.isoformat()),
                ("委託先の証明書", "Entrustee's certificate", report.reference or "—"),
            ],
            "attestation": {
                "ja": f"委託先から上記の廃棄の報告を受け、確認しました（記録者：{actor.id}）。"
                "本書に個人の値は含まれません。",
                "en": f"The entrustee reported the disposal above; checked and recorded by {actor.id}. "
                "This document holds no personal value.",
            },
        }

    def entrustee_pdf(self, report: EntrusteeDisposal, actor: Actor) -> bytes:
        document = self.entrustee_document(report, actor)
        with self._uow() as uow:
            uow.record(
                actor=actor.id,
                action="retention.entrustee_disposal_recorded",
                entity_type="entrustee",
                entity_id=report.entrustee,
                data={
                    "items": list(report.items),
                    "count": report.count,
                    "method": report.method,
                    "disposed_on": report.disposed_on.isoformat(),
                    "reference": uow.note(report.reference) if report.reference else None,
                },
            )
            uow.commit()
        return render_certificate(document)

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
