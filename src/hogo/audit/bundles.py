"""The proof bundles hogo hands out, and their offline verification (no store: a bundle and the public keys).

An inclusion bundle (`hogo-audit-inclusion/v1`) carries an event's body, its RFC 9162 inclusion proof and the signed
checkpoint; a consistency bundle (`hogo-audit-consistency/v1`) the proof that a newer checkpoint extends an older one.
`CheckpointService.prove` and `.consistency` make them; anyone holding the published public key checks them here.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from typing import Any

from hogo.audit import merkle
from hogo.audit.note import Checkpoint, NoteError, VerifierKey, open_checkpoint

INCLUSION_FORMAT = "hogo-audit-inclusion/v1"
CONSISTENCY_FORMAT = "hogo-audit-consistency/v1"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def verify_bundle(bundle: dict[str, Any], keys: Sequence[VerifierKey]) -> Checkpoint:
    """Check an inclusion proof bundle offline: the checkpoint's signature, then the event's path to its root."""
    if bundle.get("format") != INCLUSION_FORMAT:
        raise NoteError(f"not an inclusion proof of hogo's audit log (format {bundle.get('format')!r})")
    return verify_inclusion_bundle(bundle, open_checkpoint(bundle["checkpoint"], keys))


def verify_inclusion_bundle(bundle: dict[str, Any], checkpoint: Checkpoint) -> Checkpoint:
    """Check an inclusion proof against a checkpoint already opened (its signature verified once for many proofs)."""
    if bundle["tree_size"] != checkpoint.size:
        raise merkle.ProofError(
            f"the proof is for a tree of {bundle['tree_size']} events, the checkpoint signs {checkpoint.size}"
        )
    leaf = merkle.leaf_hash(bundle["body"].encode())
    event = json.loads(bundle["body"]).get("seq")
    if event != bundle["event"] or bundle["leaf_index"] != event - 1:
        raise merkle.ProofError(f"the body is event {event}, the proof is for event {bundle['event']}")
    proof = [base64.b64decode(h) for h in bundle["inclusion"]]
    try:
        merkle.verify_inclusion(bundle["leaf_index"], checkpoint.size, leaf, proof, checkpoint.root)
    except merkle.ProofError as exc:
        raise merkle.ProofError(f"event {event}: {exc} (the event as stated is not in the signed log)") from None
    return checkpoint


def verify_consistency_bundle(old_note: str, bundle: dict[str, Any], keys: Sequence[VerifierKey]) -> Checkpoint:
    old = open_checkpoint(old_note, keys)
    new = open_checkpoint(bundle["checkpoint"], keys)
    if bundle.get("old_size") != old.size or bundle.get("new_size") != new.size:
        raise merkle.ProofError(
            f"the proof is from size {bundle.get('old_size')} to {bundle.get('new_size')}, the checkpoints are of "
            f"sizes {old.size} and {new.size}"
        )
    proof = [base64.b64decode(h) for h in bundle["consistency"]]
    merkle.verify_consistency(old.size, new.size, old.root, new.root, proof)
    return new
