"""The example ledger of 株式会社ジゴワッツ (seed 000) loads cleanly, and its notice keeps every promise of the seed.

Each phrase below is a commitment of the seed's privacy policy (its purposes, the items it shares, the
joint users, the desk, the request procedure ...), so a failure names the promise the rendered notice
lost. The phrases are the seed's own words (English) or their translation in the ledger (Japanese).
"""

from __future__ import annotations

from typing import Literal

import pytest
from example_notice import Lang, example_ledger, notice, section, structural_problems

from hogo.ledger.schemas import Ledger

JA: list[tuple[str, str]] = [
    # Header / §11: the two products, whose own rules take precedence
    ("service Ella", "Ella"),
    ("service VirtualKey", "VirtualKey"),
    (
        "§11 service rules take precedence",
        "Ella」について個別に定める個人情報の取扱い（利用目的、第三者提供、お問い合わせ先等）が本ポリシーと異なる場合は、その個別の定めが優先して適用されます。",
    ),
    # Basic policy
    ("representative", "Tomoki Shibata"),
    ("basic policy: continual improvement", "継続的改善"),
    ("basic policy: laws and national guidelines", "国が定める指針"),
    ("basic policy date", "2019年11月30日"),
    # §1 purposes
    ("§1 purposes of the privacy policy", "プライバシーポリシーに定める利用目的"),
    ("§1 identity of members, contracts", "会員の本人確認、契約の管理"),
    ("§1 successor service", "後継サービスへの引継ぎ"),
    ("§1 inquiries and complaints", "お問い合わせ及び苦情に対応"),
    ("§1 member abuse", "不正利用を調査"),
    ("§1 quality and convenience", "品質及び利便性を向上"),
    ("§1 questionnaire surveys", "アンケート調査"),
    ("§1 market trends", "市場動向の把握"),
    ("§1 events and campaigns", "イベント・キャンペーン"),
    ("§1 sales promotion", "販売促進"),
    # §2 provision exceptions
    ("§2 consent", "お客様の同意を得た場合"),
    ("§2 required by law", "法令により必要とされる場合"),
    ("§2 life, body or property", "人の生命、身体又は財産の保護のために必要であって"),
    # §3 entrustment
    ("§3 contractors", "利用目的の達成に必要な範囲での個人情報の取扱い（委託先：業務委託先）"),
    # §4 joint use
    ("§4 item company name", "会社名"),
    ("§4 item affiliation", "所属"),
    ("§4 item position", "役職"),
    ("§4 item name", "役職、氏名、住所"),
    ("§4 item address", "の送付先となる方の氏名及び住所と"),
    ("§4 item telephone", "住所、電話番号、メールアドレス"),
    ("§4 item e-mail", "メールアドレス、クッキー"),
    ("§4 joint users: Mitsui & Co.", "三井物産株式会社"),
    ("§4 joint users: annual securities report", "有価証券報告書に記載されている関係会社"),
    ("§4 responsible party", "株式会社ジゴワッツ"),
    # §6-§9 cookies, access history, location, device id
    ("§6 cookies", "当社ウェブサイトのクッキー"),
    ("§6 best possible service", "最適なサービスを提供する"),
    ("§7 access history", "アクセス履歴"),
    ("§7 statistics and analysis", "統計及び分析"),
    ("§8 location", "位置情報を利用したサービス"),
    ("§8 not sent unless the phone permits", "位置情報の送信を許可していない場合"),
    ("§9 device identification", "端末の個体識別情報"),
    ("§9 identity", "お客様の本人確認を行うため"),
    ("§9 fraud prevention", "不正行為を防止"),
    # §10 SSL
    ("§10 SSL", "SSL"),
    ("§10 eavesdropping", "盗聴"),
    # §12 and the procedure
    ("§12 disclosure", "「開示等請求書」"),
    ("§12 correction", "訂正又は削除をご希望の場合は"),
    ("§12 deletion", "訂正又は削除をご希望の場合は"),
    ("desk name", "個人情報相談窓口"),
    ("desk postal code", "103-0002"),
    ("desk address", "日本橋馬喰町2-3-3"),
    ("desk: by mail", "郵便にて回答します。"),
    ("procedure: request form", "開示等請求書"),
    ("procedure: explanatory statement", "ご説明書"),
    ("procedure: identification documents", "「本人確認書類」"),
    ("procedure: postcard or sealed envelope", "はがき又は封書"),
    ("procedure: reply by mail", "郵便にて回答"),
    ("agent: letter of attorney", "ご本人からの委任状を同封してください。"),
    ("fee may be charged", "開示等に手数料をいただく場合があります。"),
]

