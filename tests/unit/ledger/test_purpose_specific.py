"""Art. 17(1): a purpose that is not specific is reported (`art17-purpose-not-specific`), a specific one is not.

The table holds purposes as they were published — by the PPC's general guideline (通則編 3-1-1, as the guideline
and its published summaries quote it), by public privacy policies found through the `search` tool (corpus
`pages`, read 2026-12-05) and by the seed policies of the examples (`../shared/seeds`, real companies' policies) —
not texts written to fit the signals. Half are specific, half not; each row says where it comes from.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
import yaml

from hogo.ledger.checking import check_loaded
from hogo.ledger.loader import load_ledger_text
from hogo.ledger.policy_purposes import not_specific

# (text, where it comes from, expected reason; None = specific). Catch-all rows are judged standing alone.
NOT_SPECIFIC: list[tuple[str, str, str]] = [
    ("事業活動に用いるため", "GL-G 3-1-1, example of a purpose not specified", "generic"),
    ("マーケティング活動に用いるため", "GL-G 3-1-1, example of a purpose not specified", "generic"),
    ("提供するサービスの向上のため", "PPC/METI example, avance-media.com/kigyo/51278511", "generic"),
    ("お客様のサービスの向上のため", "GL-G 3-1-1 example as the issue 14 brief quotes it", "generic"),
    ("各サービスにおいて公表する目的", "issue 14: a real policy's 'purposes published per service'", "defers"),
    ("別途定める目的", "GL-G 3-1-1 brief: a purpose that only points elsewhere", "defers"),
    ("各サービスについてウェブサイト等で事前に公表する利用目的", "seed 002 (CarbGeM) [Purpose]", "defers"),
    ("当社プライバシーポリシーに定める利用目的のため", "seed 000 (Jigowatts) §1, first entry", "defers"),
    ("会員にとっての品質及び利便性を向上させるため", "seed 000 (Jigowatts) §1", "generic"),
    ("当法人の運営のため", "a medical corporation's public policy (policies14a's genkiplaza ledger)", "generic"),
    ("上記に付随する目的のため", "zana.co.jp/privacy-policy 第3条, last line (here alone)", "catch_all"),
    ("その他前各項目に付帯・関連する事項のため", "iekul.com/privacy 2, last line (here alone)", "catch_all"),
    ("その他、上記利用目的に付随する目的のため", "eichiii.notion.site policy 2, last line (alone)", "catch_all"),
    ("For business activities", "GL-G 3-1-1 in English, per shared/reference/appi-requirements.md 2.1", "generic"),
    ("For marketing", "GL-G 3-1-1 in English, per shared/reference/appi-requirements.md 2.1", "generic"),
    (
        "For the purposes of use set forth in our Privacy Policy",
        "seed 000 (Jigowatts) §1, first entry, English",
        "defers",
    ),
    (
        "The purposes of use published in advance for each service on the website etc.",
        "seed 002 (CarbGeM) [Purpose], as examples/carbgem words it in English",
        "defers",
    ),
]

SPECIFIC: list[tuple[str, str]] = [
    (
        "○○事業における商品の発送、関連するアフターサービス、新商品・サービスに関する情報のお知らせのために利用いたします。",
        "GL-G 3-1-1, example of a specified purpose",
    ),
    ("ご記入いただいた氏名、住所、電話番号は、名簿として販売することがあります", "PPC/METI guideline example"),
    (
        "給与計算処理サービス、あて名印刷サービス、伝票の印刷・発送サービス等の情報処理サービスを業として行うために、"
        "委託された個人情報を取り扱います",
        "PPC/METI guideline example",
    ),
    (
        "取得した閲覧履歴や購買履歴等の情報を分析して、趣味・嗜好に応じた新商品・サービスに関する広告のために利用いたします。",
        "GL-G 3-1-1, example for profiling (qiita.com/tetz1 summary)",
    ),
    ("お問い合わせへの対応のため（本人確認を含む）", "zana.co.jp/privacy-policy 第3条"),
    ("メンテナンスや重要なお知らせを連絡するため", "zana.co.jp/privacy-policy 第3条"),
    ("本サービスの提供・運営のため", "zana.co.jp/privacy-policy 第3条"),
    ("利用規約に違反する行為への対応、または不正利用を防止するため", "zana.co.jp/privacy-policy 第3条"),
    ("当会及び第三者が主催するイベント等に関する情報を提供するため", "hinase-kakioko.jp/policy 3"),
    (
        "当社のサービスに関連して、個人を識別できない形式に加工した統計データを作成するため",
        "eichiii.notion.site privacy policy 2",
    ),
    ("当社サービスの利用料金を請求するため", "seed 001 (Azpocket) Art. 2(2)(3), Japanese of the ledger"),
    ("応募者の選考及び採用に関する連絡のため", "seed 001 (Azpocket) Art. 2(2)(15), Japanese of the ledger"),
    ("ご注文いただいた商品のお届け・設置、及びお申込みいただいたサービスの提供のため", "seed 004 (Japanet) §2"),
    ("会員からのお問い合わせ及び苦情に対応するため", "seed 000 (Jigowatts) §1"),
    ("本サービスに関するマーケティング調査", "seed 003 (Jitera) §2.1"),
    ("To bill for usage fees related to our services", "seed 001 (Azpocket) Art. 2(2)(3)"),
    ("To handle disputes or litigation with users of our services", "seed 001 (Azpocket) Art. 2(2)(12)"),
    (
        "To investigate facts, including identifying users of our services who violate our Terms of Use or laws and "
        "regulations",
        "seed 001 (Azpocket) Art. 2(2)(11)",
    ),
]


def test_the_table_is_balanced() -> None:
    assert len(NOT_SPECIFIC) + len(SPECIFIC) >= 30
    assert abs(len(NOT_SPECIFIC) - len(SPECIFIC)) <= 2


@pytest.mark.parametrize(("text", "source", "reason"), NOT_SPECIFIC, ids=[r[0][:24] for r in NOT_SPECIFIC])
def test_a_purpose_that_is_not_specific_is_reported(text: str, source: str, reason: str) -> None:
    assert not_specific(text, specific_elsewhere=False) == reason, source


@pytest.mark.parametrize(("text", "source"), SPECIFIC, ids=[r[0][:24] for r in SPECIFIC])
def test_a_specific_purpose_is_not_reported(text: str, source: str) -> None:
    assert not_specific(text, specific_elsewhere=False) is None, source
    assert not_specific(text, specific_elsewhere=True) is None, source


@pytest.mark.parametrize("text", [t for t, _, r in NOT_SPECIFIC if r == "catch_all"])
def test_the_catch_all_line_is_no_finding_beside_specific_purposes(text: str) -> None:
    assert not_specific(text, specific_elsewhere=True) is None


# -- through `hogo ledger check` -------------------------------------------------------------------


def _check(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    loaded = load_ledger_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert loaded.ledger is not None, [p.format() for p in loaded.problems]
    problems = check_loaded(loaded, dt.date(2026, 12, 5))
    return [(p.message, p.text_ja, p.accepted or "") for p in problems if p.code == "art17-purpose-not-specific"]


def _with_purposes(minimal: dict[str, Any], *texts: str) -> dict[str, Any]:
    """The minimal ledger with its one purpose (`service`) worded as the first text, and one more per other text."""
    data = copy.deepcopy(minimal)
    first = data["purposes"][0]
    data["purposes"] = [{**first, "id": "service" if n == 0 else f"p{n}", "text": t} for n, t in enumerate(texts)]
    return data


@pytest.fixture
def minimal(minimal_yaml: str) -> dict[str, Any]:
    data = yaml.safe_load(minimal_yaml)
    assert isinstance(data, dict)
    return data


def test_the_minimal_fixture_has_no_such_finding(minimal: dict[str, Any]) -> None:
    assert _check(minimal) == []


def test_a_generic_purpose_is_named_with_what_is_missing(minimal: dict[str, Any]) -> None:
    findings = _check(_with_purposes(minimal, "事業活動に用いるため"))
    assert len(findings) == 1
    english, japanese, accepted = findings[0]
    assert "purpose 'service' (事業活動に用いるため)" in english
    assert "what is done with the personal information" in english
    assert "利用目的「service」（事業活動に用いるため）" in japanese and "何に使い、何のために" in japanese
    assert accepted == ""


def test_a_lone_catch_all_is_reported_but_not_beside_a_specific_purpose(minimal: dict[str, Any]) -> None:
    alone = _check(_with_purposes(minimal, "その他上記に付随する目的"))
    assert [m for m, _, _ in alone] and "no specific purpose is stated beside it" in alone[0][0]
    beside = _check(_with_purposes(minimal, "ご注文いただいた商品を発送するため", "その他上記に付随する目的"))
    assert beside == []


def test_the_finding_can_be_accepted(minimal: dict[str, Any]) -> None:
    data = _with_purposes(minimal, "別途定める目的")
    data["accepted_findings"] = [
        {"code": "art17-purpose-not-specific", "at": "purposes[0]", "reason": "各サービスの通知で特定している"}
    ]
    assert [accepted for _, _, accepted in _check(data)] == ["各サービスの通知で特定している"]
