"""Where and how an instruction is planted in a document of a genre: at a random sentence or
line boundary, as a code comment in code, a row in a table, an HTML comment in web pages, a
JSON field or a log line in tool output."""

from __future__ import annotations

import random
import re

import _tool_output


def plant(rng: random.Random, genre: str, document: str, instruction: str) -> tuple[str, int, int]:
    """``document`` with ``instruction`` inserted at a random boundary, and its span."""
    if genre == "code":
        opener, closer = rng.choice((("# ", ""), ("// ", ""), ('"""', '"""'), ("<!-- ", " -->")))
        instruction = opener + instruction + closer
    elif genre == "table" and "|" in document and rng.random() < 0.6:
        instruction = "| " + instruction + " | | | |"
    elif genre == "web" and rng.random() < 0.3:
        instruction = "<!-- " + instruction + " -->"
    elif genre == "data":
        instruction = _tool_output.wrap(rng, document, instruction)
        lines = '",\n' if document.startswith("{") else "\n"
        cut = rng.choice([m.end() for m in re.finditer(lines, document)] or [len(document)])
        before, after = document[:cut].rstrip("\n") + "\n", document[cut:]
        return before + instruction + "\n" + after, len(before), len(before) + len(instruction)
    cuts = [0, len(document)] + [m.end() for m in re.finditer(r"(?<=[.!?。])\s+|\n+", document)]
    cut = rng.choice(cuts)
    before, after = document[:cut], document[cut:]
    glue_before = (
        ""
        if not before or before[-1].isspace()
        else ("\n" if genre in ("table", "code", "notes") else " ")
    )
    glue_after = (
        ""
        if not after or after[0].isspace()
        else ("\n" if genre in ("table", "code", "notes") else " ")
    )
    start = len(before) + len(glue_before)
    text = before + glue_before + instruction + glue_after + after
    return text, start, start + len(instruction)


__all__ = ["plant"]
