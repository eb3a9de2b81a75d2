"""The privacy notice built from a ledger: the facts the law asks to make known, in ja and en, md and html."""

from __future__ import annotations

import copy
import datetime as dt
import subprocess
import sys
from typing import Any

import pytest

from hogo.adapters.notice_formats import render
from hogo.ledger.notice import BulletList, DefinitionList, NoticeDocument, Paragraph, Table, build_notice
from hogo.ledger.notice_text import fmt_date, fmt_duration, fmt_money
from hogo.ledger.schemas import Clause, Ledger

FULL: dict[str, Any] = {
    "operator": {
        "name": {"ja": "株式会社サンプル", "en": "Sample K.K."},
        "address": {"ja": "東京都千代田区丸の内1-1-1", "en": "1-1-1 Marunouchi, Chiyoda-ku, Tokyo"},
        "postal_code": "1000005",
        "representative": {"ja": "代表取締役 山田太郎", "en": "Taro Yamada, Representative Director"},
        "group_companies_url": "https://example.co.jp/group",
        "desk": {
            "name": {"ja": "個人情報お問い合わせ窓口", "en": "Personal Information Desk"},
            "postal_address": {"ja": "東京都千代田区丸の内1-1-1", "en": "1-1-1 Marunouchi, Chiyoda-ku, Tokyo"},
            "postal_code": "100-0005",
            "phone": "0120-123-456",
            "toll_free": True,
            "email": "privacy@example.co.jp",
            "web_form": "https://example.co.jp/contact",
            "hours": {"ja": "平日10:00〜17:00", "en": "Weekdays 10:00-17:00"},
        },
        "accredited_organisation": {
            "name": {"ja": "一般財団法人日本情報経済社会推進協会", "en": "JIPDEC"},
            "complaint_contact": {"ja": "個人情報保護苦情相談室 03-5860-7565", "en": "Complaints office 03-5860-7565"},
        },
    },
    "policy": {
        "established": "2024-02-07",
        "revised": ["2024-03-06"],
        "change_procedure": {
            "ja": "本ポリシーを変更する場合は、当社ウェブサイトで公表します。",
            "en": "We announce changes to this Policy on our website.",
        },
        "basic_policy": [{"ja": "個人情報を大切に扱います。", "en": "We treat personal information with care."}],
        "clauses": [clause.value for clause in Clause],  # this company's policy states every standard clause
        "statutory_exceptions": True,
    },
    "services": [{"id": "shop", "name": {"ja": "サンプル通販", "en": "Sample Shop"}}],
    "subject_kinds": [
        {"id": "customer", "label": {"ja": "お客様", "en": "Customers"}},
        {"id": "applicant", "label": {"ja": "採用応募者", "en": "Job applicants"}},
    ],
    "items": [
        {"key": "name", "label": {"ja": "氏名", "en": "Name"}, "category": "identity"},
        {"key": "email", "label": {"ja": "メールアドレス", "en": "E-mail address"}, "category": "contact"},
        {"key": "resume", "label": {"ja": "履歴書", "en": "CV"}, "category": "recruitment"},
        {
            "key": "health",
            "label": {"ja": "健康診断結果", "en": "Health check results"},
            "category": "health",
            "special_care": "health_check_results",
        },
        {"key": "cookie", "label": {"ja": "Cookie ID", "en": "Cookie ID"}, "category": "online_identifier"},
    ],
    "purposes": [
        {
            "id": "orders",
            "text": {"ja": "ご注文の商品をお届けするため", "en": "To deliver the products you order"},
            "kind": "contract",
            "subject_kinds": ["customer"],
            "items": ["name", "email"],
        },
        {
            "id": "dm",
            "text": {"ja": "ダイレクトメールをお送りするため", "en": "To send you direct mail"},
            "kind": "marketing",
            "subject_kinds": ["customer", "applicant"],
            "items": ["name", "email"],
            "excluded_item_categories": ["recruitment"],
        },
        {
            "id": "hiring",
            "text": {"ja": "採用選考を行うため", "en": "To run our recruitment process"},
            "kind": "recruitment",
            "subject_kinds": ["applicant"],
            "items": ["name", "email", "resume", "health"],
            "note": {"ja": "採用に関する情報はダイレクトメールには利用しません", "en": "Not used for direct mail"},
        },
        {
            "id": "shop-recs",
            "text": {"ja": "おすすめ商品を表示するため", "en": "To show product recommendations"},
            "kind": "marketing",
            "subject_kinds": ["customer"],
            "items": ["cookie"],
            "service": "shop",
            "profiling": True,
        },
        {
            "id": "list-sale",
            "text": {"ja": "名簿を第三者に提供するため", "en": "To provide mailing lists to third parties"},
            "kind": "other",
            "subject_kinds": ["customer"],
            "items": ["name"],
            "third_party_provision": True,
        },
    ],
    "channels": [
        {
            "id": "order-form",
            "kind": "web_form",
            "label": {"ja": "注文フォーム", "en": "Order form"},
            "written": True,
            "items": ["name", "email"],
        },
        {
            "id": "agency",
            "kind": "third_party",
            "label": {"ja": "人材紹介会社", "en": "Recruitment agencies"},
            "direct": False,
            "items": ["resume"],
            "source": {"ja": "人材紹介会社", "en": "recruitment agencies"},
        },
        {"id": "site-cookie", "kind": "cookie", "label": {"ja": "当社サイト", "en": "Our site"}, "items": ["cookie"]},
    ],
    "retention": [
        {
            "id": "orders",
            "items": ["name", "email"],
            "subject_kinds": ["customer"],
            "period": "7y",
            "starts": "contract_end",
            "legal_hold": {"statute": {"ja": "法人税法", "en": "the Corporation Tax Act"}, "period": "7y"},
        },
        {
            "id": "applicants",
            "items": ["resume"],
            "subject_kinds": ["applicant"],
            "period": "6m",
            "starts": "recruitment_closed",
            "disposal": "shred_paper",
        },
    ],
    "entrustees": [
        {
            "id": "carrier",
            "name": {"ja": "配送業者", "en": "Delivery companies"},
            "work": {"ja": "商品の配送", "en": "Delivering products"},
            "items": ["name"],
            "purposes": ["orders"],
        }
    ],
    "joint_use": [
        {
            "id": "group",
            "items": ["name", "email"],
            "users_scope": {"ja": "当社の子会社", "en": "Our subsidiaries"},
            "purposes": ["orders", "dm"],
            "responsible_party": {
                "name": {"ja": "株式会社サンプル", "en": "Sample K.K."},
                "address": {"ja": "東京都千代田区丸の内1-1-1", "en": "1-1-1 Marunouchi, Chiyoda-ku, Tokyo"},
                "representative": {"ja": "代表取締役 山田太郎", "en": "Taro Yamada, Representative Director"},
            },
        },
        {
            "id": "partners",
            "items": ["email"],
            "users_scope": {"ja": "提携ホテル", "en": "Partner hotels"},
            "purposes_text": {"ja": "宿泊のご案内のため", "en": "To tell you about stays"},
        },
    ],
    "third_parties": [
        {
            "id": "card",
            "name": {"ja": "クレジットカード会社", "en": "Card companies"},
            "items": ["name"],
            "purposes": ["orders"],
            "basis": "consent",
        }
    ],
    "foreign_recipients": [
        {
            "id": "cloud",
            "name": {"ja": "Example Cloud Inc.", "en": "Example Cloud Inc."},
            "country": "US",
            "country_regime": {
                "ja": "包括的な個人情報保護法はなく、州法（CCPA等）があります。",
                "en": "No comprehensive federal privacy law; state laws such as the CCPA apply.",
            },
            "recipient_measures": {
                "ja": "OECDプライバシーガイドライン8原則に対応する措置をすべて講じています。",
                "en": "Takes measures for all eight OECD principles.",
            },
            "basis": "equivalent_measures",
            "items": ["name", "email"],
        }
    ],
    "opt_out": {
        "ppc_filing_reference": "PPC-2024-0001",
        "items": ["name"],
        "acquisition_method": {"ja": "ご注文時に取得", "en": "Acquired when you order"},
        "provision_method": {"ja": "電子メールで送信", "en": "Sent by e-mail"},
        "request_method": {"ja": "お問い合わせ窓口へのお電話", "en": "Call our desk"},
        "update_method": {"ja": "毎月更新", "en": "Updated monthly"},
        "start_date": "2024-04-01",
    },
    "requests": {
        "kinds": [
            {"kind": "purpose_notification", "fee": {"amount_jpy": 0}},
            {
                "kind": "disclosure",
                "fee": {
                    "amount_jpy": 5500,
                    "tax_included": True,
                    "per": {"ja": "1回のご請求につき", "en": "per request"},
                },
                "target_days": 10,
            },
            {"kind": "correction", "fee": {"amount_jpy": 0}},
            {"kind": "suspension_of_use", "fee": {"amount_jpy": 0}},
            {"kind": "complaint"},
        ],
        "channels": ["post", "email"],
        "identity_documents": ["drivers_licence", "my_number_card_front"],
        "agents": {
            "accepted": True,
            "legal_representative_evidence": ["family_register"],
            "appointed_agent_evidence": ["power_of_attorney", "seal_certificate"],
        },
        "payment_methods": ["postal_money_order"],
        "disclosure_methods": ["electronic", "paper"],
        "target_days": 14,
        "disclosed_items": ["name", "email"],
        "steps": [
            {"ja": "請求書をダウンロードします。", "en": "Download the form."},
            {"ja": "本人確認書類を同封して郵送します。", "en": "Post it with your ID."},
        ],
    },
    "security_measures": {
        "basic_policy": [{"ja": "基本方針を策定しています。", "en": "We have a basic policy."}],
        "organisational": [{"ja": "責任者を置いています。", "en": "We have appointed a manager."}],
        "technical": [{"ja": "アクセス制御を行っています。", "en": "We control access."}],
        "external_environment": [
            {
                "country": "US",
                "country_name": {"ja": "米国", "en": "the United States"},
                "measures": {"ja": "米国の制度を把握しています。", "en": "We understand the US regime."},
            }
        ],
    },
    "web_tracking": [
        {
            "id": "ga",
            "provider": {"ja": "Google LLC", "en": "Google LLC"},
            "tool": {"ja": "Google Analytics", "en": "Google Analytics"},
            "purpose": {"ja": "アクセス解析のため", "en": "To analyze site traffic"},
            "opt_out_url": "https://tools.google.com/dlpage/gaoptout?hl=ja",
            "provider_policy_url": "https://policies.google.com/privacy",
        }
    ],
    "statistics": [{"text": {"ja": "統計資料を作成します。", "en": "We compile statistics."}}],
}

