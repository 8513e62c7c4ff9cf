"""The YAML layer: node-tree positions, duplicate keys, syntax errors and expansion limits."""

from __future__ import annotations

import pytest

from sai.manifest._yaml_positions import (
    MAX_EXPANDED_NODES,
    YamlSyntaxError,
    duplicate_keys,
    locate,
    parse_yaml,
)

TEXT = """\
a:
  b: [x, y]
  c:
    - d: 1
      e: 2
base: &base {k: 1}
merged:
  <<: *base
  own: 2
"""


class TestLocate:
    def test_value_and_key(self) -> None:
        root = parse_yaml(TEXT).root
        assert locate(root, ("a", "b")) == (2, 6)
        assert locate(root, ("a", "b"), key=True) == (2, 3)
        assert locate(root, ("a", "b", 1)) == (2, 10)
        assert locate(root, ("a", "c", 0, "e")) == (5, 10)

    def test_missing_key_stops_at_the_mapping(self) -> None:
        root = parse_yaml(TEXT).root
        assert locate(root, ("a", "c", 0, "missing")) == (4, 7)
        assert locate(root, ("nope",)) == (1, 1)

    def test_index_out_of_range_stops_at_the_list(self) -> None:
        root = parse_yaml(TEXT).root
        assert locate(root, ("a", "b", 9)) == (2, 6)

    def test_merged_keys_are_found(self) -> None:
        root = parse_yaml(TEXT).root
        assert locate(root, ("merged", "k")) == (6, 17)
        assert locate(root, ("merged", "own")) == (9, 8)

    def test_empty_document(self) -> None:
        assert locate(None, ("a",)) == (1, 1)


class TestDuplicateKeys:
    def test_merge_override_is_not_a_duplicate(self) -> None:
        parsed = parse_yaml("base: &b {k: 1}\nm:\n  <<: *b\n  k: 2\n")
        assert parsed.duplicates == ()
        assert parsed.data == {"base": {"k": 1}, "m": {"k": 2}}

    def test_reported_by_parse(self) -> None:
        parsed = parse_yaml("a: 1\na: 2\n")
        assert [(d.loc, d.line) for d in parsed.duplicates] == [(("a",), 2)]

    def test_found_at_every_depth(self) -> None:
        root = parse_yaml("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n").root
        found = [(d.loc, d.line, d.column, d.first_line) for d in duplicate_keys(root)]
        assert found == [(("b", "c"), 4, 3, 3), (("a",), 5, 1, 1)]

    def test_in_list_items(self) -> None:
        root = parse_yaml("- {x: 1, x: 2}\n").root
        assert [d.loc for d in duplicate_keys(root)] == [(0, "x")]

    def test_typed_keys_differ(self) -> None:
        root = parse_yaml("1: a\n'1': b\n").root
        assert duplicate_keys(root) == []

    def test_shared_alias_is_visited_once(self) -> None:
        root = parse_yaml("x: &m {a: 1, a: 2}\ny: *m\nz: *m\n").root
        assert len(duplicate_keys(root)) == 1


class TestParse:
    def test_data_and_root(self) -> None:
        parsed = parse_yaml("a: [1, 2]\n")
        assert parsed.data == {"a": [1, 2]}
        assert parsed.root is not None

    def test_empty(self) -> None:
        assert parse_yaml("# just a comment\n").root is None

    def test_syntax_error_position(self) -> None:
        with pytest.raises(YamlSyntaxError) as caught:
            parse_yaml("a: 'open\n")
        assert caught.value.line == 2
        assert "quoted scalar" in caught.value.message

    def test_unsafe_tag(self) -> None:
        with pytest.raises(YamlSyntaxError, match="constructor"):
            parse_yaml("!!python/name:os.system x\n")

    def test_expansion_limit(self) -> None:
        assert MAX_EXPANDED_NODES >= 10_000
        wide = "[" + ", ".join(["x"] * 1000) + "]"
        text = f"a: &a {wide}\nb: [{', '.join(['*a'] * 200)}]\n"
        with pytest.raises(YamlSyntaxError, match="more than"):
            parse_yaml(text)

    def test_shared_aliases_below_limit_are_fine(self) -> None:
        text = "a: &a [x, y]\nb: [*a, *a, *a]\n"
        assert parse_yaml(text).data == {"a": ["x", "y"], "b": [["x", "y"]] * 3}
