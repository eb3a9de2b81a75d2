"""The audit log's Merkle tree on a real store (SQLite and PostgreSQL): appended with the events, signed checkpoints
published and verified, proofs handed out and checked offline, and every tampering named."""

from __future__ import annotations

import base64
import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, select, text, update
from typer.testing import CliRunner

from hogo import bootstrap
from hogo.audit import merkle, tree
from hogo.audit.checkpoints import RolledBack, verify_bundle, verify_consistency_bundle
from hogo.audit.keys import AuditKeyFile, read_verifiers
from hogo.audit.models import AuditCheckpoint, AuditEvent, AuditHead, AuditNode
from hogo.audit.note import Checkpoint, NoteError, SigningKey, open_checkpoint
from hogo.audit.witness import WitnessRefused, cosign
from hogo.cli.main import app
from hogo.clock import FixedClock
from hogo.consent.schemas import ConsentIn, ConsentKind, ConsentMethod
from hogo.identity.policy import Actor
from hogo.settings import Settings
from hogo.subjects.schemas import AcquisitionIn

Container = bootstrap.Container


@pytest.fixture
def log(database_url: str, clock: FixedClock, key_file: Path, tmp_path: Path) -> Iterator[Container]:
    """A container whose checkpoints are signed with a key beside the key file and published to a directory."""
    AuditKeyFile(key_file.with_name("hogo-audit.key")).create("log.example/audit")
    settings = Settings(
        database_url=database_url,
        key_file=key_file,
        decision_flush_seconds=3600,
        audit_publish=str(tmp_path / "published"),
        audit_checkpoint_events=5,
    )
    built = bootstrap.build(settings, clock)
    try:
        yield built
    finally:
        built.close()


def record(container: Container, n: int, tag: str = "") -> None:
    with container.uow() as uow:
        for i in range(n):
            uow.record(actor="t", action="test.recorded", entity_type="thing", entity_id=f"{tag}{i}", data={"i": i})
        uow.commit()


def bodies(container: Container) -> list[bytes]:
    with container.engine.connect() as conn:
        return [bytes(b) for b in conn.execute(select(AuditEvent.body).order_by(AuditEvent.seq)).scalars()]


def cli(container: Container, monkeypatch: pytest.MonkeyPatch, *args: str) -> Any:
    monkeypatch.setenv("HOGO_DATABASE_URL", container.settings.database_url)
    monkeypatch.setenv("HOGO_KEY_FILE", str(container.settings.key_file))
    monkeypatch.setenv("HOGO_AUDIT_PUBLISH", str(container.settings.audit_publish))
    return CliRunner().invoke(app, list(args))


def test_the_tree_is_appended_with_the_events_and_gives_every_root_and_proof(log: Container) -> None:
    for n in (1, 2, 14, 1, 20):  # batches that close subtrees of height 4 and 8 across transactions
        record(log, n)
    leaves = merkle.leaf_hashes(bodies(log))
    assert len(leaves) == 38
    size, root = log.checkpoints.head()
    assert (size, root) == (38, merkle.root_of_leaves(leaves))
    with log.engine.connect() as conn:
        stored = conn.execute(select(AuditEvent.leaf).order_by(AuditEvent.seq)).scalars().all()
        assert [bytes(leaf) for leaf in stored if leaf is not None] == leaves
        assert conn.execute(select(AuditNode.level, AuditNode.idx).order_by(AuditNode.level, AuditNode.idx)).all() == [
            (4, 0),
            (4, 1),
        ]
        for n in (1, 5, 16, 17, 33, 38):
            assert tree.root_at(conn, n) == merkle.root_of_leaves(leaves[:n])
    checkpoint = log.checkpoints.write()
    keys = log.checkpoints.keys.verifiers()
    for seq in range(1, 39):
        bundle = log.checkpoints.prove(seq)
        assert verify_bundle(bundle, keys).size == 38
    assert len(log.checkpoints.prove(20)["inclusion"]) == 6
    record(log, 7)
    later = log.checkpoints.write()
    assert (
        verify_consistency_bundle(checkpoint.note, log.checkpoints.consistency(38, later), keys).size == 46
    )  # 38, the first checkpoint's event, 7
    with log.uow(read_only=True) as uow:
        audited = uow.session.execute(
            select(AuditEvent.entity_id).where(AuditEvent.action == "audit.checkpoint_signed")
        ).scalars()
        assert list(audited) == ["log.example/audit/1@38", "log.example/audit/1@46"]


