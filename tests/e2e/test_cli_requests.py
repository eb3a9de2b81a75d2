"""`hogo requests …` as the desk runs it: file a posted request, check identity, fee, decide, fulfil, letter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hogo import bootstrap
from hogo.adapters.keyring import FileKeyring
from hogo.cli.main import app
from hogo.clock import SystemClock
from hogo.identity.policy import system_actor
from hogo.settings import Settings
from hogo.subjects.schemas import AcquisitionIn, IdentifierIn

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("HOGO_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("HOGO_KEY_FILE", str(tmp_path / "keys.json"))
    monkeypatch.setenv("HOGO_MAIL_LOG", str(tmp_path / "mail.log"))
    monkeypatch.setenv("HOGO_ACTOR", "desk-suzuki")
    FileKeyring.create(tmp_path / "keys.json", SystemClock().now())  # the CLI below runs on the system clock
    runner = CliRunner()
    assert runner.invoke(app, ["ledger", "apply", str(FIXTURES / "vault.yaml")]).exit_code == 0
    c = bootstrap.build(Settings())
    try:
        c.subjects.acquire(
            AcquisitionIn(
                subject_kind="customer",
                identifiers=[IdentifierIn(kind="email", value="hanako@example.jp")],
                values={"name": "山田 花子", "email": "hanako@example.jp"},
                channel="web-order",
            ),
            system_actor("test"),
        )
    finally:
        c.close()
    return runner


def ok(run: CliRunner, *args: str) -> str:
    result = run.invoke(app, ["requests", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_posted_disclosure_from_intake_to_letter(run: CliRunner, tmp_path: Path) -> None:
    out = ok(
        run,
        *("file", "--kind", "disclosure", "--channel", "post", "--identifier", "email=hanako@example.jp"),
        *("--name", "山田 花子", "--email", "hanako@example.jp", "--postal-code", "100-0005", "--address", "東京都"),
    )
    request_id = out.split()[0]
    assert request_id.startswith("rq_") and "received" in out and "/portal/requests/status/" in out
    mail = (tmp_path / "mail.log").read_text(encoding="utf-8")
    assert request_id in mail and "hanako@example.jp" in mail
    assert "fee_pending" in ok(run, "identity", request_id, "--document", "drivers_licence")
    assert "in_review" in ok(run, "fee", request_id, "--method", "postal_money_order", "--amount", "500")
    assert "decided" in ok(run, "decide", request_id, "--outcome", "full")
    fulfilled = ok(run, "fulfil", request_id)
    assert "fulfilled" in fulfilled and "  notified " in fulfilled  # the mail log took the answer at once
    mails = ok(run, "mail", request_id).splitlines()
    assert [line.split()[1:3] for line in mails] == [["request.answer", "sent"], ["request.acknowledged", "sent"]]
    pdf = tmp_path / "answer.pdf"
    ok(run, "letter", request_id, "--output", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    assert re.search(rf"^{request_id}\s+開示 \[disclosure\]  郵送 \[post\]", ok(run, "list", "--all"), re.MULTILINE)
    assert "closed" in ok(run, "close", request_id)
    assert ok(run, "list") == ""


def test_a_letter_answer_is_notified_when_the_desk_records_it_posted(run: CliRunner) -> None:
    request_id = ok(run, "file", "--kind", "disclosure", "--channel", "post", "--identifier", "email=hanako@example.jp")
    request_id = request_id.split()[0]
    ok(run, "identity", request_id, "--document", "drivers_licence")
    ok(run, "fee", request_id, "--method", "postal_money_order", "--amount", "500")
    ok(run, "decide", request_id, "--outcome", "full")
    assert "not notified yet" in ok(run, "fulfil", request_id)  # no address: a letter to post
    assert ok(run, "mail", request_id) == ""
    assert "  notified " in ok(run, "letter-posted", request_id)
    again = run.invoke(app, ["requests", "letter-posted", request_id])
    assert again.exit_code == 1 and "はすでに通知済みです" in again.output


def test_mail_log_is_readable_by_its_owner_only(run: CliRunner, tmp_path: Path) -> None:
    ok(run, "file", "--kind", "complaint", "--channel", "phone", "--email", "hanako@example.jp")
    assert (tmp_path / "mail.log").stat().st_mode & 0o777 == 0o600  # it holds status links and codes


def test_errors_exit_one_with_their_code(run: CliRunner) -> None:
    request_id = ok(run, "file", "--kind", "complaint", "--channel", "phone").split()[0]
    result = run.invoke(app, ["requests", "decide", request_id, "--outcome", "refused"])
    assert result.exit_code == 1 and "error[invalid-input]" in result.stderr
    result = run.invoke(app, ["requests", "fulfil", "rq_nope"])
    assert result.exit_code == 1 and "error[not-found]" in result.stderr
    bad = run.invoke(app, ["requests", "file", "--kind", "erasure", "--channel", "post"])
    assert bad.exit_code == 1 and "Art. 35" in bad.stderr


def test_the_audit_trail_of_one_person_filtered_and_exported(run: CliRunner, tmp_path: Path) -> None:
    ok(run, "file", "--kind", "disclosure", "--channel", "post", "--identifier", "email=hanako@example.jp")
    listed = run.invoke(app, ["audit", "events", "--person", "email=hanako@example.jp", "--limit", "1"])
    assert listed.exit_code == 0, listed.output
    assert "request.received" in listed.stdout and "hanako@example.jp" not in listed.stdout
    assert "more: --before " in listed.stderr  # the acquisition is older
    out = tmp_path / "audit.csv"
    exported = run.invoke(app, ["audit", "export", "-o", str(out), "--person", "email=hanako@example.jp"])
    assert exported.exit_code == 0, exported.output
    lines = out.read_text(encoding="utf-8").splitlines()
    written = int(exported.stdout.split("wrote ")[1].split(": ")[1].split(" of ")[0])
    assert len(lines) == written + 2 and written >= 2 and lines[-1].startswith("verification,")
    assert "audit chain intact over every event read" in exported.stdout
    assert run.invoke(app, ["audit", "events", "--person", "email"]).exit_code == 1
    bad = run.invoke(app, ["audit", "events", "--since", "yesterday"])
    assert bad.exit_code == 1 and "not an ISO date" in bad.stderr
