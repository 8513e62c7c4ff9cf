"""Read a safetensors file (an 8-byte length, a JSON header, raw little-endian arrays) into
numpy arrays without running any code: the MiniLM weights of the semantic tier."""

from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from sai.guards.errors import GuardModelError

_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def read_safetensors(path: Path) -> dict[str, npt.NDArray[Any]]:
    """Every tensor of a safetensors file as a read-only numpy array (no code runs).

    Anything malformed (header, dtype, offsets outside the data, sizes that do not match the
    shape) raises ``GuardModelError`` naming the tensor.
    """
    blob = np.memmap(path, dtype=np.uint8, mode="r")
    if len(blob) < 8:
        raise GuardModelError(f"{path}: too short to be a safetensors file")
    (length,) = struct.unpack("<Q", bytes(blob[:8]))
    if length > len(blob) - 8:
        raise GuardModelError(f"{path}: header length {length} exceeds the file size")
    try:
        header = json.loads(bytes(blob[8 : 8 + length]))
    except (UnicodeDecodeError, ValueError) as exc:
        raise GuardModelError(f"{path}: the header is not JSON ({exc})") from None
    if not isinstance(header, dict):
        raise GuardModelError(f"{path}: the header is not a JSON object")
    data_size = len(blob) - 8 - length
    tensors: dict[str, npt.NDArray[Any]] = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        try:
            dtype = _DTYPES[info["dtype"]]
            shape = [int(n) for n in info["shape"]]
            begin, end = (int(n) for n in info["data_offsets"])
        except (KeyError, TypeError, ValueError):
            raise GuardModelError(
                f"{path}: tensor {name!r} has a missing or unsupported dtype, shape or offsets"
            ) from None
        expected = int(np.prod(shape)) * np.dtype(dtype).itemsize
        if not 0 <= begin <= end <= data_size or end - begin != expected:
            raise GuardModelError(
                f"{path}: tensor {name!r} lies outside the data or has the wrong size for its shape"
            )
        start = 8 + length + begin
        tensors[name] = np.frombuffer(blob[start : start + expected], dtype=dtype).reshape(shape)
    return tensors


__all__ = ["read_safetensors"]
