"""Format detection by content (magic bytes and structure), never by file extension.

Zips are told apart by their member names (PyTorch, TorchScript, Keras, NumPy .npz) because
that is how their loaders tell them apart; everything else by its first bytes. A stream that
starts like a pickle of any protocol is a pickle, whatever the file is called.
"""

from __future__ import annotations

import enum

from sai.scanning.containers.errors import ContainerError
from sai.scanning.probes import (
    is_joblib,
    is_safetensors,
    is_tar,
    is_zlib,
    looks_like_hf_config,
    looks_like_onnx,
    looks_like_saved_model,
    looks_like_sentencepiece,
    looks_like_tiktoken,
    probable_pickle,
)
from sai.scanning.probes_formats import (
    looks_like_executorch,
    looks_like_flax,
    looks_like_mxnet_symbol,
    looks_like_tf_index,
    looks_like_tflite,
)


class Format(enum.StrEnum):
    """Formats sai recognises. Each has one scanner in ``sai.scanning.formats``."""

    pickle = "pickle"
    pytorch = "pytorch"
    torchscript = "torchscript"
    joblib = "joblib"
    npy = "npy"
    npz = "npz"
    keras = "keras"
    hdf5 = "hdf5"
    onnx = "onnx"
    savedmodel = "savedmodel"
    hf_config = "hf-config"
    tokenizer = "tokenizer"
    gguf = "gguf"
    safetensors = "safetensors"
    tflite = "tflite"
    executorch = "executorch"
    flax = "flax-msgpack"
    tf_checkpoint = "tf-checkpoint"
    mxnet = "mxnet"
    mxnet_symbol = "mxnet-symbol"
    zip = "zip"
    tar = "tar"
    compressed = "compressed"
    sevenzip = "7z"
    unknown = "unknown"


#: Names whose content a loader would unpickle even without a pickle header.
PICKLE_SUFFIXES = (".pkl", ".pickle", ".pt", ".pth", ".bin", ".ckpt", ".joblib", ".sav", ".p")
_HDF5 = b"\x89HDF\r\n\x1a\n"
_SEVENZIP = b"7z\xbc\xaf\x27\x1c"
_COMPRESSED = (b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"\x5d\x00\x00", b"\x04\x22\x4d\x18")
#: First opcodes of protocol 0/1 pickles (no PROTO header).
_PICKLE0_START = frozenset(b"(cNIJKLSTUVX]}).lpdiFG")


def _zip_kind(data: memoryview) -> Format:
    from sai.scanning.containers.zip import read_zip

    try:
        names = [m.name for m in read_zip(data, max_members=100_000).members]
    except ContainerError:
        return Format.zip
    tails = {name.rsplit("/", 1)[-1] for name in names}
    if "data.pkl" in tails and ("constants.pkl" in tails or any("/code/" in n for n in names)):
        return Format.torchscript
    if "data.pkl" in tails:
        return Format.pytorch
    if "config.json" in names and ("metadata.json" in names or "model.weights.h5" in names):
        return Format.keras
    if names and all(name.endswith(".npy") for name in names):
        return Format.npz
    return Format.zip


_MAGIC: tuple[tuple[bytes, Format], ...] = (
    (b"\x93NUMPY", Format.npy),
    (_HDF5, Format.hdf5),
    (b"GGUF", Format.gguf),
    (b"\x12\x01\0\0\0\0\0\0\0\0\0\0\0\0\0\0", Format.mxnet),
    (_SEVENZIP, Format.sevenzip),
    *((magic, Format.compressed) for magic in _COMPRESSED),
)


def _by_structure(data: memoryview, head: bytes, name: str) -> Format:
    # NOTE: the zip reader loads here, not with the module: a pickle never gets here
    from sai.scanning.containers.zip import is_zip

    probes = (
        (is_zlib(head), Format.compressed),
        (is_tar(data), Format.tar),
        (is_zip(data), Format.zip),
        (is_safetensors(data), Format.safetensors),
        (looks_like_onnx(data), Format.onnx),
        (looks_like_saved_model(data), Format.savedmodel),
        (looks_like_hf_config(data), Format.hf_config),
        (looks_like_sentencepiece(data), Format.tokenizer),
        (looks_like_tflite(data), Format.tflite),
        (looks_like_executorch(data), Format.executorch),
        (looks_like_flax(data), Format.flax),
        (looks_like_tf_index(data), Format.tf_checkpoint),
        (looks_like_mxnet_symbol(data), Format.mxnet_symbol),
    )
    found = next((fmt for hit, fmt in probes if hit), None)
    if found is not None:
        return _zip_kind(data) if found is Format.zip else found
    if head[:1] and head[0] in _PICKLE0_START and probable_pickle(data):
        return Format.pickle
    if looks_like_tiktoken(data):
        return Format.tokenizer
    return Format.pickle if name.lower().endswith(PICKLE_SUFFIXES) else Format.unknown


def hdf5_superblock(data: memoryview) -> int:
    """Where the HDF5 superblock is: offset 0, or after a user block of 512, 1024, 2048, ...
    bytes (h5py's ``userblock_size``, MATLAB v7.3 files); -1 when there is none."""
    offset = 0
    while offset + len(_HDF5) <= len(data):
        if bytes(data[offset : offset + len(_HDF5)]) == _HDF5:
            return offset
        offset = max(512, offset * 2)
    return -1


def detect(data: memoryview, name: str = "") -> Format:
    """The format of ``data``; ``name`` only breaks ties for headerless pickles."""
    head = bytes(data[:16])
    if len(head) > 1 and head[0] == 0x80 and head[1] <= 5:
        return Format.joblib if is_joblib(data) else Format.pickle
    for magic, fmt in _MAGIC:
        if head.startswith(magic):
            return fmt
    found = _by_structure(data, head, name)
    if found in (Format.unknown, Format.pickle) and hdf5_superblock(data) > 0:
        return Format.hdf5
    return found


__all__ = ["PICKLE_SUFFIXES", "Format", "detect", "hdf5_superblock", "is_joblib"]
