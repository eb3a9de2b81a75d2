"""The example ledger of Jitera Inc. / JITERA PTE LTD (seed 003) loads cleanly, and its notice keeps every promise.

Each phrase below is a commitment of the seed's privacy policy (§1 items, §2 purposes, §3 provision,
entrustment and joint use, §4 requests, §5 security, §7 Google Analytics, §8 the contact point, §9
changes), so a failure names the promise the rendered notice lost. The phrases are the seed's own words
(English) or their translation in the ledger (Japanese).
"""

from __future__ import annotations

from typing import Literal

import pytest
from example_notice import Lang, example_ledger, notice, section, structural_problems

from hogo.ledger.schemas import Ledger

JA: list[tuple[str, str]] = [
    # Preamble
    ("preamble: Jitera Inc.", "Jitera Inc."),
    ("preamble: JITERA PTE LTD", "JITERA PTE LTD"),
    # §1 items
    ("§1.1 name", "氏名、メールアドレス"),
    ("§1.1 e-mail", "メールアドレス、電話番号"),
    ("§1.1 telephone", "電話番号、本サービスの利用履歴"),
    ("§1.2 customers and employees of users", "顧客・従業員"),
    ("§1.3 IP address", "IPアドレス、クッキー"),
    ("§1.3 cookies", "IPアドレス、クッキー（Cookie）"),
    ("§1.3 terminal ID", "端末ID"),
    ("§1.3 location", "位置情報、アクセスログ"),
    ("§1.3 access logs", "アクセスログ、閲覧履歴"),
    ("§1.3 browsing history", "閲覧履歴"),
    # §2 purposes
    ("§2.1 services and after-sales", "保守等のアフターサービスの提供"),
    ("§2.1 new-service notices", "新サービスに関する情報のお知らせ"),
    ("§2.1 planning and development", "企画、開発、改善及び品質向上"),
    ("§2.1 marketing research", "マーケティング調査"),
    ("§2.1 usage-history analysis", "サービス利用履歴の分析"),
    ("§2.1 problems with the Services", "問題が生じた場合の連絡及び確認"),
    ("§2.1 inquiries", "上記に関連するユーザーからのお問い合わせへの対応"),
    ("§2.1 related or similar services", "関連し又は類似するJiteraのサービス"),
    ("§2.1 other requests", "ご要望への各種対応"),
    ("§2.2 advertising e-mail", "広告・宣伝メール"),
    # §3 provision
    ("§3.1 consent", "個人情報等の提供について本人の同意を得た場合）"),
    ("§3.2 subcontractors", "個人情報を取り扱う従業員及び委託先に対して"),
    ("§3.2 supervision", "個人情報を取り扱う従業員及び委託先に対して、必要かつ適切な監督を行います。"),
    ("§3.3 joint use", "共同利用者"),
    ("§3.3 basic information", "ユーザーの基本情報"),
    ("§3.3 history of use", "本サービスの利用履歴"),
    ("§3.3 between us or other companies", "他の会社"),
    ("§3.4 laws and regulations", "法令に基づく場合。"),
    (
        "§3.4 life, body or property",
        "人の生命、身体又は財産の保護のために必要がある場合であって、本人の同意を得ることが困難であるとき。",
    ),
    ("§3.4 limited to the extent necessary", "この場合も提供は必要な範囲に限り"),
    # Preamble + §3.3: JITERA PTE LTD is in Singapore
    ("foreign recipient country", "シンガポール"),
    # §4 requests
    ("§4 disclosure", "開示の場合は"),
    ("§4 electromagnetic or paper", "電磁的方法又は書面のいずれかの方法を選択し"),
    ("§4 paper", "電磁的方法又は書面のいずれかの方法を選択し"),
    ("§4 identification documents", "当社所定の本人確認書類を提出のうえ"),
    ("§4 prescribed fee", "所定の手数料"),
    ("§4 procedures explained separately", "別途ご案内"),
    ("§4 opinions and questions", "ご意見、ご質問"),
    # §5 security
    (
        "§5 leakage, loss or damage",
        "個人情報等の漏えい、滅失又は毀損の防止その他の個人情報等の管理のために必要かつ適切な安全管理措置を講じます。",
    ),
    ("§5 supervision of employees and contractors", "従業員及び委託先"),
    ("§5 more on request", "詳しくお知りになりたい場合"),
    # §6
    (
        "§6 no use beyond the purposes",
        "取得時に本ポリシーに定めた利用目的の範囲を超えてユーザーの個人情報等を利用することはありません。",
    ),
    # §7
    ("§7 Google Analytics", "Google Analytics"),
    ("§7 cookies set by Jitera or Google", "JiteraまたはGoogleが設定したクッキー"),
    # §8 contact point
    ("§8 contact point", "Jitera Inc. 個人情報お問い合わせ窓口"),
    ("§8 postal code", "105-0003"),
    ("§8 address", "西新橋1-2-9"),
    ("§8 building", "日比谷セントラルビル14階"),
    ("§8 holidays", "年末年始"),
    # §9 changes
    ("§9 content and enforcement date", "施行時期"),
    ("§9 displayed on the website", "ウェブサイトへの掲示"),
    ("established", "2024年2月7日"),
    ("revised", "2024年3月6日"),
]

