"""The Japanet example ledger (seed 004) loads cleanly and its notice states every promise of the seed.

Each phrase below is something the company's own policy promises (seed `004_0239d9e9db83ca93.txt`,
section cited per row), in the policy's English wording and in the Japanese wording of the ledger.
A failing case names the commitment the rendered notice lost.
"""

from __future__ import annotations

import pytest
from example_notice import Lang, ledger_path, notice, plain, section

from hogo.ledger.loader import LoadedLedger, load_ledger_file

LEDGER = ledger_path("japanet")


@pytest.fixture(scope="module")
def loaded() -> LoadedLedger:
    return load_ledger_file(LEDGER)


@pytest.fixture(scope="module")
def notice_md(loaded: LoadedLedger) -> dict[str, str]:
    assert loaded.ledger is not None, [p.format() for p in loaded.problems]
    return {lang: notice("japanet", lang) for lang in ("ja", "en")}


def test_ledger_has_no_structural_problems(loaded: LoadedLedger) -> None:
    assert [p.format() for p in loaded.problems] == []
    assert loaded.ledger is not None


def test_recruitment_data_is_never_used_for_direct_mail(loaded: LoadedLedger) -> None:
    """§2 bullet 9: recruitment data is not used for sending direct mails of products and services."""
    assert loaded.ledger is not None
    ledger = loaded.ledger
    dm = ledger.purpose("direct-mail-and-catalogues")
    assert "recruitment" in dm.excluded_item_categories
    assert "job-applicant" not in dm.subject_kinds
    recruitment_items = {i.key for i in ledger.items if i.category == "recruitment"}
    assert recruitment_items and not recruitment_items.intersection(dm.items)


def test_joint_use_is_managed_by_japanet_holdings(loaded: LoadedLedger) -> None:
    """§6: joint use with group companies; 'We are responsible for the joint use'."""
    assert loaded.ledger is not None
    (arrangement,) = loaded.ledger.joint_use
    assert arrangement.responsible_party is not None
    assert arrangement.responsible_party.name.en == "Japanet Holdings Co., Ltd."
    assert {"name", "address", "phone", "contact-information", "purchase-history"} <= set(arrangement.items)
    assert {p.id for p in loaded.ledger.purposes} == set(arrangement.purposes)


def test_requests_follow_section_8(loaded: LoadedLedger) -> None:
    assert loaded.ledger is not None
    requests = loaded.ledger.requests
    fees = {k.kind: k.fee.amount_jpy for k in requests.kinds if k.fee is not None}
    assert fees == {"disclosure": 404}
    assert requests.channels == ["phone"]
    assert requests.identity_documents == ["callback_to_registered_phone"]
    assert requests.target_days == 14
    assert set(requests.disclosed_items) == {
        "address",
        "name",
        "phone",
        "birth-date",
        "purchase-history",
        "workplace-name",
        "workplace-phone",
    }


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_joint_use_section_states_the_purposes_of_sections_1_and_2(loaded: LoadedLedger, lang: Lang) -> None:
    """§6: "The purpose of use ... is the same as in 1. and 2." — every §2 purpose is in the joint-use section."""
    assert loaded.ledger is not None
    text = section("japanet", lang, "joint_use")
    assert "Japanet Holdings" in text  # the responsible party
    missing = [p.id for p in loaded.ledger.purposes if plain(p.text.get(lang)) not in text]
    assert missing == [], f"the joint-use section omits purposes {missing}"


