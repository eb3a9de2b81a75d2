"""The Merkle arithmetic against RFC 9162's recursive definitions, written out naively here."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from hogo.audit import bulk, merkle


def sha(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def mth(leaves: list[bytes]) -> bytes:
    """RFC 9162 §2.1.1 MTH over leaf hashes."""
    if not leaves:
        return sha(b"")
    if len(leaves) == 1:
        return leaves[0]
    k = merkle.split(len(leaves))
    return sha(b"\x01" + mth(leaves[:k]) + mth(leaves[k:]))


def path(m: int, leaves: list[bytes]) -> list[bytes]:
    if len(leaves) == 1:
        return []
    k = merkle.split(len(leaves))
    if m < k:
        return [*path(m, leaves[:k]), mth(leaves[k:])]
    return [*path(m - k, leaves[k:]), mth(leaves[:k])]


def subproof(m: int, leaves: list[bytes], whole: bool) -> list[bytes]:
    n = len(leaves)
    if m == n:
        return [] if whole else [mth(leaves)]
    k = merkle.split(n)
    if m <= k:
        return [*subproof(m, leaves[:k], whole), mth(leaves[k:])]
    return [*subproof(m - k, leaves[k:], False), mth(leaves[:k])]


LEAVES = [merkle.leaf_hash(f"event {i}".encode()) for i in range(70)]


def complete(level: int, index: int) -> bytes:
    return mth(LEAVES[index << level : (index + 1) << level])


def test_hashes_have_the_rfc_prefixes() -> None:
    assert merkle.leaf_hash(b"x") == sha(b"\x00x")
    assert merkle.node_hash(b"a" * 32, b"b" * 32) == sha(b"\x01" + b"a" * 32 + b"b" * 32)


@pytest.mark.parametrize("size", [0, 1, 2, 3, 5, 8, 13, 16, 17, 31, 33, 64, 70])
def test_the_right_edge_and_the_bulk_root_agree_with_the_definition(size: int) -> None:
    frontier: list[bytes] = []
    stored = merkle.append_all(frontier, 0, LEAVES[:size])
    assert len(frontier) == len(merkle.frontier_levels(size))
    assert merkle.root_of_frontier(frontier) == mth(LEAVES[:size])
    assert merkle.root_of_leaves(LEAVES[:size]) == mth(LEAVES[:size])
    assert all(h == complete(level, index) and level % merkle.STRIDE == 0 for level, index, h in stored)
    assert {(level, index) for level, index, _ in stored} == {
        (level, i) for level in (4, 8) for i in range(size >> level)
    }


def test_appending_in_several_batches_is_appending_once() -> None:
    frontier: list[bytes] = []
    rows = []
    for lo, hi in [(0, 3), (3, 20), (20, 21), (21, 70)]:
        rows += merkle.append_all(frontier, lo, LEAVES[lo:hi])
        assert merkle.root_of_frontier(frontier) == mth(LEAVES[:hi])
    assert rows == merkle.append_all([], 0, LEAVES)


@pytest.mark.parametrize("size", [1, 2, 3, 7, 8, 9, 16, 33, 70])
def test_inclusion_proofs_match_path_and_verify(size: int) -> None:
    root = mth(LEAVES[:size])
    for index in range(size):
        proof = merkle.hashes_of(merkle.inclusion_ranges(index, size), complete)
        assert proof == path(index, LEAVES[:size])
        merkle.verify_inclusion(index, size, LEAVES[index], proof, root)


@pytest.mark.parametrize(("old", "new"), [(1, 1), (1, 2), (3, 7), (4, 8), (6, 8), (8, 70), (13, 33), (70, 70)])
def test_consistency_proofs_match_subproof_and_verify(old: int, new: int) -> None:
    proof = merkle.hashes_of(merkle.consistency_ranges(old, new), complete)
    assert proof == (subproof(old, LEAVES[:new], True) if old < new else [])
    merkle.verify_consistency(old, new, mth(LEAVES[:old]), mth(LEAVES[:new]), proof)


def test_mth_needs_names_what_mth_reads() -> None:
    read: list[tuple[int, int]] = []

    def recording(level: int, index: int) -> bytes:
        read.append((level, index))
        return complete(level, index)

    for lo, hi in merkle.inclusion_ranges(37, 70) + merkle.consistency_ranges(13, 70):
        read.clear()
        assert merkle.mth(lo, hi, recording) == mth(LEAVES[lo:hi])
        assert sorted(read) == sorted(merkle.mth_needs(lo, hi))


BAD_INCLUSION = {
    "another leaf": (5, 16, LEAVES[6], None, "leaf 5 is not in the tree of 16"),
    "proof for a larger size": (5, 17, LEAVES[5], None, "too short for a tree of 17"),
    "proof for a smaller size": (5, 15, LEAVES[5], None, "leaf 5 is not in the tree of 15"),
    "a hash flipped": (5, 16, LEAVES[5], 2, "leaf 5 is not in the tree of 16"),
    "leaf beyond the tree": (16, 16, LEAVES[5], None, "leaf 16 is not in a tree of 16"),
}


@pytest.mark.parametrize("case", BAD_INCLUSION)
def test_bad_inclusion_proofs_are_refused_with_a_reason(case: str) -> None:
    index, size, leaf, flip, message = BAD_INCLUSION[case]
    proof = merkle.hashes_of(merkle.inclusion_ranges(5, 16), complete)
    if flip is not None:
        proof[flip] = bytes(32)
    with pytest.raises(merkle.ProofError, match=message):
        merkle.verify_inclusion(index, size, leaf, proof, mth(LEAVES[:size]))


def test_a_rewritten_prefix_is_inconsistent() -> None:
    rewritten = [*LEAVES[:5], merkle.leaf_hash(b"forged"), *LEAVES[6:33]]
    proof = merkle.hashes_of(merkle.consistency_ranges(13, 33), complete)
    with pytest.raises(merkle.ProofError, match="does not extend the tree of 13"):
        merkle.verify_consistency(13, 33, mth(rewritten[:13]), mth(LEAVES[:33]), proof)
    with pytest.raises(merkle.ProofError, match="root of the tree of 33"):
        merkle.verify_consistency(13, 33, mth(LEAVES[:13]), mth(rewritten), proof)
    with pytest.raises(merkle.ProofError, match="two different roots"):
        merkle.verify_consistency(13, 13, mth(LEAVES[:13]), mth(rewritten[:13]), [])


@pytest.mark.parametrize("batches", [[70], [16, 16, 38], [3, 5, 62], [64, 6], [1] * 70, [32, 1, 37]])
def test_the_root_builder_takes_batches_of_any_size(batches: list[int]) -> None:
    builder, at = merkle.RootBuilder(), 0
    for n in batches:
        builder.add(LEAVES[at : at + n])
        at += n
        assert builder.root() == mth(LEAVES[:at])


def test_the_bulk_root_in_several_processes_is_the_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "log.db"
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE audit_events (seq INTEGER PRIMARY KEY, body BLOB)")
        db.executemany("INSERT INTO audit_events VALUES (?, ?)", [(i + 1, f"event {i}".encode()) for i in range(70)])
        db.commit()
    monkeypatch.setattr(bulk, "CHUNK", 4)
    monkeypatch.setattr(bulk, "PARALLEL_FROM", 1)
    assert bulk.tasks(70, 2) == [*((lo, lo + 8) for lo in range(0, 64, 8)), (64, 68), (68, 70)]
    for size in (70, 64, 5):
        assert bulk.sqlite_root(str(path), size, workers=2) == (size, mth(LEAVES[:size]))
    assert bulk.sqlite_root(str(path), 71, workers=2)[1] == b""  # fewer events than asked: no root
