"""The CISO Assistant library export: structure as CISO Assistant's library loader expects."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from sai.catalog import Catalog, Role, ciso_assistant_yaml, load_catalog
from sai.catalog.ciso import node_urn

# The URN shape CISO Assistant's library store accepts (backend/core/models.py, URN_REGEX).
URN_RE = re.compile(
    r"^urn:([a-zA-Z0-9_-]+):([a-zA-Z0-9_-]+):([a-zA-Z0-9_-]+)(?::([a-zA-Z0-9_-]+))?:"
    r"([0-9A-Za-z\[\]\(\)\-\._:]+)$"
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def library(catalog: Catalog) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ciso_assistant_yaml(catalog))
    return data


@pytest.fixture(scope="module")
def nodes(library: dict[str, Any]) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = library["objects"]["framework"]["requirement_nodes"]
    return result


class TestLibrary:
    def test_required_library_fields(self, library: dict[str, Any]) -> None:
        for field in ("urn", "locale", "ref_id", "name", "version", "objects"):
            assert library[field], field
        for field in ("description", "copyright", "provider", "packager"):
            assert isinstance(library[field], str), field
            assert library[field], field
        assert isinstance(library["version"], int)
        assert URN_RE.match(library["urn"])

    def test_framework_fields(self, library: dict[str, Any]) -> None:
        framework = library["objects"]["framework"]
        for field in ("urn", "ref_id", "name", "description"):
            assert framework[field], field
        assert URN_RE.match(framework["urn"])

    def test_roles_are_the_implementation_groups(self, library: dict[str, Any]) -> None:
        groups = library["objects"]["framework"]["implementation_groups_definition"]
        assert [g["ref_id"] for g in groups] == [r.value for r in Role]
        assert all(g["name"] and g["description"] for g in groups)


class TestNodes:
    def test_urns_unique_and_well_formed(self, nodes: list[dict[str, Any]]) -> None:
        urns = [n["urn"] for n in nodes]
        assert len(urns) == len(set(urns))
        assert all(URN_RE.match(urn) and urn == urn.lower() for urn in urns)

    def test_every_provision_is_an_assessable_node(
        self, catalog: Catalog, nodes: list[dict[str, Any]]
    ) -> None:
        assessable = [n for n in nodes if n["assessable"]]
        assert [n["ref_id"] for n in assessable] == list(catalog.ids)
        for node in assessable:
            provision = catalog.get(node["ref_id"])
            assert node["description"] == provision.summary
            assert node["implementation_groups"] == [r.value for r in Role if r in provision.roles]
            assert all(hint in node["typical_evidence"] for hint in provision.evidence)

    def test_parents_exist_and_come_first(self, nodes: list[dict[str, Any]]) -> None:
        seen: dict[str, dict[str, Any]] = {}
        for node in nodes:
            if node["depth"] == 1:
                assert "parent_urn" not in node
            else:
                parent = seen[node["parent_urn"]]
                assert node["depth"] == parent["depth"] + 1
            seen[node["urn"]] = node

    def test_sub_provisions_sit_under_their_parent(
        self, catalog: Catalog, nodes: list[dict[str, Any]]
    ) -> None:
        for node in nodes:
            if not node["assessable"]:
                continue
            provision = catalog.get(node["ref_id"])
            principle = catalog.principle(provision.principle)
            expected = node_urn(provision.parent or principle.clause)
            assert node["parent_urn"] == expected, provision.id

    def test_headings_are_not_assessable(
        self, catalog: Catalog, nodes: list[dict[str, Any]]
    ) -> None:
        headings = [n for n in nodes if not n["assessable"]]
        assert len(headings) == 5 + len(catalog.principles)
        assert all(n["depth"] in (1, 2) for n in headings)

    def test_groups_used_are_defined(
        self, library: dict[str, Any], nodes: list[dict[str, Any]]
    ) -> None:
        framework = library["objects"]["framework"]
        defined = {g["ref_id"] for g in framework["implementation_groups_definition"]}
        for node in nodes:
            assert set(node.get("implementation_groups", [])) <= defined


class TestDeterminism:
    def test_same_text_every_time(self, catalog: Catalog) -> None:
        assert ciso_assistant_yaml(catalog) == ciso_assistant_yaml(catalog)
