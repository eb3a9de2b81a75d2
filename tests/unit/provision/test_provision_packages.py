"""Information packages shown before consent abroad: versions follow the ledger, numbered where the words change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hogo.adapters.notice_formats import render
from hogo.ledger.loader import load_ledger_text
from hogo.ledger.notice import build_notice
from hogo.ledger.schemas.recipients import ForeignRecipient
from hogo.provision.packages import info_package, package_digest, package_versions

AT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def recipient(**overrides: object) -> ForeignRecipient:
    data: dict[str, object] = {
        "id": "sg",
        "name": "SG Pte. Ltd.",
        "country": "SG",
        "country_regime": "PDPAがあります。",
        "recipient_measures": "全て講じています。",
        "basis": "consent",
        "items": ["name"],
    }
    data.update(overrides)
    return ForeignRecipient.model_validate(data)


def test_versions_count_only_changes_of_the_words() -> None:
    same, changed = recipient(), recipient(country_regime="PDPA（2021年改正）があります。")
    history = [(1, AT, same), (2, AT, same), (3, AT, None), (4, AT, changed), (5, AT, changed)]
    versions = package_versions(history)
    assert [(v.version, v.ledger_versions) for v in versions] == [(1, (1, 2)), (2, (4, 5))]
    assert versions[0].digest == package_digest(info_package(same)) != versions[1].digest


def test_incomplete_package_and_the_digest_of_a_consents_shown() -> None:
    [version] = package_versions([(1, AT, recipient(recipient_measures=None))])
    assert not version.complete
    shown = {"ledger_version": 1, "recipient": {"ja": "x"}, "items": ["name"], **info_package(recipient())}
    assert package_digest(shown) == package_digest(info_package(recipient()))


def test_the_notice_names_the_registers_the_gate_enforces() -> None:
    path = Path(__file__).resolve().parents[2] / "fixtures" / "provision.yaml"
    ledger = load_ledger_text(path.read_text(encoding="utf-8"), source="provision.yaml").ledger
    assert ledger is not None
    ja, en = render(build_notice(ledger, "ja"), "md"), render(build_notice(ledger, "en"), "md")
    assert "当社の子会社（株式会社サンプル西日本）" in ja
    assert "Our subsidiaries (Sample West K.K.)" in en
    for words in ("配送株式会社", "PPC-OPT-2025-0001", "シンガポール", "米国"):
        assert words in ja
