"""The `hogo` command as a user runs it: exit codes, FILE:LINE output, apply/show/diff, audit verify."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine
from typer.testing import CliRunner

from hogo.cli.main import app
from hogo.db import migrate

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("HOGO_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("HOGO_ACTOR", "officer")
    return CliRunner()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_check_valid_file_exits_zero(run: CliRunner) -> None:
    result = run.invoke(app, ["ledger", "check", str(FIXTURES / "minimal.yaml")])
    assert result.exit_code == 0, result.output
    assert "有効 — 個人情報保護法のエラー 0 件、警告 0 件" in result.stderr  # Japanese unless asked
    english = run.invoke(app, ["ledger", "check", "--lang", "en", str(FIXTURES / "minimal.yaml")])
    assert "valid — 0 APPI error(s), 0 warning(s)" in english.stderr


def test_check_reports_every_problem_with_file_and_line(run: CliRunner, tmp_path: Path, minimal_yaml: str) -> None:
    bad = minimal_yaml.replace("category: contact", "category: contakt").replace(
        "    name: {ja: 受注データベース", "    nmae: {ja: 受注データベース"
    )
    path = write(tmp_path, "bad.yaml", bad)
    result = run.invoke(app, ["ledger", "check", "--lang", "en", str(path)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    category_line = bad.splitlines().index("    category: contakt") + 1
    key_line = bad.splitlines().index("    nmae: {ja: 受注データベース, en: Order database}") + 1
    assert any(line.startswith(f"{path}:{category_line}: invalid-value ") for line in lines), lines
    assert f"{path}:{key_line}: unknown-key error: datasets[0].nmae: unknown key 'nmae'; did you mean 'name'?" in lines
    assert any(" missing-key " in line for line in lines)
    assert "invalid" in result.stderr


def test_check_lint_errors_fail_unless_fail_on_never(run: CliRunner, tmp_path: Path, minimal_yaml: str) -> None:
    path = write(
        tmp_path,
        "nofee.yaml",
        minimal_yaml.replace(
            "{kind: correction, channels: [post, email, web_form]}",
            "{kind: correction, channels: [post], fee: {amount_jpy: 300}}",
        ),
    )
    result = run.invoke(app, ["ledger", "check", str(path)])
    assert result.exit_code == 1
    assert "art38-fee-not-allowed エラー: 「訂正等（訂正・追加・削除）」に手数料が設定されています" in result.stdout
    assert "(Art. 38(1))" in result.stdout
    english = run.invoke(app, ["ledger", "check", str(path)], env={"HOGO_LANG": "en"})
    assert "art38-fee-not-allowed error: a fee is set for 'correction'" in english.stdout
    assert run.invoke(app, ["ledger", "check", "--fail-on", "never", str(path)]).exit_code == 0


def test_check_missing_file(run: CliRunner, tmp_path: Path) -> None:
    result = run.invoke(app, ["ledger", "check", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 1
    assert f"{tmp_path / 'nope.yaml'}:0: unreadable" in result.stdout


def test_apply_show_diff_and_audit(run: CliRunner, tmp_path: Path, minimal_yaml: str) -> None:
    first = run.invoke(app, ["ledger", "apply", str(FIXTURES / "minimal.yaml")])
    assert first.exit_code == 0, first.output
    assert "applied: version 1" in first.stdout and "by officer" in first.stdout

    same = run.invoke(app, ["ledger", "apply", str(FIXTURES / "minimal.yaml")])
    assert "unchanged: version 1" in same.stdout

    widened = (
        minimal_yaml.replace("  - id: customer\n", "  - id: customer\n", 1)
        .replace(
            "subject_kinds:\n  - id: customer\n    label: {ja: お客様, en: Customers}\n",
            "subject_kinds:\n  - id: customer\n    label: {ja: お客様, en: Customers}\n"
            "  - id: member\n    label: {ja: 会員, en: Members}\n",
        )
        .replace(
            "    subject_kinds: [customer]\n    items: [name, email]\nchannels:",
            "    subject_kinds: [customer, member]\n    items: [name, email]\nchannels:",
        )
    )
    second = run.invoke(app, ["ledger", "apply", "--yes", str(write(tmp_path, "v2.yaml", widened))])
    assert second.exit_code == 0, second.output
    assert "applied: version 2" in second.stdout
    assert "~ purposes: service (subject_kinds)" in second.stdout
    assert "! needs consent:" in second.stdout and "(Art. 18(1))" in second.stdout

    show = run.invoke(app, ["ledger", "show"])
    assert "version 2" in show.stdout and "株式会社サンプル" in show.stdout and "subject_kinds: 2" in show.stdout
    old_source = run.invoke(app, ["ledger", "show", "--version", "1", "--source"])
    assert old_source.stdout == minimal_yaml

    diff = run.invoke(app, ["ledger", "diff", "1", "2"])
    assert "+ subject_kinds: member" in diff.stdout
    assert run.invoke(app, ["ledger", "diff", "1", "9"]).exit_code == 1

    versions = run.invoke(app, ["ledger", "versions"])
    assert [line.split()[0] for line in versions.stdout.splitlines()] == ["1", "2"]

    verify = run.invoke(app, ["audit", "verify"])
    assert verify.exit_code == 0 and "2 event(s) verified" in verify.stdout
    events = run.invoke(app, ["audit", "events", "--action", "ledger."])
    assert events.stdout.count("ledger.applied") == 2


def test_apply_invalid_file_stores_nothing(run: CliRunner, tmp_path: Path, minimal_yaml: str) -> None:
    path = write(tmp_path, "bad.yaml", minimal_yaml.replace("period: 3y", "period: forever"))
    result = run.invoke(app, ["ledger", "apply", str(path)])
    assert result.exit_code == 1
    assert "error[ledger-invalid]" in result.stderr and "台帳に誤りがあるため、何も適用していません" in result.stderr
    english = run.invoke(app, ["ledger", "apply", str(path)], env={"HOGO_LANG": "en"})
    assert english.exit_code == 1 and "invalid; nothing was applied" in english.stderr
    shown = run.invoke(app, ["ledger", "show"])
    assert shown.exit_code == 1 and "error[no-ledger]" in shown.stderr


def test_notice_from_an_invalid_file_renders_nothing(run: CliRunner, tmp_path: Path, minimal_yaml: str) -> None:
    path = write(tmp_path, "bad.yaml", minimal_yaml.replace("category: contact", "category: nonsense"))
    result = run.invoke(app, ["notice", "render", "--ledger", str(path)])
    assert result.exit_code == 1 and result.stdout == ""
    assert " invalid-value " in result.stderr and "error[ledger-invalid]" in result.stderr


def test_ledger_notice_renders_a_file_before_it_is_applied(run: CliRunner, tmp_path: Path, minimal_yaml: str) -> None:
    path = write(tmp_path, "draft.yaml", minimal_yaml.replace("受注データベース", "下書きの受注データベース"))
    result = run.invoke(app, ["ledger", "notice", str(FIXTURES / "minimal.yaml")])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# ") and "利用目的" in result.stdout
    out = tmp_path / "draft.html"
    english = run.invoke(app, ["ledger", "notice", str(path), "--lang", "en", "--format", "html", "-o", str(out)])
    assert english.exit_code == 0 and f"wrote {out}" in english.stderr and english.stdout == ""
    assert '<html lang="en">' in out.read_text(encoding="utf-8")
    assert not (tmp_path / "cli.db").exists()  # drafting needs no store: nothing was applied
    assert run.invoke(app, ["ledger", "versions"]).stderr.endswith("no ledger has been applied yet\n")


def test_ledger_notice_of_a_file_that_is_not_a_ledger_exits_2(
    run: CliRunner, tmp_path: Path, minimal_yaml: str
) -> None:
    path = write(tmp_path, "bad.yaml", minimal_yaml.replace("category: contact", "category: nonsense"))
    result = run.invoke(app, ["ledger", "notice", "--lang", "en", str(path)])
    assert result.exit_code == 2 and result.stdout == ""
    line = minimal_yaml.splitlines().index("    category: contact") + 1
    assert f"{path}:{line}: invalid-value " in result.stderr and "invalid" in result.stderr
    missing = run.invoke(app, ["ledger", "notice", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2 and f"{tmp_path / 'nope.yaml'}:0: unreadable" in missing.stderr


def test_notice_from_the_version_in_force(run: CliRunner, tmp_path: Path) -> None:
    assert run.invoke(app, ["notice", "render"]).exit_code == 1  # nothing applied yet
    run.invoke(app, ["ledger", "apply", str(FIXTURES / "minimal.yaml")])
    out = tmp_path / "privacy.html"
    result = run.invoke(app, ["notice", "render", "--lang", "en", "--format", "html", "--output", str(out)])
    assert result.exit_code == 0 and f"wrote {out}" in result.stderr
    assert '<html lang="en">' in out.read_text(encoding="utf-8")


def test_db_commands(run: CliRunner) -> None:
    assert "current: none" in run.invoke(app, ["db", "current"]).stdout
    head = migrate.head_revision(create_engine("sqlite://"))
    assert f"database at revision {head}" in run.invoke(app, ["db", "upgrade"]).stdout
    assert "database at revision base" in run.invoke(app, ["db", "downgrade", "base"]).stdout


def test_another_companys_ledger_is_refused_until_told_how(
    run: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hogo import bootstrap
    from hogo.adapters.keyring import FileKeyring
    from hogo.clock import SystemClock
    from hogo.identity.policy import system_actor
    from hogo.settings import Settings
    from hogo.subjects.schemas import AcquisitionIn, IdentifierIn

    keys = tmp_path / "keys.json"
    monkeypatch.setenv("HOGO_KEY_FILE", str(keys))
    FileKeyring.create(keys, SystemClock().now())  # the CLI below runs on the system clock
    examples = FIXTURES.parent.parent / "examples"
    assert run.invoke(app, ["ledger", "apply", str(examples / "japanet" / "ledger.yaml")]).exit_code == 0
    c = bootstrap.build(Settings())
    try:
        for n in range(3):
            email = f"m{n}@example.jp"
            c.subjects.acquire(
                AcquisitionIn(
                    subject_kind="customer",
                    identifiers=[IdentifierIn(kind="email", value=email)],
                    values={"name": "山田 花子", "phone": f"090-0000-000{n}"},
                    channel="internet",
                    purposes=["delivery-and-installation"],
                ),
                system_actor("test"),
            )
    finally:
        c.close()
    other = str(examples / "chinook" / "ledger.yaml")

    dry = run.invoke(app, ["ledger", "apply", "--dry-run", other])
    assert dry.exit_code == 0, dry.output
    assert "- purposes: delivery-and-installation" in dry.stdout
    assert "! purpose delivery-and-installation: 6 record(s) of 3 person(s) held under it" in dry.stdout
    assert "dry run: nothing was applied" in dry.stdout

    declined = run.invoke(app, ["ledger", "apply", other], input="n\n")
    assert declined.exit_code == 1 and "not applied" in declined.stdout

    refused = run.invoke(app, ["ledger", "apply", "--yes", other])
    assert refused.exit_code == 1
    assert "error[invalid-input]" in refused.stderr and "台帳のどこにも属さなくなります" in refused.stderr
    assert "delivery-and-installation" in refused.stderr and "（--dispose）" in refused.stderr
    english = run.invoke(app, ["ledger", "apply", "--yes", other], env={"HOGO_LANG": "en"})
    assert english.exit_code == 1 and "--retire-to PURPOSE" in english.stderr
    versions = run.invoke(app, ["ledger", "versions"])
    assert [line.split()[0] for line in versions.stdout.splitlines()] == ["1"]

    disposed = run.invoke(app, ["ledger", "apply", "--yes", "--dispose", other])
    assert disposed.exit_code == 0, disposed.output
    assert "applied: version 2" in disposed.stdout
    assert "record(s) handed to retention for disposal" in disposed.stdout
    assert "before they take effect" not in disposed.stdout


def test_export_writes_the_register_of_the_version_in_force(run: CliRunner, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    assert run.invoke(app, ["ledger", "export", "-o", str(tmp_path / "r.xlsx")]).exit_code == 1  # nothing applied
    run.invoke(app, ["ledger", "apply", str(FIXTURES / "vault.yaml")])
    refused = run.invoke(app, ["ledger", "export", "-o", str(tmp_path / "r.csv")])
    assert refused.exit_code == 1 and "written as .xlsx" in refused.stderr
    result = run.invoke(app, ["ledger", "export", "-o", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(tmp_path / "r.xlsx")["個人情報管理台帳"]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert f"wrote {tmp_path / 'r.xlsx'}: {len(rows)} row(s) (item × purpose) from version 1" in result.stdout
    pairs = {(r[7], r[2]) for r in rows}
    assert ("payroll", "my-number") in pairs and ("service", "postal-code") in pairs and len(pairs) == len(rows)
