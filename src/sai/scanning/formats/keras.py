"""Keras v3 ``.keras`` archives: ``config.json`` names what loading imports."""

from __future__ import annotations

import json
from typing import ClassVar

from sai.scanning.detect import Format
from sai.scanning.formats._keras_config import config_problems, torch_modules
from sai.scanning.formats._zipwalk import scan_members
from sai.scanning.formats.base import FormatScanner, Item, ScanContext
from sai.scanning.rules import finding


def check_config(text: bytes | str, member: str, ctx: ScanContext, depth: int = 1) -> None:
    """Report Lambda layers and foreign modules in a Keras config document."""
    try:
        config = json.loads(text)
    except (ValueError, RecursionError) as error:
        ctx.report(finding("keras.unparsable", f"config is not JSON: {error}", member=member))
        return
    for rule, message, confidence in config_problems(config):
        ctx.report(finding(rule, message, member=member, confidence=confidence))
    scan_torch_modules(config, member, ctx, depth)


def scan_torch_modules(config: object, member: str, ctx: ScanContext, depth: int) -> None:
    """Scan the pickled torch module of every ``TorchModuleWrapper`` layer in ``config``."""
    for layer, blob in torch_modules(config):
        where = f"{member}!{layer.strip(chr(39))}.module"
        if blob is None:
            message = f"TorchModuleWrapper layer {layer} holds a module that is not base64"
            ctx.report(finding("keras.unparsable", message, member=where))
        else:
            ctx.scan_member(memoryview(blob), where, "module.pt", depth + 1)


class KerasScanner(FormatScanner):
    """``.keras`` zips: the config is checked, weights and assets scanned by content."""

    format: ClassVar[Format] = Format.keras

    def scan(self, item: Item, ctx: ScanContext) -> None:
        for _, child in scan_members(item, ctx, special=lambda m: m.name == "config.json"):
            check_config(bytes(child.data), child.member, ctx, item.depth + 1)


__all__ = ["KerasScanner", "check_config", "scan_torch_modules"]
