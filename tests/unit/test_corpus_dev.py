"""The development corpus (bench/corpus_dev.py) says what it means: deterministic, well-formed, honest labels.

Shapes are checked here with check-digit code written again, from the rules, so that a wrong generator and
a wrong check cannot agree by sharing a function.
"""

from __future__ import annotations

import importlib.util
import ipaddress
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_dev", BENCH / "corpus_dev.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("corpus_dev", module)
    spec.loader.exec_module(module)
    return module


corpus = _load()
N = 1500


@pytest.fixture(scope="module")
def recs() -> list[dict[str, Any]]:
    return list(corpus.records_with_decoys(N, 31))


def _digits(value: str) -> str:
    undo_ocr = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "S": "5"})
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", value).translate(undo_ocr))


def _my_number_ok(d: str) -> bool:
    # 番号法施行令8条: P_n is the n-th digit from the right of the first 11, Q_n = n+1 (n<=6) or n-5 (n>=7)
    body = [int(c) for c in reversed(d[:11])]
    total = sum(p * (n + 1 if n <= 6 else n - 5) for n, p in enumerate(body, start=1))
    expected = 0 if total % 11 <= 1 else 11 - total % 11
    return len(d) == 12 and int(d[11]) == expected


def _corporate_ok(d: str) -> bool:
    body = [int(c) for c in reversed(d[1:])]
    total = sum(p * (1 if n % 2 else 2) for n, p in enumerate(body, start=1))
    return len(d) == 13 and int(d[0]) == 9 - total % 9


def _luhn_ok(d: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(d)):
        x = int(c) * (2 if i % 2 else 1)
        total += x - 9 if x > 9 else x
    return total % 10 == 0


def _brand_ok(d: str) -> bool:
    two, four = int(d[:2]), int(d[:4])
    return (
        (d[0] == "4" and len(d) == 16)
        or ((51 <= two <= 55 or 2221 <= four <= 2720) and len(d) == 16)
        or (3528 <= four <= 3589 and len(d) == 16)
        or (two in (34, 37) and len(d) == 15)
        or (two == 36 and len(d) == 14)
        or ((four == 6011 or two == 65) and len(d) == 16)
    )


def _birth_year(value: str) -> int:
    text = unicodedata.normalize("NFKC", value)
    for era, start in (("昭和", 1925), ("平成", 1988), ("令和", 2018), ("S", 1925), ("H", 1988), ("R", 2018)):
        m = re.match(rf"{era}(\d+|元)[年.]", text)
        if m:
            return start + (1 if m.group(1) == "元" else int(m.group(1)))
    years = re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", text)
    return int(years[0]) if years else 0


def test_known_check_digits_are_recognised() -> None:
    assert _corporate_ok("7000012050002")  # 国税庁's own 法人番号
    assert not _corporate_ok("8000012050002")
    assert _luhn_ok("4111111111111111") and not _luhn_ok("4111111111111112")
    body = "12345678901"
    assert sum(_my_number_ok(body + str(c)) for c in range(10)) == 1


def test_same_seed_same_records_other_seed_other_records() -> None:
    first = list(corpus.records(40, 5))
    assert first == list(corpus.records(40, 5))
    assert first != list(corpus.records(40, 6))
    assert list(corpus.records(10, 5)) == first[:10]
    assert set(first[0]) == {"text", "spans", "templates", "noisy"}


def test_spans_are_inside_nonempty_trimmed_and_disjoint(recs: list[dict[str, Any]]) -> None:
    for rec in recs:
        text = rec["text"]
        last_end = 0
        for start, end, entity in sorted(rec["spans"]):
            assert 0 <= start < end <= len(text), (rec["templates"], start, end)
            value = text[start:end]
            assert value == value.strip(), (entity, value)
            assert start >= last_end, ("overlap", rec["templates"], value)
            last_end = end


def test_spans_have_the_shape_of_their_entity(recs: list[dict[str, Any]]) -> None:
    seen: Counter[str] = Counter()
    for rec in recs:
        for start, end, entity in rec["spans"]:
            value = rec["text"][start:end]
            digits = _digits(value)
            seen[entity] += 1
            if entity == "JP_MY_NUMBER":
                assert _my_number_ok(digits), value
            elif entity == "JP_CORPORATE_NUMBER":
                assert _corporate_ok(digits), value
            elif entity == "CREDIT_CARD":
                assert _luhn_ok(digits) and _brand_ok(digits), value
            elif entity == "EMAIL_ADDRESS":
                assert re.fullmatch(r"[\w.+-]+[@＠][\w-]+(\.[\w-]+)+", value), value
            elif entity == "IP_ADDRESS":
                ipaddress.ip_address(value)
            elif entity == "JP_POSTAL_CODE":
                assert len(digits) == 7, value
            elif entity == "PHONE_NUMBER":
                assert 9 <= len(digits) <= 13, value
            elif entity == "DATE_OF_BIRTH":
                year = _birth_year(value)
                assert year == 0 or 1900 < year <= 2020, value  # a year-less birthday ("3月12日") has no year
            elif entity == "JP_ADDRESS":
                assert re.search(r"[都道府県市区町村郡]", value) and re.search(
                    r"\d|[一二三四五六七八九]丁目", unicodedata.normalize("NFKC", value)
                ), value
            elif entity == "POSTAL_CODE":
                assert re.fullmatch(
                    r"\d{5}(-\d{4})?|\d{4}|[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}|[A-Z]\d[A-Z] \d[A-Z]\d", value
                ), value
            elif entity == "STREET_ADDRESS":
                assert re.search(r"\d", value) and re.search(r"[A-Za-z]{2}", value), value
            elif entity == "PERSON":
                assert not re.search(r"\d|様$|さん$|^(Mr|Mrs|Ms|Dr)\.? ", value), value
    expected = {"PERSON", "DATE_OF_BIRTH", "PHONE_NUMBER", "EMAIL_ADDRESS", "JP_POSTAL_CODE", "JP_ADDRESS"}
    expected |= {"STREET_ADDRESS", "POSTAL_CODE", "JP_MY_NUMBER", "JP_CORPORATE_NUMBER", "CREDIT_CARD", "IP_ADDRESS"}
    assert set(seen) == expected
    assert min(seen.values()) >= 20, seen


