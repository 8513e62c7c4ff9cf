"""The sai controls a rule may name as mitigations, and how the ledger shows each one running.

A mitigation counts only when the ledger shows its control at work on the element the threat
is about: the injection guard ran on the model's requests, the scanner passed the model file at
its current digest, and so on. Configuration alone never counts. Each control is a function of
the ledger and the element; ``CONTROLS`` is the registry the rules are validated against.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import MappingProxyType

from sai.ledger import Entry
from sai.ledger.measured import EvidenceReader as LedgerReader
from sai.threats.system import Element, SystemModel

_WINDOW = timedelta(days=30)
_SAMPLE = 500


@dataclass(frozen=True)
class Observed:
    """What the ledger shows of one control on one element."""

    running: bool
    entries: tuple[int, ...] = ()
    detail: str = ""


Reader = Callable[[LedgerReader, Element, SystemModel, datetime], Observed]


@dataclass(frozen=True)
class Control:
    """A sai control: its id, what it does, and how its running is read from the ledger."""

    id: str
    title: str
    read: Reader


def measured(entries: Sequence[Entry]) -> list[Entry]:
    """Only the entries a sai control produced (never a person's statement)."""
    return [e for e in entries if e.evidence.origin.is_control]


def _latest(ledger: LedgerReader, *, kind: str, subject: str | None = None) -> Entry | None:
    entries = ledger.query(kind=kind, subject=subject, limit=20, descending=True)
    return next(iter(measured(entries)), None)


def _seen(entries: Sequence[Entry], detail: str) -> Observed:
    entries = measured(entries)
    if not entries:
        return Observed(False, (), f"no entry shows it: {detail}")
    return Observed(True, tuple(e.index for e in entries[:3]), detail)


def _requests(ledger: LedgerReader, element: Element, now: datetime) -> list[Entry]:
    """Recent gateway requests for ``element`` (a model) or, for models the gateway serves
    under other names, every chat request."""
    recent = measured(
        ledger.query(kind="gateway.request", since=now - _WINDOW, limit=_SAMPLE, descending=True)
    )
    own = [e for e in recent if e.evidence.data.get("model") == element.name]
    if own or not element.facts.get("gateway_served"):
        return own
    return [e for e in recent if e.evidence.subject in ("chat", "completions", "predict")]


def _scanned(direction: str, names: tuple[str, ...]) -> Reader:
    def read(ledger: LedgerReader, element: Element, _: SystemModel, now: datetime) -> Observed:
        hits = []
        for entry in _requests(ledger, element, now):
            data = entry.evidence.data
            policy = data.get("guard_policy") or {}
            ran = (data.get("guards") or {}).get(direction) not in (None, "not_run", "skipped")
            planted = "canary" in names and policy.get("canary") == "planted"
            if ran and (planted or any(n in (policy.get(direction) or ()) for n in names)):
                hits.append(entry)
        return _seen(hits, f"{'/'.join(names)} on the {direction} of {element.name}'s requests")

    return read


def _documents_screened(ledger: LedgerReader, element: Element, *_: object) -> Observed:
    hits = [
        e
        for e in ledger.query(kind="guard.check", subject=element.name, limit=50, descending=True)
        if any(r.get("scanner") == "injection" for r in e.evidence.data.get("results") or ())
    ]
    return _seen(hits, f"injection guard on the content of {element.name} (guard.check)")


def _authenticated(
    ledger: LedgerReader, element: Element, _: SystemModel, now: datetime
) -> Observed:
    hits = [e for e in _requests(ledger, element, now) if e.evidence.data.get("key_id")]
    return _seen(hits, f"API keys on {element.name}'s requests")


def _limited(
    ledger: LedgerReader, element: Element, system: SystemModel, now: datetime
) -> Observed:
    gateway = next((e for e in system.elements if e.kind.value == "gateway"), None)
    if gateway is None or not gateway.fact("rate_limited"):
        return Observed(False, (), "the gateway sets no request limit for some role")
    hits = _requests(ledger, element, now)
    refused = [e for e in hits if e.evidence.data.get("status") == 429]
    return _seen([*refused[:2], *hits[:1]], f"request limits on {element.name}'s traffic")


def _audited(ledger: LedgerReader, element: Element, _: SystemModel, now: datetime) -> Observed:
    return _seen(_requests(ledger, element, now), f"gateway.request entries for {element.name}")


def _kind(kind: str, what: str, ok: Callable[[Entry], bool] = lambda _: True) -> Reader:
    def read(ledger: LedgerReader, element: Element, *_: object) -> Observed:
        entry = _latest(ledger, kind=kind, subject=element.name)
        return _seen([entry] if entry is not None and ok(entry) else [], f"{what} ({kind})")

    return read


def _current_digest(ledger: LedgerReader, subject: str) -> str | None:
    for entry in measured(ledger.query(subject=subject, descending=True, limit=200)):
        digest = entry.evidence.data.get("digest")
        if entry.evidence.kind != "scan.result" and isinstance(digest, str):
            return digest
    return None


def _model_scanned(ledger: LedgerReader, element: Element, *_: object) -> Observed:
    scan = _latest(ledger, kind="scan.result", subject=element.name)
    if scan is None:
        return Observed(False, (), f"no scan.result for {element.name}")
    current = _current_digest(ledger, element.name)
    if current is not None and current != scan.evidence.data.get("digest"):
        return Observed(False, (scan.index,), "the latest scan is of an older digest")
    if scan.evidence.data.get("verdict") != "safe":
        return Observed(False, (scan.index,), "the latest scan found the file unsafe")
    return Observed(True, (scan.index,), "scanned safe at its current digest")


def _dependencies(ledger: LedgerReader, _: Element, __: SystemModel, now: datetime) -> Observed:
    audit = _latest(ledger, kind="dependency.audit")
    if audit is None or now - audit.evidence.time > _WINDOW:
        return Observed(False, (), "no dependency audit in the last 30 days")
    if audit.evidence.data.get("vulnerable"):
        return Observed(False, (audit.index,), "the latest audit found vulnerable packages")
    return Observed(True, (audit.index,), "dependency audit clean")


def _reviews(ledger: LedgerReader, _: Element, __: SystemModel, now: datetime) -> Observed:
    entries = ledger.query(kind="gateway.review", since=now - _WINDOW, limit=3, descending=True)
    return _seen(entries, "held responses decided by a person (gateway.review)")


_ENTRIES = (
    Control(
        "guards.injection", "injection guard on model input", _scanned("input", ("injection",))
    ),
    Control(
        "guards.documents", "injection guard on retrieved or tool content", _documents_screened
    ),
    Control(
        "guards.leakage",
        "system-prompt leakage and canary guard on output",
        _scanned("output", ("leakage", "canary")),
    ),
    Control(
        "guards.sensitive_output",
        "PII and secrets guard on output",
        _scanned("output", ("pii", "secrets")),
    ),
    Control(
        "guards.exfiltration", "exfiltration guard on output", _scanned("output", ("exfiltration",))
    ),
    Control("gateway.access_control", "API keys and roles at the gateway", _authenticated),
    Control("gateway.rate_limits", "request and token limits at the gateway", _limited),
    Control("gateway.audit", "every request logged by the gateway", _audited),
    Control("gateway.human_review", "flagged responses held for a person", _reviews),
    Control("scanning.model", "model file scanned at its current digest", _model_scanned),
    Control("inventory.signed", "model signed", _kind("asset.signed", "signature")),
    Control("inventory.sealed", "confidential weights sealed", _kind("asset.sealed", "sealing")),
    Control(
        "inventory.tracked",
        "digest tracked by the inventory",
        _kind("asset.recorded", "inventory record"),
    ),
    Control(
        "inventory.prompt_registry",
        "prompt changes versioned",
        _kind("prompt.version", "prompt registry"),
    ),
    Control(
        "supply_chain.decision",
        "external model justified and risk-assessed",
        _kind("supply_chain.decision", "supply-chain decision"),
    ),
    Control("supply_chain.dependencies", "dependencies audited", _dependencies),
    Control(
        "threats.provider",
        "provider due diligence recorded",
        _kind("threats.provider", "due diligence"),
    ),
)

#: Every control a rule may name, by id.
CONTROLS: Mapping[str, Control] = MappingProxyType({c.id: c for c in _ENTRIES})


__all__ = ["CONTROLS", "Control", "LedgerReader", "Observed"]
