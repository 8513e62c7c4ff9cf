"""Files no scanner recognises: fail closed when they were named as models."""

from __future__ import annotations

from typing import ClassVar

from sai.scanning.detect import Format
from sai.scanning.formats.base import FormatScanner, Item, ScanContext
from sai.scanning.rules import finding


class UnknownScanner(FormatScanner):
    """Reports that sai cannot vouch for the file (members of containers are not reported)."""

    format: ClassVar[Format] = Format.unknown

    def scan(self, item: Item, ctx: ScanContext) -> None:
        if item.depth == 0:
            ctx.report(
                finding(
                    "format.unknown",
                    "content matches no model format sai knows (checked by content, not name)",
                    member=item.member,
                    offset=0,
                )
            )


__all__ = ["UnknownScanner"]