EN: list[tuple[str, str]] = [
    ("service Ella", "Ella"),
    ("service VirtualKey", "VirtualKey"),
    (
        "§11 service rules take precedence",
        "a standard EV charger (purposes of use, provision to third parties, contact points, etc.) differ from this Policy, those specific rules take precedence.",  # noqa: E501
    ),
    ("representative", "Tomoki Shibata, President and Representative Director"),
    ("basic policy: continual improvement", "continual improvement"),
    ("basic policy: national guidelines", "national guidelines"),
    ("basic policy date", "November 30, 2019"),
    ("§1 purposes of the privacy policy", "For the purposes of use set forth in our Privacy Policy"),
    ("§1 identity of members, contracts", "To confirm the identity of members, manage contracts"),
    ("§1 successor service", "take over the Service to a successor service"),
    ("§1 inquiries and complaints", "To respond to inquiries and complaints from members"),
    ("§1 member abuse", "To investigate member abuse"),
    ("§1 quality and convenience", "To improve quality and convenience for members"),
    ("§1 questionnaire surveys", "questionnaire surveys"),
    ("§1 market trends", "understanding market trends"),
    ("§1 events and campaigns", "events and campaigns"),
    ("§1 sales promotion", "sales promotion purposes"),
    ("§2 consent", "When we have obtained the consent of the customer"),
    ("§2 required by law", "(When required by law)"),
    ("§2 life, body or property", "life, body, or property"),
    ("§4 item company name", "Company name"),
    ("§4 item affiliation", "Affiliation"),
    ("§4 item position", "Position"),
    ("§4 item name", "Position, Name, Address"),
    ("§4 item address", "Address, Telephone number"),
    ("§4 item telephone", "Address, Telephone number, E-mail address"),
    ("§4 item e-mail", "E-mail address, Cookie information"),
    ("§4 joint users: Mitsui & Co.", "Mitsui & Co., Ltd."),
    ("§4 joint users: annual securities report", "affiliated companies listed in the Annual Securities Report"),
    ("§4 responsible party", "Jigowatts Inc."),
    ("§6 cookies", "use of cookies on our website)"),
    ("§6 best possible service", "best possible service"),
    ("§7 access history", "Access history"),
    ("§7 statistics and analysis", "statistics and analysis of your site usage"),
    ("§8 location", "location-based services"),
    ("§8 not sent unless the phone permits", "do not permit the transmission of location information"),
    ("§9 device identification", "device identification information"),
    ("§9 identity", "To verify your identity (use of device identification information)"),
    ("§9 fraud prevention", "prevent fraudulent activities"),
    ("§10 SSL", "SSL (Secure Sockets Layer)"),
    ("§10 eavesdropping", "eavesdropping"),
    ("§12 disclosure", 'We will send you a "Request for Disclosure'),
    ("§12 deletion", "or deletion of your personal information"),
    (
        "§12 suspension of provision",
        "a standard EV charger (purposes of use, provision to third parties, contact points, etc.",
    ),
    ("desk name", "Personal Information Consultation Desk"),
    ("desk postal code", "103-0002"),
    ("desk address", "2-3-3 Nihonbashi Bakurocho, Chuo-ku, Tokyo"),
    ("desk: by mail", "we will reply to you by mail."),
    ("procedure: request form", "Request for Disclosure, etc. Form"),
    ("procedure: explanatory statement", "Explanatory Statement"),
    ("procedure: identification documents", "Documents for Identification"),
    ("procedure: postcard or sealed envelope", "postcard or sealed envelope"),
    ("procedure: reply by mail", "we will reply to you by mail"),
    ("agent: letter of attorney", "letter of attorney"),
    ("fee may be charged", "A fee may be charged for disclosure"),
]