# (commitment, phrase) — the commitment is the seed's promise, the phrase must appear in the notice.
COMMITMENTS_EN: list[tuple[str, str]] = [
    ("operator name (header)", "Japanet Holdings Co., Ltd."),
    ("representative (header)", "Akito Takata"),
    # Basic Policy
    ("personal information protection administrator (Basic Policy 1)", "personal information protection administrator"),
    ("internal training for all employees (Basic Policy 6)", "internal training"),
    ("policy posted on website, catalogue and brochure (Basic Policy 7)", "catalogue and corporate brochure"),
    ("EEA handling policy (Basic Policy)", "Basic Policy on Handling of Personal Data within EEA"),
    # §1 items and channels
    ("item: purchase history (§1)", "Purchase (transaction) history"),
    ("item: status of use of products (§1)", "Status of use of products"),
    ("item: certificates (§1)", "public/private certificates"),
    ("item: entry sheets and résumés (§1)", "entry sheets and résumés"),
    ("item: survey answers (§1)", "Survey answers"),
    ("channel: postcards (§1)", "Postcards"),
    # §2: the thirteen purposes
    ("purpose 1: deliver or install", "deliver or install ordered products"),
    ("purpose 1: direct mails and catalogues", "send direct mails and catalogs"),
    ("purpose 2: after-sales", "returns, exchanges, repairs"),
    ("purpose 3: members, email magazines, auctions", "email magazines and auctions"),
    ("purpose 4: campaigns and sweepstakes", "sweepstakes"),
    ("purpose 4: prizes", "send prizes"),
    ("purpose 5: credit judgment", "credit judgment for shopping credit payment"),
    ("purpose 5: reminder work", "credit management (reminder work)"),
    ("purpose 5: prevention of unauthorized use", "prevention of unauthorized use"),
    ("purpose 6: statistics", "cannot be recognized or identified"),
    ("purpose 7: caller number display", "Number Display"),
    ("purpose 8: call recording", "record phone conversations"),
    ("purpose 9: recruitment", "make hiring decisions"),
    ("purpose 9: recruitment data not used for DM", "will not be used for sending direct mails"),
    ("purpose 10: monitors", "participating as a monitor"),
    ("purpose 11: identity at order", "verify your identity upon accepting your order"),
    ("purpose 12: hometown tax donation", "hometown tax donation"),
    ("purpose 12: thank-you gifts", "thank-you gifts"),
    ("purpose 13: TV programmes", "participate in or view TV programs"),
    # §3: third parties
    ("third party: travel participants' list (§3)", "accommodation or transportation company"),
    ("third party: another company's product (§3)", "another company's product or service"),
    ("third party: T-commerce provider (§3)", "T-commerce"),
    ("third party: credit inquiry (§3)", "credit inquiry to a credit company or a credit card company"),
    ("third party: card fraud investigation (§3)", "impersonation"),
    ("third party: manufacturers for recall (§3)", "product defects or recall"),
    ("third party: police and courts (§3)", "police agency"),
    # §4: entrustment examples
    ("entrustment: delivery companies (§4)", "Delivery companies"),
    ("entrustment: address labels (§4)", "address labels"),
    ("entrustment: repair and installation (§4)", "Repair services or installation services"),
    ("entrustment: credit management company (§4)", "Management company"),
    # §5: foreign transfer
    ("foreign transfer (§5)", "A third party in a foreign country (details in"),
    (
        "foreign transfer details page (§5)",
        "Information concerning Protection of Personal Information of Third Parties",
    ),
    # §6: joint use
    ("joint use: items (§6)", "transaction history"),
    ("joint use: scope (§6)", "Our group companies"),
    # §7: credit data institution
    ("personal credit data institution (§7)", "personal credit data institution"),
    ("installment page (§7)", "Customers who wish to make payment in installments"),
    # §8: requests
    ("desk (§8)", "Personal information inquiry desk"),
    ("toll-free (§8)", "toll-free"),
    ("identity by call-back (§8)", "A call back to your registered telephone number"),
    ("DM cancellation as suspension of use (§8)", "cancellation of reception of catalogs and direct mails"),
    ("disclosure item: date of birth (§8)", "Date of birth, Purchase"),
    ("date of birth only if held (§8)", "only if it is in our possession"),
    ("postal code updated on municipality merger (§8)", "municipality merger"),
    ("workplace name disclosed (§8)", "Name of your workplace"),
    ("disclosure fee 404 yen (§8)", "404"),
    ("about 2 weeks (§8)", "about 2 weeks"),
    # §9: deletion and its consequences
    ("deletion: no more warranty (§9)", "product warranties"),
    ("deletion: no recall contact (§9)", "recalls by manufacturers"),
    # §10: complaints
    ("complaints to the desk (§10)", "Complaints concerning our handling"),
    ("suspicious DM or calls (§10)", "suspicious direct mail or phone call"),
]

