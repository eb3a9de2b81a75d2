"""Ledger use cases: check a file, apply it as a new immutable version, show and compare versions."""

from __future__ import annotations

import hashlib
from dataclasses import asdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hogo.changes import Changes
from hogo.clock import Clock, today_jst
from hogo.db.uow import UnitOfWorkFactory
from hogo.errors import InvalidInput, LedgerInvalid, NoLedger, NotFound
from hogo.ledger.checking import check_loaded
from hogo.ledger.compiled import LedgerIndex, compile_ledger
from hogo.ledger.diff import LedgerDiff, diff_ledgers
from hogo.ledger.impact import Impact, Resolution, check_resolution, measure, resolve
from hogo.ledger.loader import LoadedLedger, Problem
from hogo.ledger.models import LedgerVersion
from hogo.ledger.schemas import Ledger
from hogo.ledger.schemas.views import AppliedLedger, ApplyPreview, ApplyResult, VersionSummary


class LedgerService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, changes: Changes | None = None) -> None:
        self._uow = uow
        self._clock = clock
        self._changes = changes
        self._indexes: dict[int, LedgerIndex] = {}

    # -- checking (no database) -----------------------------------------------------------------
    def check(self, loaded: LoadedLedger) -> list[Problem]:
        """Structural problems, then the APPI findings of a structurally valid ledger, by line."""
        return check_loaded(loaded, today_jst(self._clock))

    # -- applying -------------------------------------------------------------------------------
    def preview(self, loaded: LoadedLedger) -> ApplyPreview:
        """What applying `loaded` would change, and what it would do to the data held now. Reads only."""
        problems = self.check(loaded)
        if loaded.ledger is None:
            raise LedgerInvalid.keyed(
                "error.ledger.invalid", source=loaded.source, details={"problems": [asdict(p) for p in problems]}
            )
        with self._uow(read_only=True) as uow:
            current = _latest(uow.session)
            previous = Ledger.model_validate(current.document) if current is not None else None
            impact = measure(uow.session, previous, loaded.ledger, self._clock.now())
            unchanged = current is not None and current.sha256 == _digest(loaded)
            version = current.version if current is not None else None
        diff = LedgerDiff() if unchanged else diff_ledgers(previous, loaded.ledger)
        findings = [p for p in problems if p.article is not None]
        return ApplyPreview(version, unchanged, diff, Impact() if unchanged else impact, findings)

    def apply(
        self,
        loaded: LoadedLedger,
        *,
        actor: str,
        strict: bool = False,
        resolution: Resolution | None = None,
        expected_version: int | None = None,
    ) -> ApplyResult:
        """Store the ledger as a new version unless it is identical to the one in force.

        Structural problems always refuse; APPI errors refuse only when `strict`. A ledger that would
        leave held data under nothing (a removed item, purpose or subject kind) is refused unless the
        `resolution` says how to treat that data; the resolution is carried out in the same transaction.
        `expected_version`: the version the caller previewed; refused if another was applied since.
        One transaction: the version, the resolution and the `ledger.applied` audit event land together.
        """
        resolution = resolution or Resolution()
        problems = self.check(loaded)
        errors = [p for p in problems if p.blocking]
        if loaded.ledger is None or (strict and errors):
            raise LedgerInvalid.keyed(
                "error.ledger.refused",
                source=loaded.source,
                errors=len(errors),
                details={"problems": [asdict(p) for p in problems]},
            )
        ledger = loaded.ledger
        findings = [p for p in problems if p.article is not None]
        digest = _digest(loaded)
        now = self._clock.now()
        with self._uow() as uow:
            session = uow.session
            current = _latest(session)
            if expected_version is not None and (current.version if current is not None else 0) != expected_version:
                in_force = current.version if current else 0
                raise InvalidInput.keyed("error.ledger.superseded", in_force=in_force, expected=expected_version)
            if current is not None and current.sha256 == digest:
                return ApplyResult(_applied(current), False, LedgerDiff(), findings)
            previous = Ledger.model_validate(current.document) if current is not None else None
            impact = measure(session, previous, ledger, now)
            check_resolution(previous, ledger, impact, resolution)
            resolved = resolve(session, previous, ledger, resolution, now) if previous and resolution.given else {}
            changes = diff_ledgers(previous, ledger)
            row = LedgerVersion(
                version=(current.version + 1) if current is not None else 1,
                applied_at=now,
                applied_by=actor,
                source_name=loaded.source,
                sha256=digest,
                source_text=loaded.text,
                document=ledger.model_dump(mode="json"),
                findings=[asdict(f) for f in findings],
            )
            session.add(row)
            data: dict[str, object] = {
                "sha256": digest,
                "previous": current.version if current is not None else None,
                "changes": len(changes.changes),
                "flagged": [f"{c.section}:{c.key}" for c in changes.flagged],
                "errors": len(errors),
            }
            if impact.held:
                data["held"] = impact.as_dict()
            if resolution.given:
                data["resolution"] = {"retire_to": resolution.retire_to, "dispose": resolution.dispose, **resolved}
            uow.record(
                actor=actor,
                action="ledger.applied",
                entity_type="ledger_version",
                entity_id=str(row.version),
                data=data,
            )
            uow.changed(None)
            uow.commit()
            result = ApplyResult(_applied(row), True, changes, findings, impact, resolved)
        return result

    # -- reading --------------------------------------------------------------------------------
    def current(self) -> AppliedLedger:
        with self._uow(read_only=True) as uow:
            row = uow.session.execute(
                select(LedgerVersion).order_by(LedgerVersion.version.desc()).limit(1)
            ).scalar_one_or_none()
            if row is None:
                raise NoLedger("no ledger has been applied yet; run `hogo ledger apply FILE`")
            return _applied(row)

    def index(self) -> LedgerIndex:
        """The ledger in force as lookup tables for run-time decisions; compiled once per version."""
        with self._uow(read_only=True) as uow:
            version = uow.session.execute(select(func.max(LedgerVersion.version))).scalar()
            if version is None:
                raise NoLedger("no ledger has been applied yet; run `hogo ledger apply FILE`")
            cached = self._indexes.get(version)
            if cached is None:
                row = uow.session.get(LedgerVersion, version)
                assert row is not None
                cached = compile_ledger(version, Ledger.model_validate(row.document))
                self._indexes[version] = cached
            return cached

    def get(self, version: int) -> AppliedLedger:
        with self._uow(read_only=True) as uow:
            row = uow.session.get(LedgerVersion, version)
            if row is None:
                raise NotFound(f"ledger version {version} does not exist")
            return _applied(row)

    def versions(self) -> list[VersionSummary]:
        with self._uow(read_only=True) as uow:
            rows = uow.session.execute(select(LedgerVersion).order_by(LedgerVersion.version)).scalars()
            return [
                VersionSummary(r.version, r.applied_at, r.applied_by, r.source_name, r.sha256, len(r.findings))
                for r in rows
            ]

    def diff(self, old_version: int, new_version: int) -> LedgerDiff:
        if old_version == new_version:
            raise InvalidInput("give two different versions to compare")
        return diff_ledgers(self.get(old_version).ledger, self.get(new_version).ledger)


def _latest(session: Session) -> LedgerVersion | None:
    return session.execute(select(LedgerVersion).order_by(LedgerVersion.version.desc()).limit(1)).scalar_one_or_none()


def _digest(loaded: LoadedLedger) -> str:
    return hashlib.sha256(loaded.text.encode("utf-8")).hexdigest()


def _applied(row: LedgerVersion) -> AppliedLedger:
    return AppliedLedger(
        version=row.version,
        applied_at=row.applied_at,
        applied_by=row.applied_by,
        source_name=row.source_name,
        sha256=row.sha256,
        ledger=Ledger.model_validate(row.document),
        source_text=row.source_text,
    )
