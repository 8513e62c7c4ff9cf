"""TorchScript archives (``torch.jit.save``): pickles plus compiled TorchScript source.

TorchScript classes (``__torch__.*``) are resolved by TorchScript's own compiler from the
archive's ``code/`` folder, not imported, so they are allowed here only. The source is checked
for custom operator and custom class namespaces (``torch.ops.x.op``, ``torch.classes.x.Cls``),
which need a native library loaded beside the model, and for the built-in operators that
reach files (``from_file``, ``save``/``load`` of tensors and modules), processes or the
network.
"""

from __future__ import annotations

import re
from typing import ClassVar

from sai.scanning.containers.zip import ZipMember
from sai.scanning.detect import Format
from sai.scanning.formats._zipwalk import scan_members
from sai.scanning.formats.base import FormatScanner, Item, ScanContext
from sai.scanning.formats.pickle import scan_stream
from sai.scanning.formats.pytorch import is_pickle_member, is_storage
from sai.scanning.pickle import PickleMode
from sai.scanning.rules import finding

#: Operator namespaces built into libtorch.
BUILTIN_NAMESPACES = frozenset({"aten", "prim", "quantized", "_quantized", "profiler", "_caffe2"})
#: ``torch.ops.<namespace>.op(...)`` and ``torch.classes.<namespace>.Cls`` (custom classes,
#: registered by a native library like custom operators).
_OP = re.compile(rb"(?:\bops|\btorch\.classes)\.([A-Za-z_]\w*)\.")
#: Calls in TorchScript source that read or write files, start processes or reach the network.
_FILE_ACCESS = re.compile(
    rb"\b(?:torch|aten)\.(?:from_file|load|save|_load_for_mobile|jit\.load|hub\.\w+)\s*\("
    rb"|\bops\.aten\.(?:from_file|_nested_tensor_from_file)\b"
    rb"|(?<![\w.])(?:open|system|popen|urlopen|__import__|exec|eval)\s*\("
)


def _is_code(member: ZipMember) -> bool:
    return "/code/" in f"/{member.name}" and member.name.endswith(".py")


class TorchScriptScanner(FormatScanner):
    """``torch.jit.save`` archives."""

    format: ClassVar[Format] = Format.torchscript

    def scan(self, item: Item, ctx: ScanContext) -> None:
        mode = PickleMode(persistent_ids=True, torchscript=True)
        for member, child in scan_members(
            item,
            ctx,
            special=lambda m: is_pickle_member(m) or _is_code(m),
            want=lambda m: not is_storage(m),
        ):
            if is_pickle_member(member):
                scan_stream(child, ctx, mode)
                continue
            source = bytes(child.data)
            for match in _FILE_ACCESS.finditer(source):
                ctx.report(
                    finding(
                        "torchscript.file-access",
                        f"calls {match.group(0).decode('utf-8', 'replace').rstrip('( ')}, "
                        "which reaches files, processes or the network",
                        member=child.member,
                        offset=match.start(),
                    )
                )
            for match in _OP.finditer(source):
                namespace = match.group(1).decode()
                if namespace not in BUILTIN_NAMESPACES:
                    ctx.report(
                        finding(
                            "torchscript.custom-op",
                            f"calls operators of the custom namespace {namespace!r}",
                            member=child.member,
                            offset=match.start(),
                        )
                    )


__all__ = ["BUILTIN_NAMESPACES", "TorchScriptScanner"]
