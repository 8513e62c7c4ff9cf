"""Canonical JSON: one encoding per value, and a parser that accepts only that encoding."""

from __future__ import annotations

import enum
import json
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sai.errors import InputError
from sai.ledger import CanonicalJsonError, canonical_json, parse_canonical
from sai.ledger.canonical import MAX_DEPTH, MAX_SAFE_INTEGER, locate_violation

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-MAX_SAFE_INTEGER, MAX_SAFE_INTEGER)
    | st.text(st.characters(exclude_categories=("Cs",)))
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.text(st.characters(exclude_categories=("Cs",)), max_size=6), children, max_size=4
        )
    ),
    max_leaves=20,
)


class Colour(enum.IntEnum):
    RED = 1


class Name(str):
    pass


class TestEncode:
    def test_layout(self) -> None:
        value = {"b": [1, True, None, "x"], "a": {}, "c": -7}
        assert canonical_json(value) == b'{"a":{},"b":[1,true,null,"x"],"c":-7}'

    def test_strings_escape_only_what_json_requires(self) -> None:
        text = 'q"b\\ \b\f\n\r\t \x00\x1f \x7f / é \u2028 😀'
        expected = '"q\\"b\\\\ \\b\\f\\n\\r\\t \\u0000\\u001f \x7f / é \u2028 😀"'
        assert canonical_json(text) == expected.encode("utf-8")

    def test_keys_sort_by_code_point_not_utf16(self) -> None:
        # U+FFFF sorts before U+1F600 by code point; UTF-16 order would put the emoji first.
        value = {"\U0001f600": 1, "\uffff": 2, "z": 3, "é": 4, "Z": 5}
        assert canonical_json(value) == '{"Z":5,"z":3,"é":4,"\uffff":2,"\U0001f600":1}'.encode()

    def test_tuples_mapping_proxies_and_subclasses_normalise(self) -> None:
        value = MappingProxyType({Name("k"): (Colour.RED, Name("v"))})
        assert canonical_json(value) == b'{"k":[1,"v"]}'

    def test_integer_limits(self) -> None:
        assert canonical_json([MAX_SAFE_INTEGER, -MAX_SAFE_INTEGER]) == (
            b"[9007199254740991,-9007199254740991]"
        )
        with pytest.raises(CanonicalJsonError, match=r"\$\.n: integer is outside") as caught:
            canonical_json({"n": MAX_SAFE_INTEGER + 1})
        assert "as decimal strings" in caught.value.diagnostics()

    @pytest.mark.parametrize(
        ("value", "match"),
        [
            (1.5, "floating-point"),
            (float("nan"), "floating-point"),
            (float("inf"), "floating-point"),
            ({"a": [0.0]}, r"\$\.a\[0\]: floating-point"),
            ({1: "x"}, "keys must be strings"),
            ({None: "x"}, "keys must be strings"),
            (b"bytes", "bytes has no canonical JSON form"),
            ({"s": {1, 2}}, "set has no canonical JSON form"),
            ("\ud800", "lone surrogate"),
            ({"\udfff": 1}, "lone surrogate"),
            (object(), "object has no canonical JSON form"),
            (-(2**53), "outside"),
        ],
    )
    def test_refusals_name_the_path(self, value: object, match: str) -> None:
        with pytest.raises(CanonicalJsonError, match=match) as caught:
            canonical_json(value)
        assert isinstance(caught.value, InputError)

    def test_nesting_limit(self) -> None:
        deep: Any = []
        for _ in range(MAX_DEPTH - 1):
            deep = [deep]
        canonical_json(deep)
        with pytest.raises(CanonicalJsonError, match="nesting"):
            canonical_json([deep])

    def test_cycles_are_refused_not_looped(self) -> None:
        cycle: list[Any] = []
        cycle.append(cycle)
        with pytest.raises(CanonicalJsonError, match="nesting"):
            canonical_json(cycle)

    @given(json_values)
    def test_output_is_what_python_json_would_write(self, value: Any) -> None:
        expected = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        assert canonical_json(value) == expected.encode("utf-8")


