"""Scanner benchmark: sai against picklescan, modelscan and fickling, side by side.

  (a) detection on sai's corpus (benchmarks/corpus): malicious files flagged, benign files
      flagged, per tool, with the false-alarm rate on the benign files made by the real
      libraries (``real/``) reported apart; model folders are scanned as one unit
  (b) throughput: one ~1 GB PyTorch zip checkpoint, and 1,000 small pickles in a folder

Every tool runs as a subprocess exactly as a user runs it, so process start-up counts for
everyone. sai runs three ways: the engine alone (``python -m sai.scanning``, no digest), the
engine with digests (``--digest``), and ``sai scan`` in a workspace, recording every file's
digest in the ledger: its first run (``sai-cli-cold``: every byte hashed, the store created,
sai.yaml validated) and later runs (``sai-cli``: unchanged files' digests come from the
workspace's digest cache, sai.yaml's models from its summary cache, and the ledger is written
by the lean SQLite writer). sai flags a file when it exits 1 under the default ``--fail-on
dangerous``. Timings are the best of ``--repeat`` runs; ratios are tool time / the engine's
time in the same run, and ``cli_vs_picklescan`` compares `sai scan` with picklescan directly.

With ``--instructions`` (needs valgrind) each throughput row also counts the instructions of
one run of picklescan, the engine and a later `sai scan` (callgrind's total ``Ir``, threads
included): unlike wall or CPU time, that count does not depend on what else the machine runs.

    python benchmarks/scanning.py                       # full run, results/scanning.json
    python benchmarks/scanning.py --peers picklescan    # full run against one peer
    python benchmarks/scanning.py --quick               # no peers, small workloads (CI)
    python benchmarks/scanning.py --detection-only      # (a) alone, every peer beside sai
    python benchmarks/scanning.py --throughput-only     # (b) alone, e.g. to compare two trees
    python benchmarks/scanning.py --throughput-only --peers picklescan --instructions

Subprocesses run with bytecode caching on (``PYTHONDONTWRITEBYTECODE`` removed), as on a
user's machine; every timing is the best of its repeats, so the first, compiling run is
never the one reported.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import venv
import zipfile
from collections.abc import Callable
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
Command = Callable[[Path], list[str]]


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


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(cmd: list[str], cwd: Path | None = None) -> tuple[int, float, float]:
    """Exit code, wall seconds, and CPU seconds (user + system) of one process.

    CPU time is reported beside wall time: on a shared, loaded machine it is the steadier
    measure of the work a tool does (wall time adds the waits for a core)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, check=False, timeout=3600, cwd=cwd, env=ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return done.returncode, wall, cpu


def best(runs: list[tuple[int, float, float]]) -> tuple[float, float]:
    """The best wall time and the best CPU time of ``runs``, rounded to milliseconds."""
    return round(min(r[1] for r in runs), 3), round(min(r[2] for r in runs), 3)


def in_process(path: Path) -> tuple[bool, bool]:
    """sai's verdict without a subprocess (quick mode): (flagged, error)."""
    from sai.scanning import ScanSettings, scan_paths

    return any(r.fails() for r in scan_paths([path], ScanSettings(digest=False))), False


def flagged(tool: str, code: int) -> bool:
    """Whether a tool's exit code says it found something (errors are counted apart)."""
    if tool in ("picklescan", "modelscan"):
        return code == 1
    return code != 0  # sai: 1 = failing findings (unreadable files fail closed); fickling


def _verdict(tool: str, make: Command, path: Path) -> tuple[bool, bool]:
    """(flagged, error) of one tool on a file or a model folder."""
    if tool == "fickling" and path.is_dir():  # fickling takes one file at a time
        codes = [run(make(f))[0] for f in sorted(path.rglob("*")) if f.is_file()]
    else:
        codes = [run(make(path))[0]]
    hit = any(flagged(tool, code) for code in codes)
    return hit, any(code not in (0, 1) for code in codes)


