"""The catalog values and queries: get, principle, children, select, as_dict."""

from __future__ import annotations

import dataclasses

import pytest

from sai.catalog import (
    Catalog,
    Force,
    Phase,
    Provision,
    Role,
    UnknownPrincipleError,
    UnknownProvisionError,
    load_catalog,
)
from sai.errors import InputError


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


class TestEnums:
    def test_values_are_snake_case_names(self) -> None:
        assert [r.value for r in Role] == [
            "developer",
            "system_operator",
            "data_custodian",
            "end_user",
        ]
        assert [p.value for p in Phase] == [
            "design",
            "development",
            "deployment",
            "maintenance",
            "end_of_life",
        ]
        assert [f.value for f in Force] == ["shall", "should"]


class TestGet:
    def test_known_id(self, catalog: Catalog) -> None:
        provision = catalog.get("5.2.1-4.2")
        assert provision.principle == 5
        assert provision.parent == "5.2.1-4"
        assert provision.phase is Phase.development

    def test_surrounding_space_is_ignored(self, catalog: Catalog) -> None:
        assert catalog.get("  5.5.1-2 ").id == "5.5.1-2"

    def test_unknown_id_hints_close_matches(self, catalog: Catalog) -> None:
        with pytest.raises(UnknownProvisionError) as caught:
            catalog.get("5.2.1-4.3")
        assert isinstance(caught.value, InputError)
        assert caught.value.exit_code == 2
        assert "5.2.1-4.2" in caught.value.diagnostics()

    def test_unrelated_id_points_to_the_list(self, catalog: Catalog) -> None:
        with pytest.raises(UnknownProvisionError) as caught:
            catalog.get("banana")
        assert "sai catalog list" in caught.value.diagnostics()


class TestPrinciples:
    def test_thirteen_in_order(self, catalog: Catalog) -> None:
        assert [p.number for p in catalog.principles] == list(range(1, 14))

    def test_phase_grouping(self, catalog: Catalog) -> None:
        phases = {p.number: p.phase for p in catalog.principles}
        assert [n for n, ph in phases.items() if ph is Phase.design] == [1, 2, 3, 4]
        assert [n for n, ph in phases.items() if ph is Phase.development] == [5, 6, 7, 8, 9]
        assert phases[10] is Phase.deployment
        assert phases[11] is phases[12] is Phase.maintenance
        assert phases[13] is Phase.end_of_life

    def test_lookup(self, catalog: Catalog) -> None:
        assert catalog.principle(5).clause == "5.2.1"

    @pytest.mark.parametrize("number", [0, 14, -1])
    def test_unknown_number(self, catalog: Catalog, number: int) -> None:
        with pytest.raises(UnknownPrincipleError):
            catalog.principle(number)

    def test_every_principle_has_provisions(self, catalog: Catalog) -> None:
        for principle in catalog.principles:
            assert catalog.select(principle=principle.number), principle.number


class TestChildren:
    def test_children_of_a_parent(self, catalog: Catalog) -> None:
        assert [p.id for p in catalog.children("5.2.1-4")] == ["5.2.1-4.1", "5.2.1-4.2"]

    def test_leaf_has_none(self, catalog: Catalog) -> None:
        assert catalog.children("5.5.1-1") == ()

    def test_unknown_parent_is_an_error(self, catalog: Catalog) -> None:
        with pytest.raises(UnknownProvisionError):
            catalog.children("9.9.9-9")


class TestSelect:
    def test_no_filter_returns_all_in_order(self, catalog: Catalog) -> None:
        assert catalog.select() == catalog.provisions

    def test_roles_match_any(self, catalog: Catalog) -> None:
        chosen = catalog.select(roles=[Role.data_custodian, Role.end_user])
        assert chosen
        assert all(p.roles & {Role.data_custodian, Role.end_user} for p in chosen)
        rest = set(catalog.provisions) - set(chosen)
        assert all(not p.roles & {Role.data_custodian, Role.end_user} for p in rest)

    def test_empty_roles_select_nothing(self, catalog: Catalog) -> None:
        assert catalog.select(roles=[]) == ()

    def test_force_matches_provisions_with_both(self, catalog: Catalog) -> None:
        shall = {p.id for p in catalog.select(force=Force.shall)}
        should = {p.id for p in catalog.select(force=Force.should)}
        assert "5.1.2-7" in shall & should
        assert shall | should == set(catalog.ids)

    def test_filters_combine(self, catalog: Catalog) -> None:
        chosen = catalog.select(roles=[Role.system_operator], principle=12, force=Force.shall)
        assert [p.id for p in chosen] == ["5.4.2-1"]

    def test_unknown_principle_is_an_error(self, catalog: Catalog) -> None:
        with pytest.raises(UnknownPrincipleError):
            catalog.select(principle=14)


class TestProvision:
    def test_is_mandatory(self, catalog: Catalog) -> None:
        assert catalog.get("5.2.2-4").is_mandatory
        assert not catalog.get("5.2.2-6").is_mandatory
        assert catalog.get("5.1.2-7").is_mandatory

    def test_binds(self, catalog: Catalog) -> None:
        assert catalog.get("5.1.2-5").binds(Role.data_custodian)
        assert not catalog.get("5.1.2-5").binds(Role.developer)

    def test_frozen(self, catalog: Catalog) -> None:
        with pytest.raises(dataclasses.FrozenInstanceError):
            catalog.get("5.1.1-1").summary = "x"  # type: ignore[misc]

    def test_as_dict_is_stable(self, catalog: Catalog) -> None:
        data = catalog.get("5.1.2-7").as_dict()
        assert data == {
            "id": "5.1.2-7",
            "principle": 2,
            "phase": "design",
            "roles": ["developer", "system_operator"],
            "force": ["shall", "should"],
            "summary": catalog.get("5.1.2-7").summary,
            "evidence": list(catalog.get("5.1.2-7").evidence),
            "parent": None,
        }

    def test_field_types(self, catalog: Catalog) -> None:
        for provision in catalog.provisions:
            assert isinstance(provision, Provision)
            assert isinstance(provision.roles, frozenset)
            assert isinstance(provision.evidence, tuple)
            assert 1 <= len(provision.evidence) <= 4
            assert len(provision.summary) <= 200


class TestLoadCatalogCache:
    def test_same_object_each_call(self) -> None:
        assert load_catalog() is load_catalog()

    def test_metadata(self) -> None:
        catalog = load_catalog()
        assert (catalog.standard, catalog.version) == ("ETSI EN 304 223", "V2.1.1")