def test_a_checkpoint_is_a_c2sp_signed_note_published_beside_its_history(log: Container, tmp_path: Path) -> None:
    record(log, 3)
    written = log.checkpoints.write()
    lines = written.note.split("\n")
    key = log.checkpoints.keys.active()
    assert lines[:4] == ["log.example/audit/1", "3", base64.b64encode(written.root).decode(), ""]
    dash, name, signature = lines[4].split(" ")
    raw = base64.b64decode(signature)
    assert (dash, name, raw[:4], len(raw)) == ("\u2014", key.name, key.verifier.id, 68)
    assert (tmp_path / "published" / "checkpoint").read_text() == written.note
    assert (tmp_path / "published" / "checkpoints" / "3").read_text() == written.note
    assert open_checkpoint(written.note, read_verifiers(key.verifier.text)).size == 3


def test_the_job_signs_every_n_events_or_t_minutes(log: Container, clock: FixedClock) -> None:
    from hogo.jobs import audit_checkpoints

    record(log, 3)
    assert audit_checkpoints.run(log, log.clock.now()).changed == 1  # the first checkpoint
    record(log, 2)
    assert audit_checkpoints.run(log, log.clock.now()).changed == 0  # 2 new events (and its own), fewer than 5
    record(log, 3)
    ran = audit_checkpoints.run(log, log.clock.now())
    assert ran.changed == 1 and ran.counts == {"tree_size": 9}
    record(log, 1)
    assert audit_checkpoints.run(log, log.clock.now()).changed == 0  # 1 new event, and the last checkpoint is new
    clock.advance(dt.timedelta(minutes=59))
    assert audit_checkpoints.run(log, log.clock.now()).changed == 0
    clock.advance(dt.timedelta(minutes=1))  # HOGO_AUDIT_CHECKPOINT_MINUTES (60) since the last one
    assert audit_checkpoints.run(log, log.clock.now()).counts == {"tree_size": 11}
    assert audit_checkpoints.run(log, log.clock.now()).changed == 0  # only its own event since
    clock.advance(dt.timedelta(hours=5))
    assert audit_checkpoints.run(log, log.clock.now()).changed == 0  # an idle log gets no more checkpoints
    with log.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(AuditCheckpoint)).scalar() == 3


def test_the_signing_key_rotates_to_a_new_origin_and_old_checkpoints_still_verify(log: Container) -> None:
    record(log, 2)
    old = log.checkpoints.write()
    rotated = log.checkpoints.keys.rotate()
    assert rotated.name == "log.example/audit/2"
    new = log.checkpoints.write()
    assert new.origin == "log.example/audit/2" and new.size == 3
    keys = log.checkpoints.keys.verifiers()
    assert open_checkpoint(old.note, keys).origin == "log.example/audit/1"
    assert verify_bundle(log.checkpoints.prove(1), keys).origin == "log.example/audit/2"


# -- tamperings, each detected with a precise message ----------------------------------------------------------------
def _alter_body(container: Container) -> None:
    with container.engine.begin() as conn:
        body = conn.execute(select(AuditEvent.body).where(AuditEvent.seq == 3)).scalar_one()
        conn.execute(update(AuditEvent).where(AuditEvent.seq == 3).values(body=bytes(body).replace(b'"i":2', b'"i":9')))


def _truncate(container: Container) -> None:
    with container.engine.begin() as conn:
        conn.execute(delete(AuditEvent).where(AuditEvent.seq > 4))
        conn.execute(update(AuditHead).values(seq=4))


