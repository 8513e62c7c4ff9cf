"""Content probes that format detection owns: cheap structural tests on a file's bytes.

Each probe answers "could a loader read this as format X?" without scanning it; the format
scanners do the real work later. Kept apart from ``formats`` so that detection never imports
a scanner (and scanners may import detection).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import struct

from sai.scanning._protobuf import WireError, fields

_ONNX_GRAPH = 7
#: ModelProto's producer_name, producer_version and domain: strings in every ONNX model.
#: A SavedModel's ``fingerprint.pb`` has varint hashes there (and, since TensorFlow 2.15,
#: a string field 7 like ONNX's graph), so it is told apart by these wire types.
_ONNX_STRINGS = frozenset({2, 3, 4})


def looks_like_onnx(data: memoryview) -> bool:
    """A ModelProto: starts with ``ir_version`` and parses to the end with a graph, and its
    producer and domain fields (when present) are strings."""
    if len(data) < 4 or data[0] != 0x08:
        return False
    try:
        seen = {(number, wire) for number, wire, _, _ in fields(data, 0, len(data))}
    except WireError:
        return False
    strings = all(wire == 2 for number, wire in seen if number in _ONNX_STRINGS)
    return (_ONNX_GRAPH, 2) in seen and strings


def looks_like_saved_model(data: memoryview) -> bool:
    """A TensorFlow ``saved_model.pb``: a SavedModel whose meta graphs parse as protobuf."""
    if len(data) < 4 or data[0] not in (0x08, 0x12):
        return False
    try:
        seen = [(number, wire) for number, wire, _, _ in fields(data, 0, len(data))]
    except WireError:
        return False
    return (2, 2) in seen and all(number in (1, 2) for number, _ in seen)


#: Keys of a Hugging Face configuration (config.json, tokenizer_config.json, ...).
_HF_KEYS = frozenset(
    {"auto_map", "architectures", "model_type", "tokenizer_class", "custom_pipelines",
     "processor_class", "transformers_version", "_diffusers_version"}
)  # fmt: skip
_MAX_CONFIG = 16 << 20
_MAX_CONFIG_DEPTH = 3


def looks_like_hf_config(data: memoryview) -> bool:
    """A JSON object with the keys of a Hugging Face model, tokenizer or processor config
    (at the top or in a sub-configuration)."""
    if len(data) > _MAX_CONFIG or bytes(data[:64]).lstrip()[:1] not in (b"{", b"["):
        return False
    try:
        value = json.loads(bytes(data))
    except (ValueError, RecursionError):
        return False
    return _has_hf_keys(value, 0) or _is_module_list(value)


def _is_module_list(value: object) -> bool:
    """sentence-transformers' ``modules.json``: a list of modules, each a dict naming the
    class to load (``type``) and its folder (``path``)."""
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(v, dict) and "type" in v and "path" in v for v in value)
    )


def _has_hf_keys(value: object, depth: int) -> bool:
    """The keys of a Hugging Face config here or in a sub-configuration (composite models)."""
    if not isinstance(value, dict) or depth > _MAX_CONFIG_DEPTH:
        return False
    if not _HF_KEYS.isdisjoint(value):
        return True
    return any(_has_hf_keys(child, depth + 1) for child in value.values())


#: SentencePiece ``ModelProto`` fields: pieces, trainer spec, normalizer spec, self-test
#: data, denormalizer spec (all length-delimited).
_SPM_FIELDS = frozenset({1, 2, 3, 4, 5})
_TIKTOKEN_LINE = re.compile(rb"^[A-Za-z0-9+/]+={0,2} [0-9]+$")
_MAX_TOKENIZER = 64 << 20


def looks_like_sentencepiece(data: memoryview) -> bool:
    """A SentencePiece model: protobuf whose first field is a piece (string, score, type)."""
    if len(data) < 4 or len(data) > _MAX_TOKENIZER or data[0] != 0x0A:
        return False
    try:
        top = list(fields(data, 0, len(data)))
        _, _, start, end = top[0]
        piece = {number for number, wire, _, _ in fields(data, start, end) if wire != 0}
    except (WireError, IndexError):
        return False
    shapes = all(number in _SPM_FIELDS and wire == 2 for number, wire, _, _ in top)
    return shapes and piece <= {1, 2} and 1 in piece


def looks_like_tiktoken(data: memoryview) -> bool:
    """A tiktoken BPE rank file: one ``base64-token rank`` pair per line."""
    if len(data) < 3 or len(data) > _MAX_TOKENIZER:
        return False
    lines = [line for line in bytes(data).splitlines() if line]
    if not lines or not all(_TIKTOKEN_LINE.match(line) for line in lines):
        return False
    try:
        for line in lines:
            base64.b64decode(line.split(b" ", 1)[0], validate=True)
    except binascii.Error:
        return False
    return True


def is_tar(data: memoryview) -> bool:
    """Whether ``data`` has a ustar/GNU magic in its first header."""
    return bytes(data[257:262]) == b"ustar"


def is_zlib(head: bytes) -> bool:
    """A zlib stream header (deflate, valid check bits)."""
    return len(head) >= 2 and head[0] == 0x78 and (head[0] << 8 | head[1]) % 31 == 0


def is_safetensors(data: memoryview) -> bool:
    """An 8-byte little-endian header length followed by a JSON object that fits the file (or
    a JSON key, whatever the length says: a header length past the file is malformed)."""
    if len(data) < 10:
        return False
    (length,) = struct.unpack("<Q", data[:8])
    return (2 <= length <= len(data) - 8 and data[8] == ord("{")) or (
        length > len(data) - 8 and bytes(data[8:10]) == b'{"'
    )


def is_joblib(data: memoryview) -> bool:
    """A pickle whose first import is joblib's array wrapper (read by joblib's unpickler)."""
    return b"joblib.numpy_pickle" in bytes(data[:4096])


def probable_pickle(data: memoryview) -> bool:
    """Protocol 0/1 pickles: the stream must simulate to STOP, or import before it breaks."""
    from sai.scanning.pickle import default_allowlist, simulate

    run = simulate(data, allow=default_allowlist())
    return run.complete or bool(run.imports)


__all__ = [
    "is_joblib",
    "is_safetensors",
    "is_tar",
    "is_zlib",
    "looks_like_hf_config",
    "looks_like_onnx",
    "looks_like_saved_model",
    "looks_like_sentencepiece",
    "looks_like_tiktoken",
    "probable_pickle",
]
