"""The one JSON Lines reader: records end at "\n" only, errors name the line."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sai import jsonl
from sai.errors import InputError

_SEPARATORS = st.sampled_from(["\u2028", "\u2029", "\u0085", "\r", "\x0b", "\x0c", "\x1c"])
_TEXT = st.lists(st.one_of(st.text(max_size=8), _SEPARATORS), max_size=8).map("".join)


@given(st.lists(st.fixed_dictionaries({"text": _TEXT, "n": st.integers()}), max_size=6))
def test_round_trip_keeps_unicode_line_separators(records: list[dict[str, object]]) -> None:
    text = "".join(jsonl.dumps(record) for record in records)
    assert [value for _, value in jsonl.parse(text, "x.jsonl")] == records
    crlf = text.replace("\n", "\r\n")
    assert [value for _, value in jsonl.parse(crlf, "x.jsonl")] == records
    binary = io.BytesIO(text.encode("utf-8"))
    assert [value for _, value in jsonl.stream_objects(binary, "x.jsonl")] == records


def test_u2028_is_kept_raw_and_not_a_separator() -> None:
    line = jsonl.dumps({"text": "a\u2028b\u0085c"})
    assert "\u2028" in line  # written unescaped, as json.dumps(ensure_ascii=False) does
    assert line.splitlines() != [line.rstrip("\n")]  # what the old readers tripped on
    assert list(jsonl.parse(line, "x")) == [(1, {"text": "a\u2028b\u0085c"})]


def test_blank_lines_are_skipped_and_numbers_are_file_lines() -> None:
    text = '{"a": 1}\n\n  \r\n{"a": 2}\n'
    assert list(jsonl.parse(text, "x")) == [(1, {"a": 1}), (4, {"a": 2})]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"a": 1}\n{"a": \n', r"x\.jsonl:2: not JSON"),
        ('{"a": 1}\n\n[1, 2]\n', r"x\.jsonl:3: a line must hold one JSON object, not list"),
        ('{"a": "b\nc"}\n', r"x\.jsonl:1: not JSON"),
    ],
)
def test_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(jsonl.JsonLinesError, match=message) as caught:
        list(jsonl.parse_objects(text, "x.jsonl"))
    assert isinstance(caught.value, InputError)


def test_bad_utf8_is_named() -> None:
    with pytest.raises(jsonl.JsonLinesError, match="not UTF-8"):
        jsonl.decode(b'{"a": "\xff"}\n', "x.jsonl")
    with pytest.raises(jsonl.JsonLinesError, match=r"x\.jsonl:2: not UTF-8"):
        list(jsonl.stream_objects(io.BytesIO(b'{"a": 1}\n{"a": "\xff"}\n'), "x.jsonl"))


def test_byte_order_mark_is_dropped() -> None:
    data = "\ufeff" + json.dumps({"a": 1}) + "\n"
    assert list(jsonl.parse(jsonl.decode(data.encode("utf-8"), "x"), "x")) == [(1, {"a": 1})]


@given(st.text(max_size=200))
def test_arbitrary_text_parses_or_raises_a_named_error(text: str) -> None:
    message = ""
    try:
        numbers = [number for number, _ in jsonl.parse(text, "x")]
    except jsonl.JsonLinesError as exc:
        numbers, message = [], exc.message
    assert all(1 <= n <= text.count("\n") + 1 for n in numbers)
    assert message == "" or message.startswith("x:")