MINIMAL: dict[str, Any] = {
    "operator": {"name": {"ja": "最小株式会社", "en": "Minimal Co."}, "desk": {"name": {"ja": "窓口", "en": "Desk"}}},
    "subject_kinds": [{"id": "customer", "label": {"ja": "お客様", "en": "Customers"}}],
    "items": [{"key": "name", "label": {"ja": "氏名", "en": "Name"}, "category": "identity"}],
    "purposes": [
        {
            "id": "service",
            "text": {"ja": "サービス提供のため", "en": "To provide the service"},
            "subject_kinds": ["customer"],
            "items": ["name"],
        }
    ],
    "requests": {"kinds": [{"kind": "disclosure"}, {"kind": "correction"}], "channels": ["post"]},
}


def ledger(base: dict[str, Any], **changes: Any) -> Ledger:
    data = copy.deepcopy(base)
    data.update(changes)
    return Ledger.model_validate(data)


def md(led: Ledger, lang: str) -> str:
    return render(build_notice(led, lang), "md")  # type: ignore[arg-type]


def plain(doc: NoticeDocument) -> str:
    """All the text of a document, unescaped, one piece per line."""
    out = [doc.title]
    for block in (*doc.preamble, *(b for s in doc.sections for b in s.blocks), *doc.closing):
        if isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, BulletList):
            out += block.items
        elif isinstance(block, DefinitionList):
            out += [f"{k}: {v}" for k, v in block.rows]
        elif isinstance(block, Table):
            out += [" | ".join(r) for r in (block.columns, *block.rows)]
        else:
            out.append(block.text)
    out += [s.heading for s in doc.sections]
    return "\n".join(out)


