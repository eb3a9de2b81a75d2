"""The Hyperscan path (`engine.py`, ADR 0030) finds what `re` and the automaton find: same matches, same findings."""

from __future__ import annotations

import importlib.util
import os
import random
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType

import pytest

from hogo.adapters.recognizers import engine, needles, scan_text
from hogo.adapters.recognizers.contact import IpAddress
from hogo.adapters.recognizers.numbers import CorporateNumber, CreditCard, MyNumber
from hogo.adapters.recognizers.phone import PhoneNumber

CORPUS = Path(__file__).resolve().parents[3] / "bench" / "scanner_corpus.py"
REGISTERED = [
    MyNumber._pattern,
    CorporateNumber._pattern,
    CreditCard._pattern,
    IpAddress._v4,
    PhoneNumber._us,
    PhoneNumber._uk,
]

pytestmark = pytest.mark.skipif(not engine.available(), reason="hyperscan not importable or HOGO_NO_HYPERSCAN")


@pytest.fixture(autouse=True)
def short_texts_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """Within these tests, texts of any length take the native path (in use, only texts of `MIN_CHARS` or more)."""
    monkeypatch.setattr(engine, "MIN_CHARS", 0)


_PIECES = [
    "0",
    "1",
    "4",
    "9",
    "12",
    "123",
    "2025",
    "4111",
    "35",
    "T",
    "a",
    "Z",
    "é",
    "ö",
    "日",
    "ー",
    "−",
    "–",
    "?",
    " ",
    "-",
    ".",
    "/",
    "(",
    ")",
    "+",
    "\n",
    ":",
    "#",
    "番号",
]


def digits(rng: random.Random, size: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(size))


def noise(rng: random.Random, size: int) -> str:
    """Digits in runs of every length, glued to letters (ASCII, Latin-1, Japanese) and separators of every kind:
    where a look-behind, a look-ahead or a back-reference decides, and where the byte mapping could go wrong."""
    out: list[str] = []
    length = 0
    while length < size:
        roll = rng.random()
        if roll < 0.4:
            piece = digits(rng, rng.randint(1, 20))
        elif roll < 0.6:  # groups of digits: dotted quads, 212-555-0147, (212) 555 0147, 4111 1111 …
            longest = rng.choice((3, 4, 6))
            groups = [digits(rng, rng.randint(1, longest)) for _ in range(rng.randint(2, 5))]
            piece = " " + rng.choice([".", "-", " ", ") "]).join(groups) + rng.choice(["", " "])
        else:
            piece = rng.choice(_PIECES)
        out.append(piece)
        length += len(piece)
    return "".join(out)


def spans(matches: object) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("pattern", REGISTERED, ids=lambda p: p.pattern[:24])
def test_finditer_gives_the_matches_of_re(pattern: re.Pattern[str], seed: int) -> None:
    text = noise(random.Random(seed), 40_000)
    native = spans(engine.finditer(pattern, text))
    assert native == spans(pattern.finditer(text))
    engine.release(text)


def test_the_noise_holds_matches_of_every_pattern() -> None:
    """Not an empty comparison: each registered pattern matches the generated text many times."""
    text = noise(random.Random(0), 40_000)
    assert all(len(spans(p.finditer(text))) >= 5 for p in REGISTERED)


def test_an_unregistered_pattern_goes_to_re_and_a_loose_one_is_refused() -> None:
    pattern = re.compile(r"[0-9]{3}-[0-9]{4}")
    assert spans(engine.finditer(pattern, "〒123-4567 と 765-4321")) == [(1, 9, "123-4567"), (12, 20, "765-4321")]
    for refused in (r"\b[0-9]{4}\b", r"[^0-9][0-9]{4}", r"[0-9]+", r"(?i)ab"):
        with pytest.raises(ValueError, match=r"byte|unbounded"):
            engine._PREFILTER.register(re.compile(refused), None)


