"""Chat-template constructs that spell an attribute name the text does not show.

A regular expression over the raw template finds ``__globals__`` written out; payloads that
know it spell the name with escapes (``'\\x5f\\x5fglobals\\x5f\\x5f'``), build it from pieces
(``'__glo' ~ 'bals__'``, ``['_','_','class']|join``, ``'%c'|format(95)``) and read it with a
subscript (``x[name]``), which Jinja turns into an attribute lookup. Here the template is
lexed and parsed with Jinja2's own lexer and parser (nothing is compiled or rendered): string
literals are checked after unescaping, and subscripts and attribute reads whose name is
private, or built from strings by operators or filters, are reported. A template Jinja2
cannot parse (a serving stack's own tags) is still checked token by token.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import jinja2
from jinja2 import nodes

#: Filters and operators that build a string from pieces.
_BUILDERS = frozenset({"join", "format", "replace", "reverse", "string", "lower", "upper",
                       "trim", "title", "capitalize", "center", "urlencode"})  # fmt: skip
_CHAR_CODE = re.compile(r"%[-+ #0-9.]*c|\{[^{}]*:[^{}]*c\}")


def hidden_names(text: str, injection: re.Pattern[str]) -> Iterator[str]:
    """Why ``text`` reaches attributes it does not name plainly (one reason per finding)."""
    # Parsed only, never rendered: autoescape does not apply.
    env = jinja2.Environment(extensions=["jinja2.ext.loopcontrols", "jinja2.ext.do"])  # noqa: S701
    try:
        yield from _literals(env, text, injection)
        tree = env.parse(text)
    except (jinja2.TemplateError, RecursionError):
        return
    built: set[str] = set()
    for assign in tree.find_all(nodes.Assign):
        if isinstance(assign.target, nodes.Name) and _builds(assign.node, built):
            built.add(assign.target.name)
    for attr in tree.find_all(nodes.Getattr):
        if attr.attr.startswith("_"):
            yield f"reads the private attribute {attr.attr!r}"
    for item in tree.find_all(nodes.Getitem):
        arg = item.arg
        if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
            if arg.value.startswith("_"):
                yield f"subscript reads the private name {arg.value!r}"
        elif _builds(arg, built):
            yield "subscript with a name built from strings (an attribute read in disguise)"


def _literals(env: jinja2.Environment, text: str, injection: re.Pattern[str]) -> Iterator[str]:
    """String literals, unescaped by Jinja's lexer, that spell what the raw text hides."""
    plain = {m.group(0) for m in injection.finditer(text)}
    for token in env.lexer.tokenize(text):
        if token.type != "string":
            continue
        for match in injection.finditer(token.value):
            if match.group(0) not in plain:
                yield f"a string literal spells {match.group(0)!r}"
        if _CHAR_CODE.search(token.value):
            yield f"a string literal formats character codes ({token.value[:40]!r})"


def _stringy(expr: nodes.Node, built: set[str]) -> bool:
    if isinstance(expr, nodes.Const):
        return isinstance(expr.value, str)
    if isinstance(expr, nodes.Name):
        return expr.name in built
    return isinstance(expr, nodes.Concat) or (
        isinstance(expr, nodes.Filter) and expr.name in _BUILDERS
    )


def _builds(expr: nodes.Node, built: set[str]) -> bool:
    """Whether ``expr`` builds a string from pieces, or names a variable that was built."""
    for node in [expr, *expr.find_all(nodes.Node)]:
        if _stringy(node, built) and not isinstance(node, nodes.Const):
            return True
        if isinstance(node, nodes.Add | nodes.Mul | nodes.Mod) and (
            _stringy(node.left, built) or _stringy(node.right, built)
        ):
            return True
    return False


__all__ = ["hidden_names"]
