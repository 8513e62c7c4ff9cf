"""TensorFlow SavedModel graphs (``saved_model.pb``), read from the protobuf directly.

Loading a SavedModel runs its graph: the nodes of every meta graph and of every function in
the graph's library (tf.function bodies). Ops that read or write files, run Python
(``PyFunc``, ``EagerPyFunc``) or reach the network are findings with the node's name;
arithmetic, variables and the checkpoint save/restore every SavedModel carries are not.
TensorFlow itself is never imported.
"""

from __future__ import annotations

from typing import ClassVar

from sai.scanning._protobuf import WireError, fields
from sai.scanning.detect import Format
from sai.scanning.formats._tf_ops import DANGEROUS_GRAPH_OPS
from sai.scanning.formats.base import FormatScanner, Item, ScanContext
from sai.scanning.rules import finding

_META_GRAPH, _GRAPH_DEF, _NODE, _LIBRARY, _FUNCTION, _FUNCTION_NODE = 2, 2, 1, 2, 1, 3
_MAX_NODES = 5_000_000


class _Walker:
    def __init__(self, item: Item, ctx: ScanContext) -> None:
        self.item, self.ctx, self.data, self.nodes = item, ctx, item.data, 0

    def model(self) -> None:
        graphs = 0
        for number, wire, start, end in fields(self.data, 0, len(self.data)):
            if number == _META_GRAPH and wire == 2:
                for n, w, s, e in fields(self.data, start, end):
                    if n == _GRAPH_DEF and w == 2:
                        graphs += 1
                        self.graph(s, e)
        if not graphs:
            raise WireError("no meta graph with a graph: not a SavedModel", 0)

    def graph(self, start: int, end: int) -> None:
        for number, wire, s, e in fields(self.data, start, end):
            if number == _NODE and wire == 2:
                self.node(s, e, "")
            elif number == _LIBRARY and wire == 2:
                for n, w, fs, fe in fields(self.data, s, e):
                    if n == _FUNCTION and w == 2:
                        self.function(fs, fe)

    def function(self, start: int, end: int) -> None:
        name = ""
        for number, wire, s, e in fields(self.data, start, end):
            if number == 1 and wire == 2:  # OpDef signature: its name is the function's
                name = next(
                    (
                        self.text(a, b)
                        for n, w, a, b in fields(self.data, s, e)
                        if n == 1 and w == 2
                    ),
                    "",
                )
            elif number == _FUNCTION_NODE and wire == 2:
                self.node(s, e, name)

    def node(self, start: int, end: int, function: str) -> None:
        self.nodes += 1
        if self.nodes > _MAX_NODES:
            raise WireError(f"more than {_MAX_NODES} graph nodes", start)
        name = op = ""
        for number, wire, s, e in fields(self.data, start, end):
            if number == 1 and wire == 2:
                name = self.text(s, e)
            elif number == 2 and wire == 2:
                op = self.text(s, e)
        if op in DANGEROUS_GRAPH_OPS:
            where = f" in function {function!r}" if function else ""
            self.ctx.report(
                finding(
                    "savedmodel.dangerous-op",
                    f"node {name!r}{where} runs {op}, which reaches files, Python or the network",
                    member=self.item.member,
                    offset=start,
                )
            )

    def text(self, start: int, end: int) -> str:
        return bytes(self.data[start:end]).decode("utf-8", "replace")


class SavedModelScanner(FormatScanner):
    """``saved_model.pb`` files (the variables and assets beside them are data)."""

    format: ClassVar[Format] = Format.savedmodel

    def scan(self, item: Item, ctx: ScanContext) -> None:
        try:
            _Walker(item, ctx).model()
        except WireError as error:
            ctx.report(
                finding("savedmodel.malformed", str(error), member=item.member, offset=error.offset)
            )


__all__ = ["SavedModelScanner"]
