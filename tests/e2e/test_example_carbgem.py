"""The example ledger of CarbGeM Inc. (seed 002) loads cleanly, and its notice keeps every promise of the seed.

Each phrase below is a commitment of the seed's privacy policy (items, per-service publication, statistics,
affiliates and subcontractors, public bodies, security, correction, disclosure and its fee, retention),
so a failure names the promise the rendered notice lost. The phrases are the seed's own words (English)
or their translation in the ledger (Japanese). The seed's sections are unnumbered; ids cite headings.
"""

from __future__ import annotations

from typing import Literal

import pytest
from example_notice import Lang, example_ledger, notice, section, structural_problems

from hogo.ledger.schemas import Ledger

JA: list[tuple[str, str]] = [
    # Preamble
    ("preamble: APPI", "「個人情報の保護に関する法律」（個人情報保護法）"),
    ("preamble: My Number Act", "番号の利用等に関する法律"),
    ("preamble: corporate social responsibility", "企業の社会的責任"),
    # Acquisition
    ("item name", "氏名、住所、生年月日"),
    ("item address", "住所、生年月日"),
    ("item date of birth", "生年月日、電話番号"),
    ("item phone", "生年月日、電話番号、メールアドレス"),
    ("item e-mail", "メールアドレス、趣味"),
    ("acquisition: published per service in advance", "サービスごとにウェブサイト等で事前に公表"),
    ("acquisition: method and scope of use", "利用方法、利用範囲"),
    ("acquisition: partner companies", "提携先"),
    # Purpose
    ("purpose: the published purposes", "公表する利用目的"),
    ("purpose: no use beyond it without consent", "同意なく、利用目的の範囲を超えて"),
    ("statistics: age distribution", "年齢分布"),
    ("statistics: hobby preference distribution", "趣味嗜好の分布"),
    ("statistics: usage history", "嗜好、利用履歴"),
    ("statistics: cannot identify an individual", "個人を識別できるものではありません"),
    ("statistics: sent to third parties or made public", "第三者に提供し、又は公表"),
    # Provision
    ("provision: affiliated companies", "当社の関係会社"),
    ("provision: consent by terms of use", "利用規約等"),
    ("provision: subcontractors", "各サービスに必要な範囲での個人情報の取扱い（委託先：業務委託先）"),
    ("provision: courts, prosecutors, police", "裁判所、検察庁、警察"),
    ("provision: based on laws and ordinances", "法令に基づく情報の開示"),
    # Safety
    ("safety: maximum effort", "最大限の努力"),
    ("safety: tampering and unauthorized access", "改ざん、不正アクセス"),
    ("safety: employees limited by purpose", "利用目的に応じて必要な範囲に限定"),
    ("safety: a responsible person per service", "取扱責任者"),
    # Correction / disclosure
    ("accuracy", "正確かつ最新"),
    ("correction", "訂正・利用停止及び登録内容の照会は"),
    ("stopping use", "利用停止及び登録内容の照会は"),
    ("procedure presented per service", "各サービスで提示する手続"),
    ("identity confirmed", "当社にて適切に本人確認を行ったうえで"),
    ("promptly within a reasonable range", "合理的な範囲で速やかに"),
    ("disclosure of registered content", "法令に基づく情報の開示"),
    ("inquiry window of each service", "各サービスのお問い合わせ窓口"),
    ("fee may be charged", "別途手数料をいただく場合があります"),
    # Retention
    ("retention: period prescribed by law", "法令が定める保存期間"),
    ("retention: period set by the nature of the service", "性質・内容に応じて合理的に定めた保存期間"),
    # Compliance
    ("compliance with Japanese laws", "日本の法令を遵守"),
]

EN: list[tuple[str, str]] = [
    ("preamble: APPI", "in accordance with the Act on the Protection of Personal Information"),
    ("preamble: My Number Act", "Act on the Use of Numbers to Identify"),
    ("preamble: corporate social responsibility", "corporate social responsibility"),
    ("item name", "Name, Address, Date of birth"),
    ("item address", "Address, Date of birth"),
    ("item date of birth", "Date of birth, Phone number"),
    ("item phone", "Date of birth, Phone number, E-mail address"),
    ("item e-mail", "E-mail address, Hobbies and preferences"),
    ("acquisition: published per service in advance", "published in advance for each service on the website"),
    ("acquisition: method and scope of use", "method of use, scope of use"),
    ("acquisition: partner companies", "partner companies"),
    ("purpose: the published purposes", "purposes of use published in advance"),
    ("purpose: no use beyond it without consent", "without your consent beyond the scope of the purpose of use"),
    ("statistics: age distribution", "age distribution"),
    ("statistics: hobby preference distribution", "hobby preference distribution"),
    ("statistics: usage history", "usage history, etc."),
    ("statistics: cannot identify an individual", "cannot identify an individual"),
    ("statistics: sent to third parties or made public", "third parties or make it public"),
    ("provision: affiliated companies", "Our affiliated companies"),
    ("provision: consent by terms of use", "terms of use"),
    (
        "provision: subcontractors",
        "Handling of personal information within the scope necessary for each service (contractor: Subcontractors)",
    ),
    ("provision: courts, prosecutors, police", "courts, public prosecutors' offices"),
    ("provision: based on laws and ordinances", "based on laws and ordinances"),
    ("safety: maximum effort", "maximum effort"),
    ("safety: tampering and unauthorized access", "tampering, unauthorized access"),
    ("safety: employees limited by purpose", "restrict the employees who handle personal information"),
    ("safety: a responsible person per service", "person responsible for handling customers' personal information"),
    ("accuracy", "accurate and up to date"),
    ("correction", "For correction"),
    ("stopping use", "suspension of use or enquiries about your registered content"),
    ("procedure presented per service", "procedure presented for that service"),
    (
        "identity confirmed",
        "We will respond promptly within a reasonable range after properly confirming your identity.",
    ),
    ("promptly within a reasonable range", "promptly within a reasonable range"),
    ("disclosure of registered content", "Disclosure: Please note that a fee may be charged separately."),
    ("inquiry window of each service", "inquiry window of each service"),
    ("fee may be charged", "a fee may be charged separately"),
    ("retention: period prescribed by law", "storage period prescribed by the law"),
    ("retention: period set by the nature of the service", "nature and contents of that service"),
    ("compliance with Japanese laws", "comply with Japanese laws and regulations"),
]


