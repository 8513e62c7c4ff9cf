"""The append-only run log: ``run.jsonl`` in the run directory, one JSON object per line.

The first line is the run's header (settings, target binding, tester); then an ``attempt``
line when an attempt starts and a ``result`` line when it finishes; ``end`` lines mark where
an invocation stopped. Nothing is rewritten: a resumed run appends. A line cut short by a
crash (no final newline) is dropped on reading and cut off before the next append, so the log
stays one valid line per record. Lines are split on ``\\n`` only: a prompt may contain other
Unicode line separators, which JSON keeps inside strings.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from sai import jsonl
from sai.redteam.errors import RunLogError
from sai.redteam.model import AttemptId, Result

LOG_NAME = "run.jsonl"
FORMAT = "sai-redteam-log/1"


def dumps(record: Mapping[str, Any]) -> str:
    """One record as one line of compact JSON (no raw newlines can appear inside)."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class LogContents:
    """What a log holds: the header, every record in order, the finished results by attempt."""

    header: Mapping[str, Any]
    records: tuple[Mapping[str, Any], ...]
    results: Mapping[AttemptId, Result] = field(default_factory=dict)
    good_bytes: int = 0


def read_log(directory: Path) -> LogContents:
    """Parse ``directory/run.jsonl``; RunLogError with the line number on a malformed line."""
    path = directory / LOG_NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RunLogError(
            f"{directory} holds no red-team run ({LOG_NAME} is missing)",
            hint="start one with `sai redteam run ... --out DIR`",
        ) from None
    lines = raw.split(b"\n")
    complete, torn = lines[:-1], lines[-1]
    good_bytes = len(raw) - len(torn)
    records: list[Mapping[str, Any]] = []
    for number, line in enumerate(complete, start=1):
        if not line.strip():
            continue
        try:
            value = jsonl.parse_line(line.removesuffix(b"\r"), str(path), number)
        except jsonl.JsonLinesError as error:
            raise RunLogError(error.message) from None
        if not isinstance(value, dict) or "type" not in value:
            raise RunLogError(f"{path}:{number}: a record must be a JSON object with a type")
        records.append(value)
    if not records or records[0].get("type") != "run" or records[0].get("format") != FORMAT:
        raise RunLogError(f"{path}:1: the first record is not a {FORMAT} header")
    results: dict[AttemptId, Result] = {}
    for number, record in enumerate(records, start=1):
        if record["type"] == "result":
            try:
                result = Result.from_json(record)
            except (KeyError, ValueError, TypeError) as error:
                raise RunLogError(f"{path}: result record {number} is malformed: {error}") from None
            results[result.attempt] = result
    return LogContents(records[0], tuple(records), results, good_bytes)


def has_run(directory: Path) -> bool:
    """Whether ``directory`` holds a log with at least its header line complete."""
    try:
        with (directory / LOG_NAME).open("rb") as handle:
            return b"\n" in handle.read(1 << 20)
    except FileNotFoundError:
        return False


class RunLog:
    """Appends records to a run's log, one flushed line each."""

    def __init__(self, handle: IO[str]) -> None:
        self._handle = handle

    @classmethod
    def create(cls, directory: Path, header: Mapping[str, Any]) -> RunLog:
        """Start a new log in ``directory``; RunLogError when one is there already."""
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / LOG_NAME
        if has_run(directory):
            raise RunLogError(
                f"{directory} already holds a red-team run",
                hint="continue it with --resume, or choose another --out directory",
            )
        log = cls(path.open("w", encoding="utf-8", newline="\n"))
        log.append({"type": "run", "format": FORMAT, **header})
        return log

    @classmethod
    def reopen(cls, directory: Path, contents: LogContents) -> RunLog:
        """Append to an existing log, cutting off a line a crash left unfinished."""
        path = directory / LOG_NAME
        with path.open("r+b") as handle:
            handle.truncate(contents.good_bytes)
        return cls(path.open("a", encoding="utf-8", newline="\n"))

    def append(self, record: Mapping[str, Any]) -> None:
        """Write ``record`` as one line and hand it to the operating system at once."""
        self._handle.write(dumps(record) + "\n")
        self._handle.flush()

    def sync(self) -> None:
        """Make what was appended durable (at the end of an invocation)."""
        os.fsync(self._handle.fileno())

    def close(self) -> None:
        self._handle.close()


__all__ = ["FORMAT", "LOG_NAME", "LogContents", "RunLog", "dumps", "has_run", "read_log"]
