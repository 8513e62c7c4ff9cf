"""`decode_whole` reads every text as ``JSONDecoder.decode`` does: the same value, or the same
error with the same message (request bodies and upstream answers are untrusted input)."""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sai.gateway._http import _DECODER, decode_whole

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=8,
)
_SPACE = st.sampled_from(["", " ", "\n", "\t ", "x", "}", ",", "\ufeff"])


def _outcome(read: Any) -> tuple[str, Any]:
    try:
        value = read()
    except (ValueError, RecursionError) as error:  # JSONDecodeError is a ValueError
        return type(error).__name__, str(error)
    return "ok", json.dumps(value, sort_keys=True)  # NaN read back compares as text


def _texts() -> st.SearchStrategy[str]:
    encoded = st.builds(
        lambda value, before, after, cut: (before + json.dumps(value) + after)[:cut],
        _JSON,
        _SPACE,
        _SPACE,
        st.integers(0, 200),
    )
    return encoded | st.text(max_size=20) | st.text(alphabet='{}[]":,0 nulE', max_size=20)


@given(_texts())
def test_as_decode_reads_it(text: str) -> None:
    for decoder in (_DECODER, json.JSONDecoder()):
        assert _outcome(lambda d=decoder: decode_whole(d, text)) == _outcome(
            lambda d=decoder: d.decode(text)
        )


def test_an_object_alone_is_read() -> None:
    assert decode_whole(_DECODER, '{"a":[1,{"b":null}]}') == {"a": [1, {"b": None}]}
    assert math.isnan(decode_whole(json.JSONDecoder(), '{"a":NaN}')["a"])
