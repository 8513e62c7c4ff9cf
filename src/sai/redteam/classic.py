"""Classic-model runs: the attacks of ``redteam.classic`` against a local file or ``/v1/predict``.

A classic run writes the same kind of log as an LLM run (``kind: classic`` in the header, an
``attack`` record per finished attack), so reports, evidence and the gate treat both alike; a
resumed classic run skips the attacks already recorded.
"""

from __future__ import annotations

import csv
import os
import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sai.manifest import LoadedManifest, ModelFormat
from sai.manifest.redteam_spec import ClassicSpec
from sai.redteam.attacks import ATTACKS, ClassicData, select_attacks
from sai.redteam.binding import bind
from sai.redteam.errors import AttackError
from sai.redteam.runlog import LogContents, RunLog, has_run, read_log
from sai.redteam.session import tester
from sai.redteam.targets import LocalModelTarget, ModelTarget, OnnxModelTarget, PredictTarget


def read_rows(path: Path, label: str) -> tuple[Any, Any, tuple[str, ...]]:
    """Features and labels of a CSV file; AttackError with file:line on a bad value."""
    import numpy as np

    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as error:
        raise AttackError(f"cannot read {path}: {error.strerror}") from None
    with handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None or label not in header:
            raise AttackError(
                f"{path}:1: no column {label!r}",
                hint="set redteam.classic[].label to the label column",
            )
        at = header.index(label)
        features = tuple(h for i, h in enumerate(header) if i != at)
        rows, labels = [], []
        for number, row in enumerate(reader, start=2):
            if not row:
                continue
            try:
                values = [float(v) for v in row]
            except ValueError:
                raise AttackError(f"{path}:{number}: a value is not a number") from None
            if len(values) != len(header):
                raise AttackError(
                    f"{path}:{number}: {len(values)} values for {len(header)} columns"
                )
            labels.append(int(values.pop(at)))
            rows.append(values)
    if len(rows) < 20:
        raise AttackError(f"{path} holds {len(rows)} rows; the attacks need at least 20")
    return np.asarray(rows), np.asarray(labels), features


def classic_data(loaded: LoadedManifest, spec: ClassicSpec) -> ClassicData:
    """The member and non-member rows ``spec`` names."""
    paths = {d.name: loaded.resolve(d.path) for d in loaded.manifest.datasets}
    mx, my, features = read_rows(paths[spec.members], spec.label)
    nx, ny, other = read_rows(paths[spec.non_members], spec.label)
    if features != other:
        raise AttackError(f"{spec.members} and {spec.non_members} have different columns")
    return ClassicData(mx, my, nx, ny, features)


def model_target(
    loaded: LoadedManifest, spec: ClassicSpec, target: str, api_key_env: str | None
) -> ModelTarget:
    """``local`` (the model file of sai.yaml: ONNX through onnxruntime, else joblib/pickle)
    or ``predict:BASE_URL`` (sai's gateway)."""
    if target == "local":
        model = next(m for m in loaded.manifest.models if m.name == spec.model)
        if model.path is None:
            raise AttackError(
                f"model {spec.model} has no local file", hint="use --target predict:URL"
            )
        path = loaded.resolve(model.path)
        if model.format is ModelFormat.onnx or path.suffix.lower() == ".onnx":
            return OnnxModelTarget.load(path, name=spec.model)
        return LocalModelTarget.load(path, name=spec.model)
    kind, _, url = target.partition(":")
    if kind != "predict" or not url:
        raise AttackError(
            f"unknown classic target {target!r}", hint="local or predict:http://host:port/v1"
        )
    key = os.environ.get(api_key_env) if api_key_env else None
    if api_key_env and not key:
        raise AttackError(f"--api-key-env names {api_key_env}, which is not set or empty")
    return PredictTarget(url, spec.model, api_key=key)


def run_classic(
    loaded: LoadedManifest,
    spec: ClassicSpec,
    out: Path,
    *,
    target: str = "local",
    api_key_env: str | None = None,
    attacks: str = "all",
    seed: int = 0,
    resume: bool = False,
    tester_name: str | None = None,
    on_attack: Callable[[str], None] = lambda name: None,
) -> LogContents:
    """Run the attacks on ``spec``'s model into ``out`` (skipping those already recorded)."""
    names = select_attacks(attacks)
    data = classic_data(loaded, spec)
    victim = model_target(loaded, spec, target, api_key_env)
    if resume and has_run(out):
        contents = read_log(out)
        header = contents.header
        log = RunLog.reopen(out, contents)
        done = {r["attack"] for r in contents.records if r["type"] == "attack"}
        names = tuple(header["settings"]["attacks"])
        seed = int(header["settings"]["seed"])
    else:
        header = {
            "run_id": secrets.token_hex(8),
            "kind": "classic",
            "started": datetime.now(UTC).isoformat(timespec="seconds"),
            "tester": tester_name or tester(),
            "settings": {
                "target": target,
                "model": spec.model,
                "attacks": list(names),
                "seed": seed,
            },
            "target": victim.describe(),
            "data": {"members": len(data.members_y), "non_members": len(data.non_members_y)},
            "binding": bind(
                loaded, f"{target.partition(':')[0]}:{spec.model}", model_asset=spec.model
            ).to_json(),
        }
        log = RunLog.create(out, header)
        done = set()
    try:
        for name in names:
            if name in done:
                continue
            on_attack(name)
            outcome = ATTACKS[name]().run(victim, data, seed=seed)
            log.append(outcome.to_json())
        log.append(
            {
                "type": "end",
                "time": datetime.now(UTC).isoformat(timespec="seconds"),
                "stopped": "complete",
                "planned": 0,
                "finished": len(names),
                "skipped": len(done),
                "errors": 0,
            }
        )
        log.sync()
    finally:
        log.close()
        if isinstance(victim, PredictTarget):
            victim.close()
    return read_log(out)


__all__ = ["classic_data", "model_target", "read_rows", "run_classic"]