# Commitments that must appear in a particular section (key of hogo.ledger.notice_model.Section).
SECTION_JA: list[tuple[str, str, str]] = [
    ("provision", "affiliates with consent by terms of use", "当社の関係会社"),
    ("provision", "public bodies", "裁判所、検察庁、警察"),
    ("entrustment", "subcontractors", "各サービスに必要な範囲での個人情報の取扱い（委託先：業務委託先）"),
    ("statistics", "statistics cannot identify an individual", "個人を識別できるものではありません"),
    ("statistics", "statistics provided or published", "第三者に提供し、又は公表"),
    ("security", "employees limited by purpose", "利用目的に応じて必要な範囲に限定"),
    ("requests", "fee may be charged", "別途手数料"),
    ("requests", "procedure of each service", "各サービスで提示する手続"),
    ("desk", "window of each service", "各サービスのお問い合わせ窓口"),
]

SECTION_EN: list[tuple[str, str, str]] = [
    ("provision", "affiliates with consent by terms of use", "Our affiliated companies"),
    ("provision", "public bodies", "courts, public prosecutors' offices"),
    (
        "entrustment",
        "subcontractors",
        "Handling of personal information within the scope necessary for each service (contractor: Subcontractors)",
    ),
    ("statistics", "statistics cannot identify an individual", "cannot identify an individual"),
    ("statistics", "statistics provided or published", "third parties or publish"),
    ("security", "employees limited by purpose", "restrict the employees"),
    ("requests", "fee may be charged", "a fee may be charged separately"),
    ("requests", "procedure of each service", "procedure presented for that service"),
    ("desk", "window of each service", "inquiry window of each service"),
]


def _ledger() -> Ledger:
    return example_ledger("carbgem")


def _notice(lang: Lang, fmt: Literal["md", "html"] = "md") -> str:
    return notice("carbgem", lang, fmt)


def _section(lang: Lang, key: str) -> str:
    return section("carbgem", lang, key)


def test_ledger_has_no_structural_problems() -> None:
    assert structural_problems("carbgem") == []


@pytest.mark.parametrize(("commitment", "phrase"), JA, ids=[c for c, _ in JA])
def test_japanese_notice_keeps_the_commitment(commitment: str, phrase: str) -> None:
    assert phrase in _notice("ja"), f"the Japanese notice lost the seed's commitment: {commitment}"


@pytest.mark.parametrize(("commitment", "phrase"), EN, ids=[c for c, _ in EN])
def test_english_notice_keeps_the_commitment(commitment: str, phrase: str) -> None:
    assert phrase in _notice("en"), f"the English notice lost the seed's commitment: {commitment}"


@pytest.mark.parametrize(("section", "commitment", "phrase"), SECTION_JA, ids=[f"{s}: {c}" for s, c, _ in SECTION_JA])
def test_japanese_section_keeps_the_commitment(section: str, commitment: str, phrase: str) -> None:
    assert phrase in _section("ja", section), f"the Japanese '{section}' section lost: {commitment}"


@pytest.mark.parametrize(("section", "commitment", "phrase"), SECTION_EN, ids=[f"{s}: {c}" for s, c, _ in SECTION_EN])
def test_english_section_keeps_the_commitment(section: str, commitment: str, phrase: str) -> None:
    assert phrase in _section("en", section), f"the English '{section}' section lost: {commitment}"


def test_html_notice_names_the_windows_of_each_service() -> None:
    assert "各サービスのお問い合わせ窓口" in _notice("ja", "html")


def test_notice_does_not_promise_free_disclosure() -> None:
    assert "charge no fee for any" not in _notice("en")


def test_subcontractors_are_bound_to_confidentiality() -> None:
    """[Provision]: subcontractors sign confidentiality agreements. hogo's own entrustment sentence says so for any
    company whose ledger records it, so no phrase of the notice tells this company apart: the ledger field does."""
    (subcontractors,) = [e for e in _ledger().entrustees if e.id == "subcontractors"]
    assert subcontractors.contract.nda and subcontractors.contract.security_clauses
