"""The third development corpus (bench/corpus_third.py) is deterministic and its labels are sound."""

from __future__ import annotations

import itertools
import re
import sys
import unicodedata
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import corpus_third as ct

N = 1500
RECORDS = list(ct.records(N, 47))


def _digits(text: str) -> str:
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", text))


def _spans(entity: str) -> list[tuple[str, str]]:
    out = []
    for rec in RECORDS:
        text = rec["text"]
        out += [(text[s[0] : s[1]], text) for s in rec["spans"] if s[2] == entity]
    return out


def test_same_seed_same_records_other_seed_other_records() -> None:
    assert list(ct.records(200, 47)) == RECORDS[:200]
    assert list(ct.records(200, 48)) != RECORDS[:200]


def test_record_shape_and_language_mix() -> None:
    for rec in RECORDS:
        assert set(rec) == {"text", "spans", "templates", "noisy"}
        assert isinstance(rec["noisy"], bool)
        assert rec["templates"] and all(t in ct.JA or t in ct.EN for t in rec["templates"])
    japanese = sum(1 for r in RECORDS if r["templates"][0] in ct.JA) / N
    assert 0.48 < japanese < 0.62
    assert len(ct.JA) + len(ct.EN) >= 20
    used = {r["templates"][0] for r in RECORDS}
    assert used == set(ct.JA) | set(ct.EN)
    assert any(r["noisy"] for r in RECORDS) and not all(r["noisy"] for r in RECORDS)
    glued = [r["templates"] for r in RECORDS if len(r["templates"]) > 1]
    assert 0.05 * N < len(glued) < 0.15 * N
    assert all((t[0] in ct.JA) == (t[1] in ct.JA) for t in glued)


def test_spans_inside_text_non_empty_trimmed_and_disjoint() -> None:
    for rec in RECORDS:
        text = rec["text"]
        spans = sorted(tuple(s) for s in rec["spans"])
        for start, end, entity in spans:
            assert entity in ct.ENTITIES
            assert 0 <= start < end <= len(text)
            value = text[start:end]
            assert value.strip() == value, value
        for (_, e0, _), (s1, _, _) in itertools.pairwise(spans):
            assert e0 <= s1, text


def test_every_entity_is_present() -> None:
    seen = {s[2] for r in RECORDS for s in r["spans"]}
    assert seen == set(ct.ENTITIES)


def test_my_numbers_pass_the_check_digit() -> None:
    values = _spans("JP_MY_NUMBER")
    assert values
    for value, _ in values:
        digits = _digits(value)
        assert len(digits) == 12
        assert ct.my_number_check(digits[:11]) == int(digits[11])


def test_my_number_check_digit_known_value() -> None:
    # 12345678901, weights 6,5,4,3,2,7,6,5,4,3,2 from the left (Q_n = n+1 for n <= 6, n-5 above, n from the right):
    # 6+10+12+12+10+42+42+40+36+0+2 = 212; 212 mod 11 = 3, so the check digit is 11 - 3 = 8
    assert ct.my_number_check("12345678901") == 8
    assert ct.my_number_check("00000000010") == 8  # P_2 = 1, Q_2 = 3: remainder 3
    assert ct.my_number_check("00000000000") == 0  # remainder 0 or 1 gives 0


def test_corporate_numbers_pass_the_check_digit() -> None:
    values = _spans("JP_CORPORATE_NUMBER")
    assert values
    for value, _ in values:
        digits = _digits(value)
        assert len(digits) == 13
        assert ct.corporate_check(digits[1:]) == int(digits[0])
    # the National Tax Agency's own example: 法人番号 7000012050002 (国税庁)
    assert ct.corporate_check("000012050002") == 7


def test_cards_are_luhn_valid_with_real_prefixes() -> None:
    values = _spans("CREDIT_CARD")
    assert values
    for value, _ in values:
        digits = _digits(value)
        assert ct.luhn_ok(digits), value
        assert len(digits) in (14, 15, 16)
        assert re.match(r"4|5[1-5]|2[2-7]|3[47]|35|36|6011", digits), value
    assert not ct.luhn_ok("4111111111111112")


