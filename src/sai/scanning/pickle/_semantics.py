"""What imports and calls mean on the simulated machine: where a pickle can run code.

``Semantics`` decides every import (allowed, unknown or dangerous), every call (an allowed
callable with arguments of its shape; ``getattr`` of an allowed class as a dotted name) and
the state a BUILD gives a callable that calls what it holds, and scans pickles handed to
calls (``_nested``). ``State`` (``_state``) supplies the stack, memo and reporting.
"""

from __future__ import annotations

import _compat_pickle
import abc

from sai.scanning.pickle._nested import Embedded, pickles_in
from sai.scanning.pickle._run import PickleLimits, PickleMode, PickleRun
from sai.scanning.pickle._values import Global, Obj, Opaque, TupleVal
from sai.scanning.pickle.allowlist import AllowList
from sai.scanning.pickle.danger import classify
from sai.scanning.result import Confidence, Finding


class Semantics(abc.ABC):
    """Import and call semantics over the state ``State`` holds."""

    allow: AllowList
    mode: PickleMode
    member: str
    limits: PickleLimits
    depth: int
    proto: int
    op_start: int
    stack: list[object]
    run: PickleRun

    @abc.abstractmethod
    def report(self, item: Finding) -> None:
        """Record a finding (up to the limit)."""

    @abc.abstractmethod
    def flag(
        self,
        rule: str,
        message: str,
        offset: int,
        name: str | None = None,
        confidence: Confidence | None = None,
    ) -> None:
        """Record a finding of ``rule``."""

    @abc.abstractmethod
    def sub(self, data: memoryview, pos: int, mode: PickleMode, member: str) -> PickleRun:
        """Simulate a nested pickle one level deeper."""

    def do_import(self, module: str, name: str) -> Global:
        if self.proto < 3:
            if (module, name) in _compat_pickle.NAME_MAPPING:
                module, name = _compat_pickle.NAME_MAPPING[(module, name)]
            elif module in _compat_pickle.IMPORT_MAPPING:
                module = _compat_pickle.IMPORT_MAPPING[module]
        ref = Global(module, name, self.op_start)
        self.run.imports.append(ref)
        if not self.allow.allows(module, name, torchscript=self.mode.torchscript):
            confidence = classify(module, name)
            known = (
                "known to reach code, files, processes or the network"
                if confidence is Confidence.dangerous
                else "not known to be safe"
            )
            self.flag(
                "pickle.import-not-allowed",
                f"loading imports {ref.full}, which is not on the allow-list ({known})",
                self.op_start,
                ref.full,
                confidence,
            )
        return ref

    def do_call(self, func: object, args: object, kind: str) -> None:
        offset = self.op_start
        if isinstance(func, Global):
            if not self.allow.allows(func.module, func.name, torchscript=self.mode.torchscript):
                if func.attribute:
                    self.flag(
                        "pickle.call-computed",
                        f"{kind} calls {func.full}, an attribute read by getattr that is not "
                        "on the allow-list",
                        offset,
                        func.full,
                    )
                self.nested(args, offset)
            elif not self.allow.arguments_allowed(func.module, func.name, args, kind):
                self.flag(
                    "pickle.argument-not-allowed",
                    f"{kind} calls {func.full} with arguments it is not allowed to take",
                    offset,
                    func.full,
                )
            elif self.allow.arg_rules.get((func.module, func.name)) == "attribute":
                ref = self.allow.attribute(*args.items) if isinstance(args, TupleVal) else None
                if ref is not None:  # getattr(<allowed>, "name"): a name, checked if called
                    self.stack.append(Global(ref.module, ref.name, offset, attribute=True))
                    return
        elif not isinstance(func, Opaque):
            self.flag(
                "pickle.call-computed",
                f"{kind} calls a {type(func).__name__} value, not an imported name",
                offset,
            )
        self.stack.append(Obj(func, args, offset))

    def check_state(self, inst: Obj, state: object) -> None:
        """BUILD of a callable that calls what it holds (``functools.partial``): same rule.

        ``partial.__setstate__`` replaces the callable and its arguments, so its state is
        held to the rule its construction was."""
        func = inst.func
        if not isinstance(func, Global):
            return
        rule = self.allow.arg_rules.get((func.module, func.name))
        if rule not in ("callables", "callee"):
            return
        held = state if rule == "callee" and isinstance(state, TupleVal) else TupleVal((state,))
        if self.allow.arguments_allowed(func.module, func.name, held):
            return
        self.flag(
            "pickle.argument-not-allowed",
            f"BUILD gives {func.full} state it is not allowed to take",
            self.op_start,
            func.full,
        )

    def nested(self, args: object, offset: int) -> None:
        """Simulate pickles (and ``torch.save`` zips) passed as arguments to a call.

        A bare pickle is a finding whenever it imports anything; a zip's pickles are judged
        like a checkpoint on disk (their own findings only)."""
        items = args.items if isinstance(args, TupleVal) else ()
        for item in items:
            blob = bytes(item) if isinstance(item, memoryview) else None
            if isinstance(item, str) and len(item) < self.limits.max_text:
                blob = item.encode("latin-1", "ignore")
            if not blob or self.depth >= self.limits.max_nesting:
                continue
            found, problem = pickles_in(blob)
            if problem:
                self.flag(
                    "pickle.nested", f"an argument is a zip sai cannot read: {problem}", offset
                )
            for embedded in found:
                self._nested_one(embedded, offset)

    def _nested_one(self, embedded: Embedded, offset: int) -> None:
        zipped = bool(embedded.member)
        mode = PickleMode(persistent_ids=True) if zipped else self.mode
        where = f"{self.member}!<pickle argument @{offset}>" + (
            f"!{embedded.member}" if zipped else ""
        )
        inner = self.sub(embedded.data, 0, mode, where)
        if not inner.complete or (inner.imports and not zipped):
            self.flag(
                "pickle.nested",
                f"an argument at offset {offset} is itself a pickle importing "
                + (", ".join(sorted({g.full for g in inner.imports})) or "nothing"),
                offset,
            )
        for item_finding in inner.findings:
            self.report(item_finding)


__all__ = ["Semantics"]
