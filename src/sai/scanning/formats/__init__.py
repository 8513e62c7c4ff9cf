"""The registry of format scanners: one per ``Format``, walked by one contract test."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module

from sai.scanning.detect import Format
from sai.scanning.formats.base import FormatScanner, Item, ScanContext, ScanLimits

#: The module and class of each format's scanner. A module loads when its format is first
#: met (a scan of pickles never loads the ONNX, Keras or GGUF readers).
_HOMES: dict[Format, tuple[str, str]] = {
    Format.pickle: ("pickle", "PickleScanner"),
    Format.joblib: ("pickle", "JoblibScanner"),
    Format.pytorch: ("pytorch", "PyTorchScanner"),
    Format.torchscript: ("torchscript", "TorchScriptScanner"),
    Format.npy: ("numpy", "NpyScanner"),
    Format.npz: ("numpy", "NpzScanner"),
    Format.keras: ("keras", "KerasScanner"),
    Format.hdf5: ("hdf5", "Hdf5Scanner"),
    Format.onnx: ("onnx", "OnnxScanner"),
    Format.savedmodel: ("savedmodel", "SavedModelScanner"),
    Format.hf_config: ("hfconfig", "HfConfigScanner"),
    Format.tokenizer: ("tokenizer", "TokenizerScanner"),
    Format.gguf: ("gguf", "GgufScanner"),
    Format.safetensors: ("safetensors", "SafetensorsScanner"),
    Format.tflite: ("flatbuffers", "TfliteScanner"),
    Format.executorch: ("flatbuffers", "ExecuTorchScanner"),
    Format.flax: ("flax", "FlaxScanner"),
    Format.tf_checkpoint: ("tfcheckpoint", "TfCheckpointScanner"),
    Format.mxnet: ("mxnet", "MxnetScanner"),
    Format.mxnet_symbol: ("mxnet", "MxnetSymbolScanner"),
    Format.zip: ("archive", "ZipScanner"),
    Format.tar: ("archive", "TarScanner"),
    Format.compressed: ("archive", "CompressedScanner"),
    Format.sevenzip: ("archive", "SevenZipScanner"),
    Format.unknown: ("unknown", "UnknownScanner"),
}


class _Scanners(Mapping[Format, FormatScanner]):
    """One scanner per format, made when first asked for."""

    def __init__(self) -> None:
        self._made: dict[Format, FormatScanner] = {}

    def __getitem__(self, fmt: Format) -> FormatScanner:
        scanner = self._made.get(fmt)
        if scanner is None:
            module, name = _HOMES[fmt]
            scanner = getattr(import_module(f"{__name__}.{module}"), name)()
            self._made[fmt] = scanner
        return scanner

    def __iter__(self) -> Iterator[Format]:
        return iter(_HOMES)

    def __len__(self) -> int:
        return len(_HOMES)


#: Every scanner by the format it reads.
SCANNERS: Mapping[Format, FormatScanner] = _Scanners()

__all__ = ["SCANNERS", "FormatScanner", "Item", "ScanContext", "ScanLimits"]
