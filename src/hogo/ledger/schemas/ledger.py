"""The whole ledger, and the integrity of the references between its sections."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field

from hogo.ledger.schemas.catalogue import Channel, Item, Purpose, RetentionRule, Service, SubjectKind
from hogo.ledger.schemas.common import Strict, Text
from hogo.ledger.schemas.datasets import DataSet, Statistics, WebConsentSettings, WebTracking
from hogo.ledger.schemas.incidents import IncidentProcedures
from hogo.ledger.schemas.operator import Operator, PolicyInfo
from hogo.ledger.schemas.procedures import Complaints, RequestProcedures, SecurityMeasures
from hogo.ledger.schemas.processing import ProcessingJob
from hogo.ledger.schemas.recipients import Entrustee, ForeignRecipient, JointUse, OptOut, ThirdParty

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class RefProblem:
    """A broken reference or a duplicate id, located by its path in the document."""

    path: Path
    code: Literal["dangling-ref", "duplicate-id"]
    message: str


class AcceptedFinding(Strict):
    """A lint finding the operator knowingly accepts, with the reason on record (like a linter's noqa)."""

    code: str
    reason: Text
    at: str | None = None
    """Only where the finding's location starts with this dotted path (e.g. 'joint_use[0]')."""


class Ledger(Strict):
    """The personal information management ledger (個人情報管理台帳) of one operator."""

    hogo_ledger: Literal[1] = 1
    operator: Operator
    policy: PolicyInfo = Field(default_factory=PolicyInfo)
    services: list[Service] = Field(default_factory=list)
    subject_kinds: list[SubjectKind] = Field(min_length=1)
    items: list[Item] = Field(min_length=1)
    purposes: list[Purpose] = Field(min_length=1)
    channels: list[Channel] = Field(default_factory=list)
    retention: list[RetentionRule] = Field(default_factory=list)
    entrustees: list[Entrustee] = Field(default_factory=list)
    joint_use: list[JointUse] = Field(default_factory=list)
    third_parties: list[ThirdParty] = Field(default_factory=list)
    foreign_recipients: list[ForeignRecipient] = Field(default_factory=list)
    opt_out: OptOut | None = None
    requests: RequestProcedures = Field(default_factory=RequestProcedures)
    complaints: Complaints = Field(default_factory=Complaints)
    security_measures: SecurityMeasures = Field(default_factory=SecurityMeasures)
    web_tracking: list[WebTracking] = Field(default_factory=list)
    web_consent: WebConsentSettings = Field(default_factory=WebConsentSettings)
    statistics: list[Statistics] = Field(default_factory=list)
    datasets: list[DataSet] = Field(default_factory=list)
    incidents: IncidentProcedures | None = None
    """Where incident reports go besides the PPC (Privacy Mark body, delegated ministry) and who is warned."""
    processing: list[ProcessingJob] = Field(default_factory=list)
    """Statistics, pseudonymised and anonymised information made from the data sets (Arts. 41-46)."""
    accepted_findings: list[AcceptedFinding] = Field(default_factory=list)

    # -- lookups -------------------------------------------------------------------------------
    def item(self, key: str) -> Item:
        return next(i for i in self.items if i.key == key)

    def purpose(self, purpose_id: str) -> Purpose:
        return next(p for p in self.purposes if p.id == purpose_id)

    def items_by_key(self) -> dict[str, Item]:
        return {i.key: i for i in self.items}

    # -- integrity -----------------------------------------------------------------------------
    def reference_problems(self) -> list[RefProblem]:
        """Every duplicate id and every reference to an id that no section declares."""
        return reference_problems(self.model_dump(mode="python"))


_ID_SECTIONS: tuple[tuple[str, str], ...] = (
    ("services", "id"),
    ("subject_kinds", "id"),
    ("items", "key"),
    ("purposes", "id"),
    ("channels", "id"),
    ("retention", "id"),
    ("entrustees", "id"),
    ("joint_use", "id"),
    ("third_parties", "id"),
    ("foreign_recipients", "id"),
    ("web_tracking", "id"),
    ("datasets", "id"),
    ("processing", "id"),
)


# (section, field, target section): `field` of each entry of `section` holds ids declared in `target`.
_REFERENCES: tuple[tuple[str, str, str], ...] = (
    ("purposes", "subject_kinds", "subject_kinds"),
    ("purposes", "items", "items"),
    ("purposes", "service", "services"),
    ("channels", "items", "items"),
    ("channels", "purposes", "purposes"),
    ("retention", "items", "items"),
    ("retention", "subject_kinds", "subject_kinds"),
    ("entrustees", "items", "items"),
    ("entrustees", "purposes", "purposes"),
    ("joint_use", "items", "items"),
    ("joint_use", "purposes", "purposes"),
    ("third_parties", "items", "items"),
    ("third_parties", "purposes", "purposes"),
    ("foreign_recipients", "items", "items"),
    ("foreign_recipients", "purposes", "purposes"),
    ("datasets", "subject_kinds", "subject_kinds"),
    ("datasets", "items", "items"),
    ("datasets", "purposes", "purposes"),
    ("datasets", "channels", "channels"),
    ("datasets", "retention", "retention"),
    ("datasets", "entrustees", "entrustees"),
    ("web_tracking", "items", "items"),
    ("web_tracking", "recipient", "third_parties"),
)
# (path of a single mapping, field, target section)
_SINGLE_REFERENCES: tuple[tuple[str, str, str], ...] = (
    ("opt_out", "items", "items"),
    ("requests", "disclosed_items", "items"),
)


def reference_problems(data: Mapping[str, Any]) -> list[RefProblem]:
    """Duplicate ids and dangling references in a ledger document, valid or not.

    Works on plain data so that `hogo ledger check` reports broken references in the same run as
    type errors; entries of the wrong shape are skipped here (the schema reports them).
    """
    problems: list[RefProblem] = []
    declared: dict[str, set[Any]] = {}
    for section, key_name in _ID_SECTIONS:
        seen: set[Any] = set()
        for index, entry in _entries(data, section):
            value = entry.get(key_name)
            if not isinstance(value, str):
                continue
            if value in seen:
                problems.append(
                    RefProblem((section, index, key_name), "duplicate-id", f"'{value}' is declared twice in {section}")
                )
            seen.add(value)
        declared[section] = seen
    for section, field, target in _REFERENCES:
        for index, entry in _entries(data, section):
            problems.extend(_dangling((section, index, field), entry.get(field), target, declared[target]))
    for section, field, target in _SINGLE_REFERENCES:
        single = data.get(section)
        if isinstance(single, Mapping):
            problems.extend(_dangling((section, field), single.get(field), target, declared[target]))
    return problems


def _entries(data: Mapping[str, Any], section: str) -> Iterator[tuple[int, Mapping[str, Any]]]:
    entries = data.get(section)
    if isinstance(entries, list):
        for index, entry in enumerate(entries):
            if isinstance(entry, Mapping):
                yield index, entry


def _dangling(path: Path, value: Any, target: str, declared: set[Any]) -> Iterator[RefProblem]:
    values = [(path, value)] if isinstance(value, str) else []
    if isinstance(value, list):
        values = [((*path, index), v) for index, v in enumerate(value) if isinstance(v, str)]
    for where, ref in values:
        if ref not in declared:
            yield RefProblem(where, "dangling-ref", f"'{ref}' is not declared in {target}")
