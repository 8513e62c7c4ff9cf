"""Hashing benchmark: sai's model hashing against parallel sha256sum and model-signing.

On one generated model folder (a few large shards plus many small files), in one run, warm page
cache for every contender:

  (a) sha256sum   - GNU coreutils over the files in parallel (xargs -P CPUs), the practical limit
  (b) model-signing - its default hashing (files method, SHA-256, thread pool)
  (c) sai         - sai.inventory.hashing (files method, SHA-256, largest files first)
  (d) sai shards  - the shards method (1 GB shards, model-signing compatible)
  (e) verify      - `sai inventory verify`'s library call on the signed folder

Each figure is the best of N repeats; ratios are against (a) and (b) of the same run.
model-signing is a dev dependency of sai (`pip install -e '.[dev]'`), so it is imported here.

    python benchmarks/hashing.py            # 2 GB folder, writes results/hashing.json
    python benchmarks/hashing.py --quick    # 64 MB, seconds; CI
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sai.inventory.hashing import HashOptions, hash_tree
from sai.inventory.signing import ensure_signing_key, sign_model, verify_model
from sai.inventory.signing.keys import PUBLIC_NAME

RESULTS = Path(__file__).resolve().parent / "results"
_BLOCK = 8 * 1024 * 1024


def generate(folder: Path, total: int, *, large: int = 4, small: int = 400) -> int:
    """Write ``large`` big shards (90% of ``total``) and ``small`` small files; bytes written."""
    block = os.urandom(_BLOCK)
    big_size = int(total * 0.9) // large
    written = 0
    for index in range(large):
        path = folder / f"model-{index:05d}-of-{large:05d}.safetensors"
        with path.open("wb") as handle:
            remaining = big_size
            handle.write(index.to_bytes(8, "big"))
            remaining -= 8
            while remaining > 0:
                chunk = block[: min(len(block), remaining)]
                handle.write(chunk)
                remaining -= len(chunk)
        written += big_size
    per_small = (total - written) // small
    (folder / "tokenizer").mkdir()
    for index in range(small):
        data = index.to_bytes(8, "big") + os.urandom(max(per_small - 8, 0))
        (folder / "tokenizer" / f"part-{index:04d}.json").write_bytes(data)
        written += len(data)
    return written


def _warm(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as handle:
                while handle.read(_BLOCK):
                    pass


def _best(repeats: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def _sha256sum(folder: Path, workers: int) -> None:
    files = sorted((p for p in folder.rglob("*") if p.is_file()), key=lambda p: -p.stat().st_size)
    listing = "\0".join(str(p) for p in files).encode()
    subprocess.run(
        ["xargs", "-0", "-P", str(workers), "-n", "16", "sha256sum"],
        input=listing,
        stdout=subprocess.DEVNULL,
        check=True,
    )


def _model_signing(folder: Path) -> None:
    from model_signing import hashing

    hashing.Config().hash(folder)


def run(quick: bool, repeats: int, size: int, output: Path) -> dict[str, Any]:
    workers = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="sai-hash-bench-") as scratch:
        folder = Path(scratch) / "model"
        folder.mkdir()
        total = generate(folder, size, small=40 if quick else 400)
        _warm(folder)
        gigabytes = total / 1e9
        rows: dict[str, float] = {}
        if shutil.which("sha256sum") and shutil.which("xargs"):
            rows["sha256sum_parallel"] = _best(repeats, lambda: _sha256sum(folder, workers))
        try:
            rows["model_signing"] = _best(repeats, lambda: _model_signing(folder))
        except ImportError:
            print("model-signing is not installed: skipped (pip install -e '.[dev]')")
        rows["sai"] = _best(repeats, lambda: hash_tree(folder, HashOptions(workers=workers)))
        rows["sai_shards"] = _best(
            repeats,
            lambda: hash_tree(folder, HashOptions(workers=workers, shard_size=1_000_000_000)),
        )
        keys = ensure_signing_key(Path(scratch) / "keys")
        signature = Path(scratch) / "model.sig"
        sign_model(folder, signature, keys)
        public = Path(scratch) / "keys" / PUBLIC_NAME
        rows["sai_verify"] = _best(repeats, lambda: verify_model(folder, signature, public))
    speed = {name: gigabytes / seconds for name, seconds in rows.items()}
    result: dict[str, Any] = {
        "benchmark": "hashing",
        "mode": "quick" if quick else "full",
        "when": datetime.now(UTC).isoformat(),
        "machine": {
            "cpus": workers,
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "bytes": total,
        "repeats": repeats,
        "seconds": rows,
        "gb_per_s": speed,
        "ratios": {
            "sai_vs_sha256sum": speed["sai"] / speed["sha256sum_parallel"]
            if "sha256sum_parallel" in speed
            else None,
            "sai_vs_model_signing": speed["sai"] / speed["model_signing"]
            if "model_signing" in speed
            else None,
        },
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="64 MB folder, one repeat")
    parser.add_argument("--repeats", type=int, default=None)
    parser.add_argument("--size-mb", type=int, default=None, help="folder size (default 2000)")
    parser.add_argument("--output", type=Path, default=None)
    args = parser.parse_args()
    size = (args.size_mb or (64 if args.quick else 2000)) * 1_000_000
    repeats = args.repeats or (1 if args.quick else 2)
    output = args.output or RESULTS / ("hashing-quick.json" if args.quick else "hashing.json")
    result = run(args.quick, repeats, size, output)
    print(
        f"hashing throughput on {result['bytes'] / 1e9:.2f} GB, "
        f"{result['machine']['cpus']} CPUs, best of {repeats}"
    )
    print(f"{'contender':<22}{'seconds':>10}{'GB/s':>10}")
    for name, seconds in result["seconds"].items():
        print(f"{name:<22}{seconds:>10.3f}{result['gb_per_s'][name]:>10.3f}")
    for name, ratio in result["ratios"].items():
        if ratio is not None:
            print(f"{name:<22}{ratio:>10.2f}x")
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
