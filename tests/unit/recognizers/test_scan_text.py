"""scan_text, classify_column and the registry."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from hogo.adapters.recognizers import Finding, Recognizer, Registry, classify_column, default_registry, scan_text

LETTER = """お客様各位
氏名：山田　太郎 様（生年月日：昭和60年3月12日）
〒１００－０００１ 東京都千代田区千代田1-1
電話０３－１２３４－５６７８ / 携帯 090-1234-5678 / taro@example.co.jp
マイナンバー 1234 5678 9018、注文番号 123456789012、ｶｰﾄﾞ 4111 1111 1111 1111
"""


def test_a_letter() -> None:
    found = {(f.entity, LETTER[f.start : f.end]) for f in scan_text(LETTER)}
    assert found == {
        ("PERSON", "山田　太郎"),
        ("DATE_OF_BIRTH", "昭和60年3月12日"),
        ("JP_POSTAL_CODE", "〒１００－０００１"),
        ("JP_ADDRESS", "東京都千代田区千代田1-1"),
        ("PHONE_NUMBER", "０３－１２３４－５６７８"),
        ("PHONE_NUMBER", "090-1234-5678"),
        ("EMAIL_ADDRESS", "taro@example.co.jp"),
        ("JP_MY_NUMBER", "1234 5678 9018"),
        ("CREDIT_CARD", "4111 1111 1111 1111"),
    }


def test_offsets_after_a_length_changing_character() -> None:
    text = "㈱ﾔﾏﾀﾞ商店 担当 ﾀﾞｲｽｹ taro@example.jp"
    [finding] = scan_text(text)
    assert text[finding.start : finding.end] == "taro@example.jp"


def test_overlaps_keep_the_best_finding() -> None:
    text = "〒100-0001"
    assert [f.entity for f in scan_text(text)] == ["JP_POSTAL_CODE"]


def test_findings_hold_no_value() -> None:
    [finding] = scan_text("taro@example.jp")
    assert set(Finding._fields) == {"entity", "start", "end", "score", "recognizer"}
    assert "taro" not in repr(finding)


def test_classify_column() -> None:
    emails = ["a@example.com", "b@example.org", "", "not an address"]
    assert [(c.entity, round(c.share, 2)) for c in classify_column(emails)] == [("EMAIL_ADDRESS", 0.67)]
    assert classify_column(["Rock", "Jazz"], "Name", table="Genre") == []
    [person] = classify_column(["Luís", "François"], "FirstName", table="Customer")
    assert person.entity == "PERSON"
    assert person.share == 1.0
    [dob] = classify_column(["1962-02-18", "1958-12-08"], "birth_date")
    assert dob.entity == "DATE_OF_BIRTH"
    assert classify_column(["2024-01-01", "2024-02-03"], "InvoiceDate") == []


def test_classify_column_threshold() -> None:
    values = ["a@example.com"] + ["x"] * 9
    assert classify_column(values, threshold=0.3) == []
    assert [c.entity for c in classify_column(values, threshold=0.1)] == ["EMAIL_ADDRESS"]


class EmployeeNumber(Recognizer):
    entity = "EMPLOYEE_NUMBER"
    name = "employee_number"

    def find(self, text: str) -> Iterator[Finding]:
        start = text.find("EMP-")
        if start >= 0:
            yield self.finding(start, start + 10, 0.9)


def test_registry_takes_a_new_recognizer() -> None:
    registry = default_registry()
    registry.register(EmployeeNumber())
    assert "EMPLOYEE_NUMBER" in registry.entities
    assert [f.entity for f in scan_text("社員番号 EMP-123456", registry)] == ["EMPLOYEE_NUMBER"]
    with pytest.raises(ValueError, match="already registered"):
        registry.register(EmployeeNumber())
    only = registry.only(["EMAIL_ADDRESS"])
    assert [r.name for r in only] == ["email"]
    assert len(Registry()) == 0


def test_every_entity_has_a_ledger_category() -> None:
    from hogo.adapters.recognizers.registry import ENTITY_CATEGORY
    from hogo.ledger.schemas.catalogue import ItemCategory

    assert set(ENTITY_CATEGORY) == set(default_registry().entities)
    assert {ItemCategory(c) for c in ENTITY_CATEGORY.values()} <= set(ItemCategory)


def test_classify_column_counts_each_value_once_and_only_its_own_findings() -> None:
    values = ["a@example.com, b@example.com", "none", "c@example.org\nsecond line", "Phone 090"]
    [email] = classify_column(values, "Contact")
    assert (email.entity, email.share, email.samples) == ("EMAIL_ADDRESS", 0.5, 4)
    # a value's last word does not lend context to the next value
    assert classify_column(["TEL", "0312345678"], "Note") == []


def test_context_ends_at_a_blank_line() -> None:
    assert [f.entity for f in scan_text("TEL 0312345678")] == ["PHONE_NUMBER"]
    assert scan_text("TEL\n\n0312345678") == []
    assert scan_text("生年月日\n\n1980年1月1日") == []
    assert scan_text("郵便番号\n\n1000001") == []
