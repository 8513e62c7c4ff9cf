"""Evasion normalisation: undo the tricks that hide an instruction from a text classifier.

``views(text)`` returns the text as a detector should see it (NFKC, invisible and tag
characters removed, confusable letters folded, lower-cased, whitespace collapsed) plus one extra
view per trick found: leetspeak decoded, spaced-out letters joined, base64 / hex / rot13
payloads decoded (and their contents normalised again), ASCII smuggled in Unicode tag
characters. A detector scores every view and keeps the highest score.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
import unicodedata
from dataclasses import dataclass

#: Zero-width, joiner, bidi-control, filler and variation-selector code points. Unicode tag
#: characters (U+E0000-U+E007F) are handled separately because they can smuggle ASCII.
INVISIBLE = frozenset(
    (
        *(0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180C, 0x180D),
        *(0x180E, 0x3164, 0xFEFF, 0xFFA0, 0x1D159, 0x1D173, 0x1D174, 0x1D175, 0x1D176),
        *range(0x200B, 0x2010),
        *range(0x202A, 0x202F),
        *range(0x2060, 0x2070),
        *range(0x1D177, 0x1D17B),
        *range(0xFE00, 0xFE10),
        *range(0xFFF9, 0xFFFC),
        *range(0xE0100, 0xE01F0),
    )
)
TAG_FIRST, TAG_LAST = 0xE0000, 0xE007F

_STRIP = dict.fromkeys(INVISIBLE) | dict.fromkeys(range(TAG_FIRST, TAG_LAST + 1))
#: The same characters as one class: deleting its matches equals ``translate(_STRIP)``.
_STRIP_RUN = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_STRIP)) + "]+")
_TAG_RUN = re.compile(f"[{chr(TAG_FIRST + 0x20)}-{chr(TAG_FIRST + 0x7E)}]+")

# Letters from other scripts that look like Latin ones (Cyrillic, Greek, a few IPA/Latin-ext).
_CONFUSABLE_PAIRS = (
    "аa бb вb гr дd еe ёe ѕs іi їi јj кk лn мm нh оo пn рp сc тt уy фф хx ьb ԁd ӏl һh ԛq ԝw "
    "αa βb γy δd εe ζz ηn ιi κk νv οo ρp σo τt υu χx ωw ϲc ϳj "
    "ɑa ɡg ɩi ɪi ʏy ᴀa ʙb ᴄc ᴅd ᴇe ɢg ʜh ᴊj ᴋk ʟl ᴍm ɴn ᴏo ᴘp ʀr ꜱs ᴛt ᴜu ᴠv ᴡw ʏy ᴢz"
)
_CONFUSABLES = str.maketrans({pair[0]: pair[1] for pair in _CONFUSABLE_PAIRS.split()})
_LEET = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "@": "a",
        "$": "s",
        "!": "i",
        "|": "l",
        "8": "b",
        "9": "g",
        "+": "t",
    }
)

_WORD = re.compile(r"\S+")
# A leet word starts where a run of its characters starts (a match inside a run implies one
# at the run's start, which the scan reaches first), so other positions are skipped early.
_LEET_WORD = re.compile(
    r"(?<![a-z0-9@$!|+])(?=[a-z0-9@$!|+]{3})(?=[^\s]*[a-z])(?=[^\s]*[013457@$!|89+])"
    r"[a-z0-9@$!|+]{3,}"
)
_LEET_CHAR = re.compile(r"[013457@$!|89+]")
_LETTER = re.compile(r"[a-z]")
_SPACED = re.compile(r"(?<![^\W_])(?:[^\W_][ .\-_*|/]{1,3}){3,}[^\W_](?![^\W_])")
#: A spaced-out word's second letter stands alone between separators (a cheap first search).
_SPACED_HINT = re.compile(r"[ .\-_*|/][^\W_][ .\-_*|/]")
_BASE64 = re.compile(r"[A-Za-z0-9+/_-]{16,}={0,2}")
_HEX = re.compile(r"(?:\\x|0x)?(?:[0-9a-fA-F]{2}(?:[\s:,]|\\x|0x)?){8,}")
#: Every hex run is at least 16 characters of this class: without one, there is none.
_HEX_HINT = re.compile(r"[0-9a-fA-Fx\\\s:,]{16,}")
_SPACE = re.compile(r"\s+")
_ROT13_HINT = re.compile(r"[cr](?:aesar|ipher|ot.?13)", re.IGNORECASE)
_COMMON = frozenset(
    {
        *("the", "and", "you", "your", "to", "of", "a", "in", "is", "it", "that", "this"),
        *("for", "are", "with", "be", "not", "all", "now", "as", "on", "from", "ignore"),
        *("previous", "instructions", "system", "prompt", "reveal", "tell", "me", "what"),
    }
)
#: A word whose rot13 is common is one of these (rot13 is its own inverse, keeps spaces).
_COMMON_ROT13 = frozenset(codecs.decode(word, "rot13") for word in _COMMON)
MAX_DECODE_DEPTH = 2


@dataclass(frozen=True)
class View:
    """One way of reading the text: ``how`` names the trick undone (``plain`` for none)."""

    text: str
    how: str


def _stripped(text: str) -> str:
    """NFKC with invisible and tag characters removed (ASCII text is already both)."""
    if text.isascii():
        return text
    return _STRIP_RUN.sub("", unicodedata.normalize("NFKC", text))


def normalize(text: str) -> str:
    """The canonical form a detector scores: NFKC, invisibles gone, confusables folded, lower."""
    return _canonical(_stripped(text))


def _canonical(folded: str) -> str:
    if not folded.isascii():
        folded = _WORD.sub(_fold_mixed_word, folded)
    # ``_SPACE.sub(" ", ...).strip()``, faster: split() and ``\s`` know the same whitespace
    return " ".join(folded.lower().split())


def tag_payload(text: str) -> str:
    """The ASCII hidden in Unicode tag characters (U+E0020-U+E007E), or ``""``."""
    if text.isascii():
        return ""
    return "".join(chr(ord(char) - TAG_FIRST) for char in "".join(_TAG_RUN.findall(text)))


def views(text: str, *, depth: int = 0) -> tuple[View, ...]:
    """The normalised text and every decoded or de-obfuscated variant of it."""
    plain, found = read(text, depth=depth)
    return (View(plain, "plain"), *found)


def read(text: str, *, depth: int = 0) -> tuple[str, list[View]]:
    """``views(text)`` as the plain view's text and the other views (a list, often empty):
    a caller that needs only the plain text when it is the only view builds no `View`."""
    stripped = _stripped(text)
    plain = _canonical(stripped)
    found: list[View] = []
    hidden = tag_payload(text)
    if hidden.strip():
        found.append(View(normalize(hidden), "tags"))
    if _may_leet(plain) and _LEET_WORD.search(plain):
        found.append(View(_LEET_WORD.sub(_unleet, plain), "leet"))
    if _SPACED_HINT.search(plain) and _SPACED.search(plain):
        found.append(View(_SPACE.sub(" ", _SPACED.sub(_join_spaced, plain)).strip(), "spacing"))
    if _ROT13_HINT.search(plain) or _looks_rot13(plain):
        found.append(View(codecs.decode(plain, "rot13"), "rot13"))
    if depth < MAX_DECODE_DEPTH:
        for payload, how in _payloads(stripped):
            found.extend(
                View(view.text, f"{how}+{view.how}" if view.how != "plain" else how)
                for view in views(payload, depth=depth + 1)
            )
    return plain, found


def _may_leet(plain: str) -> bool:
    """Whether a word of ``plain`` (single spaces apart) holds a leet character and a letter,
    as every ``_LEET_WORD`` match's word does (cheaper than that search's lookarounds)."""
    found = _LEET_CHAR.search(plain)
    while found is not None:
        start = plain.rfind(" ", 0, found.start()) + 1
        end = plain.find(" ", found.end())
        end = len(plain) if end < 0 else end
        if _LETTER.search(plain, start, end):
            return True
        found = _LEET_CHAR.search(plain, end)
    return False


def _fold_mixed_word(match: re.Match[str]) -> str:
    word = match.group()
    if word.isascii() or not any("a" <= char.lower() <= "z" for char in word):
        return word
    return word.translate(_CONFUSABLES)


def _unleet(match: re.Match[str]) -> str:
    word = match.group()
    letters = sum(char.isalpha() for char in word)
    if len(word) > 24 or letters * 2 < len(word):
        return word  # an identifier, a number or an encoded blob, not leetspeak
    return word.translate(_LEET)


def _join_spaced(match: re.Match[str]) -> str:
    return " " + re.sub(r"[ .\-_*|/]", "", match.group()) + " "


def _looks_rot13(text: str) -> bool:
    words = text.split()
    if len(words) < 4:
        return False
    if sum(map(_COMMON.__contains__, words)) * 5 >= len(words):
        return False
    return sum(map(_COMMON_ROT13.__contains__, words)) * 4 >= len(words)


def _printable(decoded: bytes) -> str | None:
    try:
        text = decoded.decode("utf-8")
    except UnicodeDecodeError:
        return None
    letters = sum(char.isalpha() or char == " " for char in text)
    if len(text) < 6 or letters < 0.7 * len(text):
        return None
    return text


def _payloads(text: str) -> list[tuple[str, str]]:
    """Base64 and hex runs that decode to readable text."""
    found: list[tuple[str, str]] = []
    for match in _BASE64.finditer(text):
        token = match.group()
        if token.isalpha() and (token.islower() or token.isupper()):
            continue  # a plain long word, not an encoding
        padded = token + "=" * (-len(token.rstrip("=")) % 4)
        try:
            raw = base64.urlsafe_b64decode(padded.replace("+", "-").replace("/", "_"))
        except (binascii.Error, ValueError):
            continue
        decoded = _printable(raw)
        if decoded:
            found.append((decoded, "base64"))
    for match in _HEX.finditer(text) if _HEX_HINT.search(text) else ():
        digits = re.sub(r"\\x|0x|[\s:,]", "", match.group())
        if len(digits) % 2:
            digits = digits[:-1]
        try:
            decoded = _printable(bytes.fromhex(digits))
        except ValueError:
            continue
        if decoded:
            found.append((decoded, "hex"))
    return found


__all__ = [
    "INVISIBLE",
    "TAG_FIRST",
    "TAG_LAST",
    "View",
    "normalize",
    "read",
    "tag_payload",
    "views",
]