@pytest.fixture(scope="module")
def corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("scanner_corpus", CORPUS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["scanner_corpus"] = module
    spec.loader.exec_module(module)
    return module


def test_scan_text_finds_the_same_with_and_without_hyperscan(
    corpus: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [corpus.build(200_000, 11).text, corpus.prose(100_000, 11), noise(random.Random(7), 30_000)]
    native = [list(scan_text(t)) for t in texts]
    monkeypatch.setattr(engine, "ENABLED", False)  # `re` for the numbers, the automaton for the words
    fallback = [list(scan_text(t)) for t in texts]
    monkeypatch.setattr(needles, "ENABLED", False)  # `re` and `str.find`
    plain = [list(scan_text(t)) for t in texts]
    assert native == fallback == plain
    assert len(native[0]) > 2_000
    assert {f.entity for f in native[0]} >= {"JP_MY_NUMBER", "JP_CORPORATE_NUMBER", "CREDIT_CARD", "IP_ADDRESS"}


def test_the_words_are_found_by_hyperscan_as_by_the_automaton(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "REQUESTERequester: お届け先 届け先 aaaa tenanTenant 𠮷田様 customer:" * 50
    words = needles.register(("aa", "Requester", "tenant", "Tenant", "お届け先", "届け先", "様", "customer"))
    native = needles.occurrences(text, words)
    needles.release(text)
    monkeypatch.setattr(engine, "ENABLED", False)
    automaton = needles.occurrences(text, words)
    needles.release(text)
    assert native == automaton
    assert native is not None and len(native) > 400


def test_hogo_no_hyperscan_switches_it_off() -> None:
    check = (
        "from hogo.adapters.recognizers import engine, scan_text; "
        "print(engine.available(), len(scan_text('TEL 090-1234-5678')))"
    )

    def run(value: str) -> list[str]:
        env = {**os.environ, "HOGO_NO_HYPERSCAN": value}
        done = subprocess.run([sys.executable, "-c", check], env=env, capture_output=True, text=True, check=True)
        return done.stdout.split()

    assert run("1") == ["False", "1"]
    assert run("") == ["True", "1"]


def test_the_scanned_text_is_not_held_after_its_scan() -> None:
    text = "My Number 1234 5678 9018, card 4111 1111 1111 1111, 192.168.0.1"
    assert list(engine.finditer(IpAddress._v4, text))
    assert engine._PREFILTER.last is not None
    assert scan_text(text)
    assert engine._PREFILTER.last is None


def test_a_short_text_takes_the_re_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "MIN_CHARS", 50_000)
    text = "My Number 1234 5678 9018, card 4111 1111 1111 1111, 192.168.0.1"
    assert spans(engine.finditer(IpAddress._v4, text)) == [(52, 63, "192.168.0.1")]
    assert engine._PREFILTER.last is None  # no pass, no database compiled for it
    assert not engine.use_for(text) and engine.use_for(text * 800)


def test_scans_in_several_threads_at_once_find_the_same(corpus: ModuleType) -> None:
    """Each thread scans with its own Hyperscan scratch space (one serves one scan at a time)."""
    texts = [corpus.build(120_000, seed).text for seed in (21, 22, 23, 24)] * 2
    alone = [list(scan_text(t)) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda t: list(scan_text(t)), texts))
    assert together == alone
    assert all(len(found) > 1_000 for found in alone)


@pytest.mark.parametrize(
    "source",
    [
        r"[0-9]{4}(?![ -][0-9]{4} )",  # a look-ahead reading five characters past the match
        r"[0-9]{2}(?=(?:[-.][0-9]{2}){2}(?![0-9]))",  # one inside another
        r"(?<=[ (])[0-9]{3}(?:[-. ][0-9]{2,4}){1,2}",
    ],
)
def test_a_pattern_registered_later_with_a_long_look_ahead_gives_the_matches_of_re(source: str) -> None:
    pattern = re.compile(source)
    engine._PREFILTER.register(pattern, None)
    for seed in (3, 4):
        text = noise(random.Random(seed), 40_000)
        expected = spans(pattern.finditer(text))
        assert spans(engine.finditer(pattern, text)) == expected
        assert len(expected) >= 5
        engine.release(text)
