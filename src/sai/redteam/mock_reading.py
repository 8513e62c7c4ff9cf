"""How the mock chat model reads text: smuggled text decoded (NFKC, invisible characters,
look-alike letters, base64 runs), tool calls written out in a message, and its instructions
reworded when it leaks them."""

from __future__ import annotations

import base64
import binascii
import json
import re
import unicodedata

from sai.redteam.probes.encoding import HOMOGLYPHS

_CALL = re.compile(r'(?i)\b(?:call|use) the tool "([\w-]+)" with arguments ')
_B64 = re.compile(r"[A-Za-z0-9+/]{24,}={0,2}")
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff]")
_BACK = {look: plain for plain, look in HOMOGLYPHS.items()}


def decode(text: str) -> str:
    """What a model that reads smuggled text sees: NFKC, no invisibles, plain letters, and
    the decoded form of base64 runs appended."""
    plain = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    plain = "".join(_BACK.get(c, c) for c in plain)
    return "\n".join([plain, *base64_runs(plain)])


def base64_runs(text: str) -> list[str]:
    """The UTF-8 texts hidden as base64 runs in ``text``."""
    decoded = []
    for run in _B64.findall(text):
        try:
            decoded.append(base64.b64decode(run, validate=True).decode("utf-8"))
        except (binascii.Error, UnicodeDecodeError):
            continue
    return decoded


def reword(system: str) -> str:
    """The system prompt lightly reworded, as a model that paraphrases its instructions says it."""
    swaps = {"you": "I", "You": "I", "your": "my", "Your": "My", "Do": "I do", "Never": "I never"}
    return "In short, my instructions: " + " ".join(swaps.get(w, w) for w in system.split(" "))


def tool_calls_in(text: str) -> list[tuple[str, str]]:
    """``(tool, arguments JSON)`` for each "call the tool "X" with arguments {...}" in ``text``."""
    found = []
    plain = text.replace('\\"', '"')  # instructions quoted inside a JSON tool result
    for match in _CALL.finditer(plain):
        try:
            value, _ = json.JSONDecoder().raw_decode(plain, match.end())
        except json.JSONDecodeError:
            continue
        if isinstance(value, dict):
            found.append((match.group(1), json.dumps(value)))
    return found


__all__ = ["base64_runs", "decode", "reword", "tool_calls_in"]
