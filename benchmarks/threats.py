"""Threats benchmark: sai's threat model beside pytm's on the same three example systems.

For the demo system (scikit-learn scorer + LLM behind the gateway), a retrieval-augmented agent
with tools, and a batch tabular model, both tools model the system and this script compares:

  found        - threats reported (sai: rule x element; pytm: findings)
  atlas        - how many carry a MITRE ATLAS technique id
  ai_specific  - sai: rules marked AI-specific; pytm: its LLM/agent threats (LLM01-LLM09)
  false        - threats whose precondition the system lacks. sai: threats outside the set
                 written from reasoning in tests/threats/_systems.py (EXPECTED); pytm: findings
                 naming a technology none of the systems has (SQL, XML, LDAP, cookies, browser
                 scripting, ...), a keyword heuristic, listed in the output
  covered      - every AI-specific threat pytm finds, mapped to the sai rules that cover it
                 (PYTM_TO_SAI), must be among sai's threats for that system
  build        - median seconds to build and evaluate a 50-element system (sai: system model,
                 rules and risk register with an empty ledger; pytm: TM and resolve())

pytm comes from PyPI into benchmarks/.venv-peers/pytm, created by this script.

    python benchmarks/threats.py            # full run, writes results/threats.json
    python benchmarks/threats.py --quick    # seconds; CI
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import statistics
import subprocess
import sys
import time
import venv
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # the example systems live with the tests

from tests.threats._systems import BATCH, EXPECTED, RAG_AGENT, demo, manifest  # noqa: E402

from sai.manifest import Manifest  # noqa: E402
from sai.threats.build import build_system  # noqa: E402
from sai.threats.evaluate import evaluate  # noqa: E402
from sai.threats.files import load_rules  # noqa: E402
from sai.threats.register import build_register  # noqa: E402

RESULTS = Path(__file__).with_name("results") / "threats.json"
PEER = Path(__file__).with_name(".venv-peers") / "pytm"
PYTM_SCRIPT = Path(__file__).with_name("_pytm_models.py")
#: pytm's LLM/agent threats and the sai rules that cover each.
PYTM_TO_SAI = {
    "LLM01": {"SAI-T001"},
    "LLM02": {"SAI-T002"},
    "LLM03": {"SAI-T021"},
    "LLM04": {"SAI-T009", "SAI-T010"},
    "LLM05": {"SAI-T007"},
    "LLM06": {"SAI-T007"},
    "LLM07": {"SAI-T004"},
    "LLM08": {"SAI-T006"},
    "LLM09": {"SAI-T003", "SAI-T007"},
}
ABSENT_TECH = re.compile(
    r"\b(SQL|XML|LDAP|XSS|cross[- ]site|cookie|JavaScript|DOM|buffer overflow|format string"
    r"|server side include|response splitting|request smuggling|session)\b",
    re.IGNORECASE,
)


class _EmptyLedger:
    def query(self, **_: object) -> list[Any]:
        return []

    def latest(self, **_: object) -> None:
        return None


def _systems() -> dict[str, Manifest]:
    return {"demo": manifest(demo()), "rag-agent": manifest(RAG_AGENT), "batch": manifest(BATCH)}


def fifty() -> Manifest:
    """A 50-element system: 8 LLMs, 8 datasets, 8 retrieval sources, 8 tools, 8 prompts,
    4 configs, a scorer, the gateway, its roles and providers."""
    data = demo()
    data.update(name="fifty", upstream={"base_url": "https://llm.example.com/v1"})
    data["gateway"] = {"models": []}
    data["models"] = [
        dict(data["models"][0], name="scorer", trained_on=[f"data-{i}" for i in range(8)])
    ]
    data["models"] += [
        {
            "name": f"llm-{i}",
            "endpoint": f"https://llm{i}.example.com/v1",
            "format": "openai-api",
            "source": "https://provider.example.com",
        }
        for i in range(8)
    ]
    data["datasets"] = [
        {
            "name": f"data-{i}",
            "path": f"d{i}.csv",
            "sources": [{"url": f"https://data.example.com/{i}"}],
        }
        for i in range(8)
    ]
    data["retrieval"] = [
        {"name": f"docs-{i}", "path": f"docs{i}/", "untrusted": i % 2 == 0} for i in range(8)
    ]
    data["tools"] = [
        {
            "name": f"tool-{i}",
            "kind": "http-api",
            "permissions": [f"svc{i}:read"],
            "reaches": [f"data-{i}"],
        }
        for i in range(8)
    ]
    data["prompts"] = [{"name": f"prompt-{i}", "path": f"p{i}.txt"} for i in range(8)]
    data["configs"] = [{"name": f"config-{i}", "path": f"c{i}.yaml"} for i in range(4)]
    return manifest(data)


def sai_run(system: Manifest, repeats: int) -> tuple[list[Any], float, int]:
    rules = load_rules()
    times: list[float] = []
    risks: list[Any] = []
    elements = 0
    for _ in range(repeats):
        start = time.perf_counter()
        model = build_system(system)
        threats = evaluate(model, rules.rules)
        risks = list(
            build_register(
                model, threats, rules, _EmptyLedger(), owner="bench", now=datetime.now(UTC)
            )
        )
        times.append(time.perf_counter() - start)
        elements = len(model.elements)
    return risks, statistics.median(times), elements


def pytm_run(repeats: int) -> dict[str, Any] | str:
    python = PEER / "bin" / "python"
    if not python.exists():
        venv.create(PEER, with_pip=True)
    check = subprocess.run([str(python), "-c", "import pytm"], capture_output=True, check=False)
    if check.returncode != 0:
        done = subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "pytm"],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            return f"pip install pytm failed: {done.stderr.strip()[-300:]}"
    done = subprocess.run(
        [str(python), str(PYTM_SCRIPT), str(repeats)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if done.returncode != 0:
        return f"pytm run failed: {done.stderr.strip()[-300:]}"
    result: dict[str, Any] = json.loads(done.stdout)
    version = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m; print(m.version('pytm'))"],
        capture_output=True,
        text=True,
        check=False,
    )
    result["version"] = version.stdout.strip()
    return result


def compare(name: str, risks: list[Any], peer: dict[str, Any] | None) -> dict[str, Any]:
    ids = {r.threat.id for r in risks}
    rules = {r.threat.rule.id for r in risks}
    row: dict[str, Any] = {
        "sai": {
            "found": len(ids),
            "atlas": sum(bool(r.threat.rule.atlas) for r in risks),
            "ai_specific": sum(r.threat.rule.ai_specific for r in risks),
            "false": sorted(ids - EXPECTED[name]),
            "missed": sorted(EXPECTED[name] - ids),
        }
    }
    if peer is not None:
        findings = peer["findings"]
        ai = sorted({f["id"] for f in findings if f["id"] in PYTM_TO_SAI})
        row["pytm"] = {
            "found": len(findings),
            "atlas": 0,
            "ai_specific": sum(f["id"] in PYTM_TO_SAI for f in findings),
            "false": sorted(
                {
                    f["id"] + " " + f["description"]
                    for f in findings
                    if ABSENT_TECH.search(f["description"])
                }
            ),
            "ai_threats": ai,
        }
        row["uncovered_by_sai"] = [t for t in ai if not PYTM_TO_SAI[t] & rules]
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="few repeats (CI)")
    parser.add_argument("--no-peer", action="store_true", help="skip pytm")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    repeats = 3 if args.quick else 30
    peer = None if args.no_peer else pytm_run(repeats)
    note = peer if isinstance(peer, str) else None
    peer_data = peer if isinstance(peer, dict) else None
    systems = {}
    for name, system in _systems().items():
        risks, _, _ = sai_run(system, 1)
        systems[name] = compare(name, risks, peer_data[name] if peer_data else None)
    _, sai_seconds, sai_elements = sai_run(fifty(), repeats)
    build = {"sai": {"seconds": sai_seconds, "elements": sai_elements}}
    if peer_data:
        build["pytm"] = {
            "seconds": peer_data["fifty"]["seconds"],
            "elements": peer_data["fifty"]["elements"],
        }
        build["ratio_sai_to_pytm"] = sai_seconds / peer_data["fifty"]["seconds"]
    result = {
        "mode": "quick" if args.quick else "full",
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "pytm_version": peer_data.get("version") if peer_data else None,
        "note": note,
        "systems": systems,
        "build_50_elements": build,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"{'system':<10} {'tool':<5} {'found':>5} {'ATLAS':>5} {'AI':>4} {'false':>5}")
    for name, row in systems.items():
        for tool in ("sai", "pytm"):
            if tool in row:
                r = row[tool]
                print(
                    f"{name:<10} {tool:<5} {r['found']:>5} {r['atlas']:>5} "
                    f"{r['ai_specific']:>4} {len(r['false']):>5}"
                )
        if "uncovered_by_sai" in row:
            print(
                f"{'':<10} pytm AI threats not covered by sai: {row['uncovered_by_sai'] or 'none'}"
            )
    line = f"50-element build: sai {sai_seconds * 1000:.1f} ms ({sai_elements} elements)"
    if "pytm" in build:
        line += (
            f", pytm {build['pytm']['seconds'] * 1000:.1f} ms "
            f"(ratio {build['ratio_sai_to_pytm']:.2f})"
        )
    print(line)
    if note:
        print(f"note: {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
