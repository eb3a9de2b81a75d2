"""How long a disclosure (access request) takes to fulfil for one person among many: the package of every value
with its provenance, purposes and consents, opened and audited in one transaction.

Set-up (not timed): the Japanet example ledger and `--people` sample people on a SQLite file; for each measured
person a disclosure request filed at the desk, identity checked, fee paid and decided. Timed: `fulfil` alone
(read the person, open the values, write `records.read` and the sealed package, move the request), and the
person's download of the package afterwards. The DESIGN target is p50 < 50 ms among 1M people and 10M
connected rows; this runs at a scale that fits in a minute and says so in its output.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from hogo import bootstrap
from hogo.adapters.keyring import FileKeyring
from hogo.adapters.mail import OutboxMailer
from hogo.adapters.sample_people import sample_people
from hogo.clock import SystemClock
from hogo.identity.policy import system_actor
from hogo.ledger.loader import load_ledger_file
from hogo.ledger.schemas.procedures import IdentityDocument, PaymentMethod, RequestChannel, RequestKind
from hogo.requests.policy import Outcome
from hogo.requests.schemas import DecisionIn, FeeIn, FulfilIn, IdentityCheckIn, RequestIn
from hogo.settings import Settings

LOAD_AT_START = round(os.getloadavg()[0], 2)
LEDGER = Path(__file__).resolve().parent.parent / "examples" / "japanet" / "ledger.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000, help="sample people in the store")
    parser.add_argument("--requests", type=int, default=200, help="disclosures measured")
    parser.add_argument("--quick", action="store_true", help="2,000 people, 50 requests")
    args = parser.parse_args()
    people, measured = (2_000, 50) if args.quick else (args.people, args.requests)
    with tempfile.TemporaryDirectory() as tmp:
        FileKeyring.create(Path(tmp) / "keys.json", SystemClock().now())
        settings = Settings(database_url=f"sqlite:///{tmp}/hogo.db", key_file=Path(tmp) / "keys.json")
        c = bootstrap.build(settings)
        bootstrap.ensure_schema(c)
        c.requests.mailer = OutboxMailer()
        actor = system_actor("bench")
        c.ledger.apply(load_ledger_file(LEDGER), actor="bench")
        batch = list(sample_people(people))
        for start in range(0, len(batch), 500):
            c.subjects.acquire_many(batch[start : start + 500], actor)
        customers = [n for n in range(people) if n % 10 != 9][:: max(1, people // (measured * 2))][:measured]
        ids = []
        for n in customers:
            person_id = c.subjects.find("member_id", f"C{n:06d}", actor)
            filed = c.requests.file(
                RequestIn(kind=RequestKind.disclosure, channel=RequestChannel.phone, person_id=person_id), actor
            )
            rid = filed.request.id
            c.requests.check_identity(
                rid, IdentityCheckIn(document=IdentityDocument.callback_to_registered_phone), actor
            )
            fee = c.requests.get(rid, actor).fee_jpy
            if fee:
                c.requests.record_fee(rid, FeeIn(method=PaymentMethod.bank_transfer, amount_jpy=fee), actor)
            c.requests.decide(rid, DecisionIn(outcome=Outcome.full), actor)
            ids.append(rid)
        timings = []
        for rid in ids:
            started = time.perf_counter()
            c.requests.fulfil(rid, FulfilIn(), actor)
            timings.append((time.perf_counter() - started) * 1000)
        c.close()
    timings.sort()
    print(
        json.dumps(
            {
                "benchmark": "request_access",
                "people": people,
                "requests": len(timings),
                "store": "sqlite",
                "fulfil_ms_p50": round(statistics.median(timings), 2),
                "fulfil_ms_p90": round(timings[int(len(timings) * 0.9) - 1], 2),
                "fulfil_ms_max": round(timings[-1], 2),
                "target": "p50 < 50 ms among 1M people (DESIGN); this run is smaller",
                "load_at_start": LOAD_AT_START,
            }
        )
    )


if __name__ == "__main__":
    main()
