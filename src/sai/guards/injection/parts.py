"""Which stretches of a user's message are data (a pasted document), not the user's request.

A prompt that carries a document usually marks it: a label line ("Context:", "Document:",
"E-mail:"), a fenced or tagged block, quoted lines, e-mail headers, a table. Each marked
stretch is data; the request around it (usually a short question at the end) is not. A short
last paragraph after the data ("What does this say about ...?") is left to the request.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sai.guards.injection._units import MAX_UNIT, has_boundary, units

#: Texts at least this long are also read as a possible unmarked document.
DOCUMENT_MIN = 400
#: Shorter texts of at least this many sentences or lines are read as one too: a pasted review
#: or e-mail of two sentences can carry a planted one.
DOCUMENT_UNITS = 2

_LABELS = (
    r"context|contexts|document|documents|doc|passage|passages|text|article|source|sources|"
    r"retrieved(?: documents?| passages?| context)?|search results?|results?|snippet|excerpt|"
    r"e-?mail|message|page|web ?page|transcript|notes|review|reviews|tool (?:output|result)|"
    r"kontext|dokument|artikel|nachricht|contexte|texte|extrait|contexto|documento|texto|"
    r"contesto|testo|contexto|контекст|документ|текст|статья|上下文|文档|资料|文章|文書"
)
_LABEL = re.compile(
    rf"^[ \t]*(?:#+ *)?(?:{_LABELS})[ \t]*[:：][ \t]*", re.IGNORECASE | re.MULTILINE
)
_REQUEST = re.compile(
    r"^[ \t]*(?:question|q|query|task|instruction|instructions|user|request|answer|frage|"
    r"aufgabe|pregunta|domanda|вопрос|задача|问题|任务)[ \t]*[:：]",
    re.IGNORECASE | re.MULTILINE,
)
_FENCE = re.compile(r"^[ \t]*(```|~~~)[^\n]*\n.*?^[ \t]*\1[ \t]*$", re.DOTALL | re.MULTILINE)
_TAGGED = re.compile(
    r"<(document|documents|context|doc|email|page|source|search_results?|tool_result|data)\b"
    r"[^>]*>.*?</\1\s*>",
    re.DOTALL | re.IGNORECASE,
)
_TRIPLE = re.compile(r'"""(?:(?!""").)+"""|\'\'\'(?:(?!\'\'\').)+\'\'\'', re.DOTALL)
_QUOTED = re.compile(r"(?:^[ \t]*>[^\n]*(?:\n|$)){2,}", re.MULTILINE)
_HEADER = re.compile(
    r"^(?:from|to|subject|date|cc|sent|von|an|betreff|datum|de|à|objet|asunto|para|от|кому|"
    r"тема|发件人|主题)[ \t]*:[^\n]*\n(?:[^\n]+:[^\n]*\n)*",
    re.IGNORECASE | re.MULTILINE,
)
_TABLE_ROW = re.compile(r"^[^\n]*(?:\|[^\n|]*){2,}$|^[^\n]*(?:\t[^\n\t]*){2,}$", re.MULTILINE)
#: Each wrapper with the strings one of which every match of it contains: a text without
#: any of them is not searched (labels and headers need a colon, table rows "|" or a tab).
_MARKED = (
    (_FENCE, ("```", "~~~")),
    (_TAGGED, ("<",)),
    (_TRIPLE, ('"""', "'''")),
    (_QUOTED, (">",)),
)
#: A final paragraph shorter than this after data is taken for the user's request.
REQUEST_MAX = 300


def _tables(text: str) -> Iterable[tuple[int, int]]:
    start = end = -1
    for match in _TABLE_ROW.finditer(text):
        if start >= 0 and text[end : match.start()].strip("\r\n") == "":
            end = match.end()
            continue
        if start >= 0 and end > start and text.count("\n", start, end) >= 1:
            yield start, end
        start, end = match.start(), match.end()
    if start >= 0 and text.count("\n", start, end) >= 1:
        yield start, end


def _to_request(text: str, start: int) -> int:
    """Where data that begins at ``start`` ends: at a request label, else before a short last
    paragraph, else at the end of the text."""
    label = _REQUEST.search(text, start)
    if label:
        return label.start()
    cut = text.rfind("\n\n", start)
    if cut > start and len(text) - cut < REQUEST_MAX and text[start:cut].strip():
        return cut
    return len(text)


def find_documents(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each stretch of ``text`` that is a pasted document, merged."""
    found: list[tuple[int, int]] = []
    for pattern, marks in _MARKED:
        for mark in marks:  # a loop, not any(): a generator per wrapper costs more than the test
            if mark in text:
                found.extend(match.span() for match in pattern.finditer(text))
                break
    if ":" in text or "：" in text:
        for match in _LABEL.finditer(text):
            # the label line belongs to the document: alone, "Context:" is no request
            found.append((match.start(), _to_request(text, match.end())))
        header = _HEADER.search(text)
        if header:
            found.append((header.start(), _to_request(text, header.end())))
    if "|" in text or "\t" in text:
        found.extend(_tables(text))
    return merge(found) if found else found


def merge(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping, non-empty ranges covering the same characters."""
    result: list[tuple[int, int]] = []
    for start, end in sorted(r for r in ranges if r[1] > r[0]):
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result


def complement(ranges: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """The stretches of ``[0, length)`` outside ``ranges`` (merged ranges)."""
    result: list[tuple[int, int]] = []
    position = 0
    for start, end in ranges:
        if start > position:
            result.append((position, start))
        position = max(position, end)
    if position < length:
        result.append((position, length))
    return result


def document_like(text: str) -> bool:
    """Whether an unmarked ``text`` may be a pasted document: long, or of several units."""
    if len(text) >= DOCUMENT_MIN:
        return True
    if len(text) <= MAX_UNIT and not has_boundary(text):
        return False  # one unit at most: no sentence end or line break, and not cut in pieces
    return len(units(text)) >= DOCUMENT_UNITS


__all__ = [
    "DOCUMENT_MIN",
    "DOCUMENT_UNITS",
    "REQUEST_MAX",
    "complement",
    "document_like",
    "find_documents",
    "merge",
]