EN: list[tuple[str, str]] = [
    ("preamble: Jitera Inc.", "Jitera Inc."),
    ("preamble: JITERA PTE LTD", "JITERA PTE LTD"),
    ("§1.1 name", "Name, E-mail address"),
    ("§1.1 e-mail", "E-mail address, Telephone number"),
    ("§1.1 telephone", "Telephone number, Personal Information"),
    ("§1.2 customers and employees of users", "customer or employee information"),
    ("§1.3 IP address", "IP address, Access logs"),
    ("§1.3 cookies", "cookies or similar technologies"),
    ("§1.3 terminal ID", "Terminal ID"),
    ("§1.3 location", "Location information, Access logs"),
    ("§1.3 access logs", "Access logs: IP address"),
    ("§1.3 browsing history", "Browsing history"),
    ("§2.1 services and after-sales", "Provision of the Services and after-sales services such as maintenance"),
    ("§2.1 new-service notices", "Notification of information on new services by mail, telephone, E-mail"),
    ("§2.1 planning and development", "Planning, development, improvement, and quality improvement of the Services"),
    ("§2.1 marketing research", "Marketing research for the Services"),
    ("§2.1 usage-history analysis", "Analysis of users' service usage histories"),
    ("§2.1 problems with the Services", "Communication and confirmation in the event of a problem with the Services"),
    ("§2.1 inquiries", "Response to inquiries from users"),
    ("§2.1 related or similar services", "Jitera's services related to or similar to the Services"),
    ("§2.1 other requests", "Various responses to users' other requests"),
    ("§2.2 advertising e-mail", "advertising and promotional mail"),
    ("§3.1 consent", "individual consent is obtained"),
    (
        "§3.2 subcontractors",
        "to the extent necessary for the achievement of the respective purpose of use (contractor: Subcontractors)",
    ),
    (
        "§3.2 supervision",
        "We provide necessary and appropriate supervision to employees and contractors handling personal information.",
    ),
    ("§3.3 joint use", "Name, Telephone number, E-mail address, History of use of the Services"),
    ("§3.3 basic information", "User's basic information such as name, telephone number and E-mail address"),
    ("§3.3 history of use", "Information on the user's history of use of the Services"),
    ("§3.3 between us or other companies", "other companies"),
    ("§3.4 laws and regulations", "subject to laws and regulations"),
    ("§3.4 life, body or property", "lives, bodies, or property of individuals"),
    ("§3.4 limited to the extent necessary", "limit the provision to the extent necessary"),
    ("foreign recipient country", "Singapore"),
    ("§4 disclosure", "Disclosure: In the event of disclosure"),
    ("§4 electromagnetic or paper", "electromagnetic method or by actual paper"),
    ("§4 paper", "whether by electromagnetic method or by actual paper"),
    ("§4 identification documents", "prescribed identification documents"),
    ("§4 prescribed fee", "prescribed fee determined by us"),
    ("§4 procedures explained separately", "explain the specific procedures separately"),
    ("§4 opinions and questions", "opinions and questions"),
    ("§5 leakage, loss or damage", "leakage, loss, or damage"),
    ("§5 supervision of employees and contractors", "supervision to employees and contractors"),
    ("§5 more on request", "If you want to know more about safety management measures"),
    (
        "§6 no use beyond the purposes",
        "of the user beyond the scope of the purpose of use stated in this Policy at the time of acquisition without the consent of the user",  # noqa: E501
    ),
    ("§7 Google Analytics", "Google Analytics' collection and analysis of browsing history"),
    ("§7 cookies set by Jitera or Google", "cookies set by Jitera or by Google"),
    ("§8 contact point", "Jitera Inc. - Personal Information Contact Point"),
    ("§8 postal code", "105-0003"),
    ("§8 address", "1-2-9 Nishishinbashi, Minato-ku, Tokyo"),
    ("§8 building", "14th Floor, Hibiya Central Building"),
    ("§8 holidays", "year-end and New Year holidays"),
    ("§9 content and enforcement date", "when it will be enforced"),
    ("§9 displayed on the website", "displaying it on our website"),
    ("established", "February 7, 2024"),
    ("revised", "March 6, 2024"),
]


