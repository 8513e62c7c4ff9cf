"""Raw pickle streams (every protocol), including PyTorch's legacy multi-pickle format."""

from __future__ import annotations

from typing import ClassVar

from sai.scanning.detect import Format
from sai.scanning.formats.base import FormatScanner, Item, ScanContext
from sai.scanning.pickle import PickleMode, PickleRun, simulate
from sai.scanning.rules import finding

#: The first pickle of a legacy (pre-zip) ``torch.save`` file holds this number.
TORCH_LEGACY_MAGIC = 0x1950A86A20F9469CFC6C
#: After the magic: protocol version, sys_info, the object, the storage keys; then raw data.
_TORCH_LEGACY_PICKLES = 4


def run_pickle(item: Item, ctx: ScanContext, mode: PickleMode, start: int = 0) -> PickleRun:
    """Simulate one pickle of ``item`` from ``start`` and report its findings."""
    run = simulate(
        item.data, start, allow=ctx.allow, mode=mode, member=item.member, limits=ctx.pickle_limits
    )
    for found in run.findings:
        ctx.report(found)
    if run.dropped:
        ctx.report(
            finding(
                "pickle.import-not-allowed",
                f"{run.dropped} further findings in this pickle were not listed",
                member=item.member,
            )
        )
    return run


def scan_stream(item: Item, ctx: ScanContext, mode: PickleMode) -> None:
    """Scan a pickle stream and whatever further pickles follow it in the same bytes."""
    run = run_pickle(item, ctx, mode)
    if not run.complete:
        return
    if run.result == TORCH_LEGACY_MAGIC and type(run.result) is int:
        legacy = PickleMode(persistent_ids=True)
        for _ in range(_TORCH_LEGACY_PICKLES):
            run = run_pickle(item, ctx, legacy, run.end)
            if not run.complete:
                return
        return  # raw storage bytes follow; torch reads them without unpickling
    data = item.data
    while run.end < len(data):
        if data[run.end] == 0x80 and run.end + 1 < len(data) and data[run.end + 1] <= 5:
            run = run_pickle(item, ctx, mode, run.end)
            if not run.complete:
                return
            continue
        rest = bytes(data[run.end : run.end + 64])
        if rest.strip(b"\x00\n\r\t ") or len(data) - run.end > 64:
            ctx.report(
                finding(
                    "pickle.trailing-data",
                    f"{len(data) - run.end} bytes follow the pickle's STOP",
                    member=item.member,
                    offset=run.end,
                )
            )
        return


class PickleScanner(FormatScanner):
    """Plain pickle files (pickle.load, torch.load of legacy files, dill-free)."""

    format: ClassVar[Format] = Format.pickle

    def scan(self, item: Item, ctx: ScanContext) -> None:
        scan_stream(item, ctx, PickleMode())


class JoblibScanner(FormatScanner):
    """joblib.dump files: pickles with raw array bytes inlined after each array wrapper."""

    format: ClassVar[Format] = Format.joblib

    def scan(self, item: Item, ctx: ScanContext) -> None:
        scan_stream(item, ctx, PickleMode(joblib=True))


__all__ = ["TORCH_LEGACY_MAGIC", "JoblibScanner", "PickleScanner", "run_pickle", "scan_stream"]
