"""Malicious samples of the first release: pickles inside every container and loader."""

from __future__ import annotations

import io
import zipfile

import numpy as np

from benchmarks.corpus import build as b
from benchmarks.corpus.payloads import payloads
from benchmarks.corpus.sample import ECHO, Sample


def in_containers() -> list[Sample]:
    """Pickles in every container and loader: torch, joblib, NumPy, archives, 7z."""
    out = [Sample(f"malicious/{name}.pkl", data, True, tech) for name, data, tech in payloads()]
    evil = b.call_pickle("os", "system", ECHO)
    evil_state = b.torch_state_dict_pickle({"w": (2,)}).replace(
        b"u.", b"u" + b.global0("os", "system") + b.sbu(ECHO) + b"\x85R0."
    )
    storages = {"0": b"\x00" * 8}
    import joblib

    buffer = io.BytesIO()
    joblib.dump({"w": np.arange(4.0)}, buffer)
    joblib_evil = buffer.getvalue()
    joblib_evil = joblib_evil[:-1] + b"0" + evil[2:]  # pop result, then payload
    objects = io.BytesIO()
    joblib.dump({"o": np.array([1, "x"], dtype=object)}, objects)
    raw = objects.getvalue()
    cut = raw.rfind(b"\x80\x05")
    joblib_objects = raw[:cut] + evil + b"0."
    out += [
        Sample("malicious/bin-extension.bin", evil, True, "CVE-2025-10155 extension"),
        Sample("malicious/no-extension", evil, True, "CVE-2025-1889 extension"),
        Sample("malicious/torch.pt", b.torch_zip(evil_state, storages), True, "pytorch zip"),
        Sample(
            "malicious/torch-prefix.pt",
            b.torch_zip(evil, prefix="weird-name"),
            True,
            "pytorch zip other folder",
        ),
        Sample(
            "malicious/torch-deflate.pt",
            b.torch_zip(evil, method=zipfile.ZIP_DEFLATED),
            True,
            "pytorch zip deflate",
        ),
        Sample("malicious/torch-bad-crc.pt", b.zip_bad_crc(evil), True, "CVE-2025-10156 CRC"),
        Sample("malicious/torch-flags.pt", b.zip_flag_bits(evil), True, "CVE-2025-1945 flags"),
        Sample(
            "malicious/torch-name-mismatch.pt",
            b.zip_name_mismatch(evil),
            True,
            "CVE-2025-1944 names",
        ),
        Sample("malicious/torch-hidden.pt", b.zip_hidden_member(evil), True, "hidden member"),
        Sample("malicious/torch-legacy.pt", b.torch_legacy(evil), True, "pytorch legacy"),
        Sample(
            "malicious/torchscript.pt",
            b.torchscript_zip(evil, "def f(x):\n  return x\n"),
            True,
            "torchscript data.pkl",
        ),
        Sample(
            "malicious/torchscript-op.pt",
            b.torchscript_zip(
                b.proto(2, b.global0("__torch__", "M") + b")\x81}b."),
                "def forward(self, x):\n    return torch.ops.evil_ns.run(x)\n",
            ),
            True,
            "torchscript custom op",
        ),
        Sample("malicious/joblib-tail.joblib", joblib_evil, True, "joblib payload after array"),
        Sample("malicious/joblib-objects.joblib", joblib_objects, True, "joblib object array"),
        Sample("malicious/joblib.gz", b.nested(joblib_evil, "m", ("gz",)), True, "joblib gzip"),
        Sample("malicious/objects.npy", b.npy("|O", (1,), evil), True, "npy object array"),
        Sample(
            "malicious/arrays.npz",
            b.nested(b.npy("|O", (1,), evil), "a.npy", ("zip",)),
            True,
            "npz object array",
        ),
        Sample(
            "malicious/deep.tar.xz",
            b.nested(evil, "m.pkl", ("zip", "tar", "zip", "xz")),
            True,
            "nested archives",
        ),
        Sample("malicious/model.zlib", b.nested(evil, "m", ("zlib",)), True, "zlib"),
        Sample("malicious/model.bz2", b.nested(evil, "m", ("bz2",)), True, "bz2"),
        Sample("malicious/bomb.zip", b.zip_bomb(64 << 20), True, "zip bomb"),
        Sample("malicious/model.7z", b.sevenzip({"model.pkl": evil}), True, "7z pickle"),
        Sample(
            "malicious/arrays.7z",
            b.sevenzip(
                {"ok.npy": b.npy("<f8", (1,), b"\x00" * 8), "o.npy": b.npy("|O", (1,), evil)}
            ),
            True,
            "7z npy object array",
        ),
        Sample(
            "malicious/nested.7z",
            b.sevenzip({"m.pt.zip": b.nested(b.torch_zip(evil), "m.pt", ("zip",))}),
            True,
            "7z nested archives",
        ),
        Sample("malicious/encrypted.7z", b.sevenzip({"m.pkl": evil}, "x"), True, "7z encrypted"),
        Sample(
            "malicious/bomb.7z", b.sevenzip({"bomb.pkl": b"\x00" * (64 << 20)}), True, "7z bomb"
        ),
        Sample("malicious/truncated.7z", b.sevenzip({"m.pkl": evil})[:-20], True, "7z truncated"),
    ]
    return out


__all__ = ["in_containers"]