@pytest.fixture(scope="module")
def ja() -> str:
    return plain(build_notice(ledger(FULL), "ja"))


@pytest.fixture(scope="module")
def en() -> str:
    return plain(build_notice(ledger(FULL), "en"))


# -- operator, purposes --------------------------------------------------------------------------


def test_operator_name_address_and_representative_appear(ja: str, en: str) -> None:
    assert "株式会社サンプル" in ja
    assert "〒100-0005 東京都千代田区丸の内1-1-1" in ja
    assert "代表取締役 山田太郎" in ja
    assert "Sample K.K." in en
    assert "1-1-1 Marunouchi, Chiyoda-ku, Tokyo 100-0005" in en
    assert "Taro Yamada, Representative Director" in en


def test_every_purpose_text_appears_in_both_languages(ja: str, en: str) -> None:
    for purpose in FULL["purposes"]:
        assert purpose["text"]["ja"] in ja
        assert purpose["text"]["en"] in en


def test_purpose_annotations_excluded_categories_note_profiling_and_provision(ja: str, en: str) -> None:
    assert "ダイレクトメールをお送りするため（採用選考に関する情報は、この目的には利用しません）" in ja
    assert "we do not use recruitment information for this purpose" in en
    assert "採用選考を行うため（採用に関する情報はダイレクトメールには利用しません）" in ja
    assert "名簿を第三者に提供するため（第三者への提供を含みます）" in ja
    assert "including analysis of information on your behavior and interests" in en


