"""TensorFlow operations that reach files, run Python, or the network, for two scanners.

Graph ops (in a SavedModel's ``saved_model.pb``) are named by their registered op type;
Keras ``TFOpLambda`` layers name the Python API (``io.write_file``). Saving and restoring
checkpoints (``SaveV2``, ``RestoreV2``, ``MergeV2Checkpoints``) is in every SavedModel and
reads only the model's own variables, so those are ordinary; so are lookup tables initialised
from the model's own asset files.
"""

from __future__ import annotations

#: Graph op types that read or write files, run Python code, or reach the network.
DANGEROUS_GRAPH_OPS = frozenset(
    {
        "ReadFile", "WriteFile", "MatchingFiles", "ImmutableConst",
        "PyFunc", "PyFuncStateless", "EagerPyFunc",
        "WholeFileReader", "WholeFileReaderV2", "TextLineReader", "TextLineReaderV2",
        "FixedLengthRecordReader", "FixedLengthRecordReaderV2", "TFRecordReader",
        "TFRecordReaderV2", "IdentityReader", "IdentityReaderV2", "LMDBReader",
        "TFRecordDataset", "TFRecordDatasetV2", "TextLineDataset", "FixedLengthRecordDataset",
        "FixedLengthRecordDatasetV2", "DatasetToTFRecord", "ExperimentalDatasetToTFRecord",
        "CreateSummaryFileWriter", "CreateSummaryDbWriter", "WriteSummary", "WriteScalarSummary",
        "WriteHistogramSummary", "WriteImageSummary", "WriteAudioSummary", "WriteGraphSummary",
        "WriteRawProtoSummary", "DebugIdentityV2", "DebugIdentityV3", "Save", "SaveSlices",
        "LoadAndRemapMatrix", "GcsConfigureCredentials", "GcsConfigureBlockCache",
        "BigQueryReader", "DecodeProtoV2", "EncodeProto", "SnapshotDataset", "SnapshotDatasetV2",
        "LoadDataset", "SaveDataset", "SaveDatasetV2", "CacheDatasetV2",
    }
)  # fmt: skip
#: Prefixes and names of the Python API that TFOpLambda layers may call and that are risky.
_RISKY_API_PREFIXES = ("io.", "gfile.", "compat.v1.gfile", "summary.", "debugging.", "saved_model.")
_RISKY_API = frozenset(
    {
        "py_function", "numpy_function", "compat.v1.py_func", "read_file", "write_file",
        "load_op_library", "load_library",
    }
)  # fmt: skip


#: TFOpLambda functions reviewed as plain tensor arithmetic (anything else stays dangerous,
#: since the name is resolved as an attribute path into TensorFlow).
_PLAIN_API_PREFIXES = ("math.", "nn.")
_PLAIN_API = frozenset(
    {
        "reshape", "concat", "expand_dims", "squeeze", "transpose", "cast", "stack",
        "identity", "shape", "ones_like", "zeros_like", "clip_by_value", "where",
    }
)  # fmt: skip


def risky_api(function: str) -> bool:
    """Whether a TFOpLambda's ``function`` is anything but reviewed tensor arithmetic."""
    if function in _RISKY_API or function.startswith(_RISKY_API_PREFIXES):
        return True
    return not (function in _PLAIN_API or function.startswith(_PLAIN_API_PREFIXES))


__all__ = ["DANGEROUS_GRAPH_OPS", "risky_api"]