def _rewrite_everything(container: Container, edited: int = 2) -> None:
    """An event edited, and every leaf, node, chain hash and the head rebuilt to match: only the checkpoint knows."""
    from hogo.audit.policy import GENESIS, chain_hash

    with container.engine.begin() as conn:
        rows = conn.execute(select(AuditEvent.seq, AuditEvent.body).order_by(AuditEvent.seq)).all()
        prev, frontier = GENESIS, []
        conn.execute(delete(AuditNode))
        for seq, stored in rows:
            body = bytes(stored).replace(b'"data":{', b'"data":{"forged":1,') if seq == edited else bytes(stored)
            digest = chain_hash(prev, body)
            leaf = merkle.leaf_hash(body)
            conn.execute(
                update(AuditEvent)
                .where(AuditEvent.seq == seq)
                .values(body=body, prev_hash=prev, hash=digest, leaf=leaf)
            )
            merkle.append_all(frontier, seq - 1, [leaf])
            prev = digest
        conn.execute(update(AuditHead).values(hash=prev, frontier=merkle.pack(frontier)))


def _forge(note: str) -> str:
    lines = note.split("\n")
    lines[1] = "5"  # the size claimed, under the old signature
    return "\n".join(lines)


def _other_key(note: str) -> str:
    return SigningKey.generate("log.example/audit/1").verifier.text


TAMPERED_LOG: dict[str, tuple[Callable[[Container], None], str, str]] = {
    "a body altered in the file": (
        _alter_body,
        "audit log BROKEN at event 3 (altered)",
        "at event 3: event 3 was altered: its body no longer hashes to its leaf in the tree",
    ),
    "the newest events deleted (truncated)": (
        _truncate,
        "",
        "at event 5: the log was truncated: it holds 4 event(s), the checkpoint 6",
    ),
    "everything rewritten consistently": (
        _rewrite_everything,
        "",
        "the log's first 6 event(s) are not the ones the checkpoint signed",
    ),
}


@pytest.mark.parametrize("case", list(TAMPERED_LOG))
def test_verify_against_the_published_checkpoint_names_the_tampering(
    log: Container, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, case: str
) -> None:
    tamper, chain_message, tree_message = TAMPERED_LOG[case]
    record(log, 6)
    published = tmp_path / "checkpoint-6"
    published.write_text(log.checkpoints.write().note)  # covers the 6 events; the audit of it is event 7
    intact = cli(log, monkeypatch, "audit", "verify", "--checkpoint", str(published))
    assert intact.exit_code == 0 and "audit log intact: 7 event(s); the first 6 are the ones" in intact.stdout
    tamper(log)
    broken = cli(log, monkeypatch, "audit", "verify", "--checkpoint", str(published))
    assert broken.exit_code == 1, broken.output
    assert chain_message in broken.stderr and tree_message in broken.stderr, broken.stderr


def test_no_proof_is_handed_out_for_an_altered_event(log: Container) -> None:
    record(log, 6)
    log.checkpoints.write()
    _alter_body(log)
    with pytest.raises(tree.TreeDamaged, match="audit event 3 was altered: its body no longer hashes to its leaf"):
        log.checkpoints.prove(3)
    assert verify_bundle(log.checkpoints.prove(4), log.checkpoints.keys.verifiers()).size == 6


def test_a_rewrite_is_located_between_published_checkpoints(log: Container, tmp_path: Path) -> None:
    record(log, 1)
    log.checkpoints.write()  # size 1
    record(log, 2)
    log.checkpoints.write()  # size 4
    record(log, 1)
    last = log.checkpoints.write()  # size 6
    _rewrite_everything(log, 4)
    report = log.checkpoints.verify(last.note)
    assert not report.ok and report.problem is not None
    assert "it diverges at size 4 (it still matches size 2): events 3..4 were rewritten" not in report.problem
    assert "it diverges at size 4 (it still matches size 1): events 2..4 were rewritten" in report.problem


