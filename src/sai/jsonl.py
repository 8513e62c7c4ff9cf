"""JSON Lines, read one way everywhere in sai: records end at ``"\\n"`` and nowhere else.

``str.splitlines()`` also breaks at U+2028, U+2029, U+0085, form feeds and lone carriage
returns, all of which may stand unescaped inside a JSON string (``json.dumps(...,
ensure_ascii=False)`` writes U+2028 as it is), so it cuts valid records in two. Here a line is
what lies between two ``"\\n"``; one trailing ``"\\r"`` is dropped (``"\\r\\n"`` line ends are
allowed); blank lines are skipped; every error names the line number.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from sai.errors import InputError


class JsonLinesError(InputError):
    """A JSON Lines file holds a line that is not JSON, or not the value expected (exit 2)."""


def split_lines(text: str) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` of each non-blank line; splits on ``"\\n"`` only."""
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")
        if line.strip():
            yield number, line


def decode(data: bytes, where: str) -> str:
    """UTF-8 text of a JSON Lines file (a UTF-8 byte-order mark is dropped)."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise JsonLinesError(
            f"{where}: not UTF-8 text (byte {exc.start})",
            hint="JSON Lines files are UTF-8; re-save the file as UTF-8",
        ) from None


def parse_line(line: str | bytes, where: str, number: int) -> Any:
    """The JSON value of one line; JsonLinesError naming ``where:number`` otherwise."""
    try:
        text = line.decode("utf-8") if isinstance(line, bytes) else line
        return json.loads(text)
    except UnicodeDecodeError as exc:
        raise JsonLinesError(f"{where}:{number}: not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise JsonLinesError(
            f"{where}:{number}: not JSON ({exc.msg} at column {exc.colno})",
            hint="write one JSON value per line, lines separated by a newline",
        ) from None


def parse(text: str, where: str) -> Iterator[tuple[int, Any]]:
    """``(line number, value)`` of each non-blank line of ``text``."""
    for number, line in split_lines(text):
        yield number, parse_line(line, where, number)


def parse_objects(text: str, where: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Like :func:`parse`, but every line must hold a JSON object."""
    for number, value in parse(text, where):
        if not isinstance(value, dict):
            raise JsonLinesError(
                f"{where}:{number}: a line must hold one JSON object, not {type(value).__name__}"
            )
        yield number, value


def stream_objects(handle: Iterable[bytes], where: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Objects from a binary file read line by line (binary lines end at ``b"\\n"`` only)."""
    for number, chunk in enumerate(handle, start=1):
        line = chunk.removesuffix(b"\n").removesuffix(b"\r")
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        value = parse_line(line, where, number)
        if not isinstance(value, dict):
            raise JsonLinesError(
                f"{where}:{number}: a line must hold one JSON object, not {type(value).__name__}"
            )
        yield number, value


def dumps(value: Any) -> str:
    """One record as a JSON Lines line (with its ``"\\n"``); non-ASCII kept as it is."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


__all__ = [
    "JsonLinesError",
    "decode",
    "dumps",
    "parse",
    "parse_line",
    "parse_objects",
    "split_lines",
    "stream_objects",
]
