"""Loading and validating catalog data: the packaged file, and broken files rejected clearly."""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sai.catalog import Catalog, CatalogDataError, load_catalog, load_catalog_file, parse_catalog
from sai.catalog.loader import DATA_FILE


def _raw() -> dict[str, Any]:
    text = resources.files("sai.catalog").joinpath(DATA_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


RAW = _raw()
_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _parse(data: Any) -> Catalog:
    text = yaml.dump(data, Dumper=_DUMPER, sort_keys=False)
    return parse_catalog(text, source="test.yaml")


def _mutated(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = copy.deepcopy(RAW)
    change(data)
    return data


def _provision(data: dict[str, Any], pid: str) -> dict[str, Any]:
    return next(p for p in data["provisions"] if p["id"] == pid)


def _set(pid: str, field: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        _provision(data, pid)[field] = value

    return change


class TestPackaged:
    def test_loads(self) -> None:
        catalog = load_catalog()
        assert len(catalog.provisions) == 72

    def test_round_trip_of_the_raw_data_is_equal(self) -> None:
        assert _parse(RAW) == load_catalog()

    def test_load_catalog_file_reads_a_path(self, tmp_path: Path) -> None:
        path = tmp_path / "c.yaml"
        path.write_text(yaml.safe_dump(RAW, sort_keys=False), encoding="utf-8")
        assert load_catalog_file(path) == load_catalog()


class TestBrokenFiles:
    """Each broken file is refused with a message naming the entry and field."""

    @pytest.mark.parametrize(
        ("change", "expected"),
        [
            (_set("5.1.1-1", "summary", "x" * 201), "5.1.1-1): field 'summary' is 201"),
            (_set("5.1.1-1", "summary", "two\nlines"), "one line"),
            (_set("5.1.1-1", "summary", ""), "non-empty string"),
            (_set("5.1.1-1", "evidence", []), "1 to 4 hints"),
            (_set("5.1.1-1", "evidence", ["a", "b", "c", "d", "e"]), "1 to 4 hints"),
            (_set("5.1.1-1", "evidence", [3]), "evidence[0]"),
            (_set("5.1.1-1", "evidence", ["y" * 161]), "161 characters"),
            (_set("5.1.1-1", "roles", ["developer", "auditor"]), "unknown role"),
            (_set("5.1.1-1", "roles", ["developer", "developer"]), "twice"),
            (_set("5.1.1-1", "roles", []), "non-empty list of roles"),
            (_set("5.1.1-1", "force", ["must"]), "shall/should"),
            (_set("5.1.1-1", "force", []), "non-empty list"),
            (_set("5.1.1-1", "phase", "development"), "principle's is design"),
            (_set("5.1.1-1", "phase", "later"), "not a phase"),
            (_set("5.1.1-1", "principle", 2), "the id is in 5.1.1"),
            (_set("5.1.1-1", "principle", 99), "99 is not a listed principle"),
            (_set("5.1.1-1", "principle", True), "must be an integer"),
            (_set("5.1.1-1", "id", "5.1.1_1"), "not an id like"),
            (_set("5.1.1-1", "id", 5.1), "not an id like"),
            (_set("5.1.1-1.1", "parent", None), "expected '5.1.1-1'"),
            (_set("5.1.1-1.1", "parent", "5.1.1-2"), "expected '5.1.1-1'"),
            (_set("5.1.1-1", "parent", "5.1.1-2"), "expected None"),
            (_set("5.1.1-1", "sumary", "typo"), "unknown field(s) sumary"),
        ],
    )
    def test_provision_field(self, change: Callable[[dict[str, Any]], None], expected: str) -> None:
        with pytest.raises(CatalogDataError) as caught:
            _parse(_mutated(change))
        message = caught.value.diagnostics()
        assert expected in message
        assert message.startswith("test.yaml: ")
        assert "\nhint: " in message

    def test_missing_field(self) -> None:
        data = _mutated(lambda d: _provision(d, "5.2.2-1").pop("evidence"))
        with pytest.raises(CatalogDataError, match=r"provisions\[\d+\] \(5\.2\.2-1\) lacks"):
            _parse(data)

    def test_duplicate_id(self) -> None:
        def change(data: dict[str, Any]) -> None:
            data["provisions"].insert(1, copy.deepcopy(data["provisions"][0]))

        with pytest.raises(CatalogDataError, match="appears twice"):
            _parse(_mutated(change))

    def test_out_of_order(self) -> None:
        def change(data: dict[str, Any]) -> None:
            provisions = data["provisions"]
            provisions[-1], provisions[-2] = provisions[-2], provisions[-1]

        with pytest.raises(CatalogDataError, match=r"5\.5\.1-1.* comes after 5\.5\.1-2"):
            _parse(_mutated(change))

    def test_parent_listed_after_child(self) -> None:
        def change(data: dict[str, Any]) -> None:
            provisions = data["provisions"]
            provisions[0], provisions[1] = provisions[1], provisions[0]

        with pytest.raises(CatalogDataError, match="not listed before it"):
            _parse(_mutated(change))

    def test_principle_without_provisions(self) -> None:
        def change(data: dict[str, Any]) -> None:
            data["provisions"] = [p for p in data["provisions"] if p["principle"] != 13]

        with pytest.raises(CatalogDataError, match=r"principle\(s\) 13 have no provisions"):
            _parse(_mutated(change))

    def test_principle_numbering_gap(self) -> None:
        with pytest.raises(CatalogDataError, match="expected 1"):
            _parse(_mutated(lambda d: d["principles"][0].update(number=7)))

    def test_principle_phase_must_match_clause(self) -> None:
        with pytest.raises(CatalogDataError, match=r"clause 5\.1\.1 is in design"):
            _parse(_mutated(lambda d: d["principles"][0].update(phase="maintenance")))

    def test_principle_bad_clause(self) -> None:
        with pytest.raises(CatalogDataError, match="not a clause"):
            _parse(_mutated(lambda d: d["principles"][0].update(clause="6.1.1")))

    def test_principle_clause_order(self) -> None:
        with pytest.raises(CatalogDataError, match="does not follow"):
            _parse(_mutated(lambda d: d["principles"][1].update(clause="5.1.1")))

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("standard: [unclosed", "not valid YAML at line"),
            ("- just\n- a list\n", "is a list, expected a mapping"),
            ("", "is a NoneType"),
            ("standard: x\nversion: y\nprinciples: []\nprovisions: []\n", "non-empty list"),
            ("standard: x\nversion: y\n", "lacks field(s) principles, provisions"),
            ("standard: x\nversion: y\nprinciples: [1]\nprovisions: [1]\nextra: 1\n", "extra"),
        ],
    )
    def test_broken_documents(self, text: str, expected: str) -> None:
        with pytest.raises(CatalogDataError) as caught:
            parse_catalog(text, source="test.yaml")
        assert expected in caught.value.diagnostics()

    def test_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(CatalogDataError, match="cannot read catalog file"):
            load_catalog_file(tmp_path / "absent.yaml")

    def test_non_utf8_file(self, tmp_path: Path) -> None:
        path = tmp_path / "latin1.yaml"
        path.write_bytes(b"standard: \xe9\xff\n")
        with pytest.raises(CatalogDataError, match="cannot read catalog file"):
            load_catalog_file(path)


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.lists(st.text(max_size=10), max_size=5),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)
_PROVISION_FIELDS = ["id", "principle", "phase", "roles", "force", "summary", "evidence", "parent"]


class TestFuzz:
    """Whatever the input, the loader returns a catalog or raises CatalogDataError."""

    @settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
    @given(text=st.text(max_size=300))
    def test_arbitrary_text(self, text: str) -> None:
        with contextlib.suppress(CatalogDataError):
            parse_catalog(text)

    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        index=st.integers(min_value=0, max_value=len(RAW["provisions"]) - 1),
        field=st.sampled_from(_PROVISION_FIELDS),
        value=_SCALARS,
    )
    def test_one_field_replaced(self, index: int, field: str, value: Any) -> None:
        data = copy.deepcopy(RAW)
        data["provisions"][index][field] = value
        try:
            catalog = _parse(data)
        except CatalogDataError:
            return
        assert len(catalog.provisions) == len(RAW["provisions"])

    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        index=st.integers(min_value=0, max_value=len(RAW["principles"]) - 1),
        field=st.sampled_from(["number", "clause", "title", "phase", "primary_roles"]),
        value=_SCALARS,
    )
    def test_one_principle_field_replaced(self, index: int, field: str, value: Any) -> None:
        data = copy.deepcopy(RAW)
        data["principles"][index][field] = value
        with contextlib.suppress(CatalogDataError):
            _parse(data)
