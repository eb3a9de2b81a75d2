"""NFKC normalisation with offsets mapped back to the text as given."""

from __future__ import annotations

import unicodedata

from hogo.adapters.recognizers.normalize import normalize


def test_ascii_and_nfkc_text_are_returned_unchanged() -> None:
    for text in ["plain ascii", "山田太郎です。"]:
        n = normalize(text)
        assert n.text == text
        assert not n.shifted


def test_full_width_forms_keep_offsets() -> None:
    text = "電話０９０－１２３４－５６７８　です"
    n = normalize(text)
    assert n.text == "電話090-1234-5678 です"
    assert not n.shifted


def test_length_changing_clusters_map_back() -> None:
    text = "㈱ﾃｽﾄ ﾔﾏﾀﾞ 090-1234-5678 ①"
    n = normalize(text)
    assert n.text == unicodedata.normalize("NFKC", text)
    for needle, original in [("テスト", "ﾃｽﾄ"), ("ヤマダ", "ﾔﾏﾀﾞ"), ("090-1234-5678", "090-1234-5678"), ("1", "①")]:
        start = n.text.rindex(needle)
        s, e = n.original_span(start, start + len(needle))
        assert text[s:e] == original


def test_a_span_ending_inside_a_cluster_covers_the_whole_cluster() -> None:
    text = "ｶﾞｷﾞ"
    n = normalize(text)
    assert n.text == "ガギ"
    assert n.original_span(0, 1) == (0, 2)
    assert n.original_span(1, 2) == (2, 4)
