"""Scanner benchmark: sai against picklescan, modelscan and fickling, side by side.

  (a) detection on sai's corpus (tests/scanning/corpus.py): true/false positives per tool
  (b) throughput: one ~1 GB PyTorch zip checkpoint, and 1,000 small pickles in a folder

Peers are installed from PyPI into benchmarks/.venv-peers by this script and run as
subprocesses, exactly as a user runs them; sai runs as `sai scan` the same way, so process
start-up is counted for everyone. Timings are the best of ``--repeat`` runs; ratios are
peer time / sai time measured in the same run.

    python benchmarks/scanning.py            # full run, writes results/scanning.json
    python benchmarks/scanning.py --quick    # seconds; no peers, small workloads (CI)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import struct
import subprocess
import sys
import tempfile
import time
import venv
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import build as b  # noqa: E402
from benchmarks.corpus import write_corpus  # noqa: E402

RESULTS = Path(__file__).with_name("results") / "scanning.json"
PEER_VENV = Path(__file__).with_name(".venv-peers")
PEERS = {
    "picklescan": "picklescan==1.0.5",
    "modelscan": "modelscan==0.8.8",
    "fickling": "fickling==0.1.12",
}
SAI = [sys.executable, "-m", "sai"]
SCANNER = [sys.executable, "-m", "sai.scanning"]


def ensure_peers() -> Path:
    """Create the peers' venv (once) and return its bin folder."""
    bin_dir = PEER_VENV / "bin"
    if not (bin_dir / "fickling").exists():
        venv.create(PEER_VENV, with_pip=True)
        # NOTE: fickling 0.1.12 imports typing_extensions without declaring it.
        subprocess.run(
            [str(bin_dir / "pip"), "install", "-q", *PEERS.values(), "typing_extensions"],
            check=True,
        )
    return bin_dir


def peer_command(tool: str, bin_dir: Path, target: Path) -> list[str]:
    if tool == "picklescan":
        return [str(bin_dir / "picklescan"), "-p", str(target)]
    if tool == "modelscan":
        return [str(bin_dir / "modelscan"), "-p", str(target)]
    return [str(bin_dir / "fickling"), "--check-safety", str(target)]


def flagged(tool: str, code: int) -> bool:
    """Whether a tool's exit code says it found something (errors are counted apart)."""
    if tool == "sai":
        return code != 0
    if tool in ("picklescan", "modelscan"):
        return code == 1
    return code != 0


QUICK = [False]


def _in_process(path: Path) -> int:
    from sai.scanning import ScanSettings, ScanVerdict, scan_file

    return int(scan_file(path, ScanSettings()).verdict is not ScanVerdict.safe)


def run(cmd: list[str]) -> tuple[int, float]:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, check=False, timeout=3600)
    return done.returncode, time.perf_counter() - start


def detection(corpus: Path, tools: dict[str, Any]) -> dict[str, Any]:
    files = write_corpus(corpus)
    table: dict[str, Any] = {}
    for tool, make in tools.items():
        if tool == "sai-cli":
            continue  # same engine as "sai"; its start-up is measured in the throughput part
        counts = {"tp": 0, "fn": 0, "fp": 0, "tn": 0, "errors": 0, "missed": [], "false": []}
        for path, sample in files:
            code = _in_process(path) if tool == "sai" and QUICK[0] else run(make(path))[0]
            hit = flagged(tool, code)
            counts["errors"] += int(code not in (0, 1))
            key = ("tp" if hit else "fn") if sample.malicious else ("fp" if hit else "tn")
            counts[key] += 1
            if key == "fn":
                counts["missed"].append(sample.name)
            elif key == "fp":
                counts["false"].append(sample.name)
        table[tool] = counts
    return {"files": len(files), "malicious": sum(s.malicious for _, s in files), "tools": table}


def big_checkpoint(path: Path, size: int) -> None:
    """A torch.save-layout zip with ``size`` bytes of float32 storages (written, not held)."""
    chunk = 64 << 20
    count = max(1, size // chunk)
    shapes = {f"layer{i}.weight": (chunk // 4,) for i in range(count)}
    data_pkl = b.torch_state_dict_pickle(dict.fromkeys(shapes, (1,)))
    block = os.urandom(1 << 20) * (chunk >> 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        archive.writestr("archive/data.pkl", data_pkl)
        archive.writestr("archive/byteorder", "little")
        for index in range(count):
            with archive.open(f"archive/data/{index}", "w", force_zip64=True) as handle:
                handle.write(block)
        archive.writestr("archive/version", "3\n")


def small_pickles(folder: Path, count: int) -> None:
    import pickle

    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        value = {
            "step": n,
            "weights": [float(i) for i in range(50)],
            "name": f"m{n}",
            "shape": struct.pack("<ii", n, 2),
        }
        (folder / f"m{n:04}.pkl").write_bytes(pickle.dumps(value, protocol=4))


def timing(targets: dict[str, Path], tools: dict[str, Any], repeat: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for workload, target in targets.items():
        row: dict[str, Any] = {}
        for tool, make in tools.items():
            if tool == "fickling" and target.is_dir():
                files = sorted(target.iterdir())
                best = min(sum(run(make(f))[1] for f in files) for _ in range(1))
            else:
                best = min(run(make(target))[1] for _ in range(repeat))
            row[tool] = round(best, 3)
        base = row["sai"]
        row["ratios_vs_sai"] = {t: round(v / base, 2) for t, v in row.items() if t != "sai"}
        out[workload] = row
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="seconds, no peers (CI)")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    QUICK[0] = args.quick
    tools: dict[str, Any] = {
        "sai": lambda p: [*SCANNER, str(p)],
        "sai-cli": lambda p: [*SAI, "scan", str(p), "--no-record"],
    }
    if not args.quick:
        bin_dir = ensure_peers()
        for tool in PEERS:
            tools[tool] = lambda p, t=tool: peer_command(t, bin_dir, p)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        result: dict[str, Any] = {
            "mode": "quick" if args.quick else "full",
            "python": platform.python_version(),
            "machine": platform.machine(),
            "peers": list(PEERS.values()) if not args.quick else [],
        }
        result["detection"] = detection(work / "corpus", tools)
        size = (8 << 20) if args.quick else (1 << 30)
        big_checkpoint(work / "big.pt", size)
        small_pickles(work / "small", 50 if args.quick else 1000)
        result["throughput"] = timing(
            {f"checkpoint_{size >> 20}MB": work / "big.pt", "small_pickles": work / "small"},
            tools,
            1 if args.quick else args.repeat,
        )
    print(
        "detection on the corpus "
        f"({result['detection']['files']} files, {result['detection']['malicious']} malicious)"
    )
    print(f"{'tool':12} {'TP':>4} {'FN':>4} {'FP':>4} {'TN':>4} {'errors':>7}")
    for tool, row in result["detection"]["tools"].items():
        print(
            f"{tool:12} {row['tp']:4} {row['fn']:4} {row['fp']:4} {row['tn']:4} {row['errors']:7}"
        )
    print(
        "throughput (seconds, best run; ratio = tool / sai; sai = `python -m sai.scanning`, "
        "sai-cli = `sai scan --no-record`, which also hashes every file)"
    )
    for workload, row in result["throughput"].items():
        cells = "  ".join(f"{t}={v}s" for t, v in row.items() if t != "ratios_vs_sai")
        print(f"{workload:20} {cells}  ratios={row['ratios_vs_sai']}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