# Commitments that must appear in a particular section (key of hogo.ledger.notice_model.Section), so
# that e.g. the joint-use items are checked in the joint-use section and not found in the item list.
SECTION_JA: list[tuple[str, str, str]] = [
    ("joint_use", "§3.3 basic information", "氏名、電話番号、メールアドレス等のユーザーの基本情報"),
    ("joint_use", "§3.3 history of use", "ユーザーの本サービスの利用履歴に関する情報"),
    ("joint_use", "§3.3 between us", "Jitera Inc.及びJITERA PTE LTD"),
    ("joint_use", "§3.3 or with other companies", "他の会社"),
    ("joint_use", "§3.3 within the purposes of this Policy", "保守等のアフターサービスの提供"),
    ("foreign", "JITERA PTE LTD abroad", "JITERA PTE LTD"),
    ("foreign", "in Singapore", "シンガポール"),
    ("web_tracking", "§7 Google Analytics", "Google Analytics"),
    ("web_tracking", "§7 browsing history", "閲覧履歴"),
    ("requests", "§4 electromagnetic or paper", "電磁的方法又は書面のいずれかの方法を選択し"),
    ("requests", "§4 identification documents", "当社所定の本人確認書類を提出のうえ"),
    ("requests", "§4 prescribed fee", "所定の手数料"),
    ("desk", "§8 postal code", "105-0003"),
    ("desk", "§8 address", "東京都港区西新橋1-2-9 日比谷セントラルビル14階"),
    ("desk", "§8 holidays", "年末年始"),
    ("changes", "§9 announced on the website", "ウェブサイトへの掲示"),
]

SECTION_EN: list[tuple[str, str, str]] = [
    (
        "joint_use",
        "§3.3 basic information",
        "User's basic information such as name, telephone number and E-mail address",
    ),
    ("joint_use", "§3.3 history of use", "Information on the user's history of use of the Services"),
    ("joint_use", "§3.3 between us", "Jitera Inc. and JITERA PTE LTD"),
    ("joint_use", "§3.3 or with other companies", "other companies"),
    ("joint_use", "§3.3 within the purposes of this Policy", "after-sales services such as maintenance"),
    ("foreign", "JITERA PTE LTD abroad", "JITERA PTE LTD"),
    ("foreign", "in Singapore", "Singapore"),
    (
        "web_tracking",
        "§7 Google Analytics",
        "results of Google's collection and analysis of the user's browsing history",
    ),
    ("web_tracking", "§7 browsing history", "browsing history"),
    ("requests", "§4 electromagnetic or paper", "electromagnetic method or by actual paper"),
    ("requests", "§4 identification documents", "prescribed identification documents"),
    ("requests", "§4 prescribed fee", "prescribed fee determined by us"),
    ("desk", "§8 postal code", "105-0003"),
    ("desk", "§8 address", "14th Floor, Hibiya Central Building, 1-2-9 Nishishinbashi, Minato-ku, Tokyo"),
    ("desk", "§8 holidays", "year-end and New Year holidays"),
    ("changes", "§9 announced on the website", "displaying it on our website"),
]


def _ledger() -> Ledger:
    return example_ledger("jitera")


def _notice(lang: Lang, fmt: Literal["md", "html"] = "md") -> str:
    return notice("jitera", lang, fmt)


def _section(lang: Lang, key: str) -> str:
    return section("jitera", lang, key)


def test_ledger_has_no_structural_problems() -> None:
    assert structural_problems("jitera") == []


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


def test_html_notice_names_the_contact_point() -> None:
    html = _notice("ja", "html")
    assert "105-0003" in html
    assert "日比谷セントラルビル14階" in html


def test_notice_does_not_promise_free_disclosure() -> None:
    assert "charge no fee for any" not in _notice("en")


def test_correction_erasure_and_suspension_are_offered() -> None:
    """§4: correction (deletion included), elimination, suspension of use and the provision records. The notice
    names them in hogo's table, as for any company offering them, so the ledger's kinds tell this company apart."""
    kinds = {k.kind for k in _ledger().requests.kinds}
    assert {"correction", "erasure", "suspension_of_use", "provision_record_disclosure"} <= kinds
