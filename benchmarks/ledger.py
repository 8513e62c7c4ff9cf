"""Ledger benchmark: what tamper-evidence costs, and how verify and proofs scale.

Side by side on SQLite and PostgreSQL (skipped with a note when unreachable):

  (a) plain   - the same rows into a plain table with the same columns and indexes, batched
                executemany, no hashing, no sequencer, no tree: the baseline (on PostgreSQL
                also through COPY, which the ledger itself uses there)
  (b) single  - Ledger.append one entry at a time, each durable before the next
  (c) batched - Ledger.append_many in batches of 500

then, on SQLite, inclusion-proof generation and verification at 1e3..1e6 entries (median of
many random indices) and a full `verify` of the largest log. Evidence objects are built before
timing in every case (their canonical JSON is made once, by the caller, either way).

    python benchmarks/ledger.py            # full run (~3 minutes), writes results/ledger.json
    python benchmarks/ledger.py --quick    # seconds; CI
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sai.ledger import Evidence, Ledger, NoteSigner, Origin, verify_inclusion
from sai.store import create_store_engine, migrate, writing

RESULTS = Path(__file__).with_name("results") / "ledger.json"
POSTGRES_URL = os.environ.get(
    "SAI_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
T0 = datetime(2026, 1, 1, tzinfo=UTC)
BATCH = 500


def make_evidence(count: int, start: int = 0) -> list[Evidence]:
    """Gateway-like evidence: a request record for one of a few models."""
    return [
        Evidence.create(
            "gateway.request",
            f"model-{n % 7}",
            provisions=("5.2.2-1", "5.4.2-1"),
            actor="gateway",
            origin=Origin.control("test"),
            data={"n": n, "path": "/v1/chat/completions", "status": 200, "tokens": 312},
            time=T0 + timedelta(milliseconds=n),
        )
        for n in range(start, start + count)
    ]


@contextmanager
def sqlite_database() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="sai-bench-") as directory:
        yield f"sqlite:///{directory}/bench.db"


@contextmanager
def postgres_database() -> Iterator[str]:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def postgres_reachable() -> bool:
    try:
        engine = sa.create_engine(POSTGRES_URL, connect_args={"connect_timeout": 2})
        with engine.connect():
            pass
        engine.dispose()
    except Exception:
        return False
    return True


def open_ledger(url: str) -> Ledger:
    signer = NoteSigner("bench", Ed25519PrivateKey.generate())
    return Ledger(create_store_engine(url), signer=signer, origin="bench/log", owns_engine=True)


_plain = sa.MetaData()
plain_entries = sa.Table(
    "plain_entries",
    _plain,
    sa.Column("idx", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True),
    sa.Column("leaf", sa.LargeBinary, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("time", sa.DateTime(timezone=True), nullable=False),
    sa.Column("provisions", sa.Text, nullable=False),
    sa.Index("ix_plain_kind", "kind", "idx"),
    sa.Index("ix_plain_subject", "subject", "idx"),
    sa.Index("ix_plain_time", "time"),
)


def rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


def bench_plain(url: str, items: list[Evidence]) -> float:
    engine = create_store_engine(url)
    migrate(engine)
    _plain.create_all(engine)
    started = time.perf_counter()
    for low in range(0, len(items), BATCH):
        rows = [
            {
                "idx": low + k,
                "leaf": ev.leaf_bytes(),
                "kind": ev.kind,
                "subject": ev.subject,
                "time": ev.time.replace(tzinfo=None)
                if engine.dialect.name == "sqlite"
                else ev.time,
                "provisions": "," + ",".join(ev.provisions) + ",",
            }
            for k, ev in enumerate(items[low : low + BATCH])
        ]
        with writing(engine) as conn:
            conn.execute(sa.insert(plain_entries), rows)
    elapsed = time.perf_counter() - started
    engine.dispose()
    return rate(len(items), elapsed)


def bench_plain_copy(url: str, items: list[Evidence]) -> float:
    """PostgreSQL only: the plain rows through COPY, the fastest way to bulk-insert there."""
    engine = create_store_engine(url)
    migrate(engine)
    _plain.create_all(engine)
    columns = "idx, leaf, kind, subject, time, provisions"
    started = time.perf_counter()
    for low in range(0, len(items), BATCH):
        with writing(engine) as conn:
            cursor = conn.connection.dbapi_connection.cursor()
            with cursor.copy(f"COPY plain_entries ({columns}) FROM STDIN") as copy:
                for k, ev in enumerate(items[low : low + BATCH]):
                    provisions = "," + ",".join(ev.provisions) + ","
                    copy.write_row(
                        (low + k, ev.leaf_bytes(), ev.kind, ev.subject, ev.time, provisions)
                    )
    elapsed = time.perf_counter() - started
    engine.dispose()
    return rate(len(items), elapsed)


def bench_single(url: str, items: list[Evidence]) -> float:
    with open_ledger(url) as ledger:
        started = time.perf_counter()
        for evidence in items:
            ledger.append(evidence)
        return rate(len(items), time.perf_counter() - started)


def bench_batched(url: str, items: list[Evidence]) -> float:
    with open_ledger(url) as ledger:
        started = time.perf_counter()
        for low in range(0, len(items), BATCH):
            ledger.append_many(items[low : low + BATCH])
        elapsed = time.perf_counter() - started
        assert ledger.verify().ok
        return rate(len(items), elapsed)


def bench_appends(
    backend: str, database: Callable[[], Any], count: int, singles: int, rounds: int
) -> dict[str, Any]:
    """Best of ``rounds`` for (a) and (c), run alternately so machine noise hits both alike."""
    items = make_evidence(count)
    plain_rates, batched_rates = [], []
    for _ in range(rounds):
        with database() as url:
            plain_rates.append(bench_plain(url, items))
        with database() as url:
            batched_rates.append(bench_batched(url, items))
    copy_rates = []
    if backend == "postgresql":
        for _ in range(rounds):
            with database() as url:
                copy_rates.append(bench_plain_copy(url, items))
    with database() as url:
        single = bench_single(url, items[:singles])
    plain, batched = max(plain_rates), max(batched_rates)
    extra = {}
    if copy_rates:
        extra = {
            "plain_copy_per_s": max(copy_rates),
            "batched_ratio_vs_plain_copy": batched / max(copy_rates),
        }
    return {
        **extra,
        "backend": backend,
        "entries": count,
        "single_entries": singles,
        "rounds": rounds,
        "plain_per_s": plain,
        "single_per_s": single,
        "batched_per_s": batched,
        "single_ratio": single / plain,
        "batched_ratio": batched / plain,
        "plain_rounds_per_s": plain_rates,
        "batched_rounds_per_s": batched_rates,
    }


def cpu_seconds() -> tuple[float, float]:
    """CPU time (user + system) of this process and of its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def bench_scale(sizes: list[int], samples: int) -> dict[str, Any]:
    """Grow one SQLite log through ``sizes``; time proofs at each, then verify the largest."""
    rng = random.Random(7)
    proofs: list[dict[str, Any]] = []
    with sqlite_database() as url, open_ledger(url) as ledger:
        build_seconds = 0.0
        for size in sizes:
            while (current := ledger.size()) < size:
                chunk = min(10_000, size - current)
                items = make_evidence(chunk, start=current)
                started = time.perf_counter()
                ledger.append_many(items)
                build_seconds += time.perf_counter() - started
            root = ledger.root()
            make, check = [], []
            for index in (rng.randrange(size) for _ in range(samples)):
                started = time.perf_counter()
                proof = ledger.prove(index)
                made = time.perf_counter()
                verify_inclusion(proof.leaf_hash, proof.index, proof.size, proof.hashes, root)
                make.append(made - started)
                check.append(time.perf_counter() - made)
            proofs.append(
                {
                    "size": size,
                    "prove_ms": statistics.median(make) * 1e3,
                    "verify_ms": statistics.median(check) * 1e3,
                    "proof_hashes": len(proof.hashes),
                }
            )
        cpu_before = cpu_seconds()
        started = time.perf_counter()
        report = ledger.verify()
        verify_seconds = time.perf_counter() - started
        cpu_self, cpu_children = (b - a for a, b in zip(cpu_before, cpu_seconds(), strict=True))
        assert report.ok, report.problems[:3]
    return {
        "proofs": proofs,
        "verify": {
            "entries": sizes[-1],
            "seconds": verify_seconds,
            "cpu_seconds_main": cpu_self,
            "cpu_seconds_second_process": cpu_children,
        },
        "build_append_many_per_s": rate(sizes[-1], build_seconds),
    }