# Commitments that must appear in a particular section (key of hogo.ledger.notice_model.Section), so
# that e.g. the joint-use items are checked in the joint-use section and not found in the item list.
SECTION_JA: list[tuple[str, str, str]] = [
    ("joint_use", "§4 item company name", "会社名"),
    ("joint_use", "§4 item affiliation", "所属"),
    ("joint_use", "§4 item position", "役職"),
    ("joint_use", "§4 item name", "役職、氏名、住所"),
    ("joint_use", "§4 item address", "氏名、住所、電話番号、メールアドレス"),
    ("joint_use", "§4 item telephone", "住所、電話番号、メールアドレス"),
    ("joint_use", "§4 item e-mail", "住所、電話番号、メールアドレス"),
    ("joint_use", "§4 joint users", "三井物産株式会社及び三井物産株式会社の有価証券報告書に記載されている関係会社"),
    ("joint_use", "§4 purposes as in §1", "会員の本人確認、契約の管理"),
    ("joint_use", "§4 responsible party", "株式会社ジゴワッツ"),
    ("web_tracking", "§6 cookies", "お客様に最適なサービスを提供するため"),
    ("requests", "§12 identity confirmed first", "「本人確認書類」"),
    ("requests", "agent: letter of attorney", "ご本人からの委任状を同封してください。"),
    ("requests", "fee may be charged", "開示等に手数料をいただく場合があります。"),
    ("requests", "requests by mail", "当社相談窓口まで郵送してください。"),
    ("desk", "desk postal code", "103-0002"),
    ("desk", "desk address", "東京都中央区日本橋馬喰町2-3-3"),
    ("desk", "consultation by mail", "郵便にて下記窓口までお寄せください。"),
]

SECTION_EN: list[tuple[str, str, str]] = [
    ("joint_use", "§4 item company name", "Company name"),
    ("joint_use", "§4 item affiliation", "Affiliation"),
    ("joint_use", "§4 item position", "Position"),
    ("joint_use", "§4 item name", "Position, Name, Address"),
    ("joint_use", "§4 item address", "Address, Telephone number"),
    ("joint_use", "§4 item telephone", "Address, Telephone number, E-mail address"),
    ("joint_use", "§4 item e-mail", "Address, Telephone number, E-mail address"),
    ("joint_use", "§4 joint users", "affiliated companies listed in the Annual Securities Report of Mitsui & Co."),
    ("joint_use", "§4 purposes as in §1", "To confirm the identity of members"),
    ("joint_use", "§4 responsible party", "Jigowatts Inc."),
    ("web_tracking", "§6 cookies", "To provide the best possible service to our customers"),
    ("requests", "§12 identity confirmed first", "Documents for Identification"),
    ("requests", "agent: letter of attorney", "letter of attorney"),
    ("requests", "fee may be charged", "A fee may be charged for disclosure"),
    ("desk", "desk postal code", "103-0002"),
    ("desk", "desk address", "2-3-3 Nihonbashi Bakurocho, Chuo-ku, Tokyo"),
    (
        "desk",
        "consultation by mail",
        "Please contact us by mail at the desk below for consultation regarding the handling of personal information held by our company.",  # noqa: E501
    ),
]


def _ledger() -> Ledger:
    return example_ledger("jigowatts")


def _notice(lang: Lang, fmt: Literal["md", "html"] = "md") -> str:
    return notice("jigowatts", lang, fmt)


def _section(lang: Lang, key: str) -> str:
    return section("jigowatts", lang, key)


def test_ledger_has_no_structural_problems() -> None:
    assert structural_problems("jigowatts") == []


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


def test_html_notice_names_the_desk() -> None:
    html = _notice("ja", "html")
    assert "103-0002" in html
    assert "日本橋馬喰町2-3-3" in html


def test_notice_does_not_promise_free_disclosure() -> None:
    assert "charge no fee for any" not in _notice("en")


def test_contractors_and_requests_by_post_are_in_the_ledger() -> None:
    """§3 (contractors bound by contract and supervised) and the request procedure (by post) read in hogo's own
    sentences, the same for any company with these fields: the ledger fields are what tell this company apart."""
    ledger = _ledger()
    (contractors,) = [e for e in ledger.entrustees if e.id == "contractors"]
    assert contractors.contract.security_clauses
    assert ledger.requests.channels == ["post"]
    assert all(k.channels == ["post"] for k in ledger.requests.kinds)
    kinds = {k.kind for k in ledger.requests.kinds}  # §12: the kinds are named only in hogo's table
    assert {"correction", "suspension_of_use", "provision_record_disclosure", "suspension_of_provision"} <= kinds
