"""Keras v3 ``.keras`` archives: ``config.json`` names what loading imports."""

from __future__ import annotations

import json
from typing import ClassVar

from sai.scanning.detect import Format
from sai.scanning.formats._keras_config import config_problems
from sai.scanning.formats._zipwalk import scan_members
from sai.scanning.formats.base import FormatScanner, Item, ScanContext
from sai.scanning.rules import finding


def check_config(text: bytes | str, member: str, ctx: ScanContext) -> None:
    """Report Lambda layers and foreign modules in a Keras config document."""
    try:
        config = json.loads(text)
    except (ValueError, RecursionError) as error:
        ctx.report(finding("keras.unparsable", f"config is not JSON: {error}", member=member))
        return
    for rule, message, confidence in config_problems(config):
        ctx.report(finding(rule, message, member=member, confidence=confidence))


class KerasScanner(FormatScanner):
    """``.keras`` zips: the config is checked, weights and assets scanned by content."""

    format: ClassVar[Format] = Format.keras

    def scan(self, item: Item, ctx: ScanContext) -> None:
        for _, child in scan_members(item, ctx, special=lambda m: m.name == "config.json"):
            check_config(bytes(child.data), child.member, ctx)


__all__ = ["KerasScanner", "check_config"]