def detection(corpus: Path, tools: dict[str, Command], quick: bool) -> dict[str, Any]:
    files = write_corpus(corpus)
    table: dict[str, Any] = {}
    for tool, make in tools.items():
        counts: dict[str, Any] = {"tp": 0, "fn": 0, "fp": 0, "tn": 0, "errors": 0}
        counts |= {"real_fp": 0, "missed": [], "false": []}
        for path, sample in files:
            hit, error = in_process(path) if quick and tool == "sai" else _verdict(tool, make, path)
            counts["errors"] += int(error)
            key = ("tp" if hit else "fn") if sample.malicious else ("fp" if hit else "tn")
            counts[key] += 1
            counts["real_fp"] += int(key == "fp" and sample.name.startswith("real/"))
            if key in ("fn", "fp"):
                counts["missed" if key == "fn" else "false"].append(sample.name)
        table[tool] = counts
    real = sum(not s.malicious and s.name.startswith("real/") for _, s in files)
    return {
        "files": len(files),
        "malicious": sum(s.malicious for _, s in files),
        "benign": sum(not s.malicious for _, s in files),
        "benign_real": real,
        "folders": sum(s.is_folder for _, s in files),
        "tools": table,
    }


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


def instructions(cmd: list[str], cwd: Path | None = None) -> int | None:
    """Instructions one run of ``cmd`` executes (callgrind's total Ir), or None without
    valgrind. Slow (about 50x), so it is counted once, apart from the timed runs."""
    if shutil.which("valgrind") is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *cmd],
            capture_output=True,
            check=False,
            timeout=3600,
            cwd=cwd,
            env=ENV,
        )
        found = re.search(rb"^(?:summary|totals): (\d+)", out.read_bytes(), re.MULTILINE)
    return int(found.group(1)) if found else None


def _cli_runs(target: Path, project: Path, repeat: int) -> dict[str, tuple[float, float]]:
    """`sai scan TARGET` in a fresh workspace: first run, then the best of later runs."""
    init = [*SAI, "init", "--name", "bench"]
    subprocess.run(init, cwd=project, capture_output=True, check=True, env=ENV)
    scan = cli_scan(target)
    cold = best([run(scan, project)])
    time.sleep(2.1)  # NOTE: files younger than 2 s are never cached (same-tick writes)
    run(scan, project)
    warm = best([run(scan, project) for _ in range(repeat)])
    return {"sai-cli-cold": cold, "sai-cli": warm}


def cli_scan(target: Path) -> list[str]:
    """`sai scan TARGET` as a user runs it (the console script's code, on this interpreter)."""
    return [*SAI, "scan", str(target)]


def _instruction_counts(
    target: Path, tools: dict[str, Command], project: Path
) -> dict[str, int | None]:
    """Instructions of one run: picklescan (if run), the engine, and a later `sai scan`."""
    counts = {t: instructions(tools[t](target)) for t in ("picklescan", "sai") if t in tools}
    counts["sai-cli"] = instructions(cli_scan(target), project)
    return counts


