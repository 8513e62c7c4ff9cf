"""The OSCAL catalog export: valid for compliance-trestle, complete, deterministic."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from trestle.oscal.catalog import Catalog as TrestleCatalog

from sai.catalog import Catalog, load_catalog, oscal_json, to_oscal
from sai.catalog.oscal import (
    DEFAULT_LAST_MODIFIED,
    OSCAL_VERSION,
    SAI_OSCAL_NS,
    OscalExportError,
    control_id,
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def document(catalog: Catalog) -> dict[str, Any]:
    return to_oscal(catalog)


def _controls(controls: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], str | None]]:
    """Every control with the id of the control it is nested in (None at top level)."""
    for control in controls:
        yield control, None
        for child, parent in _controls(control.get("controls", [])):
            yield child, parent or control["id"]


def _all_controls(document: dict[str, Any]) -> list[tuple[dict[str, Any], str | None]]:
    found = []
    for phase in document["catalog"]["groups"]:
        for principle in phase["groups"]:
            found += list(_controls(principle["controls"]))
    return found


def _props(control: dict[str, Any], name: str) -> list[str]:
    return [p["value"] for p in control["props"] if p["name"] == name]


class TestValidity:
    def test_trestle_accepts_it(self, document: dict[str, Any]) -> None:
        model = TrestleCatalog.model_validate(document["catalog"])
        # Nothing is dropped or coerced: trestle's own serialisation equals ours.
        dumped = model.model_dump(by_alias=True, exclude_none=True, mode="json")
        assert dumped == document["catalog"]
        assert dumped["metadata"]["oscal-version"] == OSCAL_VERSION

    def test_trestle_round_trip_of_the_json(self, catalog: Catalog) -> None:
        model = TrestleCatalog.model_validate(json.loads(oscal_json(catalog))["catalog"])
        assert len(model.groups or []) == 5

    def test_a_broken_document_is_refused(
        self, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr("sai.catalog.oscal.control_id", lambda pid: f"1-{pid}")
        with pytest.raises(OscalExportError, match="invalid"):
            to_oscal(catalog)


class TestContent:
    def test_every_provision_once(self, catalog: Catalog, document: dict[str, Any]) -> None:
        labels = [_props(control, "label")[0] for control, _ in _all_controls(document)]
        assert sorted(labels) == sorted(catalog.ids)
        assert len(labels) == len(set(labels))

    def test_sub_provisions_nest_in_their_parent(
        self, catalog: Catalog, document: dict[str, Any]
    ) -> None:
        for control, parent in _all_controls(document):
            provision = catalog.get(_props(control, "label")[0])
            expected = control_id(provision.parent) if provision.parent else None
            assert parent == expected, provision.id

    def test_props_carry_force_phase_roles(
        self, catalog: Catalog, document: dict[str, Any]
    ) -> None:
        for control, _ in _all_controls(document):
            provision = catalog.get(_props(control, "label")[0])
            assert set(_props(control, "force")) == {f.value for f in provision.forces}
            assert _props(control, "phase") == [provision.phase.value]
            assert set(_props(control, "role")) == {r.value for r in provision.roles}
            sai_props = [p for p in control["props"] if p["name"] in {"force", "phase", "role"}]
            assert all(p["ns"] == SAI_OSCAL_NS for p in sai_props)

    def test_parts_hold_summary_and_evidence(
        self, catalog: Catalog, document: dict[str, Any]
    ) -> None:
        for control, _ in _all_controls(document):
            provision = catalog.get(_props(control, "label")[0])
            parts = {part["name"]: part["prose"] for part in control["parts"]}
            assert parts["statement"] == provision.summary
            assert all(hint in parts["guidance"] for hint in provision.evidence)

    def test_groups_are_phases_then_principles(
        self, catalog: Catalog, document: dict[str, Any]
    ) -> None:
        phases = document["catalog"]["groups"]
        assert [g["id"] for g in phases] == [
            "phase-design",
            "phase-development",
            "phase-deployment",
            "phase-maintenance",
            "phase-end-of-life",
        ]
        principle_ids = [p["id"] for g in phases for p in g["groups"]]
        assert principle_ids == [f"principle-{n}" for n in range(1, 14)]

    def test_sort_ids_follow_the_standard(self, document: dict[str, Any]) -> None:
        sort_ids = [_props(control, "sort-id")[0] for control, _ in _all_controls(document)]
        assert sort_ids == sorted(sort_ids)

    def test_uuids_are_distinct(self, document: dict[str, Any]) -> None:
        catalog_uuid = document["catalog"]["uuid"]
        resource_uuid = document["catalog"]["back-matter"]["resources"][0]["uuid"]
        assert catalog_uuid != resource_uuid


class TestDeterminism:
    def test_same_bytes_every_time(self, catalog: Catalog) -> None:
        assert oscal_json(catalog) == oscal_json(catalog)

    def test_default_timestamp_is_fixed(self, document: dict[str, Any]) -> None:
        stamp = document["catalog"]["metadata"]["last-modified"]
        assert stamp == DEFAULT_LAST_MODIFIED.isoformat()

    def test_passed_timestamp_is_used(self, catalog: Catalog) -> None:
        stamp = datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=2)))
        document = to_oscal(catalog, last_modified=stamp)
        assert document["catalog"]["metadata"]["last-modified"] == "2030-01-02T03:04:05+02:00"
        TrestleCatalog.model_validate(document["catalog"])

    def test_only_the_timestamp_changes(self, catalog: Catalog) -> None:
        one = to_oscal(catalog, last_modified=datetime(2030, 1, 1, tzinfo=UTC))
        two = to_oscal(catalog, last_modified=datetime(2031, 1, 1, tzinfo=UTC))
        one["catalog"]["metadata"].pop("last-modified")
        two["catalog"]["metadata"].pop("last-modified")
        assert one == two

    def test_naive_timestamp_is_refused(self, catalog: Catalog) -> None:
        with pytest.raises(ValueError, match="timezone-aware"):
            to_oscal(catalog, last_modified=datetime(2030, 1, 1))