BAD_CHECKPOINTS: dict[str, tuple[Callable[[str], str], Callable[[str], str] | None, str]] = {
    "forged (size changed under the old signature)": (
        _forge,
        None,
        "the signature of log.example/audit/1 (key",
    ),
    "signed by a key that does not match": (
        lambda note: note,
        _other_key,
        "the checkpoint is not signed by the key given, log.example/audit/1 (key",
    ),
    "another log's checkpoint": (
        lambda note: note,
        lambda note: SigningKey.generate("elsewhere.example/log").verifier.text,
        "the checkpoint is for the log 'log.example/audit/1', not one whose key is given (elsewhere.example/log)",
    ),
    "not a checkpoint": (lambda note: "hello\n", None, "not a signed note"),
}


@pytest.mark.parametrize("case", list(BAD_CHECKPOINTS))
def test_a_bad_checkpoint_is_refused(
    log: Container, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, case: str
) -> None:
    change, key, message = BAD_CHECKPOINTS[case]
    record(log, 4)
    note = log.checkpoints.write().note
    path = tmp_path / "bad-checkpoint"
    path.write_text(change(note))
    args = ["audit", "verify", "--checkpoint", str(path)]
    if key is not None:
        (tmp_path / "key.pub").write_text(key(note))
        args += ["--key", str(tmp_path / "key.pub")]
    result = cli(log, monkeypatch, *args)
    assert result.exit_code == 1 and message in result.stderr, result.output
    if case.startswith("forged"):
        assert "does not verify: the checkpoint was altered or forged" in result.stderr


BAD_PROOFS: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "a proof for another tree size": (
        lambda b: b.update(tree_size=b["tree_size"] + 1),
        "the proof is for a tree of 10 events, the checkpoint signs 9",
    ),
    "the event's body altered": (
        lambda b: b.update(body=b["body"].replace('"i":2', '"i":5')),
        "event 3: leaf 2 is not in the tree of 9 with this root",
    ),
    "a proof hash altered": (
        lambda b: b["inclusion"].__setitem__(0, base64.b64encode(bytes(32)).decode()),
        "event 3: leaf 2 is not in the tree of 9 with this root",
    ),
    "another event's proof": (
        lambda b: b.update(event=4),
        "the body is event 3, the proof is for event 4",
    ),
}


@pytest.mark.parametrize("case", list(BAD_PROOFS))
def test_a_bad_proof_is_refused_offline(
    log: Container, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, case: str
) -> None:
    record(log, 9)
    log.checkpoints.write()
    (tmp_path / "key.pub").write_text(log.checkpoints.keys.active().verifier.text)
    proved = cli(log, monkeypatch, "audit", "prove", "3", "--out", str(tmp_path / "proof.json"))
    assert proved.exit_code == 0, proved.output
    good = cli(
        log, monkeypatch, "audit", "verify", "--proof", str(tmp_path / "proof.json"), "--key", str(tmp_path / "key.pub")
    )
    assert good.exit_code == 0 and "proof verified: event 3 is in checkpoint log.example/audit/1 of 9" in good.stdout
    bundle = json.loads((tmp_path / "proof.json").read_text())
    BAD_PROOFS[case][0](bundle)
    (tmp_path / "proof.json").write_text(json.dumps(bundle))
    bad = cli(
        log, monkeypatch, "audit", "verify", "--proof", str(tmp_path / "proof.json"), "--key", str(tmp_path / "key.pub")
    )
    assert bad.exit_code == 1 and BAD_PROOFS[case][1] in bad.stderr, bad.output


def _backup(container: Container) -> dict[str, Any]:
    with container.engine.connect() as conn:
        head = conn.execute(select(AuditHead.seq, AuditHead.hash, AuditHead.frontier)).one()
    return {"seq": head.seq, "hash": head.hash, "frontier": bytes(head.frontier)}


def _restore(container: Container, backup: dict[str, Any]) -> None:
    """What restoring the database from the backup does to the audit tables (the published directory stays)."""
    with container.engine.begin() as conn:
        conn.execute(delete(AuditEvent).where(AuditEvent.seq > backup["seq"]))
        conn.execute(delete(AuditCheckpoint).where(AuditCheckpoint.size > backup["seq"]))
        conn.execute(update(AuditHead).values(**backup))


