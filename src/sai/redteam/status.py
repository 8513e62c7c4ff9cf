"""The runs the gate and the checks look at, each with the binding that is current for it.

For LLM runs: the newest run that is still bound to the running version, else the newest run
(which is then reported stale). For each model in ``redteam.classic``: the newest classic run
of that model, judged the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

from sai.ledger import Entry, Ledger
from sai.ledger.kinds import Kind
from sai.manifest import LoadedManifest
from sai.redteam.binding import Binding, bind, file_digest
from sai.redteam.record import KIND


def prompt_now(
    ledger: Ledger, loaded: LoadedManifest, name: str | None
) -> tuple[str, int | None, str] | None:
    """The current (name, registry version, digest) of prompt ``name``."""
    if not name:
        return None
    versions = ledger.query(kind=Kind.PROMPT_VERSION, subject=name)
    if versions:
        data = versions[-1].evidence.data
        return name, int(data["version"]), str(data["digest"])
    spec = next((p for p in loaded.manifest.prompts if p.name == name), None)
    digest = file_digest(loaded.resolve(spec.path)) if spec is not None else None
    return name, None, digest or ""


def current_for(ledger: Ledger, loaded: LoadedManifest, entry: Entry) -> Binding:
    """The binding the system has now, for the target and prompt that ``entry`` tested."""
    recorded = Binding.from_json(entry.evidence.data.get("binding") or {})
    return bind(
        loaded,
        recorded.target,
        model_asset=recorded.model_asset or loaded.manifest.redteam.target_model,
        prompt=prompt_now(ledger, loaded, recorded.prompt_name),
    )


def latest_runs(ledger: Ledger, loaded: LoadedManifest) -> list[tuple[Entry, Binding]]:
    """The LLM run and the classic runs the gate judges, newest first within each."""
    entries: Sequence[Entry] = ledger.query(kind=KIND, descending=True)
    chosen: list[tuple[Entry, Binding]] = []
    llm = [e for e in entries if e.evidence.data.get("kind", "llm") == "llm"]
    if llm:
        pairs = [(e, current_for(ledger, loaded, e)) for e in llm]
        fresh = [
            (e, b)
            for e, b in pairs
            if e.evidence.data.get("complete")
            and not Binding.from_json(e.evidence.data.get("binding") or {}).stale_reasons(b)
        ]
        chosen.append(fresh[0] if fresh else pairs[0])
    for spec in loaded.manifest.redteam.classic:
        runs = [
            e
            for e in entries
            if e.evidence.data.get("kind") == "classic"
            and (e.evidence.data.get("binding") or {}).get("model_asset") == spec.model
        ]
        if runs:
            chosen.append(
                (
                    runs[0],
                    bind(
                        loaded, runs[0].evidence.data["binding"]["target"], model_asset=spec.model
                    ),
                )
            )
    return chosen


__all__ = ["current_for", "latest_runs", "prompt_now"]