COMMITMENTS_JA: list[tuple[str, str]] = [
    ("operator name (header)", "Japanet Holdings Co., Ltd."),
    ("representative (header)", "代表取締役社長兼CEO Akito Takata"),
    ("personal information protection administrator (Basic Policy 1)", "個人情報保護管理者を置き"),
    ("internal training for all employees (Basic Policy 6)", "社内教育"),
    ("policy posted on website, catalogue and brochure (Basic Policy 7)", "カタログ及び会社案内"),
    ("EEA handling policy (Basic Policy)", "EEA域内における個人データの取扱いに関する基本方針"),
    ("item: purchase history (§1)", "購入履歴です。"),
    ("item: status of use of products (§1)", "商品のご利用状況"),
    ("item: certificates (§1)", "公的・私的証明書"),
    ("item: entry sheets and résumés (§1)", "エントリーシート・履歴書"),
    ("item: survey answers (§1)", "アンケートの回答"),
    ("channel: postcards (§1)", "はがき：氏名"),
    ("purpose 1: deliver or install", "商品のお届け・設置"),
    ("purpose 1: direct mails and catalogues", "ダイレクトメール及びカタログを送付するため"),
    ("purpose 2: after-sales", "返品・交換・修理"),
    ("purpose 3: members, email magazines, auctions", "メールマガジン及びオークション"),
    ("purpose 4: campaigns and sweepstakes", "キャンペーン・懸賞"),
    ("purpose 4: prizes", "賞品の発送"),
    ("purpose 5: credit judgment", "与信審査"),
    ("purpose 5: reminder work", "債権管理（督促業務）"),
    ("purpose 5: prevention of unauthorized use", "不正利用の防止"),
    ("purpose 6: statistics", "個人を識別・特定できないよう加工した統計データ"),
    ("purpose 7: caller number display", "ナンバー・ディスプレイ"),
    ("purpose 8: call recording", "通話を録音"),
    ("purpose 9: recruitment", "採用の判断"),
    (
        "purpose 9: recruitment data not used for DM",
        "採用に関する個人情報は、商品・サービスのダイレクトメールの送付には利用しません",
    ),
    ("purpose 10: monitors", "モニター参加"),
    ("purpose 11: identity at order", "ご注文の受付時にご本人確認"),
    ("purpose 12: hometown tax donation", "ふるさと納税"),
    ("purpose 12: thank-you gifts", "お礼の品"),
    ("purpose 13: TV programmes", "テレビ番組への参加・観覧"),
    ("third party: travel participants' list (§3)", "宿泊施設・交通機関等"),
    ("third party: another company's product (§3)", "他社の商品・サービス"),
    ("third party: T-commerce provider (§3)", "Tコマース"),
    ("third party: credit inquiry (§3)", "信用照会"),
    ("third party: card fraud investigation (§3)", "なりすまし"),
    ("third party: manufacturers for recall (§3)", "製品の不具合やリコール"),
    ("third party: police and courts (§3)", "警察や裁判所等の機関"),
    ("entrustment: delivery companies (§4)", "配送会社"),
    ("entrustment: address labels (§4)", "宛名ラベル"),
    ("entrustment: repair and installation (§4)", "修理サービス又は設置サービス"),
    ("entrustment: credit management company (§4)", "管理会社"),
    ("foreign transfer (§5)", "外国にある第三者（詳細は"),
    ("foreign transfer details page (§5)", "外国にある第三者の個人情報保護に関する情報"),
    ("joint use: items (§6)", "取引履歴"),
    ("joint use: scope (§6)", "当社グループ会社"),
    ("personal credit data institution (§7)", "個人信用情報機関"),
    ("installment page (§7)", "分割払いをご希望のお客様へ"),
    ("desk (§8)", "個人情報お問い合わせ窓口までお寄せください。"),
    ("toll-free (§8)", "フリーダイヤル"),
    ("identity by call-back (§8)", "ご登録いただいている連絡先に当社からお電話"),
    ("DM cancellation as suspension of use (§8)", "カタログ・ダイレクトメールの送付停止"),
    ("disclosure item: date of birth (§8)", "生年月日、購入履歴"),
    ("date of birth only if held (§8)", "当社が保有している場合に限り"),
    ("postal code updated on municipality merger (§8)", "市町村合併"),
    ("workplace name disclosed (§8)", "勤務先名"),
    ("disclosure fee 404 yen (§8)", "404"),
    ("about 2 weeks (§8)", "2週間程度"),
    ("deletion: no more warranty (§9)", "商品保証"),
    ("deletion: no recall contact (§9)", "メーカーによるリコール"),
    ("complaints to the desk (§10)", "当社の個人情報の取扱いに関する苦情も"),
    ("suspicious DM or calls (§10)", "不審なダイレクトメール"),
]


@pytest.mark.parametrize(("commitment", "phrase"), COMMITMENTS_EN, ids=[c for c, _ in COMMITMENTS_EN])
def test_english_notice_states(notice_md: dict[str, str], commitment: str, phrase: str) -> None:
    assert phrase in notice_md["en"], f"the English notice omits {commitment}: {phrase!r}"


@pytest.mark.parametrize(("commitment", "phrase"), COMMITMENTS_JA, ids=[c for c, _ in COMMITMENTS_JA])
def test_japanese_notice_states(notice_md: dict[str, str], commitment: str, phrase: str) -> None:
    assert phrase in notice_md["ja"], f"the Japanese notice omits {commitment}: {phrase!r}"
