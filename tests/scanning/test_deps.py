"""The dependency audit: OSV files, folders and all.zip, pip-audit JSON, OSV range semantics.

The records in ``fixtures/osv-pypi`` are shaped like OSV's PyPI export (PYSEC and GHSA records
that alias each other, a withdrawn one, an npm one, SEMVER, ``last_affected``, ``limit`` and
``versions``-only entries); the packages are fictional so no real advisory is misquoted.
"""

from __future__ import annotations

import contextlib
import json
import string
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sai.errors import InputError
from sai.scanning._osv_ranges import SemVer, affects, in_range
from sai.scanning._pip_audit import parse_pip_audit
from sai.scanning.deps import (
    AdvisoryDatabase,
    Package,
    SourceFormat,
    audit,
    audit_with,
    load_advisories,
)
from sai.scanning.record import audit_evidence

FIXTURES = Path(__file__).parent / "fixtures"
OSV_FOLDER = FIXTURES / "osv-pypi"
PIP_AUDIT = FIXTURES / "pip-audit.json"


def _zip(tmp_path: Path) -> Path:
    """The fixture records packed as OSV packs its per-ecosystem ``all.zip``: files at the root."""
    target = tmp_path / "all.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(OSV_FOLDER.glob("*.json")):
            archive.write(file, file.name)
    return target


def _database(tmp_path: Path) -> AdvisoryDatabase:
    loaded = load_advisories(_zip(tmp_path))
    assert isinstance(loaded, AdvisoryDatabase)
    return loaded


class TestLoading:
    def test_all_zip(self, tmp_path: Path) -> None:
        database = _database(tmp_path)
        assert database.source_format is SourceFormat.osv_zip
        # 7 records: one withdrawn, one for npm, five for PyPI.
        assert (len(database.records), database.withdrawn, database.other_ecosystems) == (5, 1, 1)
        # The newest PyPI record that counts; the withdrawn and npm ones are newer but ignored.
        assert database.modified == "2026-11-21T10:00:00Z"
        assert database.digest.startswith("sha256:")

    def test_folder_list_and_single_record_agree(self, tmp_path: Path) -> None:
        folder = load_advisories(OSV_FOLDER)
        records = [json.loads(f.read_text()) for f in sorted(OSV_FOLDER.glob("*.json"))]
        listed = tmp_path / "list.json"
        listed.write_text(json.dumps(records))
        wrapped = tmp_path / "query.json"
        wrapped.write_text(json.dumps({"vulns": records}))
        single = tmp_path / "one.json"
        single.write_text(json.dumps(records[0]))
        loaded = [load_advisories(p) for p in (listed, wrapped)]
        assert isinstance(folder, AdvisoryDatabase)
        assert folder.source_format is SourceFormat.osv_folder
        for other in loaded:
            assert isinstance(other, AdvisoryDatabase)
            assert other.source_format is SourceFormat.osv_json
            assert [r["id"] for r in other.records] == [r["id"] for r in folder.records]
        one = load_advisories(single)
        assert isinstance(one, AdvisoryDatabase)
        assert len(one.records) == 1

    def test_folder_digest_does_not_depend_on_where_it_lies(self, tmp_path: Path) -> None:
        copy = tmp_path / "elsewhere"
        copy.mkdir()
        for file in OSV_FOLDER.glob("*.json"):
            (copy / file.name).write_bytes(file.read_bytes())
        first, second = load_advisories(OSV_FOLDER), load_advisories(copy)
        assert isinstance(first, AdvisoryDatabase)
        assert isinstance(second, AdvisoryDatabase)
        assert first.digest == second.digest
        (copy / "PYSEC-2099-33.json").write_text("{}")
        with pytest.raises(InputError, match=r"PYSEC-2099-33\.json: the document is not an OSV"):
            load_advisories(copy)

    def test_bad_json_names_file_line_and_column(self, tmp_path: Path) -> None:
        path = tmp_path / "osv.json"
        path.write_text('[\n  {"id": "X",\n  oops}\n]')
        with pytest.raises(InputError, match=r"osv\.json:3:3: not JSON"):
            load_advisories(path)

    def test_bad_zip_member_is_named(self, tmp_path: Path) -> None:
        target = tmp_path / "all.zip"
        with zipfile.ZipFile(target, "w") as archive:
            archive.writestr("GOOD.json", json.dumps({"id": "GOOD"}))
            archive.writestr("BAD.json", "[1, 2]")
        with pytest.raises(InputError, match=r"all\.zip!BAD\.json: item 0 is not an OSV record"):
            load_advisories(target)

    def test_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(InputError, match="cannot read the advisory data"):
            load_advisories(tmp_path / "absent.json")


