"""The consent receipt: Kantara CR v1.1 fields and ISO/IEC TS 27560 extras, for each kind of consent."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from hogo.consent.receipt import build_receipt
from hogo.consent.schemas import ARTICLE, ConsentKind, ConsentMethod, ConsentView
from hogo.ledger.loader import load_ledger_file, load_ledger_text
from hogo.ledger.schemas import Ledger

ROOT = Path(__file__).resolve().parents[3]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"
JAPANET = ROOT / "examples" / "japanet" / "ledger.yaml"
GIVEN = dt.datetime(2026, 11, 20, 1, 0, tzinfo=dt.UTC)
ISSUED = dt.datetime(2026, 11, 21, 9, 30, tzinfo=dt.UTC)

EXTRA_ITEM = """\
  - key: health-check
    label: {ja: 健康診断の結果, en: Health check results}
    category: health
    special_care: health_check_results
purposes:
"""
FOREIGN = """
foreign_recipients:
  - id: sg-support
    name: {ja: サポート株式会社（シンガポール）, en: Support Pte. Ltd. (Singapore)}
    country: SG
    country_name: {ja: シンガポール, en: Singapore}
    country_regime: {ja: 個人情報保護法（PDPA）があります。, en: Singapore has the PDPA.}
    recipient_measures: {ja: OECD8原則に対応する措置を講じています。, en: Measures matching the OECD principles.}
    basis: consent
    items: [name, email]
    purposes: [service]
