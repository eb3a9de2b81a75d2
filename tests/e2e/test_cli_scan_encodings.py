"""`hogo scan` on Japanese files as they come: Shift_JIS/CP932, EUC-JP, UTF-8 with a BOM; folders; refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hogo.adapters.recognizers.encoding import Undecodable, decode
from hogo.cli.main import app

LETTER = "お客様各位\n氏名：山田　太郎 様\n携帯 090-1234-5678、mail taro@example.co.jp\nマイナンバー 123456789018\n"
SJIS = LETTER.encode("shift_jis")  # real Shift_JIS bytes: 山田 is 8E 52 93 63
CP932 = ("㈱サンプル ①\n" + LETTER).encode("cp932")  # Microsoft's extensions: not plain Shift_JIS


@pytest.mark.parametrize(
    ("data", "encoding", "name"),
    [
        (LETTER.encode("utf-8"), "utf-8", "UTF-8"),
        (LETTER.encode("utf-8-sig"), "utf-8-sig", "UTF-8 (BOM)"),
        (SJIS, "shift_jis", "Shift_JIS"),
        (CP932, "cp932", "CP932"),
        (LETTER.encode("euc_jp"), "euc_jp", "EUC-JP"),
        ("ｶﾀｶﾅ ﾃｽﾄ".encode("euc_jp"), "euc_jp", "EUC-JP"),
        ("ｶﾀｶﾅ ﾃｽﾄ".encode("shift_jis"), "shift_jis", "Shift_JIS"),
    ],
)
def test_each_encoding_is_recognised(data: bytes, encoding: str, name: str) -> None:
    decoded = decode(data)
    assert (decoded.encoding, decoded.name) == (encoding, name)
    assert "山田" in decoded.text or "ｶﾀｶﾅ" in decoded.text
    assert "\ufffd" not in decoded.text


def test_undecodable_bytes_are_refused() -> None:
    assert SJIS[:2] == b"\x82\xa8"
    with pytest.raises(Undecodable):
        decode(bytes(range(0x80, 0x100)) * 2)
    with pytest.raises(Undecodable):
        decode(SJIS, "utf-8")


def test_a_shift_jis_file_is_scanned_and_its_encoding_said(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_bytes(SJIS)
    result = CliRunner().invoke(app, ["scan", str(letter)])
    assert result.exit_code == 0, result.output
    assert f"{letter}: 4 finding(s) / 4件 [Shift_JIS]" in result.stdout
    assert f"{letter}:2:4  PERSON" in result.stdout  # the same places as the UTF-8 letter: decoded, not mojibake
    assert f"{letter}:4:8  JP_MY_NUMBER" in result.stdout


def test_a_folder_is_scanned_recursively_with_filters_one_line_per_file(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b").mkdir()
    (tmp_path / "skip").mkdir()
    (tmp_path / "a" / "sjis.csv").write_bytes(SJIS)
    (tmp_path / "a" / "b" / "euc.txt").write_bytes(LETTER.encode("euc_jp"))
    (tmp_path / "a" / "b" / "bom.txt").write_bytes(LETTER.encode("utf-8-sig"))
    (tmp_path / "a" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "skip" / "other.txt").write_bytes(SJIS)
    runner = CliRunner()
    result = runner.invoke(app, ["scan", str(tmp_path), "--exclude", "skip"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if not line.startswith("  ")]
    counts = "EMAIL_ADDRESS 1, JP_MY_NUMBER 1, PERSON 1, PHONE_NUMBER 1"
    assert lines == [
        f"{tmp_path}/a/b/bom.txt: 4 finding(s) / 4件 [UTF-8 (BOM)] — {counts}",
        f"{tmp_path}/a/b/euc.txt: 4 finding(s) / 4件 [EUC-JP] — {counts}",
        f"{tmp_path}/a/sjis.csv: 4 finding(s) / 4件 [Shift_JIS] — {counts}",
    ]
    only_csv = runner.invoke(app, ["scan", str(tmp_path), "--include", "*.csv", "--json"])
    doc = json.loads(only_csv.stdout)
    assert [(f["file"], f["encoding"]) for f in doc["files"]] == [(f"{tmp_path}/a/sjis.csv", "Shift_JIS")]


def test_a_file_that_is_not_japanese_text_is_refused_with_a_reason(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_bytes(SJIS)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(0x80, 0x100)) * 2)
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"abc\x00def")
    result = CliRunner().invoke(app, ["scan", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{bad}: refused — the bytes are not UTF-8, Shift_JIS/CP932 or EUC-JP" in result.stdout
    assert f"{binary}: refused — binary data (NUL bytes)" in result.stdout
    assert f"{good}: 4 finding(s)" in result.stdout  # the others are still scanned
    assert "2 file(s) refused" in result.stderr
    forced = CliRunner().invoke(app, ["scan", str(good), "--encoding", "utf-8"])
    assert forced.exit_code == 2 and "refused — the bytes are not valid utf-8" in forced.stdout