def test_service_rules_take_precedence(ja: str, en: str) -> None:
    assert "サンプル通販について個別に定める個人情報の取扱い" in ja
    assert "その個別の定めが優先して適用されます" in ja
    assert "those specific rules take precedence" in en


def test_out_of_purpose_use_only_with_consent(ja: str) -> None:
    assert "あらかじめご本人の同意を得ることなく、上記の利用目的の達成に必要な範囲を超えて" in ja


def test_acquisition_flags_special_care_and_written_channels(ja: str, en: str) -> None:
    assert "健康診断結果（要配慮個人情報）" in ja
    assert "あらかじめご本人に利用目的を明示します" in ja
    assert "we show you the purposes of use before you submit it" in en
    assert "取得元：人材紹介会社" in ja


# -- recipients ----------------------------------------------------------------------------------


def test_third_party_provision_lists_statutory_exceptions_and_recipients(ja: str, en: str) -> None:
    assert "法令に基づく場合" in ja
    assert "公衆衛生の向上又は児童の健全な育成の推進" in ja
    assert "クレジットカード会社" in ja
    assert "When required by laws and regulations" in en


def test_joint_use_states_the_five_matters_for_each_arrangement(ja: str, en: str) -> None:
    doc = build_notice(ledger(FULL), "ja")
    section = doc.section("joint_use")
    assert section is not None
    lists = [b for b in section.blocks if isinstance(b, DefinitionList)]
    assert len(lists) == 2
    for dl in lists:
        labels = [label for label, _ in dl.rows]
        assert "共同利用をする旨" not in labels  # the intro says so; a row "joint use: we jointly use" is a tautology
        assert labels[:3] == [
            "共同して利用される個人データの項目",
            "共同して利用する者の範囲",
            "利用する者の利用目的",
        ]
    first, second = (dict(dl.rows) for dl in lists)
    assert first["共同して利用される個人データの項目"] == "氏名、メールアドレス"
    assert first["共同して利用する者の範囲"] == "当社の子会社"
    assert first["利用する者の利用目的"] == "ご注文の商品をお届けするため\nダイレクトメールをお送りするため"
    responsible = first["個人データの管理について責任を有する者"]
    assert "株式会社サンプル" in responsible
    assert "東京都千代田区丸の内1-1-1" in responsible
    assert "代表取締役 山田太郎" in responsible
    assert second["利用する者の利用目的"] == "宿泊のご案内のため"
    assert "個人データの管理について責任を有する者" not in second  # not stated: not printed, the linter reports it
    assert "Party responsible for managing the personal data: Sample K.K." in en


