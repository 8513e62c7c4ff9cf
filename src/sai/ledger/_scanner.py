"""The reference reader for canonical JSON: accepts only the canonical form, names offsets.

``canonical.parse_canonical`` uses Python's C parser and a re-encoding check for speed, and
calls :func:`locate_violation` only to explain a failure; tests check the two agree.
"""

from __future__ import annotations

from typing import NoReturn

MAX_SAFE_INTEGER = 2**53 - 1
"""The largest integer magnitude allowed (I-JSON, RFC 7493): every JSON reader keeps it exact."""

MAX_DEPTH = 64
"""The deepest nesting of arrays and objects accepted."""

FLOAT_HINT = 'send numbers as integers or decimal strings (e.g. "0.25")'
INT_HINT = "send integers larger than 2**53-1 as decimal strings"


class _Violation(Exception):
    def __init__(self, pos: int, reason: str) -> None:
        super().__init__(reason)
        self.pos = pos
        self.reason = reason


_SHORT_ESCAPES = {'"': '"', "\\": "\\", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_NAMED_CONTROLS = {"\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_LITERALS = ("true", "false", "null")
_WHITESPACE = " \t\r\n"


def locate_violation(text: str) -> tuple[int, str]:
    """Return (byte offset, reason) of the first deviation from canonical JSON in ``text``.

    If ``text`` is canonical the result is ``(-1, "")``.
    """
    scanner = _Scanner(text)
    try:
        scanner.value(1)
        if scanner.pos != len(text):
            scanner.peek()  # names whitespace as such
            scanner.fail("unexpected data after the JSON value")
    except _Violation as exc:
        return len(text[: exc.pos].encode("utf-8", "surrogatepass")), exc.reason
    return -1, ""


class _Scanner:
    """A recursive-descent reader that accepts only the canonical form."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def fail(self, reason: str, pos: int | None = None) -> NoReturn:
        raise _Violation(self.pos if pos is None else pos, reason)

    def peek(self) -> str:
        if self.pos >= len(self.text):
            self.fail("unexpected end of data")
        char = self.text[self.pos]
        if char in _WHITESPACE:
            self.fail("whitespace is not allowed outside strings")
        return char

    def expect(self, char: str) -> None:
        if self.peek() != char:
            self.fail(f"expected {char!r}, found {self.text[self.pos]!r}")
        self.pos += 1

    def value(self, depth: int) -> None:
        char = self.peek()
        if char == '"':
            self.string()
        elif char in "-0123456789":
            self.number()
        elif char in "{[":
            if depth > MAX_DEPTH:
                self.fail(f"nesting deeper than {MAX_DEPTH} levels")
            self.obj(depth) if char == "{" else self.array(depth)
        else:
            for literal in _LITERALS:
                if self.text.startswith(literal, self.pos):
                    self.pos += len(literal)
                    return
            if self.text.startswith(("NaN", "Infinity"), self.pos):
                self.fail("NaN and Infinity are not allowed; " + FLOAT_HINT)
            self.fail(f"unexpected character {char!r}")

    def obj(self, depth: int) -> None:
        self.pos += 1
        if self.peek() == "}":
            self.pos += 1
            return
        previous: str | None = None
        while True:
            start = self.pos
            if self.peek() != '"':
                self.fail("expected a string key")
            key = self.string()
            if previous is not None and key == previous:
                self.fail(f"duplicate key {key!r}", start)
            if previous is not None and key < previous:
                self.fail(f"key {key!r} is out of order: keys must be sorted by code point", start)
            previous = key
            self.expect(":")
            self.value(depth + 1)
            if self.peek() == "}":
                self.pos += 1
                return
            self.expect(",")

    def array(self, depth: int) -> None:
        self.pos += 1
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            self.value(depth + 1)
            if self.peek() == "]":
                self.pos += 1
                return
            self.expect(",")

    def string(self) -> str:
        text = self.text
        self.pos += 1
        out: list[str] = []
        while True:
            if self.pos >= len(text):
                self.fail("unterminated string")
            char = text[self.pos]
            if char == '"':
                self.pos += 1
                return "".join(out)
            if char == "\\":
                out.append(self.escape())
                continue
            if char < " ":
                want = _NAMED_CONTROLS.get(char, f"\\u{ord(char):04x}")
                self.fail(f"control character U+{ord(char):04X} must be written as {want}")
            out.append(char)
            self.pos += 1

    def escape(self) -> str:
        start = self.pos
        code = self.text[start + 1 : start + 2]
        if code in _SHORT_ESCAPES:
            self.pos += 2
            return _SHORT_ESCAPES[code]
        if code != "u":
            self.fail(f"escape \\{code} is not canonical; write the character itself", start)
        digits = self.text[start + 2 : start + 6]
        if len(digits) != 4 or any(c not in "0123456789abcdefABCDEF" for c in digits):
            self.fail("\\u must be followed by four hex digits", start)
        if digits != digits.lower():
            self.fail("\\u escapes use lower-case hex digits", start)
        char = chr(int(digits, 16))
        if char in _NAMED_CONTROLS:
            self.fail(f"write {_NAMED_CONTROLS[char]} instead of \\u{digits}", start)
        if char >= " ":
            self.fail(f"\\u{digits} need not be escaped; write the character as UTF-8", start)
        self.pos += 6
        return char

    def number(self) -> None:
        text = self.text
        start = self.pos
        if text[self.pos] == "-":
            self.pos += 1
        digits_start = self.pos
        while self.pos < len(text) and text[self.pos] in "0123456789":
            self.pos += 1
        digits = text[digits_start : self.pos]
        if not digits:
            self.fail("a minus sign must be followed by digits")
        if self.pos < len(text) and text[self.pos] in ".eE":
            self.fail("floating-point numbers are not allowed; " + FLOAT_HINT, start)
        if len(digits) > 1 and digits[0] == "0":
            self.fail("integers must not have leading zeros", start)
        if digits == "0" and digits_start != start:
            self.fail("negative zero is not canonical; write 0", start)
        if len(digits) > 16 or int(digits) > MAX_SAFE_INTEGER:
            self.fail("integer is outside +-(2**53-1); " + INT_HINT, start)
