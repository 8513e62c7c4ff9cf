"""Training-data provenance: capture, integrity, screens, sensitivity and separation.

    sai data fetch https://example.org/loans.csv --dataset loans   # download + record
    sai data verify                                               # digests and rows still match
    sai data screen loans --label-column default                  # poisoning / sanitisation
    sai env check dist/app.whl                                    # no non-public data shipped

Every step writes evidence (``sai.provenance.record``) that the assessment's checks read.
"""

from sai.provenance.capture import DataStore, capture_fetch, capture_file
from sai.provenance.errors import (
    DataFormatError,
    FetchError,
    IntegrityError,
    NoRecordError,
    ProvenanceError,
)
from sai.provenance.fetch import Retrieval, fetch
from sai.provenance.rowhash import RowDiff, RowHashes, diff_rows
from sai.provenance.tabular import Table, TableFormat, open_rows, read_table
from sai.provenance.verify import VerifyOutcome, verify_dataset

__all__ = [
    "DataFormatError",
    "DataStore",
    "FetchError",
    "IntegrityError",
    "NoRecordError",
    "ProvenanceError",
    "Retrieval",
    "RowDiff",
    "RowHashes",
    "Table",
    "TableFormat",
    "VerifyOutcome",
    "capture_fetch",
    "capture_file",
    "diff_rows",
    "fetch",
    "open_rows",
    "read_table",
    "verify_dataset",
]