def test_opt_out_lists_the_filed_matters(ja: str) -> None:
    assert "PPC-2024-0001" in ja
    assert "2024年4月1日" in ja
    assert "ご本人からお求めがあった場合は、ご本人が識別される個人データの第三者への提供を停止します" in ja
    assert "名簿を第三者に提供するため" in ja


def test_foreign_recipient_country_regime_and_measures(ja: str, en: str) -> None:
    assert "所在国: アメリカ合衆国" in ja
    assert "州法（CCPA等）" in ja
    assert "OECDプライバシーガイドライン8原則" in ja
    assert "Country: the United States" in en
    assert "No comprehensive federal privacy law" in en


def test_entrustment_states_contract_supervision_and_work(ja: str) -> None:
    assert "必要かつ適切な監督を行います" in ja
    assert "商品の配送（委託先：配送業者）" in ja


# -- practices -----------------------------------------------------------------------------------


def test_retention_periods_in_natural_words(ja: str, en: str) -> None:
    assert "契約終了日から7年間" in ja
    assert "法人税法に基づき、取引日から7年間保存します" in ja
    assert "採用選考の終了日から6か月間" in ja
    assert "シュレッダーによる裁断" in ja
    assert "7 years from the end of the contract" in en
    assert "6 months from the close of the recruitment process" in en


def test_security_measures_by_category_with_foreign_country(ja: str, en: str) -> None:
    assert "組織的安全管理措置" in ja
    assert "技術的安全管理措置" in ja
    assert "米国：米国の制度を把握しています。" in ja
    assert "The United States: We understand the US regime." in en


def test_security_measures_on_request_only_point_to_the_desk() -> None:
    text = plain(build_notice(ledger(FULL, security_measures={"on_request_only": True}), "ja"))
    assert "ご本人のお求めに応じて遅滞なく回答いたします" in text
    assert "組織的安全管理措置" not in text


def test_web_tracking_tool_provider_and_urls(ja: str) -> None:
    assert "Google Analytics" in ja
    assert "Google LLC" in ja
    assert "https://tools.google.com/dlpage/gaoptout?hl=ja" in ja


# -- requests and desk ---------------------------------------------------------------------------


def test_fee_with_tax_and_no_fee_for_the_other_kinds(ja: str, en: str) -> None:
    assert "1回のご請求につき5,500円（税込）" in ja
    assert "¥5,500 (tax included) per request" in en
    assert "手数料をいただくのは開示のご請求のみです。" in ja
    assert "利用目的の通知、訂正等（訂正・追加・削除）及び利用停止等のご請求については、手数料はいただきません。" in ja
    assert (
        "We charge no fee for requests for notification of the purpose of use, correction (including addition "
        "and deletion) and suspension of use." in en
    )


