"""The Azpocket example ledger (seed 001) loads cleanly and its notice states every promise of the seed.

Each phrase below is something the company's own privacy policy promises (seed
`001_e6860ea59f284d77.txt`, article cited per row), in the policy's English wording and in the
Japanese wording of the ledger. A failing case names the commitment the rendered notice lost.
"""

from __future__ import annotations

import pytest
from example_notice import ledger_path, notice

from hogo.ledger.loader import LoadedLedger, load_ledger_file

LEDGER = ledger_path("azpocket")


@pytest.fixture(scope="module")
def loaded() -> LoadedLedger:
    return load_ledger_file(LEDGER)


@pytest.fixture(scope="module")
def notice_md(loaded: LoadedLedger) -> dict[str, str]:
    assert loaded.ledger is not None, [p.format() for p in loaded.problems]
    return {lang: notice("azpocket", lang) for lang in ("ja", "en")}


def test_ledger_has_no_structural_problems(loaded: LoadedLedger) -> None:
    assert [p.format() for p in loaded.problems] == []
    assert loaded.ledger is not None


def test_ledger_declares_the_seeds_special_flags(loaded: LoadedLedger) -> None:
    """Art. 2(1)(4) card data (financial damage) and Art. 2(1)(10) health data (special care)."""
    assert loaded.ledger is not None
    items = loaded.ledger.items_by_key()
    assert all(items[k].financial_damage_risk for k in ("card-holder-name", "card-number", "card-expiry"))
    assert {items[k].special_care for k in ("employee-medical-history", "employee-health-check-results")} == {
        "medical_history",
        "health_check_results",
    }


# (commitment, phrase) — the commitment is the seed's promise, the phrase must appear in the notice.
COMMITMENTS_EN: list[tuple[str, str]] = [
    ("operator name (Art. 6(2) recipient)", "Azpocket Inc."),
    ("desk postal code (Art. 6(2))", "542-0081"),
    ("desk postal address (Art. 6(2))", "4-10-5 Minamisenba"),
    ("desk address: Osaka (Art. 6(2))", "Chuo Ward, Osaka"),
    # Art. 2(1): items acquired
    ("item: users' name/address/email/phone (Art. 2(1)(1))", "User's telephone number"),
    ("item: login history (Art. 2(1)(2))", "Login history"),
    ("item: communication logs (Art. 2(1)(2))", "Communication logs"),
    ("item: card number (Art. 2(1)(4))", "Credit card number"),
    ("item: account information for transfers (Art. 2(1)(4))", "Account information used for transfers"),
    ("item: access logs with host name (Art. 2(1)(6))", "host name"),
    ("item: résumés (Art. 2(1)(7))", "Information in résumés and other documents submitted when applying"),
    ("item: employee date of birth (Art. 2(1)(8))", "Employee's date of birth"),
    ("item: payroll (Art. 2(1)(9))", "payroll processing"),
    ("item: employee health information (Art. 2(1)(10))", "health information"),
    ("item: counterparties' information (Art. 2(1)(11))", "when commencing transactions"),
    # Art. 2(2): the seventeen purposes
    ("purpose (1) contracts", "conclude and renew contracts for our services"),
    ("purpose (2) identify users", "identify individuals using our services"),
    ("purpose (3) billing", "bill for usage fees"),
    ("purpose (4) statistics", "aggregate as statistical information"),
    ("purpose (5) direct mail", "including sending emails, flyers, and other direct mail"),
    ("purpose (6) service notices", "service disruptions, website maintenance"),
    ("purpose (7) inquiries incl. identity", "including verifying their identity"),
    ("purpose (8) usage reports", "report usage status to our service users"),
    ("purpose (9) surveys and interviews", "surveys, interviews"),
    ("purpose (10) analysis and advertising", "delivering advertisements"),
    ("purpose (11) misuse investigation", "providing information to public authorities"),
    ("purpose (12) disputes", "disputes or litigation"),
    ("purpose (13) business partners", "business negotiations"),
    ("purpose (14) customer management", "manage customer information"),
    ("purpose (15) recruitment", "selection of job applicants"),
    ("purpose (16) employment incl. health", "welfare benefits, and managing health"),
    ("purpose (17) incidental tasks", "incidental to or related to our services"),
    # Art. 2(3): Google Analytics
    ("analytics tool (Art. 2(3))", "Visit history based on Google Analytics cookies"),
    ("analytics opt-out add-on (Art. 2(3))", "Google Analytics Opt-out Add-on"),
    ("analytics opt-out URL (Art. 2(3))", "tools.google.com/dlpage/gaoptout"),
    ("Google privacy policy URL (Art. 2(3))", "policies.google.com/privacy"),
    ("analytics: re-enable by reconfiguring add-ons (Art. 2(3))", "re-enable it by reconfiguring your browser add-ons"),
    # Art. 3: provision to third parties
    ("third party: consent (Art. 3(1))", "When consent is given"),
    ("third party: life, body, property (Art. 3(2))", "physical safety, or property"),
    ("third party: public health, children (Art. 3(3))", "Public health or the sound development of children"),
    ("third party: government cooperation (Art. 3(4))", "or their entrusted agent to perform duties prescribed by law"),
    ("third party: permitted by law (Art. 3(8))", "Recipients where provision is permitted by law"),
    # Arts. 3(5), 4, 5(1): entrustment
    ("entrustment within the purposes (Art. 4)", "within the scope necessary to achieve the purposes of use"),
    ("entrustment: confidentiality agreements (Art. 5(1))", "confidentiality agreements"),
    # Arts. 3(7), 4: joint use
    ("joint use announced (Art. 4)", "jointly use all or part of the acquired personal information"),
    # Art. 5: security measures in the four categories
    ("organisational: person in charge (Art. 5(1))", "person in charge of handling personal information"),
    ("personnel: education or training (Art. 5(2))", "education or training"),
    ("physical: equipment restrictions (Art. 5(3))", "use of equipment and devices"),
    ("technical: unauthorized access and malware (Art. 5(4))", "malicious software"),
    ("technical: vulnerability review (Art. 5(4))", "vulnerabilities"),
    # Art. 6: disclosure
    ("request by mail with the form (Art. 6(2))", "Personal Information Disclosure Request Form"),
    ("postage borne by the requester (Art. 6(2))", "borne by the requester"),
    ("identity document: passport (Art. 6(2))", "passport"),
    ("identity document: driver's licence (Art. 6(2))", "driver"),
    ("agent: power of attorney (Art. 6(2))", "A power of attorney, a seal registration certificate"),
    ("agent: family register (Art. 6(2))", "family register"),
    ("agent: seal registration certificate (Art. 6(2))", "seal registration certificate"),
    ("identity verified on the data we hold (Art. 6(2))", "based on the personal information we hold"),
    ("disclosure fee 5,500 yen (Art. 6(3))", "5,500"),
    ("fee per request (Art. 6(3))", "per request"),
    ("fee by bank transfer (Art. 6(3))", "bank transfer"),
    ("refusal grounds: business impediment (Art. 6(1)(3))", "proper execution of our business operations"),
    # Arts. 7, 8
    ("correction or deletion of incorrect data (Art. 7)", "correct or delete"),
    ("suspension of use on improper grounds (Art. 8)", "obtained by improper means"),
    ("alternative measures (Art. 8)", "alternative measures"),
    # Arts. 9-11
    ("policy change takes effect on posting (Art. 9)", "upon posting on our website"),
    ("compliance with Japanese laws (Art. 10)", "We comply with Japanese laws"),
    ("complaints and inquiries (Art. 11)", "complaints and inquiries"),
]

