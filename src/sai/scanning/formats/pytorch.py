"""PyTorch checkpoints: the zip format of ``torch.save`` (``<dir>/data.pkl`` + storages).

torch.load unpickles ``data.pkl`` (persistent ids name the storages) and reads each storage
under ``<dir>/data/`` as raw bytes. Every ``.pkl`` member is scanned as a pickle, whatever its
folder is called; storages are never interpreted by torch and are skipped; anything else is
scanned by content.
"""

from __future__ import annotations

from typing import ClassVar

from sai.scanning.containers.zip import ZipMember
from sai.scanning.detect import Format
from sai.scanning.formats._zipwalk import scan_members
from sai.scanning.formats.base import FormatScanner, Item, ScanContext
from sai.scanning.formats.pickle import scan_stream
from sai.scanning.pickle import PickleMode


def is_storage(member: ZipMember) -> bool:
    """``<dir>/data/<key>``: raw tensor bytes that torch never unpickles."""
    parts = member.name.split("/")
    return len(parts) >= 3 and parts[-2] == "data" and not parts[-1].endswith(".pkl")


def is_pickle_member(member: ZipMember) -> bool:
    """Members torch (or TorchScript) unpickles."""
    return member.name.endswith(".pkl")


def scan_torch_zip(item: Item, ctx: ScanContext, mode: PickleMode) -> None:
    """Scan the pickles of a torch zip archive in ``mode``; other members by content."""
    for _, child in scan_members(
        item, ctx, special=is_pickle_member, want=lambda m: not is_storage(m)
    ):
        scan_stream(child, ctx, mode)


class PyTorchScanner(FormatScanner):
    """``torch.save`` zip checkpoints (state_dicts and full models)."""

    format: ClassVar[Format] = Format.pytorch

    def scan(self, item: Item, ctx: ScanContext) -> None:
        scan_torch_zip(item, ctx, PickleMode(persistent_ids=True))


__all__ = ["PyTorchScanner", "is_pickle_member", "is_storage", "scan_torch_zip"]
