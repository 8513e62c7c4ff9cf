"""The baseline-sample part of `sai demo`: an analyst freezes a monitoring baseline from a copy
of the training data kept outside sai.yaml, so its banded row sample is sealed under a key of
its own (``baseline:<digest>``); when the copy's retention ends, that key is crypto-erased on
its own (`sai dispose baseline-sample`), verified gone, and recorded as ``key.destroyed``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sai.disposal.baseline_erase import ErasedSample, erase_baseline_sample
from sai.errors import VerificationError
from sai.inventory.errors import SealError
from sai.inventory.seal import custody_for, data_key
from sai.ledger import Ledger
from sai.manifest import LoadedManifest
from sai.monitoring.baseline import freeze, sample_key_name
from sai.workspace import Workspace

COPY = "scratch/analyst-copy.csv"
_ROWS = 400


def run_baseline_sample_demo(
    ledger: Ledger,
    workspace: Workspace,
    loaded: LoadedManifest,
    root: Path,
    *,
    actor: str,
    on_step: Callable[[str], None] = lambda _: None,
) -> ErasedSample:
    """Freeze a baseline from an undeclared copy, erase its own sample key, check it is gone."""
    source = loaded.resolve(str(loaded.manifest.datasets[0].path))
    copy = root / COPY
    copy.parent.mkdir(parents=True, exist_ok=True)
    rows = source.read_text(encoding="utf-8").splitlines()[: _ROWS + 1]
    copy.write_text("\n".join(rows) + "\n", encoding="utf-8")
    name = sample_key_name(loaded, copy)
    if not name.startswith("baseline:"):
        raise VerificationError(f"the demo's analyst copy is sealed under {name}, not its own key")
    purpose = "seal the analyst baseline's row sample"
    key = data_key(ledger, workspace, name, actor=actor, purpose=purpose)
    baseline, _ = freeze(
        copy,
        workspace.sai_dir / "monitoring" / "baselines",
        ledger,
        actor=actor,
        sensitivity="personal",
        sample_key=(name, key),
    )
    short = baseline.baseline_id.removeprefix("sha256:")[:12]
    on_step(f"Disposal: analyst baseline {short} seals its sample under {name}")
    erased = erase_baseline_sample(
        ledger, workspace, baseline.baseline_id, "analyst copy past its retention", actor=actor
    )
    try:
        custody_for(workspace, name).data_key(name, create=False)
    except SealError:
        pass
    else:
        raise VerificationError(f"the demo's erased sample key {name} still unwraps")
    copy.unlink()
    copies = f"{len(erased.destroyed)} cop{'y' if len(erased.destroyed) == 1 else 'ies'}"
    on_step(
        f"Disposal: sample key {name} crypto-erased ({copies}), verified gone, recorded in "
        f"entry {erased.entry}"
    )
    return erased


__all__ = ["COPY", "run_baseline_sample_demo"]