COMMITMENTS_JA: list[tuple[str, str]] = [
    ("operator name", "Azpocket Inc."),
    ("desk postal code", "542-0081"),
    ("desk postal address", "大阪府大阪市中央区南船場4-10-5 702"),
    ("item: users' phone (Art. 2(1)(1))", "利用者の電話番号"),
    ("item: login history (Art. 2(1)(2))", "ログイン履歴"),
    ("item: communication logs (Art. 2(1)(2))", "通信ログ"),
    ("item: card number (Art. 2(1)(4))", "クレジットカード番号"),
    ("item: account information for transfers (Art. 2(1)(4))", "振込みに利用する口座情報"),
    ("item: access logs with host name (Art. 2(1)(6))", "ホスト名"),
    ("item: résumés (Art. 2(1)(7))", "応募時に提出される履歴書等"),
    ("item: employee date of birth (Art. 2(1)(8))", "従業員の生年月日"),
    ("item: payroll (Art. 2(1)(9))", "給与計算"),
    ("item: medical history (Art. 2(1)(10))", "病歴"),
    ("item: health check results (Art. 2(1)(10))", "健康診断の結果"),
    ("item: counterparties' information (Art. 2(1)(11))", "取引開始時に取引先から開示される情報"),
    ("purpose (1) contracts", "契約の締結・更新"),
    ("purpose (2) identify users", "当社サービスを利用する方を識別するため"),
    ("purpose (3) billing", "利用料金を請求するため"),
    ("purpose (4) statistics", "統計情報として集計するため"),
    ("purpose (5) direct mail", "チラシその他のダイレクトメールの送付を含みます"),
    ("purpose (6) service notices", "サービスの障害、ウェブサイトのメンテナンス"),
    ("purpose (7) inquiries incl. identity", "本人確認を含みます"),
    ("purpose (8) usage reports", "利用状況を報告するため"),
    ("purpose (9) surveys and interviews", "アンケート、インタビュー"),
    ("purpose (10) analysis and advertising", "広告の配信"),
    ("purpose (11) misuse investigation", "公的機関への情報提供を含みます"),
    ("purpose (12) disputes", "紛争又は訴訟に対応するため"),
    ("purpose (13) business partners", "取引先との商談・合意"),
    ("purpose (14) customer management", "顧客情報を管理するため"),
    ("purpose (15) recruitment", "応募者の選考及び採用に関する連絡"),
    ("purpose (16) employment incl. health", "福利厚生及び健康管理"),
    ("purpose (17) incidental tasks", "付随又は関連する業務"),
    ("analytics tool (Art. 2(3))", "Google アナリティクス"),
    ("analytics opt-out add-on (Art. 2(3))", "オプトアウト"),
    ("analytics opt-out URL (Art. 2(3))", "tools.google.com/dlpage/gaoptout"),
    ("third party: consent (Art. 3(1))", "ご本人の同意がある場合"),
    (
        "third party: life, body, property (Art. 3(2))",
        "人の生命、身体又は財産の保護のために必要がある場合であって、ご本人の同意を得ることが困難であるとき）",
    ),
    ("third party: public health, children (Art. 3(3))", "児童の健全な育成の推進のための提供先"),
    (
        "third party: government cooperation (Art. 3(4))",
        "国の機関若しくは地方公共団体又はその委託を受けた者が法令の定める事務を遂行することに対して協力する必要がある場合であって、ご本人の同意を得ることにより当該事務の遂行に支障を及ぼすおそれがあるとき）",
    ),
    ("third party: permitted by law (Art. 3(8))", "法令で個人情報の開示又は提供が認められる場合"),
    ("entrustment within the purposes (Art. 4)", "利用目的の達成に必要な範囲内でのみ利用します。"),
    ("entrustment: confidentiality agreements (Art. 5(1))", "秘密保持契約"),
    ("joint use announced (Art. 4)", "取得した個人情報の全部又は一部を共同利用"),
    ("organisational: person in charge (Art. 5(1))", "個人情報の取扱いに関する責任者"),
    ("personnel: education or training (Art. 5(2))", "教育又は研修"),
    ("physical: equipment restrictions (Art. 5(3))", "機器・装置等の利用を制限"),
    ("technical: unauthorized access and malware (Art. 5(4))", "不正ソフトウェア"),
    ("technical: vulnerability review (Art. 5(4))", "脆弱性"),
    ("request by mail with the form (Art. 6(2))", "個人情報開示請求書"),
    ("postage borne by the requester (Art. 6(2))", "請求者の負担"),
    ("identity document: passport (Art. 6(2))", "パスポート等の顔写真付きで個人を識別できるもの）"),
    ("identity document: driver's licence (Art. 6(2))", "運転免許証、パスポート等の顔写真付きで個人を識別できるもの）"),
    ("agent: power of attorney (Art. 6(2))", "委任状、印鑑登録証明書"),
    ("agent: family register (Art. 6(2))", "戸籍謄本"),
    ("agent: seal registration certificate (Art. 6(2))", "印鑑登録証明書"),
    ("identity verified on the data we hold (Art. 6(2))", "当社が保有する個人情報に基づき"),
    ("disclosure fee 5,500 yen (Art. 6(3))", "5,500"),
    ("fee by bank transfer (Art. 6(3))", "銀行振込"),
    ("refusal grounds: business impediment (Art. 6(1)(3))", "業務の適正な実施に著しい支障"),
    ("correction or deletion of incorrect data (Art. 7)", "により訂正又は削除し"),
    ("suspension of use on improper grounds (Art. 8)", "不正の手段により取得"),
    ("alternative measures (Art. 8)", "代替措置"),
    ("policy change takes effect on posting (Art. 9)", "当社ウェブサイトに掲載したときから効力を生じる"),
    (
        "compliance with Japanese laws (Art. 10)",
        "保有する個人情報に関して適用される日本の法令その他の規範を遵守します。",
    ),
    ("complaints and inquiries (Art. 11)", "苦情及びお問い合わせ"),
]


@pytest.mark.parametrize(("commitment", "phrase"), COMMITMENTS_EN, ids=[c for c, _ in COMMITMENTS_EN])
def test_english_notice_states(notice_md: dict[str, str], commitment: str, phrase: str) -> None:
    assert phrase in notice_md["en"], f"the English notice omits {commitment}: {phrase!r}"


@pytest.mark.parametrize(("commitment", "phrase"), COMMITMENTS_JA, ids=[c for c, _ in COMMITMENTS_JA])
def test_japanese_notice_states(notice_md: dict[str, str], commitment: str, phrase: str) -> None:
    assert phrase in notice_md["ja"], f"the Japanese notice omits {commitment}: {phrase!r}"
