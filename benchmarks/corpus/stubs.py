"""Pickles that reference libraries which are not installed (PyTorch, transformers).

``pickle`` writes a class or function by its module and name, and checks that importing
them gives the same object. For libraries that cannot be installed here, stand-ins are put in
``sys.modules`` under the real names while pickling and removed right after, so the bytes are
what the real ``torch.save`` / ``Trainer`` would write for these objects: the same imports,
the same opcodes, the same persistent ids. Nothing here ever unpickles.
"""

from __future__ import annotations

import io
import pickle
import sys
import types
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any


def _stub(module: str, name: str, obj: Any) -> Any:
    obj.__module__ = module
    obj.__qualname__ = name
    obj.__name__ = name
    return obj


def _rebuild_tensor_v2(*args: object) -> None:  # pragma: no cover - never called
    raise AssertionError("stand-in")


class FloatStorage:
    """Stand-in for torch.FloatStorage (only its name is pickled)."""


class TorchVersion(str):
    """Stand-in for torch.torch_version.TorchVersion (a str subclass)."""

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (TorchVersion, (str(self),))


@dataclass
class Tensor:
    """A float32 tensor of ``shape`` stored in storage ``key`` (its bytes are zeros)."""

    key: str
    shape: tuple[int, ...]

    @property
    def numel(self) -> int:
        count = 1
        for n in self.shape:
            count *= n
        return count

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        stride, acc = [], 1
        for n in reversed(self.shape):
            stride.insert(0, acc)
            acc *= n
        return (
            _rebuild_tensor_v2,
            (_Storage(self.key, self.numel), 0, self.shape, tuple(stride), False, OrderedDict()),
        )


@dataclass(frozen=True)
class _Storage:
    key: str
    numel: int


_MODULES = {
    "torch": {"FloatStorage": FloatStorage},
    "torch._utils": {"_rebuild_tensor_v2": _rebuild_tensor_v2},
    "torch.torch_version": {"TorchVersion": TorchVersion},
}


@contextmanager
def stand_ins(extra: dict[str, dict[str, Any]] | None = None) -> Iterator[None]:
    """Install stand-in modules for pickling; restore ``sys.modules`` afterwards."""
    wanted = {**_MODULES, **(extra or {})}
    for module in list(wanted):
        parts = module.split(".")
        for n in range(1, len(parts)):
            wanted.setdefault(".".join(parts[:n]), {})
    saved = {name: sys.modules.get(name) for name in wanted}
    try:
        for module, names in wanted.items():
            fake = types.ModuleType(module)
            for name, obj in names.items():
                setattr(fake, name, _stub(module, name, obj))
            sys.modules[module] = fake
        yield
    finally:
        for module, previous in saved.items():
            if previous is None:
                sys.modules.pop(module, None)
            else:
                sys.modules[module] = previous


class _TorchPickler(pickle.Pickler):
    def persistent_id(self, obj: object) -> object:
        if isinstance(obj, _Storage):
            return ("storage", FloatStorage, obj.key, "cpu", obj.numel)
        return None


def torch_pickle(obj: object) -> bytes:
    """``data.pkl`` as torch.save writes it (protocol 2, storages as persistent ids)."""
    buffer = io.BytesIO()
    with stand_ins():
        _TorchPickler(buffer, protocol=2).dump(obj)
    return buffer.getvalue()


def storages(obj: object) -> dict[str, bytes]:
    """The zero-filled storage files of every Tensor inside ``obj`` (dicts and lists)."""
    found: dict[str, bytes] = {}
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, Tensor):
            found[item.key] = b"\x00" * (4 * item.numel)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return found


def pickle_with(modules: dict[str, dict[str, Any]], obj: object, protocol: int = 4) -> bytes:
    """Pickle ``obj`` whose classes stand in for ``modules`` (e.g. transformers' dataclasses)."""
    with stand_ins(modules):
        return pickle.dumps(obj, protocol)


__all__ = ["Tensor", "TorchVersion", "pickle_with", "stand_ins", "storages", "torch_pickle"]
