"""A real, small, deterministic report built without a database: entries, tree, signed checkpoint.

The builder follows docs/report-format.md exactly as `sai assess` does: the body's digest goes
into an `assessment.completed` entry, the entries form a Merkle tree, the tree head is signed
as a C2SP checkpoint, and every cited entry is shipped with its inclusion proof.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sai.ledger import Origin
from sai.ledger.canonical import canonical_json
from sai.ledger.checkpoint import Checkpoint, sign_checkpoint
from sai.ledger.entry import Evidence
from sai.ledger.merkle import MemoryTree, inclusion_proof, leaf_hash
from sai.ledger.note import NoteSigner
from tests._golden import check_golden

GOLDEN_DIR = Path(__file__).parent / "golden"
ORIGIN = "sai.local/credit-scoring/1a2b3c4d"
KEY_NAME = "sai-credit-scoring"
SEED = b"\x01" * 32
OTHER_SEED = b"\x02" * 32
START = datetime(2026, 11, 20, 9, 0, 0, tzinfo=UTC)
ASSESSED_AT = "2026-11-24T06:00:00.000000Z"

# (number, our own short title, phase)
PRINCIPLES = [
    (1, "Security awareness", "design"),
    (2, "Security in design", "design"),
    (3, "Threat evaluation and risk", "design"),
    (4, "Human responsibility", "design"),
    (5, "Asset inventory", "development"),
    (6, "Infrastructure protection", "development"),
    (7, "Supply chain", "development"),
    (8, "Data, model and prompt records", "development"),
    (9, "Testing and evaluation", "development"),
    (10, "Communication with users", "deployment"),
    (11, "Updates and patches", "maintenance"),
    (12, "Monitoring behaviour", "maintenance"),
    (13, "Data and model disposal", "end_of_life"),
]
SECTION = {
    1: "5.1.1",
    2: "5.1.2",
    3: "5.1.3",
    4: "5.1.4",
    5: "5.2.1",
    6: "5.2.2",
    7: "5.2.3",
    8: "5.2.4",
    9: "5.2.5",
    10: "5.3.1",
    11: "5.4.1",
    12: "5.4.2",
    13: "5.5.1",
}

# Per principle: (status, verdict, automated) per provision, in catalog order.
A, E, N = "applicable", "excluded", "not-applicable"
PLAN: dict[int, list[tuple[str, str | None, bool]]] = {
    1: [(A, "pass", False), (A, "pass", False)],
    2: [(A, "pass", True), (A, "fail", True), (N, None, False)],
    3: [(A, "inconclusive", False), (A, "pass", True)],
    4: [(A, "pass", False), (E, None, False)],
    5: [(A, "pass", True), (A, "pass", True), (A, "inconclusive", True)],
    6: [(A, "fail", True), (A, "pass", True), (E, None, False)],
    7: [(A, "pass", True), (N, None, False)],
    8: [(A, "pass", True), (A, "pass", False)],
    9: [(A, "inconclusive", True), (A, "fail", True)],
    10: [(A, "pass", False), (N, None, False)],
    11: [(A, "pass", False)],
    12: [(A, "pass", True), (A, "inconclusive", True)],
    13: [(N, None, False), (N, None, False)],
}
_SEVERITY = {"pass": 0, "inconclusive": 1, "fail": 2}


@dataclass(frozen=True)
class BuiltReport:
    """The report dict and what built it (for pinning keys and re-signing in tests)."""

    report: dict[str, Any]
    signer: NoteSigner
    entries: tuple[Evidence, ...]

    @property
    def vkey(self) -> str:
        return self.signer.verifier_key()


def signer_for(seed: bytes = SEED, name: str = KEY_NAME) -> NoteSigner:
    return NoteSigner(name, Ed25519PrivateKey.from_private_bytes(seed))


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _worst(verdicts: list[str]) -> str | None:
    return max(verdicts, key=_SEVERITY.__getitem__) if verdicts else None


def _body_and_entries() -> tuple[dict[str, Any], list[Evidence], dict[str, list[int]]]:
    """ICS, results and principles, plus the evidence entries the results cite."""
    entries: list[Evidence] = []
    cites: dict[str, list[int]] = {}
    ics, results = [], []
    tick = 0
    for number, _title, phase in PRINCIPLES:
        for position, (status, verdict, automated) in enumerate(PLAN[number], start=1):
            provision = f"{SECTION[number]}-{position}"
            basis = {
                A: "binds developer, held by the organisation",
                E: "No cloud hosting is used; the provider's own controls are out of scope.",
                N: "binds data_custodian; none of these roles is held",
            }[status]
            ics.append(
                {
                    "provision": provision,
                    "principle": number,
                    "phase": phase,
                    "force": ["shall"] if position % 2 else ["should"],
                    "roles": ["data_custodian"] if status == N else ["developer"],
                    "summary": f"Own-words summary of provision {provision}.",
                    "status": status,
                    "basis": basis,
                }
            )
            if status != A:
                continue
            tick += 1
            when = START + timedelta(minutes=7 * tick)
            if automated:
                entry = Evidence.create(
                    "scan.result",
                    f"model:clf#{provision}",
                    provisions=[provision],
                    actor="sai scanner",
                    origin=Origin.control("test"),
                    data={"findings": 0 if verdict == "pass" else 2, "demo": tick % 3 == 0},
                    time=when,
                )
            else:
                entry = Evidence.create(
                    "attestation",
                    provision,
                    provisions=[provision],
                    actor="A. Person",
                    origin=Origin.person("A. Person"),
                    data={"statement": f"We do what {provision} asks.", "review_by": "2027-05-01"},
                    time=when,
                )
            entries.append(entry)
            cites[provision] = [len(entries) - 1]
            reason = {
                "pass": "attested by A. Person, review by 2027-05-01"
                if not automated
                else "scan found nothing",
                "fail": "scan found 2 problems; fix them and re-run the scan",
                "inconclusive": "no current evidence; record it and assess again",
            }[verdict or "pass"]
            results.append(
                {
                    "provision": provision,
                    "principle": number,
                    "verdict": verdict,
                    "reason": reason,
                    "check": "scan-clean" if automated else "attestation",
                    "automated": automated,
                    "evidence": cites[provision],
                }
            )
    principles = []
    for number, title, phase in PRINCIPLES:
        mine = [r["verdict"] for r in results if r["principle"] == number]
        principles.append(
            {
                "number": number,
                "title": title,
                "phase": phase,
                "verdict": _worst(mine),
                "counts": {v: mine.count(v) for v in ("pass", "fail", "inconclusive")},
                "excluded": sum(
                    1 for row in ics if row["principle"] == number and row["status"] == E
                ),
            }
        )
    body = {
        "format": "sai.report/1",
        "tool": {"name": "sai", "version": "0.1.0"},
        "standard": {"id": "ETSI EN 304 223", "version": "V2.1.1"},
        "assessed_at": ASSESSED_AT,
        "system": {
            "name": "credit-scoring",
            "description": "Scores loan applications.",
            "intended_use": "Decision support for credit officers.",
            "roles": ["developer", "system_operator"],
        },
        "ics": ics,
        "results": results,
        "principles": principles,
        "overall": _worst([r["verdict"] for r in results]) or "inconclusive",
    }
    return body, entries, cites


def build_report(
    *,
    edit_body: Callable[[dict[str, Any]], None] | None = None,
    seed: bytes = SEED,
    noise_entries: int = 5,
) -> BuiltReport:
    """Build a signed, verifiable report; ``edit_body`` may change the body before signing."""
    body, entries, _ = _body_and_entries()
    if edit_body is not None:
        edit_body(body)
    # Entries nobody cites make the tree bigger than the evidence list, as in a real log.
    for n in range(noise_entries):
        entries.append(
            Evidence.create(
                "gateway.request",
                f"request-{n}",
                actor="gateway",
                origin=Origin.control("test"),
                data={"status": 200},
                time=START + timedelta(hours=1, seconds=n),
            )
        )
    digest = "sha256:" + hashlib.sha256(canonical_json(body)).hexdigest()
    assessment = Evidence.create(
        "assessment.completed",
        "credit-scoring",
        actor="sai assess",
        origin=Origin.control("test"),
        data={"report_digest": digest, "overall": body["overall"]},
        time=START + timedelta(days=4),
    )
    entries.append(assessment)
    tree = MemoryTree(leaf_hash(entry.leaf_bytes()) for entry in entries)
    signer = signer_for(seed)
    signed = sign_checkpoint(Checkpoint(ORIGIN, tree.size, tree.root()), signer)
    assessment_index = len(entries) - 1
    cited = sorted({i for r in body["results"] for i in r["evidence"]} | {assessment_index})
    report = {
        **body,
        "ledger": {
            "origin": ORIGIN,
            "checkpoint": signed.to_bytes().decode("utf-8"),
            "verifier_key": signer.verifier_key(),
            "assessment_entry": assessment_index,
        },
        "evidence": [
            {
                "index": index,
                "leaf": b64(entries[index].leaf_bytes()),
                "proof": [b64(h) for h in inclusion_proof(index, tree.size, tree)],
            }
            for index in cited
        ],
    }
    return BuiltReport(report=report, signer=signer, entries=tuple(entries))


@pytest.fixture
def built() -> BuiltReport:
    return build_report()


@pytest.fixture
def report(built: BuiltReport) -> dict[str, Any]:
    return built.report


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with a golden file exactly; rewrite it under --update-goldens."""

    def check(name: str, actual: str) -> None:
        check_golden(GOLDEN_DIR / name, actual, request.config)

    return check
