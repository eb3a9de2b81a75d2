"""`hogo incidents …` on SQLite and PostgreSQL, as the officer uses it from the shell."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from hogo.bootstrap import Container
from hogo.cli.main import app
from hogo.identity.policy import system_actor
from hogo.subjects.schemas import AcquisitionIn, IdentifierIn


@pytest.fixture
def cli(vault: Container, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    monkeypatch.setenv("HOGO_DATABASE_URL", vault.settings.database_url)
    monkeypatch.setenv("HOGO_KEY_FILE", str(vault.settings.key_file))
    monkeypatch.setenv("HOGO_MAIL_LOG", str(tmp_path / "mail.log"))
    for n in range(2):
        data = AcquisitionIn(
            subject_kind="customer",
            identifiers=[IdentifierIn(kind="email", value=f"k{n}@example.jp")],
            values={"name": f"顧客 {n}", "email": f"k{n}@example.jp"},
            channel="web-order",
        )
        vault.subjects.acquire(data, system_actor("test"))
    return CliRunner()


def test_record_show_export_file_once_and_notify(cli: CliRunner, tmp_path: Path) -> None:
    made = cli.invoke(
        app,
        [
            "incidents",
            "record",
            "--kind",
            "stolen_device",
            "--item",
            "name",
            "--item",
            "email",
            "--subject-kind",
            "customer",
            "--description",
            "ノートPCの盗難",
        ],
    )
    assert made.exit_code == 0, made.output
    assert "個人情報保護委員会への報告が必要です" in made.stdout and "規則第7条第3号" in made.stdout
    assert "persons concerned: 2" in made.stdout
    incident = re.search(r"^(inc_[0-9a-f]+)", made.stdout, re.M)
    preliminary = re.search(r"report (ir_[0-9a-f]+)  速報", made.stdout)
    assert incident is not None and preliminary is not None
    iid, rid = incident.group(1), preliminary.group(1)
    pdf = tmp_path / "report.pdf"
    exported = cli.invoke(app, ["incidents", "report", iid, rid, "--pdf", str(pdf)])
    assert exported.exit_code == 0 and "■速報" in PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text()
    filed = cli.invoke(app, ["incidents", "file", iid, rid, "--reference", "PPC-77"])
    assert filed.exit_code == 0 and "reference PPC-77" in filed.stdout and "速報済み" in filed.stdout
    twice = cli.invoke(app, ["incidents", "file", iid, rid, "--reference", "PPC-78"])
    assert twice.exit_code == 1 and "error[incident-report-already-filed]" in twice.stderr
    told = cli.invoke(app, ["incidents", "notify", iid])
    assert told.exit_code == 0 and "mailed 2" in told.stdout
    log = (tmp_path / "mail.log").read_text(encoding="utf-8")
    assert "To: k0@example.jp" in log and "To: k1@example.jp" in log and "個人情報の漏えい等に関するお知らせ" in log
    shown = cli.invoke(app, ["incidents", "show", iid, "--timeline"])
    assert shown.exit_code == 0 and "report_filed" in shown.stdout and "notices_sent" in shown.stdout


def test_an_awareness_in_the_future_is_refused(cli: CliRunner) -> None:
    refused = cli.invoke(
        app, ["incidents", "record", "--kind", "lost_device", "--item", "name", "--aware-at", "2099-01-01T09:00"]
    )
    assert refused.exit_code == 1 and "error[incident-aware-in-future]" in refused.stderr
    listed = cli.invoke(app, ["incidents", "list"])
    assert listed.exit_code == 0 and listed.stdout == ""