def test_a_database_rolled_back_is_caught_by_the_next_checkpoint(
    log: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    record(log, 3)
    log.checkpoints.write()  # size 3; its audit event is 4
    backup = _backup(log)
    record(log, 3)
    log.checkpoints.write()  # size 7, published
    _restore(log, backup)
    record(log, 2, tag="after-restore-")  # fewer than a checkpoint is due for: the job checks all the same
    idle = cli(log, monkeypatch, "jobs", "run", "audit-checkpoints")
    assert idle.exit_code == 1 and "First divergent size: 7" in idle.output, idle.output
    record(log, 3, tag="after-restore-more-")
    with pytest.raises(RolledBack) as caught:
        log.checkpoints.write()
    assert caught.value.details == {"first_divergent_size": 7, "last_consistent_size": 3}
    assert "inconsistent with the checkpoint published at size 7" in caught.value.message
    assert "First divergent size: 7 (it still matches the published checkpoint of size 3)" in caught.value.message
    job = cli(log, monkeypatch, "jobs", "run", "audit-checkpoints")
    assert job.exit_code == 1 and "First divergent size: 7" in job.output
    with log.engine.connect() as conn:
        assert conn.execute(select(func.max(AuditCheckpoint.size))).scalar() == 3


def test_a_witness_cosigns_what_extends_what_it_saw_and_refuses_a_rollback(log: Container, tmp_path: Path) -> None:
    witness_key = tmp_path / "witness" / "hogo-audit.key"
    AuditKeyFile(witness_key).create("witness.example/w")
    log_keys = log.checkpoints.keys.verifiers()
    state = tmp_path / "witness" / "state.json"
    record(log, 3)
    first = log.checkpoints.write()
    cosigned = cosign(first.note, log_keys, witness_key, state, None)
    witness = AuditKeyFile(witness_key).verifiers()
    assert open_checkpoint(cosigned, witness + log_keys).size == 3
    assert cosigned.count("\u2014 ") == 2
    record(log, 4)
    second = log.checkpoints.write()
    with pytest.raises(WitnessRefused, match="a consistency proof from size 3 is needed"):
        cosign(second.note, log_keys, witness_key, state, None)
    proof = json.dumps(log.checkpoints.consistency(3, second))
    assert "witness.example/w/1" in cosign(second.note, log_keys, witness_key, state, proof)
    with pytest.raises(WitnessRefused, match="rolled back"):
        cosign(first.note, log_keys, witness_key, state, None)
    forked = Checkpoint(second.origin, second.size, bytes(32)).signed(log.checkpoints.keys.active())
    with pytest.raises(WitnessRefused, match="two different roots"):
        cosign(forked.note, log_keys, witness_key, state, None)
    with pytest.raises(NoteError, match="the witness key is the log's own key"):
        cosign(second.note, log_keys, log.settings.key_file.with_name("hogo-audit.key"), tmp_path / "s2", None)


def test_verify_from_a_trusted_checkpoint_reads_only_the_new_events(
    log: Container, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    record(log, 20)
    trusted = tmp_path / "trusted"
    trusted.write_text(log.checkpoints.write().note)
    record(log, 10)
    result = cli(log, monkeypatch, "audit", "verify", "--from", str(trusted))
    assert result.exit_code == 0 and "intact since checkpoint of 20: 11 new event(s)" in result.stdout, result.output
    with log.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET leaf = :x WHERE seq = 25"), {"x": bytes(32)})
    broken = cli(log, monkeypatch, "audit", "verify", "--from", str(trusted))
    assert broken.exit_code == 1 and "at event 25: event 25 was altered" in broken.stderr, broken.output


def test_a_consent_receipt_carries_the_inclusion_proof_of_its_event(
    log: Container, vault_yaml: str, admin: Actor, tmp_path: Path
) -> None:
    from hogo.ledger.loader import load_ledger_text

    log.ledger.apply(load_ledger_text(vault_yaml, source="vault.yaml"), actor="test")
    data = AcquisitionIn(subject_kind="customer", values={"name": "山田 花子"}, channel="web-order")
    person = log.subjects.acquire(data, admin).person_id
    consent = log.consents.give(
        person, ConsentIn(kind=ConsentKind.purpose, target="newsletter", method=ConsentMethod.web_checkbox), admin
    )
    before = log.consents.receipt(consent.id, admin)["audit_proof"]
    seq = before["event"]
    assert before["inclusion"] is None and before["proof_path"] == f"/api/v1/audit/proofs/{seq}"
    checkpoint = log.checkpoints.write()
    proof = log.consents.receipt(consent.id, admin)["audit_proof"]["inclusion"]
    assert json.loads(proof["body"])["data"]["consent"] == consent.id and json.loads(proof["body"])["seq"] == seq
    assert verify_bundle(proof, log.checkpoints.keys.verifiers()) == open_checkpoint(
        checkpoint.note, log.checkpoints.keys.verifiers()
    )
    # The few lines of docs/audit.md, run as a person would: the receipt, the public key, the published checkpoint.
    snippet = _snippet()
    (tmp_path / "receipt.json").write_text(json.dumps(log.consents.receipt(consent.id, admin), ensure_ascii=False))
    (tmp_path / "key.pub").write_text(log.checkpoints.keys.active().verifier.text + "\n")
    published = Path(str(log.settings.audit_publish)) / "checkpoint"
    args = [str(tmp_path / "receipt.json"), str(tmp_path / "key.pub"), str(published)]
    ran = subprocess.run([sys.executable, "-c", snippet, *args], capture_output=True, text=True, check=False)
    assert ran.returncode == 0 and f"event {seq} is in log.example/audit/1" in ran.stdout, ran.stderr
    offline = CliRunner().invoke(app, ["audit", "verify", "--proof", args[0], "--key", args[1]])
    assert offline.exit_code == 0 and f"proof verified: event {seq} is in checkpoint" in offline.stdout
    for name, document in [
        ("prove.json", log.checkpoints.prove(seq)),  # what `hogo audit prove` prints
        ("portal.json", log.checkpoints.receipt_proof(("consent.given",), "person", person, ("consent", consent.id))),
    ]:
        (tmp_path / name).write_text(json.dumps(document, ensure_ascii=False))
        ran = subprocess.run(
            [sys.executable, "-c", snippet, str(tmp_path / name), *args[1:]],
            capture_output=True,
            text=True,
            check=False,
        )
        assert ran.returncode == 0 and f"event {seq} is in log.example/audit/1" in ran.stdout, (name, ran.stderr)
    forged = json.loads((tmp_path / "receipt.json").read_text())
    forged["audit_proof"]["inclusion"]["body"] = proof["body"].replace("web_checkbox", "paper_form")
    (tmp_path / "receipt.json").write_text(json.dumps(forged, ensure_ascii=False))
    ran = subprocess.run([sys.executable, "-c", snippet, *args], capture_output=True, text=True, check=False)
    assert ran.returncode != 0 and "the proof does not lead to the checkpoint's root" in ran.stderr


def _snippet() -> str:
    """The Python block of docs/audit.md that follows the heading 'Checking a receipt offline'."""
    doc = (Path(__file__).parents[3] / "docs" / "audit.md").read_text(encoding="utf-8")
    section = doc.split("## Checking a receipt offline", 1)[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


def test_the_keys_and_a_witness_from_the_command_line(
    container: Container, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A log's operator creates the key, signs, rotates; a second install cosigns as a witness."""
    monkeypatch.setenv("HOGO_DATABASE_URL", container.settings.database_url)
    monkeypatch.setenv("HOGO_KEY_FILE", str(container.settings.key_file))
    monkeypatch.setenv("HOGO_PUBLIC_URL", "https://privacy.example.co.jp")
    runner = CliRunner()
    assert runner.invoke(app, ["audit", "checkpoint"]).exit_code == 1
    created = runner.invoke(app, ["keys", "audit-init"])
    assert created.exit_code == 0 and created.stdout.startswith("privacy.example.co.jp/audit/1+"), created.output
    assert container.settings.key_file.with_name("hogo-audit.key").stat().st_mode & 0o777 == 0o600
    assert runner.invoke(app, ["keys", "audit-init"]).exit_code == 1  # never overwritten
    (tmp_path / "log.pub").write_text(created.stdout)
    record(container, 3)
    first = runner.invoke(app, ["audit", "checkpoint", "--write"])
    assert first.exit_code == 0 and first.stdout.split("\n")[:2] == ["privacy.example.co.jp/audit/1", "3"]
    (tmp_path / "first").write_text(first.stdout)
    assert runner.invoke(app, ["audit", "checkpoint"]).stdout == first.stdout
    witness = tmp_path / "witness" / "hogo-audit.key"
    AuditKeyFile(witness).create("witness.example/w")
    cosign_args = ["audit", "cosign", str(tmp_path / "first"), "--log-key", str(tmp_path / "log.pub")]
    cosign_args += ["--state", str(tmp_path / "witness" / "state.json")]
    monkeypatch.setenv("HOGO_AUDIT_KEY_FILE", str(witness))
    cosigned = runner.invoke(app, cosign_args)
    assert cosigned.exit_code == 0 and "\u2014 witness.example/w/1 " in cosigned.stdout, cosigned.output
    monkeypatch.delenv("HOGO_AUDIT_KEY_FILE")
    record(container, 2)
    second = runner.invoke(app, ["audit", "checkpoint", "--write"])
    (tmp_path / "second").write_text(second.stdout)
    proof = runner.invoke(app, ["audit", "consistency", "3", "--out", str(tmp_path / "c.json")])
    assert proof.exit_code == 0 and json.loads((tmp_path / "c.json").read_text())["new_size"] == 6
    monkeypatch.setenv("HOGO_AUDIT_KEY_FILE", str(witness))
    cosign_args[2] = str(tmp_path / "second")
    refused = runner.invoke(app, cosign_args)
    assert refused.exit_code == 1 and "a consistency proof from size 3 is needed" in refused.stderr
    again = runner.invoke(app, [*cosign_args, "--proof", str(tmp_path / "c.json")])
    assert again.exit_code == 0 and again.stdout.startswith("privacy.example.co.jp/audit/1\n6\n"), again.output
    monkeypatch.delenv("HOGO_AUDIT_KEY_FILE")
    rotated = runner.invoke(app, ["keys", "audit-rotate"])
    assert rotated.exit_code == 0 and rotated.stdout.startswith("privacy.example.co.jp/audit/2+")
    public = runner.invoke(app, ["keys", "audit-public"]).stdout.splitlines()
    assert [line.split("+")[0] for line in public] == ["privacy.example.co.jp/audit/1", "privacy.example.co.jp/audit/2"]
    third = runner.invoke(app, ["audit", "checkpoint", "--write"])
    assert third.stdout.startswith("privacy.example.co.jp/audit/2\n7\n")
    old = runner.invoke(app, ["audit", "verify", "--checkpoint", str(tmp_path / "first")])
    assert (
        old.exit_code == 0 and "the first 3 are the ones checkpoint privacy.example.co.jp/audit/1 signed" in old.stdout
    )


def test_a_checkpoint_can_be_published_to_a_url(
    database_url: str, clock: FixedClock, key_file: Path, tmp_path: Path
) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    received: list[tuple[str, str, bytes]] = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.path, self.headers["Content-Type"], body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    AuditKeyFile(key_file.with_name("hogo-audit.key")).create("url.example/audit")
    url = f"http://127.0.0.1:{server.server_address[1]}/witness/add-checkpoint"
    settings = Settings(database_url=database_url, key_file=key_file, audit_publish=url)
    built = bootstrap.build(settings, clock)
    try:
        record(built, 2)
        written = built.checkpoints.write()
    finally:
        built.close()
        server.shutdown()
    assert received == [("/witness/add-checkpoint", "text/plain; charset=utf-8", written.note.encode())]
