"""The example systems as pytm models; run by benchmarks/threats.py inside pytm's own venv.

Reads nothing from sai. Prints JSON: per system, pytm's findings (threat id, target,
description) and the time to build and resolve; and the time for a 50-element system.
Controls are left unset (pytm's default), so every threat whose design precondition holds is
reported, as sai reports every applicable threat before weighing controls.
"""

from __future__ import annotations

import json
import statistics
import sys
import time

from pytm import (
    LLM,
    TM,
    Actor,
    Agent,
    Boundary,
    Dataflow,
    Datastore,
    ExternalEntity,
    Process,
)


def _reset() -> None:
    TM.reset()


def demo() -> TM:
    tm = TM("credit-risk-demo")
    internet, org = Boundary("internet"), Boundary("organisation")
    reviewer = Actor("reviewer", inBoundary=internet)
    gateway = Process("gateway", inBoundary=org)
    scorer = Process("credit-risk-model", inBoundary=org)
    llm = LLM(
        "reviewer-assistant",
        isThirdParty=True,
        processesPersonalData=True,
        hasSystemPrompt=True,
        processesUntrustedInput=True,
        inBoundary=internet,
    )
    data = Datastore("loan-applications", inBoundary=org)
    prompt = Datastore("reviewer-assistant-prompt", inBoundary=org)
    Dataflow(reviewer, gateway, "API requests")
    Dataflow(gateway, llm, "prompts")
    Dataflow(gateway, scorer, "features")
    Dataflow(data, scorer, "training data")
    Dataflow(prompt, llm, "system prompt")
    return tm


def rag_agent() -> TM:
    tm = TM("contract-assistant")
    internet, org = Boundary("internet"), Boundary("organisation")
    customer = Actor("customer", inBoundary=internet)
    llm = LLM(
        "assistant",
        isThirdParty=True,
        processesPersonalData=True,
        hasRAG=True,
        hasAgentCapabilities=True,
        hasAccessToSensitiveSystems=True,
        hasSystemPrompt=True,
        processesUntrustedInput=True,
        inBoundary=internet,
    )
    agent = Agent("tools", usesExternalTools=True, inBoundary=org)
    docs = Datastore("contract-docs", inBoundary=internet)
    records = Datastore("customer-records", inBoundary=org)
    mail = ExternalEntity("send-email", inBoundary=internet)
    crm = Process("crm-lookup", inBoundary=org)
    prompt = Datastore("assistant-prompt", inBoundary=org)
    Dataflow(customer, llm, "questions")
    Dataflow(docs, llm, "retrieved documents")
    Dataflow(prompt, llm, "system prompt")
    Dataflow(llm, agent, "tool calls")
    Dataflow(agent, mail, "e-mail")
    Dataflow(agent, crm, "lookups")
    Dataflow(records, crm, "customer records")
    return tm


def batch() -> TM:
    tm = TM("fraud-batch")
    internet, org = Boundary("internet"), Boundary("organisation")
    hub = ExternalEntity("dataset hub", inBoundary=internet)
    scorer = Process("scorer", inBoundary=org)
    transactions = Datastore("transactions", inBoundary=org)
    patterns = Datastore("fraud-patterns", inBoundary=org)
    Dataflow(hub, patterns, "download")
    Dataflow(transactions, scorer, "training data")
    Dataflow(patterns, scorer, "training data")
    return tm


def fifty() -> TM:
    """A 50-element system: 8 LLMs, 8 stores, 8 document stores, 8 tools, 8 prompts, 4
    configs, a user, a gateway, a hub, a scorer, and 2 boundaries."""
    tm = TM("fifty")
    internet, org = Boundary("internet"), Boundary("organisation")
    user = Actor("user", inBoundary=internet)
    gateway = Process("gateway", inBoundary=org)
    hub = ExternalEntity("hub", inBoundary=internet)
    scorer = Process("scorer", inBoundary=org)
    Dataflow(user, gateway, "requests")
    for i in range(8):
        llm = LLM(f"llm-{i}", hasRAG=True, hasAgentCapabilities=True, inBoundary=internet)
        Dataflow(gateway, llm, "prompts")
        Dataflow(Datastore(f"data-{i}", inBoundary=org), scorer, "training")
        Dataflow(Datastore(f"docs-{i}", inBoundary=internet), llm, "documents")
        Dataflow(llm, Process(f"tool-{i}", inBoundary=org), "calls")
        Dataflow(Datastore(f"prompt-{i}", inBoundary=org), llm, "prompt")
    for i in range(4):
        Dataflow(Datastore(f"config-{i}", inBoundary=org), gateway, "config")
    Dataflow(hub, scorer, "weights")
    return tm


def run(build: object, repeats: int) -> dict[str, object]:
    times, findings = [], []
    for _ in range(repeats):
        _reset()
        start = time.perf_counter()
        tm = build()  # type: ignore[operator]
        tm.resolve()
        times.append(time.perf_counter() - start)
        findings = [
            {"id": f.threat_id, "target": f.target, "description": f.description}
            for f in tm.findings
        ]
    return {
        "findings": findings,
        "seconds": statistics.median(times),
        "elements": len(TM._elements),
    }


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    out = {
        name: run(build, repeats)
        for name, build in (
            ("demo", demo),
            ("rag-agent", rag_agent),
            ("batch", batch),
            ("fifty", fifty),
        )
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