class TestMatching:
    @pytest.mark.parametrize(
        ("package", "version", "expected"),
        [
            # ECOSYSTEM ranges with two intervals, reported once though two records alias.
            ("tinyhttp", "2.4.0", [("PYSEC-2099-11", "2.4.1")]),
            ("tinyhttp", "2.4.1", []),
            ("tinyhttp", "2.10", []),
            ("tinyhttp", "3.0.1", [("PYSEC-2099-11", "3.0.2")]),
            ("tinyhttp", "3.0.2", []),
            # SEMVER with last_affected: inclusive; a PEP 440 pre-release compares by PEP 440.
            ("yamlish", "1.4.0", [("GHSA-2fgm-8w5r-k7jd", None)]),
            ("yamlish", "1.4.1", []),
            ("yamlish", "1.0.0rc1", [("GHSA-2fgm-8w5r-k7jd", None)]),
            ("yamlish", "0.9.9", []),
            # Withdrawn: never applies. npm: never applies to a PyPI package of the same name.
            ("oldlib", "1.0", []),
            ("left-pad", "1.0.0", []),
            # `versions` only: exact (PEP 440 equal) versions.
            ("pickly", "1.0", [("PYSEC-2099-33", None)]),
            ("pickly", "1.0.0", [("PYSEC-2099-33", None)]),
            ("pickly", "1.1", []),
            # `limit` caps an open range.
            ("limited", "1.5", [("GHSA-9pqm-3c4v-xx5r", None)]),
            ("limited", "2.0", []),
            ("limited", "0.5", []),
        ],
    )
    def test_fixture_database(
        self, tmp_path: Path, package: str, version: str, expected: list[tuple[str, str | None]]
    ) -> None:
        result = audit([Package(package, version)], _database(tmp_path))
        assert [(v.id, v.fixed) for v in result.vulnerabilities] == expected

    def test_aliases_are_merged(self, tmp_path: Path) -> None:
        result = audit([Package("tinyhttp", "2.4.0")], _database(tmp_path))
        (only,) = result.vulnerabilities
        assert set(only.aliases) == {"GHSA-7q2x-m4hv-9c3p", "CVE-2099-1111"}

    def test_unreadable_bounds_report_rather_than_hide(self) -> None:
        entry = {"type": "ECOSYSTEM", "events": [{"introduced": "not a version"}]}
        assert in_range("1.0", entry) is not None
        closing = {"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "??"}]}
        assert in_range("9.9", closing) is not None

    def test_git_ranges_need_the_versions_list(self) -> None:
        affected = {
            "ranges": [{"type": "GIT", "repo": "r", "events": [{"introduced": "abc"}]}],
            "versions": ["1.2"],
        }
        assert affects("1.2", affected) is not None
        assert affects("1.3", affected) is None


_numbers = st.integers(min_value=0, max_value=30)
_releases = st.tuples(_numbers, _numbers, _numbers)


def _text(version: tuple[int, int, int]) -> str:
    return ".".join(map(str, version))


class TestRangeProperties:
    @given(low=_releases, high=_releases, current=_releases, kind=st.sampled_from(["E", "S"]))
    def test_introduced_fixed_is_half_open(
        self,
        low: tuple[int, int, int],
        high: tuple[int, int, int],
        current: tuple[int, int, int],
        kind: str,
    ) -> None:
        entry = {
            "type": "ECOSYSTEM" if kind == "E" else "SEMVER",
            "events": [{"fixed": _text(high)}, {"introduced": _text(low)}],
        }
        # Walked in version order: a `fixed` below `introduced` closes nothing after it.
        expected = low <= current and (current < high if high >= low else True)
        assert (in_range(_text(current), entry) is not None) == expected

    @given(low=_releases, high=_releases, current=_releases)
    def test_last_affected_is_closed(
        self, low: tuple[int, int, int], high: tuple[int, int, int], current: tuple[int, int, int]
    ) -> None:
        entry = {
            "type": "SEMVER",
            "events": [{"introduced": _text(low)}, {"last_affected": _text(high)}],
        }
        expected = low <= current and (current <= high if high >= low else True)
        assert (in_range(_text(current), entry) is not None) == expected

    @given(limit=_releases, current=_releases)
    def test_limit_caps_an_open_range(
        self, limit: tuple[int, int, int], current: tuple[int, int, int]
    ) -> None:
        entry = {"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"limit": _text(limit)}]}
        assert (in_range(_text(current), entry) is not None) == (current < limit)

    @given(core=_releases, pre=st.lists(st.text(string.ascii_lowercase, min_size=1), max_size=2))
    def test_semver_pre_release_sorts_before_release(
        self, core: tuple[int, int, int], pre: list[str]
    ) -> None:
        release = SemVer.parse(_text(core))
        assert release is not None
        if pre:
            candidate = SemVer.parse(f"{_text(core)}-{'.'.join(pre)}+build.5")
            assert candidate is not None
            assert candidate < release

    @given(events=st.lists(st.dictionaries(st.text(max_size=14), st.text(max_size=8)), max_size=6))
    def test_any_events_never_raise(self, events: list[dict[str, str]]) -> None:
        for kind in ("ECOSYSTEM", "SEMVER", "GIT", "?"):
            in_range("1.2.3", {"type": kind, "events": events})


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=20,
)
_keys = st.sampled_from(["id", "affected", "vulns", "dependencies", "withdrawn", "modified"])
_shaped = st.recursive(
    _json,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=4),
    max_leaves=30,
)


