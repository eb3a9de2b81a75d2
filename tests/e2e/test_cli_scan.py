"""`hogo scan` as a user runs it: counts and positions, masked previews, JSON, exit codes, a database."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from hogo.cli.main import app
from services import chinook_dir

LETTER = "お客様各位\n氏名：山田　太郎 様\n携帯 090-1234-5678、mail taro@example.co.jp\nマイナンバー 123456789018\n"
VALUES = ["山田", "090-1234-5678", "1234-5678", "taro@example", "123456789018"]


def test_scan_prints_entities_places_and_masks(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    result = CliRunner().invoke(app, ["scan", str(letter)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "4 finding(s)" in out
    assert f"{letter}:2:4  PERSON" in out
    assert f"{letter}:3:4  PHONE_NUMBER" in out
    assert "***-****-5678" in out
    assert f"{letter}:4:8  JP_MY_NUMBER" in out
    for value in VALUES:
        assert value not in out


def test_fail_on_find_and_a_clean_file(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    clean = tmp_path / "clean.txt"
    clean.write_text("注文番号 123456789012 の商品を発送しました。\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["scan", str(letter), "--fail-on-find"]).exit_code == 1
    assert runner.invoke(app, ["scan", str(clean), "--fail-on-find"]).exit_code == 0
    assert "0 finding(s)" in runner.invoke(app, ["scan", str(clean)]).stdout


def test_json_output(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER, encoding="utf-8")
    result = CliRunner().invoke(app, ["scan", str(letter), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    [entry] = doc["files"]
    assert entry["counts"] == {"PERSON": 1, "PHONE_NUMBER": 1, "EMAIL_ADDRESS": 1, "JP_MY_NUMBER": 1}
    first = entry["findings"][0]
    assert (first["line"], first["column"], first["entity"]) == (2, 4, "PERSON")
    for value in VALUES:
        assert value not in result.stdout


def test_scan_a_database(tmp_path: Path) -> None:
    db = tmp_path / "chinook.sqlite"
    shutil.copy(chinook_dir() / "Chinook_Sqlite.sqlite", db)
    result = CliRunner().invoke(app, ["scan", "--database", f"sqlite:///{db}", "--json"])
    assert result.exit_code == 0, result.output
    columns = {(c["table"], c["column"]) for c in json.loads(result.stdout)["database"]["columns"]}
    assert ("Customer", "Email") in columns
    assert ("Employee", "BirthDate") in columns
    assert ("Invoice", "Total") not in columns


def test_usage_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["scan"]).exit_code == 2
    missing = runner.invoke(app, ["scan", str(tmp_path / "missing.txt")])
    assert missing.exit_code == 2
    assert "cannot read" in missing.stderr


def test_standard_input() -> None:
    result = CliRunner().invoke(app, ["scan", "-"], input="連絡先 090-1234-5678\n")
    assert result.exit_code == 0, result.output
    assert "-:1:5  PHONE_NUMBER" in result.stdout
    assert "090-1234-5678" not in result.stdout
