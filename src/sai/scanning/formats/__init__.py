"""The registry of format scanners: one per ``Format``, walked by one contract test."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from sai.scanning.detect import Format
from sai.scanning.formats.archive import CompressedScanner, SevenZipScanner, TarScanner, ZipScanner
from sai.scanning.formats.base import FormatScanner, Item, ScanContext, ScanLimits
from sai.scanning.formats.gguf import GgufScanner
from sai.scanning.formats.hdf5 import Hdf5Scanner
from sai.scanning.formats.hfconfig import HfConfigScanner
from sai.scanning.formats.keras import KerasScanner
from sai.scanning.formats.numpy import NpyScanner, NpzScanner
from sai.scanning.formats.onnx import OnnxScanner
from sai.scanning.formats.pickle import JoblibScanner, PickleScanner
from sai.scanning.formats.pytorch import PyTorchScanner
from sai.scanning.formats.safetensors import SafetensorsScanner
from sai.scanning.formats.savedmodel import SavedModelScanner
from sai.scanning.formats.tokenizer import TokenizerScanner
from sai.scanning.formats.torchscript import TorchScriptScanner
from sai.scanning.formats.unknown import UnknownScanner

_ALL: tuple[FormatScanner, ...] = (
    PickleScanner(),
    JoblibScanner(),
    PyTorchScanner(),
    TorchScriptScanner(),
    NpyScanner(),
    NpzScanner(),
    KerasScanner(),
    Hdf5Scanner(),
    OnnxScanner(),
    SavedModelScanner(),
    HfConfigScanner(),
    TokenizerScanner(),
    GgufScanner(),
    SafetensorsScanner(),
    ZipScanner(),
    TarScanner(),
    CompressedScanner(),
    SevenZipScanner(),
    UnknownScanner(),
)

#: Every scanner by the format it reads.
SCANNERS: Mapping[Format, FormatScanner] = MappingProxyType({s.format: s for s in _ALL})

__all__ = ["SCANNERS", "FormatScanner", "Item", "ScanContext", "ScanLimits"]
