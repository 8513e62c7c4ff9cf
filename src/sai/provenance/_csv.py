"""A strict CSV reader whose errors name the data row, the line and the column.

Python's ``csv`` module reports where it stopped, not where a broken row began; this reader
remembers the line each row starts on, decodes UTF-8 line by line (so a file that mixes
encodings fails at the exact line and byte), and refuses rows whose width differs from the
header's.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from sai.provenance.errors import DataFormatError

#: The largest field accepted; a larger one is almost always an unclosed quote.
MAX_FIELD = 16 * 1024 * 1024
csv.field_size_limit(min(sys.maxsize, MAX_FIELD))


def _decoded(handle: BinaryIO, path: Path) -> Iterator[str]:
    for number, line in enumerate(handle, 1):
        raw = line[3:] if number == 1 and line.startswith(b"\xef\xbb\xbf") else line
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            byte = raw[exc.start]
            raise DataFormatError(
                f"{path}:{number}: byte {exc.start + 1} of the line (0x{byte:02x}) is not "
                "UTF-8; the file mixes encodings",
                hint="re-encode the whole file as UTF-8, e.g. `iconv -f latin1 -t utf-8`",
            ) from None


def _delimiter(path: Path) -> str:
    return "\t" if path.suffix.lower() in {".tsv", ".tab"} else ","


def read_csv(handle: BinaryIO, path: Path) -> tuple[tuple[str, ...], Iterator[tuple[str, ...]]]:
    """The header and an iterator over the data rows of a CSV file opened in binary."""
    reader = csv.reader(_decoded(handle, path), delimiter=_delimiter(path), strict=True)
    try:
        header = tuple(next(reader))
    except StopIteration:
        raise DataFormatError(
            f"{path}: the file has no header row", hint="the first line must name the columns"
        ) from None
    except csv.Error as exc:
        raise DataFormatError(f"{path}:1: the header row is not valid CSV ({exc})") from None
    if not any(name.strip() for name in header):
        raise DataFormatError(f"{path}:1: the header row names no columns")
    return header, _rows(reader, header, path)


def _rows(reader: Any, header: tuple[str, ...], path: Path) -> Iterator[tuple[str, ...]]:
    row = 0
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise DataFormatError(
                f"{path}:{start}: data row {row:,} is not valid CSV: {exc}; most often a "
                "quote opened on this row is never closed",
                hint='close the quote, or double a quote inside a quoted field ("")',
            ) from None
        if not cells:
            continue  # a blank line, as csv.reader treats it
        if len(cells) != len(header):
            raise DataFormatError(
                f"{path}:{start}: data row {row:,} has {len(cells)} cells but the header names "
                f"{len(header)} columns",
                hint="every row needs one cell per column; quote cells that contain the delimiter",
            )
        yield tuple(cells)
        row += 1


__all__ = ["MAX_FIELD", "read_csv"]