def _refusal(path: Path) -> str | None:
    """The message of the InputError auditing with ``path`` raises, or None when it loads."""
    try:
        audit_with(path, [Package("x", "1.0")])
    except InputError as error:
        return error.message
    return None


class TestParsersNeverCrash:
    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=150)
    @given(document=_shaped)
    def test_any_json_is_loaded_or_refused(self, tmp_path: Path, document: object) -> None:
        path = tmp_path / "data.json"
        path.write_text(json.dumps(document))
        refused = _refusal(path)
        assert refused is None or "data.json" in refused

    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=100)
    @given(raw=st.binary(max_size=200))
    def test_any_bytes_are_loaded_or_refused(self, tmp_path: Path, raw: bytes) -> None:
        path = tmp_path / "data.json"
        path.write_bytes(raw)
        with contextlib.suppress(InputError):
            audit_with(path, [Package("x", "1.0")])

    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
    @given(members=st.dictionaries(st.text("abc", min_size=1, max_size=3), _shaped, max_size=3))
    def test_any_zip_is_loaded_or_refused(self, tmp_path: Path, members: dict[str, object]) -> None:
        path = tmp_path / "all.zip"
        with zipfile.ZipFile(path, "w") as archive:
            for name, document in members.items():
                archive.writestr(f"{name}.json", json.dumps(document))
        refused = _refusal(path)
        assert refused is None or "all.zip" in refused


class TestPipAudit:
    def test_findings_as_pip_audit_reported_them(self) -> None:
        result = audit_with(PIP_AUDIT, packages=[])
        assert result.source_format is SourceFormat.pip_audit
        assert [(p.name, p.version) for p in result.packages] == [
            ("tinyhttp", "2.4.0"),
            ("pickly", "1.0"),
            ("requests", "2.32.3"),
        ]
        assert [(v.id, v.package, v.fixed) for v in result.vulnerabilities] == [
            ("PYSEC-2099-11", "tinyhttp", "2.4.1"),
            ("PYSEC-2099-33", "pickly", None),
        ]
        assert result.skipped == (
            "sai (Dependency not found on PyPI and could not be audited: sai (0.1.0))",
        )
        assert result.advisories == 2
        assert result.nothing_checked is None

    def test_errors_name_the_json_path(self) -> None:
        document = {"dependencies": [{"name": "a", "version": "1", "vulns": [{"id": 3}]}]}
        with pytest.raises(InputError, match=r"dependencies\[0\]\.vulns\[0\]\.id"):
            parse_pip_audit(document, "report.json")

    def test_empty_report_checked_nothing(self, tmp_path: Path) -> None:
        path = tmp_path / "report.json"
        path.write_text('{"dependencies": [], "fixes": []}')
        assert (
            audit_with(path).nothing_checked == "the pip-audit report lists no checked dependency"
        )


class TestEvidence:
    def test_carries_what_a_sufficiency_rule_needs(self, tmp_path: Path) -> None:
        path = _zip(tmp_path)
        evidence = audit_evidence(
            audit_with(path, [Package("tinyhttp", "3.0.1")]), database_path=str(path)
        )
        data = evidence.data
        assert data["advisories"] == 5
        assert data["database_modified"] == "2026-11-21T10:00:00Z"
        assert data["source_format"] == "osv-zip"
        assert data["database"].startswith("sha256:")
        assert data["nothing_checked"] == ""
        assert data["vulnerable"][0]["fixed"] == "3.0.2"

    def test_empty_database_is_reported_as_such(self, tmp_path: Path) -> None:
        path = tmp_path / "osv.json"
        path.write_text("[]")
        data = audit_evidence(audit_with(path, [Package("x", "1")])).data
        assert (data["advisories"], data["database_modified"]) == (0, "")
        assert data["nothing_checked"] == "the advisory database is empty"

    def test_records_of_other_ecosystems_only_count_as_empty(self, tmp_path: Path) -> None:
        path = tmp_path / "osv.json"
        path.write_text((OSV_FOLDER / "GHSA-h3vx-5r6q-wp8c.json").read_text())
        assert audit_with(path, []).nothing_checked == "the advisory database is empty"