def test_emails_ips_and_postal_codes_have_their_shape() -> None:
    for value, _ in _spans("EMAIL_ADDRESS"):
        assert re.fullmatch(r"[^@\s]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", value), value
    for value, _ in _spans("IP_ADDRESS"):
        assert re.fullmatch(r"(\d{1,3}\.){3}\d{1,3}|[0-9a-f:]+", value) and (":" in value or "." in value), value
    for value, _ in _spans("JP_POSTAL_CODE"):
        folded = unicodedata.normalize("NFKC", value).replace("O", "0").replace("l", "1").replace("ー", "-")
        assert re.fullmatch(r"\d{3}-?\d{4}", folded), value


def test_names_and_addresses_exclude_honorifics_and_postal_codes() -> None:
    for value, _ in _spans("PERSON"):
        assert not value.endswith(("様", "さん", "御中", "殿")), value
        assert not value.startswith(("Mr", "Ms", "Dr ")), value
    for value, _ in _spans("JP_ADDRESS"):
        assert "〒" not in value
        assert not re.match(r"\d{3}-\d{4}", value)


@pytest.mark.parametrize("entity", ["DATE_OF_BIRTH"])
def test_birth_dates_are_births_not_order_or_meeting_dates(entity: str) -> None:
    """A labelled birth date is plausible as a birth (1930-2020) and never sits after an order/meeting label."""
    for value, text in _spans(entity):
        idx = text.index(value)
        before = text[max(0, idx - 12) : idx]
        assert not re.search(r"日時|発行日|申込日|注文|Arrival|Departure|incident|保存日時|入社日|前回", before), before
    for rec in RECORDS:
        if rec["templates"] == ["minutes"]:
            assert not any(s[2] == "DATE_OF_BIRTH" for s in rec["spans"])


def test_look_alikes_are_not_labelled() -> None:
    """Order, tracking and invoice numbers, JAN codes, amounts, company and shop names stay unlabelled."""
    for rec in RECORDS:
        text = rec["text"]
        labelled = [(s[0], s[1]) for s in rec["spans"]]
        for pattern in (
            r"ORD-\d{8}",
            r"INV-\d{6}",
            r"JAN \d{13}",
            r"伝票番号 [\d-]+",
            r"[¥￥][\d,]+",
            r"v\d+\.\d+",
            r"Q-\d{4,5}",
            r"BK\d{6}",
            r"MRN \d{7}",
        ):
            for m in re.finditer(pattern, text):
                assert not any(s < m.end() and m.start() < e for s, e in labelled), (pattern, m.group())
        for look_alike in (*ct.COMPANIES, *ct.SHOPS, *ct.EN_COMPANIES, "大家さん", "Will "):
            for m in re.finditer(re.escape(look_alike), text):
                assert not any(s < m.end() and m.start() < e for s, e in labelled), (look_alike, text)


def test_cli_writes_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "third.jsonl"
    assert ct.main(["--records", "30", "--seed", "5", "--out", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 30


def test_kana_helpers() -> None:
    assert ct.half_kana("ヤマダ タロウ") == "ﾔﾏﾀﾞ ﾀﾛｳ"
    assert ct.romaji("しょうじ") == "Shoji"
    assert ct.romaji("はっとり") == "Hattori"
    assert ct.katakana("さとう") == "サトウ"


def test_a_labelled_name_is_labelled_wherever_it_is_addressed() -> None:
    """Where a labelled name reappears before 様/さん/ちゃん in the same text, that occurrence is labelled too."""
    for rec in RECORDS:
        text = rec["text"]
        person = [(s[0], s[1]) for s in rec["spans"] if s[2] == "PERSON"]
        values = {text[s:e] for s, e in person if e - s >= 2}
        values |= {part for v in list(values) for part in re.split(r"[ 　]", v) if re.fullmatch(r"[一-龥々]+", part)}
        for value in values:
            for m in re.finditer(re.escape(value) + "(?=様|さん|ちゃん)", text):
                assert any(s <= m.start() and m.end() <= e for s, e in person), (value, text)


def test_birth_dates_are_real_calendar_dates_in_the_past() -> None:
    """Western numeric birth dates parse and fall between 1930 and 2020 (day/month order as the template wrote)."""
    checked = 0
    for value, _ in _spans("DATE_OF_BIRTH"):
        m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", value)
        if m:
            year = int(m.group(1))
            assert 1930 <= year <= 2020, value
            assert 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31, value
            checked += 1
    assert checked > 50
