"""ONNX models: operator domains and external-data paths, read from the protobuf directly.

Nodes of custom domains need a native operator library loaded beside the model; an external
data ``location`` that is absolute or climbs out of the model's folder makes the loader read
(or a converter write) files elsewhere (CVE-2022-25882, CVE-2024-27318). Sub-graphs inside
node attributes and functions are walked too.
"""

from __future__ import annotations

import posixpath
from typing import ClassVar

from sai.scanning._protobuf import WireError, fields
from sai.scanning.detect import Format
from sai.scanning.formats.base import FormatScanner, Item, ScanContext
from sai.scanning.rules import finding

#: Domains implemented by ONNX itself and by ONNX Runtime's built-in contrib operators.
STANDARD_DOMAINS = frozenset(
    {"", "ai.onnx", "ai.onnx.ml", "ai.onnx.training", "ai.onnx.preview.training", "com.microsoft"}
)
_GRAPH, _FUNCTION, _NODE, _INITIALIZER, _ATTRIBUTE = 7, 25, 1, 5, 5
_MAX_MESSAGES = 2_000_000


def _text(data: memoryview, start: int, end: int) -> str:
    return bytes(data[start:end]).decode("utf-8", "replace")


def bad_location(location: str) -> bool:
    """Whether an external-data path is absolute or escapes the model's folder."""
    if not location or "\x00" in location:
        return True
    unified = location.replace("\\", "/")
    if unified.startswith("/") or (len(unified) > 1 and unified[1] == ":"):
        return True
    return posixpath.normpath(unified).split("/")[0] == ".."


class _Walker:
    def __init__(self, item: Item, ctx: ScanContext) -> None:
        self.item, self.ctx, self.count = item, ctx, 0
        self.data = item.data
        self.local: set[tuple[str, str]] = set()
        self.locations: list[str] = []

    def flag(self, rule: str, message: str, offset: int) -> None:
        self.ctx.report(finding(rule, message, member=self.item.member, offset=offset))

    def model(self) -> None:
        top = list(fields(self.data, 0, len(self.data)))
        for number, wire, start, end in top:
            if number == _FUNCTION and wire == 2:
                names = {
                    n: _text(self.data, s, e)
                    for n, w, s, e in fields(self.data, start, end)
                    if w == 2 and n in (1, 10)
                }
                self.local.add((names.get(10, ""), names.get(1, "")))
        local_domains = {domain for domain, _ in self.local}
        for number, wire, start, end in top:
            if wire != 2:
                continue
            if number == 8:  # opset_import
                self.domain_of(start, end, local_domains)
            elif number == _GRAPH:
                self.graph(start, end)
            elif number == _FUNCTION:
                self.graph(start, end, function=True)
            elif number == 20:  # training_info: initialization and algorithm graphs
                self.graphs_in(start, end, (1, 2))

    def graph(self, start: int, end: int, function: bool = False) -> None:
        self.count += 1
        if self.count > _MAX_MESSAGES:
            raise WireError("too many nested messages", start)
        node_field = 7 if function else _NODE
        for number, wire, s, e in fields(self.data, start, end):
            if wire != 2:
                continue
            if number == node_field:
                self.node(s, e)
            elif number == _INITIALIZER and not function:
                self.tensor(s, e)
            elif number == 15 and not function:  # sparse_initializer
                self.graphs_in(s, e, (), tensors=(1, 2))

    def graphs_in(
        self, start: int, end: int, graphs: tuple[int, ...], tensors: tuple[int, ...] = ()
    ) -> None:
        """The graphs and tensors held in the given fields of a message (training info,
        sparse tensors: values and indices)."""
        for number, wire, s, e in fields(self.data, start, end):
            if wire == 2 and number in graphs:
                self.graph(s, e)
            elif wire == 2 and number in tensors:
                self.tensor(s, e)

    def domain_of(self, start: int, end: int, local_domains: set[str]) -> None:
        for number, wire, s, e in fields(self.data, start, end):
            if number == 1 and wire == 2:
                domain = _text(self.data, s, e)
                if domain not in STANDARD_DOMAINS and domain not in local_domains:
                    self.flag("onnx.custom-domain", f"opset import of domain {domain!r}", s)

    def node(self, start: int, end: int) -> None:
        domain, op_type, where = "", "", start
        for number, wire, s, e in fields(self.data, start, end):
            if number == 7 and wire == 2:
                domain, where = _text(self.data, s, e), s
            elif number == 4 and wire == 2:
                op_type = _text(self.data, s, e)
            elif number == _ATTRIBUTE and wire == 2:
                self.attribute(s, e)
        if domain not in STANDARD_DOMAINS and (domain, op_type) not in self.local:
            self.flag(
                "onnx.custom-domain", f"node {op_type!r} uses operator domain {domain!r}", where
            )

    def attribute(self, start: int, end: int) -> None:
        for number, wire, s, e in fields(self.data, start, end):
            if wire != 2:
                continue
            if number in (6, 11):  # g, graphs
                self.graph(s, e)
            elif number in (5, 10):  # t, tensors
                self.tensor(s, e)
            elif number in (22, 23):  # sparse_tensor, sparse_tensors
                self.graphs_in(s, e, (), tensors=(1, 2))

    def tensor(self, start: int, end: int) -> None:
        for number, wire, s, e in fields(self.data, start, end):
            if number == 13 and wire == 2:  # external_data: StringStringEntryProto
                key = value = ""
                for n, w, a, b in fields(self.data, s, e):
                    if w == 2 and n == 1:
                        key = _text(self.data, a, b)
                    elif w == 2 and n == 2:
                        value = _text(self.data, a, b)
                if key == "location":
                    self.locations.append(value)
                if key == "location" and bad_location(value):
                    self.flag(
                        "onnx.external-data-path",
                        f"external data location {value!r} leaves the model folder",
                        s,
                    )


class _Silent:
    """A context that keeps nothing: used to list external data without reporting."""

    def report(self, item: object) -> None:
        return None


def external_locations(data: memoryview) -> list[str]:
    """The external-data file names an ONNX model refers to (empty if it cannot be read)."""
    walker = _Walker(Item(data, "", "", 0), _Silent())  # type: ignore[arg-type]
    try:
        walker.model()
    except WireError:
        return []
    return walker.locations


class OnnxScanner(FormatScanner):
    """ONNX ModelProto files."""

    format: ClassVar[Format] = Format.onnx

    def scan(self, item: Item, ctx: ScanContext) -> None:
        try:
            _Walker(item, ctx).model()
        except WireError as error:
            ctx.report(
                finding("onnx.malformed", str(error), member=item.member, offset=error.offset)
            )


__all__ = ["STANDARD_DOMAINS", "OnnxScanner", "bad_location", "external_locations"]