def print_tables(result: dict[str, Any]) -> None:
    print("\nappend throughput (entries/s; ratio to the plain insert of the same rows)")
    print(f"{'backend':<12}{'plain':>12}{'single':>12}{'ratio':>8}{'batched':>12}{'ratio':>8}")
    for row in result["appends"]:
        print(
            f"{row['backend']:<12}{row['plain_per_s']:>12,.0f}{row['single_per_s']:>12,.0f}"
            f"{row['single_ratio']:>8.2f}{row['batched_per_s']:>12,.0f}{row['batched_ratio']:>8.2f}"
        )
    for row in result["appends"]:
        if "plain_copy_per_s" in row:
            print(
                f"{row['backend']}: a plain insert through COPY does {row['plain_copy_per_s']:,.0f}"
                f"/s; batched appends reach {row['batched_ratio_vs_plain_copy']:.2f} of that"
            )
    for note in result["notes"]:
        print(f"note: {note}")
    scale = result["scale"]
    print("\ninclusion proofs on SQLite (median)")
    print(f"{'size':>10}{'prove ms':>10}{'verify ms':>11}{'hashes':>8}")
    for row in scale["proofs"]:
        print(
            f"{row['size']:>10,}{row['prove_ms']:>10.3f}{row['verify_ms']:>11.3f}"
            f"{row['proof_hashes']:>8}"
        )
    verify = scale["verify"]
    print(
        f"\nverify: {verify['entries']:,} entries in {verify['seconds']:.2f} s "
        f"(CPU {verify['cpu_seconds_main']:.2f} s here + "
        f"{verify['cpu_seconds_second_process']:.2f} s in the second process; "
        f"load average {result['machine']['load_average_at_start']:.1f} at the start)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, runs in seconds")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the JSON")
    parser.add_argument("--no-postgres", action="store_true", help="skip PostgreSQL")
    args = parser.parse_args(argv)
    count, singles = (2_000, 100) if args.quick else (50_000, 1_000)
    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000, 1_000_000]
    samples = 50 if args.quick else 500
    rounds = 1 if args.quick else 3
    notes: list[str] = []
    appends = [bench_appends("sqlite", sqlite_database, count, singles, rounds)]
    if args.no_postgres:
        notes.append("PostgreSQL skipped (--no-postgres)")
    elif postgres_reachable():
        appends.append(bench_appends("postgresql", postgres_database, count, singles, rounds))
    else:
        notes.append(f"PostgreSQL skipped: {POSTGRES_URL} is not reachable")
    result = {
        "benchmark": "ledger",
        "mode": "quick" if args.quick else "full",
        "machine": {
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average_at_start": os.getloadavg()[0],
        },
        "appends": appends,
        "notes": notes,
        "scale": bench_scale(sizes, samples),
    }
    print_tables(result)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