"""


def _ledger(path: Path) -> Ledger:
    ledger = load_ledger_file(path).ledger
    assert ledger is not None
    return ledger


def _variant() -> Ledger:
    text = MINIMAL.read_text(encoding="utf-8").replace("purposes:\n", EXTRA_ITEM, 1) + FOREIGN
    loaded = load_ledger_text(text, source="variant.yaml")
    assert loaded.ledger is not None, [p.format() for p in loaded.problems]
    return loaded.ledger


def _consent(kind: ConsentKind, target: str, shown: dict[str, Any], **changes: Any) -> ConsentView:
    values: dict[str, Any] = {
        "id": "c-0001",
        "person_id": "p-7f3a",
        "kind": kind,
        "target": target,
        "article": ARTICLE[kind],
        "ledger_version": 3,
        "shown": {"ledger_version": 3, **shown},
        "method": ConsentMethod.web_checkbox,
        "evidence": "form consent-v2",
        "given_at": GIVEN,
        "recorded_by": "api-key:k1",
        "withdrawn_at": None,
        "withdrawal_method": None,
    }
    return ConsentView(**(values | changes))


def _purposes(receipt: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for service in receipt["services"] for p in service["purposes"]]


def test_purpose_consent_has_the_kantara_header_and_the_ledger_purpose() -> None:
    shown = {"purpose": {"ja": "ご注文の商品をお届けするため"}, "items": ["name", "email"]}
    receipt = build_receipt(_consent(ConsentKind.purpose, "service", shown), _ledger(MINIMAL), issued_at=ISSUED)

    assert receipt["version"] == "KI-CR-v1.1.0"
    assert receipt["jurisdiction"] == "JP"
    assert receipt["language"] == "ja"
    assert receipt["consentReceiptID"] == "c-0001"
    assert receipt["piiPrincipalId"] == "p-7f3a"
    assert receipt["consentTimestamp"] == int(GIVEN.timestamp())
    assert receipt["collectionMethod_en"] == "web form checkbox"
    assert receipt["policyUrl"] is None
    assert receipt["sensitive"] is False
    assert receipt["spiCat"] == []
    assert receipt["piiControllers"] == [
        {
            "piiController": "株式会社サンプル",
            "piiController_en": "Sample K.K.",
            "onBehalf": False,
            "contact": "個人情報お問い合わせ窓口",
            "contact_en": "Personal Information Desk",
            "address": "東京都千代田区丸の内1-1-1",
            "address_en": "1-1-1 Marunouchi, Chiyoda-ku, Tokyo",
            "email": "privacy@example.jp",
            "phone": "0120-000-000",
            "piiControllerUrl": None,
        }
    ]
    assert [s["service"] for s in receipt["services"]] == ["株式会社サンプル"]
    [purpose] = _purposes(receipt)
    assert purpose == {
        "purpose": "ご注文の商品をお届けするため",
        "purpose_en": "To deliver the products you order",
        "purposeCategory": ["Core Function"],
        "consentType": "EXPLICIT",
        "piiCategory": ["氏名", "メールアドレス"],
        "piiCategory_en": ["Name", "E-mail address"],
        "primaryPurpose": True,
        "termination": "until withdrawn",
        "thirdPartyDisclosure": False,
        "thirdPartyName": None,
    }
    iso = receipt["iso27560"]
    assert iso["state"] == "active"
    assert iso["withdrawn_at"] is None
    assert iso["legal_basis"] == "APPI Art. 18(1)"
    assert iso["notice"] == {"ledger_version": 3}
    assert iso["shown"]["purpose"] == {"ja": "ご注文の商品をお届けするため"}
    assert iso["method"] == "web_checkbox"
    assert iso["evidence"] == "form consent-v2"
    assert iso["issued_at"] == "2026-11-21T09:30:00+00:00"


def test_provision_consent_names_the_third_party_and_its_purposes() -> None:
    shown = {"recipient": {"ja": "信販会社・クレジットカード会社"}, "items": [], "purposes": ["credit-and-payment"]}
    consent = _consent(ConsentKind.provision, "credit-companies", shown)
    receipt = build_receipt(consent, _ledger(JAPANET), issued_at=ISSUED)

    [purpose] = _purposes(receipt)
    assert purpose["purpose"].startswith("ショッピングクレジット払い又はクレジットカード払いの与信審査")
    assert purpose["purpose_en"].startswith("For credit judgment")
    assert purpose["purposeCategory"] == ["3rd Party Sharing for Core Function"]
    assert purpose["thirdPartyDisclosure"] is True
    assert purpose["thirdPartyName"] == "信販会社・クレジットカード会社"
    assert purpose["thirdPartyName_en"] == "Credit companies and credit card companies"
    assert purpose["primaryPurpose"] is False
    assert "個人信用情報（信用照会・与信審査に関する情報）" in purpose["piiCategory"]
    assert receipt["iso27560"]["legal_basis"] == "APPI Art. 27(1)"
    assert receipt["piiControllers"][0]["piiController"] == "Japanet Holdings Co., Ltd."


def test_provision_without_purposes_in_the_ledger_says_what_is_provided() -> None:
    consent = _consent(ConsentKind.provision, "travel-providers", {})
    [purpose] = _purposes(build_receipt(consent, _ledger(JAPANET), issued_at=ISSUED))
    assert purpose["purpose"] == "宿泊施設・交通機関等への個人データの提供"
    assert purpose["purpose_en"] == "Provision of personal data to Accommodation and transportation companies"
    assert purpose["thirdPartyName"] == "宿泊施設・交通機関等"


def test_foreign_transfer_carries_the_country_information_shown() -> None:
    shown = {
        "recipient": {"ja": "サポート株式会社（シンガポール）"},
        "country": "SG",
        "country_name": {"ja": "シンガポール", "en": "Singapore"},
        "country_regime": {"ja": "個人情報保護法（PDPA）があります。", "en": "Singapore has the PDPA."},
        "recipient_measures": {"ja": "OECD8原則に対応する措置を講じています。", "en": None},
        "items": ["name", "email"],
    }
    receipt = build_receipt(_consent(ConsentKind.foreign_transfer, "sg-support", shown), _variant(), issued_at=ISSUED)

    [purpose] = _purposes(receipt)
    assert purpose["purpose"] == "ご注文の商品をお届けするため"
    assert purpose["thirdPartyDisclosure"] is True
    assert purpose["thirdPartyName"] == "サポート株式会社（シンガポール）"
    assert purpose["foreignTransfer"] == {
        "country": "SG",
        "countryName": "シンガポール",
        "countryName_en": "Singapore",
        "countryRegime": "個人情報保護法（PDPA）があります。",
        "countryRegime_en": "Singapore has the PDPA.",
        "recipientMeasures": "OECD8原則に対応する措置を講じています。",
    }
    assert receipt["iso27560"]["shown"]["country"] == "SG"
    assert receipt["iso27560"]["legal_basis"] == "APPI Art. 28(1)"


def test_special_care_consent_is_sensitive_with_its_category() -> None:
    shown = {"item": {"ja": "健康診断の結果", "en": "Health check results"}, "special_care": "health_check_results"}
    receipt = build_receipt(_consent(ConsentKind.special_care, "health-check", shown), _variant(), issued_at=ISSUED)

    assert receipt["sensitive"] is True
    assert receipt["spiCat"] == ["health_check_results"]
    [purpose] = _purposes(receipt)
    assert purpose["purpose"] == "要配慮個人情報（健康診断の結果）の取得"
    assert purpose["purpose_en"] == "Acquisition of special care-required personal information (Health check results)"
    assert purpose["piiCategory"] == ["健康診断の結果"]
    assert purpose["thirdPartyDisclosure"] is False
    assert receipt["iso27560"]["legal_basis"] == "APPI Art. 20(2)"


@pytest.mark.parametrize(
    ("kind", "shown", "expected"),
    [
        (ConsentKind.purpose, {"purpose": {"ja": "旧い目的", "en": "An old purpose"}, "items": ["name"]}, "旧い目的"),
        (
            ConsentKind.provision,
            {"recipient": {"ja": "旧い提供先"}, "items": ["gone"]},
            "旧い提供先への個人データの提供",
        ),
        (ConsentKind.foreign_transfer, {"recipient": {"ja": "旧い外国の提供先"}, "country": "US"}, None),
        (
            ConsentKind.special_care,
            {"item": {"ja": "病歴"}, "special_care": "medical_history"},
            "要配慮個人情報（病歴）の取得",
        ),
    ],
)
def test_a_target_gone_from_the_ledger_still_gives_a_receipt_from_what_was_shown(
    kind: ConsentKind, shown: dict[str, Any], expected: str | None
) -> None:
    receipt = build_receipt(_consent(kind, "gone-from-ledger", shown), _ledger(MINIMAL), issued_at=ISSUED)
    [purpose] = _purposes(receipt)
    if expected is not None:
        assert purpose["purpose"] == expected
    if kind is ConsentKind.foreign_transfer:
        assert purpose["thirdPartyName"] == "旧い外国の提供先"
        assert purpose["foreignTransfer"]["country"] == "US"
    if kind is ConsentKind.special_care:
        assert receipt["spiCat"] == ["medical_history"]
    json.dumps(receipt, ensure_ascii=False)


def test_a_withdrawn_consent_says_so() -> None:
    withdrawn = dt.datetime(2026, 12, 1, 3, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    consent = _consent(ConsentKind.purpose, "service", {}, withdrawn_at=withdrawn, withdrawal_method="web_portal")
    iso = build_receipt(consent, _ledger(MINIMAL), issued_at=ISSUED)["iso27560"]
    assert iso["state"] == "withdrawn"
    assert iso["withdrawn_at"] == "2026-11-30T18:00:00+00:00"
    assert iso["withdrawal_method"] == "web_portal"


def test_the_receipt_is_json_with_japanese_kept_readable() -> None:
    shown = {"item": {"ja": "健康診断の結果"}, "special_care": "health_check_results"}
    receipt = build_receipt(_consent(ConsentKind.special_care, "health-check", shown), _variant(), issued_at=ISSUED)
    text = json.dumps(receipt, ensure_ascii=False)
    assert "健康診断の結果" in text
    assert json.loads(text)["piiPrincipalId"] == "p-7f3a"
    assert set(receipt) >= {"version", "services", "sensitive", "spiCat", "iso27560", "piiControllers"}
