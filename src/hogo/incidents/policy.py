"""The PPC decision on a leak, loss or damage (漏えい等): which reports are owed, to whom, by when, and whether the
persons must be told. Pure: facts in, a decision out (no database, no clock), tested from a table of cases written
from the law (tests/unit/incidents/test_decision_table.py).

Art. 26(1), Rule 7 (1)-(4): special care-required data, data whose misuse may cause financial damage, an act
possibly done with a wrongful purpose (from 2024-04-01 also data being acquired), more than 1,000 persons; data
under advanced encryption (the key safe) is excluded. Rule 8: 速報 "promptly" (GL-G: about 3-5 days), 確報 in 30
days or 60 for a Rule 7(3) event, day 1 the day any part of the company became aware, rolled forward to a business
day. Rule 9: an entrustee that told its principal is relieved. Art. 26(2), Rule 10: the persons are told.
番号法 Art. 29-4: its own four triggers (more than 100 persons). Art. 150: a delegated ministry takes the report.
Privacy Mark (PMK500): every incident is reported to the examination body; a 速報 when a Rule 7 / My Number item
applies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from hogo.ledger.rules import IncidentRules
from hogo.requests.deadlines import is_business_day


class Kind(StrEnum):
    """What happened (GL-G 3-5-1 examples)."""

    lost_device = "lost_device"
    stolen_device = "stolen_device"
    misdirected_mail = "misdirected_mail"
    unauthorised_access = "unauthorised_access"
    ransomware = "ransomware"
    entrustee_leak = "entrustee_leak"
    misconfiguration = "misconfiguration"
    insider_exfiltration = "insider_exfiltration"
    mistaken_disposal = "mistaken_disposal"
    other = "other"


WRONGFUL_BY_KIND = frozenset({Kind.stolen_device, Kind.unauthorised_access, Kind.ransomware, Kind.insider_exfiltration})
"""GL-G 3-5-3-1 (3): theft of media, unauthorised access, ransomware, an employee taking data out: possibly done with
a wrongful purpose unless the officer finds otherwise."""


class Effect(StrEnum):
    leakage = "leakage"
    """漏えい: the data went outside."""
    loss = "loss"
    """滅失: the contents are lost (no copy)."""
    damage = "damage"
    """毀損: altered or unusable (ransomware, a lost key)."""


EFFECTS_BY_KIND: dict[Kind, frozenset[Effect]] = {
    Kind.lost_device: frozenset({Effect.leakage, Effect.loss}),
    Kind.stolen_device: frozenset({Effect.leakage, Effect.loss}),
    Kind.misdirected_mail: frozenset({Effect.leakage}),
    Kind.unauthorised_access: frozenset({Effect.leakage}),
    Kind.ransomware: frozenset({Effect.damage, Effect.leakage}),
    Kind.entrustee_leak: frozenset({Effect.leakage}),
    Kind.misconfiguration: frozenset({Effect.leakage}),
    Kind.insider_exfiltration: frozenset({Effect.leakage}),
    Kind.mistaken_disposal: frozenset({Effect.loss}),
    Kind.other: frozenset({Effect.leakage}),
}


class FoundBy(StrEnum):
    staff = "staff"
    person = "person"
    entrustee = "entrustee"
    third_party = "third_party"
    authority = "authority"
    security_vendor = "security_vendor"
    other = "other"


class Outcome(StrEnum):
    reportable = "reportable"
    not_reportable = "not_reportable"
    undetermined = "undetermined"
    """No item is met for sure, but one may be (an incomplete count whose bound passes the threshold): the clocks
    run as for a reportable incident until the facts are settled."""
    relieved = "relieved"
    """An entrustee that told its principal (Art. 26(1) proviso, Rule 9): the principal reports and notifies."""


class Authority(StrEnum):
    ppc = "ppc"
    ministry = "ministry"
    privacy_mark = "privacy_mark"


class Basis(StrEnum):
    appi = "appi"
    my_number = "my_number"
    privacy_mark = "privacy_mark"


class ReportKind(StrEnum):
    preliminary = "preliminary"
    """速報: what is known, promptly."""
    final = "final"
    """確報: complete."""
    supplement = "supplement"
    """追完: what was still unknown at the 確報."""


class NoticeDuty(StrEnum):
    required = "required"
    not_required = "not_required"
    relaxed_low_risk = "relaxed_low_risk"
    principal_notifies = "principal_notifies"


@dataclass(frozen=True)
class Facts:
    aware_on: dt.date
    """The day any part of the company became aware: day 1 of every clock (JST)."""
    occurred_on: dt.date | None
    kind: Kind
    wrongful_purpose: bool
    special_care: bool = False
    financial_damage: bool = False
    my_number: bool = False
    data_being_acquired: bool = False
    advanced_encryption: bool = False
    """Protected by advanced encryption or other necessary measures, the key not leaked (Rule 7, exclusion)."""
    as_entrustee: bool = False
    """The company handled the data for a principal (it is the entrustee)."""
    principal_notified: bool = False
    my_number_network: bool = False
    publicly_viewable: bool = False
    low_risk: bool = False


@dataclass(frozen=True)
class Headcount:
    persons: int
    """Persons counted (vault and reachable databases, each once)."""
    max_possible: int
    """The most there may be: the count plus, for a source that could not be counted, its declared size."""
    complete: bool
    my_number_persons: int = 0


@dataclass(frozen=True)
class Reporting:
    """What the ledger names for reports: the Privacy Mark examination body, a ministry delegated by Art. 150."""

    privacy_mark_body: str | None = None
    delegated_ministry: str | None = None


@dataclass(frozen=True)
class Trigger:
    code: str
    article: str
    ja: str
    en: str
    met: bool
    possible: bool = False
    excluded: bool = False
    """Would be met, but the data was under advanced encryption."""


@dataclass(frozen=True)
class Owed:
    kind: ReportKind
    authority: Authority
    basis: Basis
    due_on: dt.date
    article: str


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    triggers: tuple[Trigger, ...]
    reports: tuple[Owed, ...]
    notice: NoticeDuty
    final_days: int | None
    exemption: str | None
    rules: str
    reasons: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def preliminary_due(aware_on: dt.date, rules: IncidentRules) -> dt.date:
    """速報: day `preliminary_days` counting the day of awareness as day 1; "promptly" is not rolled forward."""
    return aware_on + dt.timedelta(days=rules.preliminary_days - 1)


def final_due(aware_on: dt.date, days: int) -> dt.date:
    """確報: day 30 (or 60), awareness as day 1; a weekend, holiday or 29 Dec-3 Jan moves it to the next business
    day (GL-G 3-5-3-3)."""
    day = aware_on + dt.timedelta(days=days - 1)
    while not is_business_day(day):
        day += dt.timedelta(days=1)
    return day


def decide(facts: Facts, count: Headcount, reporting: Reporting, rules: IncidentRules) -> Decision:
    appi = _rule7(facts, count, rules)
    mn = _my_number(facts, count, rules)
    met = [t for t in (*appi, *mn) if t.met]
    possible = [t for t in (*appi, *mn) if t.possible]
    reasons: list[tuple[str, str]] = [(t.ja, t.en) for t in (*met, *possible)]
    exemption = "advanced-encryption" if facts.advanced_encryption and any(t.excluded for t in appi + mn) else None
    if exemption:
        reasons.append(
            (
                "高度な暗号化等の措置が講じられており（鍵は漏えいしていない）、規則第7条の報告対象から除かれます。",
                "The data was protected by advanced encryption (the key did not leak): excluded from Rule 7.",
            )
        )
    wrongful = any(t.code in {"rule7-3", "mn-2"} and (t.met or t.possible) for t in (*appi, *mn))
    if facts.as_entrustee and facts.principal_notified and (met or possible):
        outcome = Outcome.relieved
        reasons.append(
            (
                "委託元に速やかに通知したため、委託先としての報告・本人通知は不要です（法第26条第1項ただし書、規則第9条）。",
                "As entrustee the company told its principal promptly: relieved of the report and the notice "
                "(Art. 26(1) proviso, Rule 9).",
            )
        )
    elif met:
        outcome = Outcome.reportable
    elif possible:
        outcome = Outcome.undetermined
        reasons.append(
            (
                "報告対象かまだ判断できません。判断できるまで報告期限を管理します。",
                "Not yet decidable: the clocks run until the facts are settled.",
            )
        )
    else:
        outcome = Outcome.not_reportable
        if not exemption:
            reasons.append(
                (
                    "規則第7条各号のいずれにも該当しません（任意の報告は可能です）。",
                    "No item of Rule 7 applies (a voluntary report is possible).",
                )
            )
    owes = outcome in {Outcome.reportable, Outcome.undetermined}
    reports: list[Owed] = []
    final_days = None
    if owes and (any(t.met or t.possible for t in appi)):
        final_days = rules.final_days_wrongful if wrongful and _any(appi, "rule7-3") else rules.final_days
        authority = Authority.ministry if reporting.delegated_ministry else Authority.ppc
        reports += _pair(facts.aware_on, rules, final_days, authority, Basis.appi, "Art. 26(1); Rule 8")
    if owes and any(t.met or t.possible for t in mn):
        days = rules.final_days_wrongful if _any(mn, "mn-2") else rules.final_days
        final_days = max(final_days or 0, days)
        reports += _pair(facts.aware_on, rules, days, Authority.ppc, Basis.my_number, "番号法 Art. 29-4")
    if reporting.privacy_mark_body:
        days = rules.final_days_wrongful if facts.wrongful_purpose else rules.final_days
        needs_preliminary = any(t.met or t.possible or t.excluded for t in (*appi, *mn))
        pm = _pair(facts.aware_on, rules, days, Authority.privacy_mark, Basis.privacy_mark, "PMK500")
        reports += pm if needs_preliminary else pm[1:]
    return Decision(
        outcome=outcome,
        triggers=tuple(appi + mn),
        reports=tuple(reports),
        notice=_notice(outcome, facts, rules),
        final_days=final_days,
        exemption=exemption,
        rules=rules.name,
        reasons=tuple(reasons),
    )


def _any(triggers: list[Trigger], code: str) -> bool:
    return any(t.code == code and (t.met or t.possible) for t in triggers)


def _pair(aware_on: dt.date, rules: IncidentRules, days: int, who: Authority, basis: Basis, art: str) -> list[Owed]:
    return [
        Owed(ReportKind.preliminary, who, basis, preliminary_due(aware_on, rules), f"{art} (速報)"),
        Owed(ReportKind.final, who, basis, final_due(aware_on, days), f"{art} (確報, {days} days)"),
    ]


def _notice(outcome: Outcome, facts: Facts, rules: IncidentRules) -> NoticeDuty:
    if outcome is Outcome.relieved:
        return NoticeDuty.principal_notifies
    if outcome not in {Outcome.reportable, Outcome.undetermined}:
        return NoticeDuty.not_required
    if rules.low_risk_notice_relief and facts.low_risk:
        return NoticeDuty.relaxed_low_risk
    return NoticeDuty.required


def _trigger(code: str, article: str, ja: str, en: str, hit: bool, encrypted: bool, possible: bool = False) -> Trigger:
    return Trigger(
        code,
        article,
        ja,
        en,
        met=hit and not encrypted,
        possible=possible and not encrypted,
        excluded=(hit or possible) and encrypted,
    )


def _rule7(facts: Facts, count: Headcount, rules: IncidentRules) -> list[Trigger]:
    enc = facts.advanced_encryption
    personal_data = not facts.data_being_acquired
    # information still being acquired is not yet personal data: only Rule 7(3) reaches it, from 2024-04-01
    wrongful_reach = personal_data or rules.acquiring_covered
    over = count.persons > rules.headcount_over
    may_be_over = not over and not count.complete and count.max_possible > rules.headcount_over
    n = rules.headcount_over
    return [
        _trigger(
            "rule7-1",
            "Rule 7(1)",
            "要配慮個人情報が含まれる個人データの漏えい等（規則第7条第1号）",
            "Special care-required personal data (Rule 7(1))",
            facts.special_care and personal_data,
            enc,
        ),
        _trigger(
            "rule7-2",
            "Rule 7(2)",
            "不正に利用されることにより財産的被害が生じるおそれがある個人データ（規則第7条第2号）",
            "Data whose misuse may cause financial damage (Rule 7(2))",
            facts.financial_damage and personal_data,
            enc,
        ),
        _trigger(
            "rule7-3",
            "Rule 7(3)",
            "不正の目的をもって行われたおそれがある漏えい等（規則第7条第3号）"
            + ("。取得中の個人情報を含む（2024年4月1日改正）" if facts.data_being_acquired else ""),
            "Possibly done with a wrongful purpose (Rule 7(3))"
            + ("; covers information being acquired (2024-04-01)" if facts.data_being_acquired else ""),
            facts.wrongful_purpose and wrongful_reach,
            enc,
        ),
        _trigger(
            "rule7-4",
            "Rule 7(4)",
            f"本人の数が{n:,}人を超える（規則第7条第4号）：{count.persons:,}人"
            + ("" if count.complete else f"（集計未完了、最大{count.max_possible:,}人）"),
            f"More than {n:,} persons (Rule 7(4)): {count.persons:,}"
            + ("" if count.complete else f" (count incomplete; at most {count.max_possible:,})"),
            over and personal_data,
            enc,
            possible=may_be_over and personal_data,
        ),
    ]


def _my_number(facts: Facts, count: Headcount, rules: IncidentRules) -> list[Trigger]:
    if not facts.my_number:
        return []
    enc = facts.advanced_encryption
    n = rules.my_number_headcount_over
    return [
        _trigger(
            "mn-1",
            "番号法 Art. 29-4; Rule 2(1)",
            "情報提供ネットワークシステム等に係る特定個人情報の漏えい等",
            "Specific personal information in the information-provision network systems",
            facts.my_number_network,
            enc,
        ),
        _trigger(
            "mn-2",
            "番号法 Art. 29-4; Rule 2(2)",
            "不正の目的をもって行われたおそれがある特定個人情報の漏えい等",
            "Specific personal information, possibly with a wrongful purpose",
            facts.wrongful_purpose,
            enc,
        ),
        _trigger(
            "mn-3",
            "番号法 Art. 29-4; Rule 2(3)",
            "不特定多数の者に閲覧されたおそれがある特定個人情報",
            "Specific personal information viewable by an unspecified large number",
            facts.publicly_viewable,
            enc,
        ),
        _trigger(
            "mn-4",
            "番号法 Art. 29-4; Rule 2(4)",
            f"特定個人情報に係る本人の数が{n}人を超える：{count.my_number_persons:,}人",
            f"More than {n} persons' specific personal information: {count.my_number_persons:,}",
            count.my_number_persons > n,
            enc,
        ),
    ]