class TestParse:
    @given(json_values)
    def test_round_trip(self, value: Any) -> None:
        data = canonical_json(value)
        assert parse_canonical(data) == value
        assert locate_violation(data.decode()) == (-1, "")

    @pytest.mark.parametrize(
        ("data", "offset", "reason"),
        [
            (b'{"a":1, "b":2}', 7, "whitespace"),
            (b' {"a":1}', 0, "whitespace"),
            (b'{"a":1}\n', 7, "whitespace"),
            (b'{"a":1}{}', 7, "unexpected data after"),
            (b'{"b":1,"a":2}', 7, "out of order"),
            (b'{"a":1,"a":2}', 7, "duplicate key 'a'"),
            (b'{"a":{"x":1,"x":1}}', 12, "duplicate key 'x'"),
            (b"1.5", 0, "floating-point"),
            (b"[1e3]", 1, "floating-point"),
            (b"NaN", 0, "NaN"),
            (b"[Infinity]", 1, "NaN and Infinity"),
            (b"01", 0, "leading zeros"),
            (b"-0", 0, "negative zero"),
            (b"-", 1, "minus sign"),
            (b"9007199254740992", 0, "2**53-1"),
            (b"[-99999999999999999999]", 1, "2**53-1"),
            (b'"\\u0041"', 1, "need not be escaped"),
            (b'"\\u00e9"', 1, "need not be escaped"),
            (b'"\\ud83d\\ude00"', 1, "need not be escaped"),
            (b'"\\ud800"', 1, "need not be escaped"),
            (b'"\\u000a"', 1, "write \\n"),
            (b'"\\u001F"', 1, "lower-case"),
            (b'"\\u12"', 1, "four hex digits"),
            (b'"\\/"', 1, "not canonical"),
            (b'"\\x"', 1, "not canonical"),
            (b'"a\nb"', 2, "must be written as \\n"),
            (b'"a\x01"', 2, "\\u0001"),
            (b'"abc', 4, "unterminated"),
            (b'"\xc3\xa9\xff"', 3, "invalid UTF-8"),
            (b'"\xed\xa0\x80"', 1, "invalid UTF-8"),
            (b"\xef\xbb\xbf{}", 0, "unexpected character"),
            ('{"é":x}'.encode(), 6, "unexpected character 'x'"),
            (b"", 0, "end of data"),
            (b"[1,]", 3, "unexpected character"),
            (b"{1:2}", 1, "string key"),
            (b'{"a"1}', 4, "expected ':'"),
            (b"[1 2]", 2, "whitespace"),
            (b"[1}", 2, "expected ','"),
            (b"tru", 0, "unexpected character"),
            (b"True", 0, "unexpected character"),
        ],
    )
    def test_violations_name_the_byte_offset(self, data: bytes, offset: int, reason: str) -> None:
        with pytest.raises(CanonicalJsonError) as caught:
            parse_canonical(data)
        assert caught.value.message.startswith(f"byte {offset}: ")
        assert reason in caught.value.message

    def test_nesting_limit(self) -> None:
        assert parse_canonical(b"[" * MAX_DEPTH + b"]" * MAX_DEPTH)
        with pytest.raises(CanonicalJsonError, match=f"byte {MAX_DEPTH}: nesting"):
            parse_canonical(b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1))
        with pytest.raises(CanonicalJsonError, match="nesting"):
            parse_canonical(b"[" * 100_000 + b"]" * 100_000)

    @given(st.binary(max_size=64))
    def test_arbitrary_bytes_parse_only_when_canonical(self, data: bytes) -> None:
        try:
            value = parse_canonical(data)
        except CanonicalJsonError:
            return
        assert canonical_json(value) == data

    @settings(max_examples=500)
    @given(
        value=json_values,
        position=st.integers(0, 200),
        edit=st.sampled_from(["insert", "delete", "replace"]),
        char=st.sampled_from([*list(' \n"\\{}[]:,0123456789-.eEtrufalsn'), "\\u00", "é", "\x01"]),
    )
    def test_fast_path_and_reference_scanner_agree(
        self, value: Any, position: int, edit: str, char: str
    ) -> None:
        text = canonical_json(value).decode()
        position %= len(text) + 1
        tail = text[position + 1 :] if edit != "insert" else text[position:]
        mutated = text[:position] + ("" if edit == "delete" else char) + tail
        offset, _ = locate_violation(mutated)
        try:
            parse_canonical(mutated.encode())
        except CanonicalJsonError:
            assert offset >= 0
        else:
            assert offset == -1
