"""The demo's threat-model step: build, sign off, review, export, and one staleness round.

The example system's threat model is built from its sai.yaml and what the earlier demo steps
put in the ledger (the gateway's guards, the scanner, the signatures), so some mitigations
count as running. The residual risks above the appetite are accepted in a threats.yaml clearly
marked as demo data; then the prompt changes through the prompt registry, the model turns
stale, and it is built and reviewed again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sai.ledger import Ledger
from sai.manifest import LoadedManifest
from sai.threats.export import DIAGRAMS, FORMATS
from sai.threats.export.tables import _plain
from sai.threats.files import PROJECT_FILE
from sai.threats.service import model_system, review_model

REVIEWER = "Dana Demo"
_EXPORTS = (
    ("json", "threat-model.json"),
    ("md", "threat-model.md"),
    ("html", "threat-model.html"),
    ("csv", "risk-register.csv"),
    ("threat-dragon", "threat-model.threat-dragon.json"),
)


@dataclass(frozen=True)
class ThreatsDemo:
    """What the step recorded: threats, controls seen running, and the staleness round."""

    threats: int
    running: int
    changes: tuple[str, ...]
    files: tuple[str, ...]


def _sign_off(root: Path, risks: list[tuple[str, str]]) -> Path:
    lines = [
        "# Demo data: these acceptances only illustrate the register; no one decided them.",
        "risks:",
    ]
    for threat, status in risks:
        if status == "needs sign-off":
            lines += [
                f"  - threat: {threat}",
                "    justification: Demo system only; accepted to show the sign-off flow.",
                f"    approved_by: {REVIEWER} (demo data)",
            ]
    path = root / PROJECT_FILE
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_threats_demo(
    ledger: Ledger,
    loaded: LoadedManifest,
    out: Path,
    *,
    change_prompt: Callable[[str, Path, datetime], object],
    actor: str,
    clock: Callable[[], datetime],
    on_step: Callable[[str], None],
) -> ThreatsDemo:
    """Model, sign off, review and export the example's threats, then one staleness round.

    ``change_prompt(name, file, time)`` puts a new version of a prompt in place through the
    prompt registry (the demo passes `sai.inventory.prompts.set_version`). ``clock`` is read
    for every recorded step, so each entry carries the time it was made.
    """
    first = model_system(ledger, loaded, rules_file=None, actor=actor, now=clock())
    on_step(
        f"Threat model: {len(first.model.risks)} threats, "
        f"{first.model.counts()['needs_sign_off']} above the risk appetite"
    )
    rules = _sign_off(loaded.root, [(r.threat.id, r.status) for r in first.model.risks])
    made = model_system(ledger, loaded, rules_file=rules, actor=actor, now=clock())
    review_model(ledger, loaded, rules_file=rules, by=REVIEWER, note="Demo review.", now=clock())
    out.mkdir(parents=True, exist_ok=True)
    data = _plain(made.model.to_data())
    for fmt, name in _EXPORTS:
        (out / name).write_text(FORMATS[fmt](data), encoding="utf-8")
    (out / "data-flows.svg").write_text(DIAGRAMS["svg"](data), encoding="utf-8")
    name = loaded.manifest.prompts[0].name
    changed = loaded.root / "prompt-v2.txt"
    changed.write_text(
        loaded.resolve(loaded.manifest.prompts[0].path).read_text("utf-8")
        + "Answer in at most five sentences.\n",
        encoding="utf-8",
    )
    change_prompt(name, changed, clock())
    stale = model_system(ledger, loaded, rules_file=rules, actor=actor, now=clock())
    changes = tuple(c.describe() for c in stale.changes)
    on_step(f"Prompt changed: the threat model is stale ({'; '.join(changes)}); reviewed again")
    review_model(
        ledger, loaded, rules_file=rules, by=REVIEWER, note="Prompt change reviewed.", now=clock()
    )
    running = sum(c.running for r in made.model.risks for c in r.controls)
    return ThreatsDemo(
        len(made.model.risks), running, changes, (*tuple(n for _, n in _EXPORTS), "data-flows.svg")
    )


__all__ = ["ThreatsDemo", "run_threats_demo"]
