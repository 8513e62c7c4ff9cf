"""Parse YAML into its node tree and data, and map data locations back to lines and columns.

PyYAML's composed node tree keeps the start mark of every key and value; pydantic reports
errors by location (``('models', 1, 'path')``). Walking the tree along that location finds the
line. The tree is also where duplicate keys are visible (construction silently keeps the last)
and where alias bombs can be measured before any validation touches the expanded data.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import yaml

from sai.manifest._finding import Loc

#: Most values the document may expand to once aliases are followed.
MAX_EXPANDED_NODES = 100_000

_MERGE_TAG = "tag:yaml.org,2002:merge"


class YamlSyntaxError(Exception):
    """The text is not one well-formed YAML document; carries a 1-based position if known."""

    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass(frozen=True)
class DuplicateKey:
    """A key given twice in one mapping: where the second one is, and the first one's line."""

    loc: Loc
    line: int
    column: int
    first_line: int


@dataclass(frozen=True)
class ParsedYaml:
    """One YAML document: its node tree (None when empty), the data constructed from it, and
    the keys repeated within a mapping (construction keeps the last one silently)."""

    root: yaml.Node | None
    data: object
    duplicates: tuple[DuplicateKey, ...] = ()


def parse_yaml(text: str) -> ParsedYaml:
    """Compose and construct one document with the safe loader, refusing alias bombs."""
    loader: yaml.SafeLoader | None = None
    root: yaml.Node | None = None
    try:
        loader = yaml.SafeLoader(text)
        root = loader.get_single_node()
        if root is None:
            return ParsedYaml(None, None)
        _check_expansion(root)
        # NOTE: duplicates are read before construction, which folds `<<` merges into the
        # mapping and would make a legitimate override look like a repeated key.
        duplicates = tuple(duplicate_keys(root))
        return ParsedYaml(root, loader.construct_document(root), duplicates)
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error) from error
    except yaml.reader.ReaderError as error:
        message = f"character U+{error.character:04X} is not allowed in YAML"
        raise YamlSyntaxError(message, *_line_column(text, error.position)) from error
    except yaml.YAMLError as error:
        raise YamlSyntaxError(str(error), None, None) from error
    except RecursionError as error:
        raise YamlSyntaxError("the document is nested too deeply", None, None) from error
    except (ValueError, TypeError, OverflowError) as error:
        # NOTE: PyYAML's constructors let these escape for values that match a tag's pattern
        # but not its range, e.g. the timestamp 2024-13-45 or `!!int x`.
        where = _bad_scalar(root) if root is not None else (None, None)
        raise YamlSyntaxError(f"cannot read a value: {error}", *where) from error
    finally:
        if loader is not None:
            loader.dispose()


def _line_column(text: str, position: int) -> tuple[int, int]:
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


def _syntax_error(error: yaml.MarkedYAMLError) -> YamlSyntaxError:
    mark = error.problem_mark or error.context_mark
    problem, context = error.problem, error.context
    message = problem or context or "malformed YAML"
    if problem and context:
        started = error.context_mark
        where = f" that started on line {started.line + 1}" if started else ""
        if problem.startswith("but "):
            message = f"{context}{where}, {problem}"
        else:
            message = f"{problem} ({context}{where})"
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    return YamlSyntaxError(message, line, column)


def _bad_scalar(root: yaml.Node) -> tuple[int | None, int | None]:
    """Where the first scalar is that the safe constructor cannot turn into a value."""
    constructor = yaml.constructor.SafeConstructor()
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            try:
                constructor.construct_object(node)
            except (yaml.YAMLError, ValueError, TypeError, OverflowError):
                return _position(node)
        stack.extend(reversed(_children(node)))
    return None, None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_expansion(root: yaml.Node) -> None:
    """Refuse documents of more than `MAX_EXPANDED_NODES` values once aliases are expanded
    (an alias bomb stays small as text), and aliases that contain themselves."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            sizes[key] = 1 + sum(sizes[id(c)] for c in _children(node))
            if sizes[key] > MAX_EXPANDED_NODES:
                mark = root.start_mark
                raise yaml.MarkedYAMLError(
                    problem=f"the document holds more than {MAX_EXPANDED_NODES} values "
                    "(counting every use of an alias); a manifest needs far fewer",
                    problem_mark=mark,
                )
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise yaml.MarkedYAMLError(
                problem="an alias refers to the collection that contains it",
                problem_mark=node.start_mark,
            )
        on_path.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in _children(node) if id(c) not in sizes)


def _key_text(node: yaml.Node) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _pairs(node: yaml.MappingNode) -> Iterator[tuple[yaml.Node, yaml.Node]]:
    """The mapping's own pairs, then those merged in with ``<<``."""
    merged: list[yaml.Node] = []
    for key, value in node.value:
        if key.tag == _MERGE_TAG:
            merged.extend(value.value if isinstance(value, yaml.SequenceNode) else [value])
        else:
            yield key, value
    for source in merged:
        if isinstance(source, yaml.MappingNode):
            yield from _pairs(source)


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def locate(root: yaml.Node | None, loc: Loc, *, key: bool = False) -> tuple[int, int]:
    """1-based line and column of ``loc``: its value, or its key when ``key`` is true.

    The walk stops at the deepest node that exists, so a missing key points at the mapping
    that should hold it.
    """
    if root is None:
        return 1, 1
    node = root
    for depth, part in enumerate(loc):
        last = depth == len(loc) - 1
        if isinstance(node, yaml.MappingNode):
            found = None
            for key_node, value_node in _pairs(node):
                if _key_text(key_node) == str(part):
                    found = (key_node, value_node)
            if found is None:
                return _position(node)
            if last and key:
                return _position(found[0])
            node = found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                return _position(node)
            node = node.value[part]
        else:
            return _position(node)
    return _position(node)


def duplicate_keys(root: yaml.Node | None) -> list[DuplicateKey]:
    """Every repeated key of every mapping in the tree (PyYAML keeps the last silently)."""
    found: list[DuplicateKey] = []
    seen_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, Loc]] = [(root, ())] if root is not None else []
    while stack:
        node, loc = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[tuple[str, str], int] = {}
            for key_node, value_node in node.value:
                text = _key_text(key_node)
                if text is not None and key_node.tag != _MERGE_TAG:
                    line, column = _position(key_node)
                    identity = (key_node.tag, text)
                    if identity in first:
                        found.append(DuplicateKey((*loc, text), line, column, first[identity]))
                    else:
                        first[identity] = line
                stack.append((value_node, (*loc, text if text is not None else "?")))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*loc, i)) for i, item in enumerate(node.value))
    return sorted(found, key=lambda d: (d.line, d.column))
