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
    ("§11 service rules take precedence", "優先"),
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
    ("§2 life, body or property", "生命、身体又は財産の保護"),
    # §3 entrustment
    ("§3 contractors", "委託"),
    ("§3 supervision", "監督"),
    # §4 joint use
    ("§4 item company name", "会社名"),
    ("§4 item affiliation", "所属"),
    ("§4 item position", "役職"),
    ("§4 item name", "氏名"),
    ("§4 item address", "住所"),
    ("§4 item telephone", "電話番号"),
    ("§4 item e-mail", "メールアドレス"),
    ("§4 joint users: Mitsui & Co.", "三井物産株式会社"),
    ("§4 joint users: annual securities report", "有価証券報告書に記載されている関係会社"),
    ("§4 responsible party", "株式会社ジゴワッツ"),
    # §6-§9 cookies, access history, location, device id
    ("§6 cookies", "クッキー"),
    ("§6 best possible service", "最適なサービスを提供する"),
    ("§7 access history", "アクセス履歴"),
    ("§7 statistics and analysis", "統計及び分析"),
    ("§8 location", "位置情報を利用したサービス"),
    ("§8 not sent unless the phone permits", "位置情報の送信を許可していない場合"),
    ("§9 device identification", "端末の個体識別情報"),
    ("§9 identity", "本人確認を行う"),
    ("§9 fraud prevention", "不正行為を防止"),
    # §10 SSL
    ("§10 SSL", "SSL"),
    ("§10 eavesdropping", "盗聴"),
    # §12 and the procedure
    ("§12 disclosure", "開示"),
    ("§12 correction", "訂正"),
    ("§12 suspension of use", "利用停止"),
    ("§12 deletion", "削除"),
    ("§12 third-party provision records", "第三者提供記録の開示"),
    ("§12 suspension of provision", "第三者提供の停止"),
    ("desk name", "個人情報相談窓口"),
    ("desk postal code", "103-0002"),
    ("desk address", "日本橋馬喰町2-3-3"),
    ("desk: by mail", "郵便"),
    ("procedure: request form", "開示等請求書"),
    ("procedure: explanatory statement", "ご説明書"),
    ("procedure: identification documents", "本人確認書類"),
    ("procedure: postcard or sealed envelope", "はがき又は封書"),
    ("procedure: reply by mail", "郵便にて回答"),
    ("agent: letter of attorney", "委任状"),
    ("fee may be charged", "手数料をいただく場合があります"),
]

EN: list[tuple[str, str]] = [
    ("service Ella", "Ella"),
    ("service VirtualKey", "VirtualKey"),
    ("§11 service rules take precedence", "take precedence"),
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
    ("§2 required by law", "When required by law"),
    ("§2 life, body or property", "life, body, or property"),
    ("§3 contractors", "contractors"),
    ("§3 supervision", "supervise"),
    ("§4 item company name", "Company name"),
    ("§4 item affiliation", "Affiliation"),
    ("§4 item position", "Position"),
    ("§4 item name", "Name"),
    ("§4 item address", "Address"),
    ("§4 item telephone", "Telephone number"),
    ("§4 item e-mail", "E-mail address"),
    ("§4 joint users: Mitsui & Co.", "Mitsui & Co., Ltd."),
    ("§4 joint users: annual securities report", "affiliated companies listed in the Annual Securities Report"),
    ("§4 responsible party", "Jigowatts Inc."),
    ("§6 cookies", "cookies"),
    ("§6 best possible service", "best possible service"),
    ("§7 access history", "Access history"),
    ("§7 statistics and analysis", "statistics and analysis of your site usage"),
    ("§8 location", "location-based services"),
    ("§8 not sent unless the phone permits", "do not permit the transmission of location information"),
    ("§9 device identification", "device identification information"),
    ("§9 identity", "To verify your identity"),
    ("§9 fraud prevention", "prevent fraudulent activities"),
    ("§10 SSL", "SSL (Secure Sockets Layer)"),
    ("§10 eavesdropping", "eavesdropping"),
    ("§12 disclosure", "Disclosure"),
    ("§12 correction", "orrection"),
    ("§12 suspension of use", "uspension of use"),
    ("§12 deletion", "deletion"),
    ("§12 third-party provision records", "third-party provision records"),
    ("§12 suspension of provision", "provision to third parties"),
    ("desk name", "Personal Information Consultation Desk"),
    ("desk postal code", "103-0002"),
    ("desk address", "2-3-3 Nihonbashi Bakurocho, Chuo-ku, Tokyo"),
    ("desk: by mail", "by mail"),
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
    ("joint_use", "§4 item name", "氏名"),
    ("joint_use", "§4 item address", "住所"),
    ("joint_use", "§4 item telephone", "電話番号"),
    ("joint_use", "§4 item e-mail", "メールアドレス"),
    ("joint_use", "§4 joint users", "三井物産株式会社及び三井物産株式会社の有価証券報告書に記載されている関係会社"),
    ("joint_use", "§4 purposes as in §1", "会員の本人確認、契約の管理"),
    ("joint_use", "§4 responsible party", "株式会社ジゴワッツ"),
    ("web_tracking", "§6 cookies", "クッキー"),
    ("requests", "§12 identity confirmed first", "本人確認書類"),
    ("requests", "agent: letter of attorney", "委任状"),
    ("requests", "fee may be charged", "手数料をいただく場合があります"),
    ("requests", "requests by mail", "郵送"),
    ("desk", "desk postal code", "103-0002"),
    ("desk", "desk address", "東京都中央区日本橋馬喰町2-3-3"),
    ("desk", "consultation by mail", "郵便"),
]

SECTION_EN: list[tuple[str, str, str]] = [
    ("joint_use", "§4 item company name", "Company name"),
    ("joint_use", "§4 item affiliation", "Affiliation"),
    ("joint_use", "§4 item position", "Position"),
    ("joint_use", "§4 item name", "Name"),
    ("joint_use", "§4 item address", "Address"),
    ("joint_use", "§4 item telephone", "Telephone number"),
    ("joint_use", "§4 item e-mail", "E-mail address"),
    ("joint_use", "§4 joint users", "affiliated companies listed in the Annual Securities Report of Mitsui & Co."),
    ("joint_use", "§4 purposes as in §1", "To confirm the identity of members"),
    ("joint_use", "§4 responsible party", "Jigowatts Inc."),
    ("web_tracking", "§6 cookies", "Cookie"),
    ("requests", "§12 identity confirmed first", "Documents for Identification"),
    ("requests", "agent: letter of attorney", "letter of attorney"),
    ("requests", "fee may be charged", "A fee may be charged"),
    ("requests", "requests by mail", "Post"),
    ("desk", "desk postal code", "103-0002"),
    ("desk", "desk address", "2-3-3 Nihonbashi Bakurocho, Chuo-ku, Tokyo"),
    ("desk", "consultation by mail", "by mail"),
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