def test_requests_target_days_identity_agents_payment_and_steps(ja: str, en: str) -> None:
    assert "約10営業日" in ja  # the disclosure rule's own target
    assert "約14営業日を目安としています（上表に別の目安を記載したご請求を除きます）" in ja
    assert "About 14 business days" in en
    assert "マイナンバーカード（表面のみ）" in ja
    assert "委任状、印鑑登録証明書" in ja
    assert "戸籍謄本等" in ja
    assert "手数料は、定額小為替によりお支払いください。" in ja
    assert "電磁的記録の提供又は書面の交付のうち、ご本人が指定する方法" in ja
    assert "請求書をダウンロードします。" in ja


def test_desk_with_postal_code_toll_free_phone_email_form_and_hours(ja: str, en: str) -> None:
    assert "〒100-0005 東京都千代田区丸の内1-1-1" in ja
    assert "0120-123-456（通話料無料）" in ja
    assert "0120-123-456 (toll-free)" in en
    assert "privacy@example.co.jp" in ja
    assert "https://example.co.jp/contact" in ja
    assert "平日10:00〜17:00" in ja


def test_accredited_organisation_changes_and_dates(ja: str, en: str) -> None:
    assert "一般財団法人日本情報経済社会推進協会" in ja
    assert "本ポリシーを変更する場合は、当社ウェブサイトで公表します。" in ja
    assert "制定日: 2024年2月7日" in ja
    assert "改定日: 2024年3月6日" in ja
    assert "Established: February 7, 2024" in en
    assert "Revised: March 6, 2024" in en


# -- missing data and section presence -----------------------------------------------------------


def test_minimal_ledger_prints_only_what_it_states() -> None:
    """What the ledger lacks is left out (the linter tells staff); the public never reads staff wording."""
    doc = build_notice(ledger(MINIMAL), "ja")
    keys = [s.key for s in doc.sections]
    assert keys == ["operator", "acquisition", "purposes", "requests", "desk"]  # no consent rule stated, no recipients
    assert [s.number for s in doc.sections] == list(range(1, 6))
    operator = plain(build_notice(ledger(MINIMAL), "ja"))
    for absent in ("住所:", "代表者:", "電話番号:", "記載がありません", "記載していません", "ご本人確認の方法"):
        assert absent not in operator
    # no fee, no tax note and nothing about agents is stated: no "free", no "(税込)", no "agents accepted"
    for absent in ("手数料はいただきません", "無料", "税込", "代理人によるご請求"):
        assert absent not in operator
    english = plain(build_notice(ledger(MINIMAL), "en"))
    assert "Not stated" not in english and "does not state" not in english
    assert "no fee" not in english and "Free" not in english and "Requests through an agent" not in english


def test_full_ledger_has_every_section_in_order() -> None:
    keys = [s.key for s in build_notice(ledger(FULL), "en").sections]
    assert keys == [
        "operator",
        "basic_policy",
        "acquisition",
        "purposes",
        "provision",
        "opt_out",
        "entrustment",
        "joint_use",
        "foreign",
        "web_tracking",
        "statistics",
        "retention",
        "security",
        "requests",
        "desk",
        "accredited",
        "changes",
    ]


def test_english_falls_back_to_japanese_when_a_text_has_no_english() -> None:
    data = copy.deepcopy(MINIMAL)
    data["purposes"][0]["text"] = "日本語だけの目的"
    assert "日本語だけの目的" in plain(build_notice(Ledger.model_validate(data), "en"))


# -- rendering -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_html_is_a_standalone_page_with_the_lang_attribute(lang: str) -> None:
    page = render(build_notice(ledger(FULL), lang), "html")  # type: ignore[arg-type]
    assert page.startswith("<!DOCTYPE html>\n")
    assert f'<html lang="{lang}">' in page
    assert '<meta charset="utf-8">' in page
    assert "<style>" in page
    assert page.rstrip().endswith("</html>")
    assert '<section id="joint_use">' in page