def test_no_lookalike_is_labelled(recs: list[dict[str, Any]]) -> None:
    kinds: Counter[str] = Counter()
    for rec in recs:
        for d0, d1, kind in rec["decoys"]:
            kinds[kind] += 1
            assert not any(d0 < s1 and s0 < d1 for s0, s1, _ in rec["spans"]), (kind, rec["text"][d0:d1])
            value = rec["text"][d0:d1]
            digits = _digits(value)
            if kind == "tracking" and len(digits) == 12:
                assert not _my_number_ok(digits), value  # a tracking number that a check digit can tell apart
            if kind == "jan":
                assert not _corporate_ok(digits), value
            if kind == "order" and len(digits) == 16:
                assert not _luhn_ok(digits), value
    for kind in ("order", "tracking", "jan", "amount", "time", "date", "company", "shop", "place", "word", "version"):
        assert kinds[kind] >= 10, (kind, kinds)


def test_birth_dates_are_not_order_or_event_dates(recs: list[dict[str, Any]]) -> None:
    # every non-birth date the generator writes is a decoy; no DOB span sits where an order date was written
    for rec in recs:
        text = rec["text"]
        for start, end, entity in rec["spans"]:
            if entity != "DATE_OF_BIRTH":
                continue
            before = text[max(0, start - 12) : start]
            assert not re.search(r"注文日|請求日|受付|提出日|Opened|Transaction|hired|入社", before), (
                before,
                text[start:end],
            )


def test_mix_of_languages_templates_and_noise(recs: list[dict[str, Any]]) -> None:
    japanese = sum(rec["templates"][0].startswith("ja_") for rec in recs) / len(recs)
    assert 0.5 <= japanese <= 0.6
    templates = {t for rec in recs for t in rec["templates"]}
    assert len(templates) >= 30
    assert 0.2 <= sum(rec["noisy"] for rec in recs) / len(recs) <= 0.4
    text = "".join(rec["text"] for rec in recs)
    for noise in ("ﾀ", "０", "\u3000"):
        assert noise in text


def test_name_lists_are_our_own_and_large_enough() -> None:
    path = BENCH / "data" / "dev_names.json"
    assert path.stat().st_size < 100_000
    data = corpus.load_names(path)
    assert "hand-written" in data["source"].lower()
    assert len(data["jp_surnames"]) >= 250 and len(data["jp_given"]) >= 250
    assert len(data["latin_given"]) + len(data["latin_surnames"]) >= 300
    for kanji, kana in data["jp_surnames"] + data["jp_given"]:
        assert kanji and re.fullmatch(r"[ぁ-ゖ]+", kana), (kanji, kana)
    assert corpus.romaji("さとう") == "sato" and corpus.romaji("しょうへい") == "shohei"
    assert corpus.romaji("はっとり") == "hattori" and corpus.halfwidth_kana("ヤマダ ジロウ") == "ﾔﾏﾀﾞ ｼﾞﾛｳ"


def test_scorer_counts_overlaps_misses_false_and_unlabelled_findings() -> None:
    sys.path.insert(0, str(BENCH))
    try:
        from scanner_dev import score
    finally:
        sys.path.remove(str(BENCH))

    class Hit:
        def __init__(self, start: int, end: int, entity: str) -> None:
            self.start, self.end, self.entity = start, end, entity

    text = "山田 太郎 様 TEL 090-1234-5678 注文番号 1234-5678-9012"
    rec = {
        "text": text,
        "spans": [[0, 5, "PERSON"], [12, 25, "PHONE_NUMBER"]],
        "templates": ["t"],
        "noisy": False,
        "decoys": [[31, 45, "tracking"]],
    }
    hits = [
        Hit(0, 2, "PERSON"),  # overlaps the name: found, true positive
        Hit(3, 5, "PERSON"),  # a second finding on the same name: also a true positive
        Hit(31, 45, "PHONE_NUMBER"),  # on the tracking-number look-alike: false
        Hit(12, 25, "PERSON"),  # right place, wrong entity: false, and the phone stays missed
        Hit(0, 5, "JP_PASSPORT"),  # an entity never labelled: counted apart
    ]
    result = score([rec], scan=lambda _text: hits)
    person, phone = result["entities"]["PERSON"], result["entities"]["PHONE_NUMBER"]
    assert (person["spans"], person["found"], person["findings"], person["false"]) == (1, 1, 3, 1)
    assert (phone["spans"], phone["found"], phone["findings"], phone["false"]) == (1, 0, 1, 1)
    assert phone["false_on_lookalikes"] == {"tracking": 1} and phone["recall"] == 0.0
    assert result["micro"]["recall"] == 0.5 and result["unlabelled_entities"] == {"JP_PASSPORT": 1}
