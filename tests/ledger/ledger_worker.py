"""A ledger writer run as a separate process by the concurrency and crash tests.

    python ledger_worker.py batch  URL WORKER COUNT BATCH   # append_many in batches
    python ledger_worker.py single URL WORKER COUNT         # one durable append at a time
    python ledger_worker.py crash  URL RUN                  # append forever, print each ack

Every mode prints "ready" once the ledger is open; batch and single then wait for a line on
stdin, so all workers start appending at the same moment. The crash mode prints
"INDEX RUN N" after each append returns (flushed), so the parent knows what was acknowledged.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sai.ledger import Evidence, Ledger, NoteSigner, Origin
from sai.store import create_store_engine


def _evidence(subject: str, data: dict[str, int]) -> Evidence:
    return Evidence.create(
        "test.item",
        subject,
        actor="worker",
        origin=Origin.control("test"),
        data=data,
        time=datetime(2026, 1, 1, tzinfo=UTC),
    )


def main(argv: list[str]) -> None:
    mode, url = argv[0], argv[1]
    ledger = Ledger(
        create_store_engine(url),
        signer=NoteSigner("worker", Ed25519PrivateKey.generate()),
        origin="example.test/ledger",
        owns_engine=True,
    )
    print("ready", flush=True)
    if mode == "crash":
        run = int(argv[2])
        rng = random.Random(run)
        n = 0
        while True:
            count = 1 if rng.random() < 0.5 else rng.randint(2, 20)
            items = [_evidence(f"run-{run}", {"run": run, "n": n + k}) for k in range(count)]
            refs = ledger.append_many(items) if count > 1 else [ledger.append(items[0])]
            sys.stdout.write("".join(f"{r.index} {run} {n + k}\n" for k, r in enumerate(refs)))
            sys.stdout.flush()
            n += count
    worker, count = int(argv[2]), int(argv[3])
    sys.stdin.readline()
    items = [_evidence(f"worker-{worker}", {"w": worker, "n": n}) for n in range(count)]
    if mode == "single":
        for evidence in items:
            ledger.append(evidence)
    else:
        batch = int(argv[4])
        for low in range(0, count, batch):
            ledger.append_many(items[low : low + batch])
    ledger.close()
    print("done", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
