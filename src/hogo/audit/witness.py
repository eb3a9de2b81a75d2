"""A witness: a second hogo install that cosigns the log's checkpoints once it has checked them.

It accepts a checkpoint only if the log's key signed it and it extends the last one this witness cosigned for that
origin (an RFC 9162 consistency proof from that size, made by `hogo audit consistency OLD` on the log). A smaller
size, or another root at the same size, is refused: that is a log rolled back or showing different histories to
different people. The witness signs with its own key (its `hogo keys audit-init` key) as one more signature line of
the signed note; its state (the last checkpoint cosigned per origin) is a JSON file it keeps.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

from hogo.audit import merkle
from hogo.audit.keys import AuditKeyFile
from hogo.audit.note import NoteError, VerifierKey, open_checkpoint, read_checkpoint
from hogo.errors import Conflict


class WitnessRefused(Conflict):
    code = "audit-witness-refused"


def cosign(note: str, log_keys: list[VerifierKey], signing: Path, state_path: Path, proof: str | None) -> str:
    checkpoint = open_checkpoint(note, log_keys)
    state: dict[str, str] = json.loads(state_path.read_text(encoding="utf-8")) if state_path.exists() else {}
    before = state.get(checkpoint.origin)
    if before is not None:
        last, _ = read_checkpoint(before)
        if checkpoint.size < last.size:
            raise WitnessRefused(
                f"the log signed {checkpoint.size} event(s) after this witness cosigned {last.size}: rolled back"
            )
        if checkpoint.size == last.size and checkpoint.root != last.root:
            raise WitnessRefused(f"the log signed two different roots for size {last.size}: a fork")
        if checkpoint.size > last.size:
            if proof is None:
                raise WitnessRefused(
                    f"a consistency proof from size {last.size} is needed (`hogo audit consistency {last.size}`)"
                )
            bundle = json.loads(proof)
            if bundle.get("old_size") != last.size or bundle.get("new_size") != checkpoint.size:
                raise WitnessRefused(
                    f"the consistency proof is from {bundle.get('old_size')} to {bundle.get('new_size')}, not from "
                    f"{last.size} to {checkpoint.size}"
                )
            try:
                merkle.verify_consistency(
                    last.size,
                    checkpoint.size,
                    last.root,
                    checkpoint.root,
                    [base64.b64decode(h) for h in bundle["consistency"]],
                )
            except merkle.ProofError as exc:
                raise WitnessRefused(f"the log does not extend the checkpoint cosigned before: {exc}") from None
    witness = AuditKeyFile(signing).active()
    if witness.name == checkpoint.origin:
        raise NoteError("the witness key is the log's own key: a witness signs with a key of its own")
    cosigned = checkpoint.cosigned(witness).note
    state[checkpoint.origin] = cosigned
    state_path.write_text(json.dumps(state, indent=2), encoding="utf-8")
    return cosigned