def timing(
    targets: dict[str, Path],
    tools: dict[str, Command],
    repeat: int,
    work: Path,
    count_instructions: bool = False,
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for workload, target in targets.items():
        times: dict[str, tuple[float, float]] = {}
        for tool, make in tools.items():
            if tool == "fickling" and target.is_dir():
                runs = [run(make(f)) for f in sorted(target.iterdir())]
                times[tool] = (round(sum(r[1] for r in runs), 3), round(sum(r[2] for r in runs), 3))
            else:
                times[tool] = best([run(make(target)) for _ in range(repeat)])
        project = work / f"project-{workload}"
        project.mkdir()
        times |= _cli_runs(target, project, repeat)
        row: dict[str, Any] = {tool: wall for tool, (wall, _) in times.items()}
        row["cpu_seconds"] = {tool: cpu for tool, (_, cpu) in times.items()}
        base = row["sai"]
        row["ratios_vs_sai"] = {t: round(v[0] / base, 2) for t, v in times.items() if t != "sai"}
        if "picklescan" in times:
            peer = times["picklescan"]
            row["cli_vs_picklescan"] = {
                f"{t} {measure}": round(times[t][i] / peer[i], 2)
                for t in ("sai-cli-cold", "sai-cli")
                for i, measure in enumerate(("wall", "cpu"))
            }
        if count_instructions:
            counts = _instruction_counts(target, tools, project)
            row["instructions"] = counts
            if counts.get("picklescan") and counts.get("sai-cli"):
                row["cli_vs_picklescan"]["sai-cli instructions"] = round(
                    counts["sai-cli"] / counts["picklescan"], 2
                )
        out[workload] = row
    return out


def report(result: dict[str, Any]) -> None:
    if "detection" in result:
        report_detection(result["detection"])
    print("throughput (seconds, best run; ratio = tool / sai engine)")
    for workload, row in result["throughput"].items():
        cells = "  ".join(f"{t}={v}s" for t, v in row.items() if isinstance(v, float))
        print(f"{workload:20} {cells}  ratios={row['ratios_vs_sai']}")
        print(f"{'':20} CPU seconds {row['cpu_seconds']}")
        if "instructions" in row:
            counts = {t: f"{n / 1e9:.3f} bn" for t, n in row["instructions"].items() if n}
            print(f"{'':20} instructions {counts}")
        if "cli_vs_picklescan" in row:
            print(f"{'':20} sai scan / picklescan {row['cli_vs_picklescan']}")


def report_detection(found: dict[str, Any]) -> None:
    print(
        f"detection on the corpus ({found['files']} samples, {found['malicious']} malicious, "
        f"{found['benign']} benign of which {found['benign_real']} from the real libraries, "
        f"{found['folders']} model folders)"
    )
    print(f"{'tool':12} {'TP':>4} {'FN':>4} {'FP':>4} {'TN':>4} {'FP real':>8} {'errors':>7}")
    for tool, row in found["tools"].items():
        print(
            f"{tool:12} {row['tp']:4} {row['fn']:4} {row['fp']:4} {row['tn']:4} "
            f"{row['real_fp']:8} {row['errors']:7}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="seconds, no peers (CI)")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--throughput-only", action="store_true", help="skip (a) detection")
    parser.add_argument("--detection-only", action="store_true", help="skip (b) throughput")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count instructions of one run per tool with callgrind (slow)",
    )
    parser.add_argument(
        "--peers",
        default=",".join(PEERS),
        help="comma-separated peers to run (full mode); empty for sai alone",
    )
    args = parser.parse_args()
    peers = [tool for tool in args.peers.split(",") if tool]
    tools: dict[str, Command] = {
        "sai": lambda p: [*SCANNER, str(p)],
        "sai-digest": lambda p: [*SCANNER, "--digest", str(p)],
    }
    if not args.quick:
        bin_dir = ensure_peers()
        for tool in peers:
            if tool not in PEERS:
                parser.error(f"unknown peer {tool!r}; choose from {', '.join(PEERS)}")
            tools[tool] = lambda p, t=tool: peer_command(t, bin_dir, p)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        result: dict[str, Any] = {
            "mode": "quick" if args.quick else "full",
            "python": platform.python_version(),
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "peers": [] if args.quick else [PEERS[t] for t in peers],
            # NOTE: times depend on the machine's load; instruction counts do not
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        }
        detect_tools = {t: m for t, m in tools.items() if t != "sai-digest"}
        if not args.throughput_only:
            result["detection"] = detection(work / "corpus", detect_tools, args.quick)
        if args.detection_only:
            report_detection(result["detection"])
            _write(args.output, result)
            return
        size = (8 << 20) if args.quick else (1 << 30)
        # NOTE: quick mode still times one run per tool (CI smoke), with bytecode compiled.
        big_checkpoint(work / "big.pt", size)
        small_pickles(work / "small", 50 if args.quick else 1000)
        result["throughput"] = timing(
            {f"checkpoint_{size >> 20}MB": work / "big.pt", "small_pickles": work / "small"},
            tools,
            2 if args.quick else args.repeat,
            work,
            args.instructions,
        )
    result["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    report(result)
    _write(args.output, result)


def _write(path: Path, result: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
