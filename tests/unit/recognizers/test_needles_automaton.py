"""The context-word automaton (`needles.py`) finds what the `str.find` passes find: same spans, same findings."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from hogo.adapters.recognizers import needles, scan_text
from hogo.adapters.recognizers.base import (
    endings,
    find_by_ending,
    find_occurrences,
    occurrences,
    occurrences_by_ending,
)

CORPUS = Path(__file__).resolve().parents[3] / "bench" / "scanner_corpus.py"

pytestmark = pytest.mark.skipif(not needles.available(), reason="pyahocorasick not importable or HOGO_NO_AUTOMATON")


@pytest.fixture
def every_set(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Within the test, sets of one or two words go through the automaton too (they are left to `str.find` in use)."""
    monkeypatch.setattr(needles, "MIN_WORDS", 1)
    yield


def both(text: str, words: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> tuple[list[tuple[int, int]], ...]:
    by_automaton = needles.occurrences(text, words)
    assert by_automaton is not None
    monkeypatch.setattr(needles, "ENABLED", False)
    by_find = occurrences(text, words)
    monkeypatch.setattr(needles, "ENABLED", True)
    return by_automaton, by_find


@pytest.mark.usefixtures("every_set")
@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("aaaa", ("aa",), [(0, 2), (2, 4)]),  # one word overlapping itself: successive, non-overlapping
        ("aaaaa", ("aa",), [(0, 2), (2, 4)]),
        ("aaaa", ("aa", "a"), [(0, 1), (0, 2), (1, 2), (2, 3), (2, 4), (3, 4)]),  # each word on its own
        ("お届け先 届け先", ("届け先", "お届け先"), [(0, 4), (1, 4), (5, 8)]),  # a word the suffix of another
        ("Customers customer", ("Customer", "Customers", "Cust"), [(0, 4), (0, 8), (0, 9)]),  # prefixes
        ("", ("a", "bc"), []),
        ("x:", (":", "："), [(1, 2)]),  # at the very end
        ("abcabc", ("abc", "abc"), [(0, 3), (0, 3), (3, 6), (3, 6)]),  # a word listed twice is reported twice
        ("xyz", ("q",), []),
    ],
)
def test_occurrences_equal_the_find_passes(
    text: str, words: tuple[str, ...], expected: list[tuple[int, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    by_automaton, by_find = both(text, words, monkeypatch)
    assert by_automaton == by_find == expected == find_occurrences(text, words)


@pytest.mark.usefixtures("every_set")
def test_one_pass_answers_every_set_and_a_new_text_gets_its_own() -> None:
    first, second = "担当 Mr Smith 様", "様 Mr"
    assert needles.occurrences(first, ("様",)) == [(12, 13)]
    assert needles.occurrences(first, ("Mr", "担当")) == [(0, 2), (3, 5)]
    assert needles.occurrences(second, ("様",)) == [(0, 1)]
    assert needles.occurrences(second, ("Mr", "担当")) == [(2, 4)]
    returned = needles.occurrences(first, ("様",))
    assert returned is not None
    returned.clear()  # the caller's list is its own: the next answer is not emptied
    assert needles.occurrences(first, ("様",)) == [(12, 13)]


@pytest.mark.usefixtures("every_set")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("お届け先は 届け先", [(0, 4), (6, 9)]),  # the longer word where two end at one place
        ("購入者利用者者", [(0, 3), (3, 6)]),
        ("", []),
        ("依頼者", [(0, 3)]),  # at the very end
    ],
)
def test_occurrences_by_ending_equal_the_find_passes(
    text: str, expected: list[tuple[int, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    groups = endings(("届け先", "お届け先", "購入者", "利用者", "依頼者"))
    by_automaton = needles.occurrences_by_ending(text, groups.words)
    assert by_automaton is not None
    monkeypatch.setattr(needles, "ENABLED", False)
    assert by_automaton == occurrences_by_ending(text, groups) == find_by_ending(text, groups) == expected


def test_small_sets_and_empty_words_are_left_to_find() -> None:
    assert occurrences("abc", ()) == []
    assert needles.occurrences("a;b", (";", "；")) is None  # two words: `str.find` is cheaper
    assert occurrences("a;b", (";", "；")) == [(1, 2)]
    assert needles.occurrences("abc", ("", "a", "b")) is None  # `str.find` would find "" everywhere: never registered


@pytest.fixture(scope="module")
def corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("scanner_corpus", CORPUS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["scanner_corpus"] = module
    spec.loader.exec_module(module)
    return module


TRICKY = [
    "REQUESTERequester: Mary Smith",  # a role word overlapping itself in two spellings
    "tenanTenant Mary Smith, employeEmployee John Brown",
    "Requester: requester: Jane Doe",
    "İstanbul customer: Mary Smith",  # lower case changes the length
    "お届け先は山田太郎様、届け先 佐藤花子、依頼者 鈴木一郎",
    "氏名: 山田 太郎\n生年月日: 1985年4月12日生\n〒100-0001 東京都千代田区千代田1-1\nTEL 090-1234-5678",
    "Name: John Smith\nDOB: 04/12/1985\nZip: 10001\nPhone: +1 212-555-0100\nAddress: 1 Main Street",
    "name,birth_date,phone,zip\nMary Smith,1985-04-12,090-1234-5678,100-0001\n",
    '{"user": "山田太郎", "recipient": "Mary Smith"}',
    "Yamada-san and Kyoko-sama met Dr Brown and Mrs. Green.",
    "",
    ":",
    "様",
]


def _findings(texts: list[str]) -> list[list[tuple[str, int, int, float, str]]]:
    return [[tuple(f) for f in scan_text(text)] for text in texts]  # type: ignore[misc]


def test_scan_text_finds_the_same_with_and_without_the_automaton(
    corpus: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [corpus.build(200_000).text, corpus.prose(200_000), *TRICKY]
    by_automaton = _findings(texts)
    monkeypatch.setattr(needles, "ENABLED", False)
    by_find = _findings(texts)
    assert by_automaton == by_find
    assert sum(map(len, by_automaton)) > 2_000  # the corpus is found in, not an empty comparison
    assert any(f[4] == "person_latin" for f in by_automaton[2])  # REQUESTERequester's Mary Smith


def test_hogo_no_automaton_switches_it_off() -> None:
    check = (
        "from hogo.adapters.recognizers import needles, scan_text; "
        "print(needles.available(), len(scan_text('担当 山田太郎')))"
    )

    def run(value: str) -> list[str]:
        env = {**os.environ, "HOGO_NO_AUTOMATON": value}
        done = subprocess.run([sys.executable, "-c", check], env=env, capture_output=True, text=True, check=True)
        return done.stdout.split()

    assert run("1") == ["False", "1"]
    assert run("") == ["True", "1"]


def test_the_scanned_text_is_not_held_after_its_scan() -> None:
    """The shared pass caches its answer for the text being scanned; once `scan_text` returns, neither the text
    (personal data and all) nor its answer stays in the module."""
    from hogo.adapters.recognizers import needles
    from hogo.adapters.recognizers.scan import scan_text

    if not needles.available():
        pytest.skip("pyahocorasick is not importable here: the str.find path holds nothing")
    text = "お届け先は山田太郎様、電話 090-1234-5678 まで。customer John Smith"
    assert needles.occurrences(text, needles.register(("お届け先", "customer", "電話"))) is not None
    assert needles._COMBINED.last is not None  # a pass outside scan_text is held until released
    findings = scan_text(text)
    assert findings
    assert needles._COMBINED.last is None
