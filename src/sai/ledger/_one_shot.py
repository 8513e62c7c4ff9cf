"""JSON encoding with the standard library's C encoder made once per encoder."""

from __future__ import annotations

import json
from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any


def one_shot(encoder: json.JSONEncoder) -> Callable[[Any], str]:
    """``encoder.encode`` with the C encoder made once, not on every call as ``encode`` makes
    it, and no check for circular references (a value holding itself fails with
    RecursionError): for values that cannot hold themselves, like parsed JSON or evidence."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None or encoder.indent is not None:  # no C encoder: the one the encoder has
        return encoder.encode
    escape = json.encoder.encode_basestring_ascii if encoder.ensure_ascii else encode_basestring
    chunks = make(
        None,  # no markers: no circular check
        encoder.default,
        escape,
        None,
        encoder.key_separator,
        encoder.item_separator,
        encoder.sort_keys,
        encoder.skipkeys,
        encoder.allow_nan,
    )

    def encode(value: Any) -> str:
        return "".join(chunks(value, 0))

    return encode


__all__ = ["one_shot"]