def test_html_escapes_ledger_text() -> None:
    data = copy.deepcopy(MINIMAL)
    data["purposes"][0]["text"] = {"ja": "<script>alert(1)</script> & 目的", "en": "<b>bold</b>"}
    led = Ledger.model_validate(data)
    page = render(build_notice(led, "ja"), "html")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 目的" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in render(build_notice(led, "en"), "html")


def test_html_links_urls_and_keeps_them_escaped() -> None:
    page = render(build_notice(ledger(FULL), "ja"), "html")
    assert '<a href="https://example.co.jp/contact">https://example.co.jp/contact</a>' in page


def test_markdown_headings_lists_tables_and_escaping() -> None:
    data = copy.deepcopy(MINIMAL)
    data["purposes"][0]["text"] = {"ja": "<script>x</script> *強調* | 縦棒", "en": "x"}
    text = md(Ledger.model_validate(data), "ja")
    assert text.startswith("# プライバシーポリシー")
    assert "\n## 1. 当社の名称・住所・代表者\n" in text
    assert "- \\<script\\>x\\</script\\> \\*強調\\* \\| 縦棒" in text
    assert "| ご請求の種類 | 受付方法 |\n" in text  # no fee and no target stated: no column for either
    assert "<script>" not in text


def test_markdown_urls_become_autolinks() -> None:
    text = md(ledger(FULL), "ja")
    assert "<https://tools.google.com/dlpage/gaoptout?hl=ja>" in text


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_rendering_is_deterministic(fmt: str) -> None:
    first = render(build_notice(ledger(FULL), "ja"), fmt)  # type: ignore[arg-type]
    second = render(build_notice(ledger(FULL), "ja"), fmt)  # type: ignore[arg-type]
    assert first == second


def test_unknown_format_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown notice format"):
        render(build_notice(ledger(MINIMAL), "ja"), "pdf")  # type: ignore[arg-type]


def test_notice_and_renderer_load_no_web_template_or_database_library() -> None:
    code = (
        "import sys, hogo.ledger.notice, hogo.adapters.notice_formats; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'sqlalchemy', 'fastapi', 'starlette', 'jinja2'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# -- wording helpers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "ja_words", "en_words"),
    [
        ("7y", "7年間", "7 years"),
        ("1y", "1年間", "1 year"),
        ("6m", "6か月間", "6 months"),
        ("2w", "2週間", "2 weeks"),
        ("30d", "30日間", "30 days"),
    ],
)
def test_periods_in_natural_words(period: str, ja_words: str, en_words: str) -> None:
    assert fmt_duration(period, "ja") == ja_words
    assert fmt_duration(period, "en") == en_words


def test_dates_and_money() -> None:
    assert fmt_date(dt.date(2024, 3, 6), "ja") == "2024年3月6日"
    assert fmt_date(dt.date(2024, 3, 6), "en") == "March 6, 2024"
    assert fmt_money(5500, True, "ja") == "5,500円（税込）"
    assert fmt_money(5500, True, "en") == "¥5,500 (tax included)"
    assert fmt_money(1000, False, "ja") == "1,000円（税別）"


def test_operator_abroad_shows_its_country() -> None:
    data = copy.deepcopy(MINIMAL)
    data["operator"]["country"] = "SG"
    text = plain(build_notice(Ledger.model_validate(data), "en"))
    assert "Country: Singapore" in text


def test_markdown_escapes_text_that_would_start_a_list_or_heading() -> None:
    data = copy.deepcopy(MINIMAL)
    data["requests"]["note"] = {"ja": "1. 番号付き\n# 見出し風\n- 箇条書き風", "en": "x"}
    text = md(Ledger.model_validate(data), "ja")
    assert "1\\. 番号付き\\\n\\# 見出し風\\\n\\- 箇条書き風" in text
