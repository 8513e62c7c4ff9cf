"""The packaged catalog against the standard: ids, forces, roles, and no copied wording.

Each check runs twice where it can: against the standard's text when it is reachable
($SAI_STANDARD_DIR or <repo>/../shared/standard/; without it those tests skip, and fail under
SAI_REQUIRE_SERVICES=1 as CI runs them), and always against the committed
fingerprint (tests/catalog/standard_fingerprint.json, made by make_fingerprint.py), so a clean
clone without the standard still checks the catalog.
"""

from __future__ import annotations

import difflib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from sai.catalog import Catalog, Force, Role, load_catalog
from tests.catalog import make_fingerprint as fp
from tests.conftest import require_path

# Counted in docs/catalog.md ("Counting the provisions"): 72 provisions in 13 principles.
EXPECTED_TOTAL = 72
EXPECTED_PER_PRINCIPLE = {
    1: 5, 2: 9, 3: 7, 4: 5, 5: 7, 6: 6, 7: 6, 8: 6, 9: 6, 10: 5, 11: 4, 12: 4, 13: 2,
}  # fmt: skip

# Provisions whose roles are inherited rather than read from their own sentence (their subject
# names no role); listed with reasons in docs/catalog.md ("Reading roles").
INHERITED_ROLES = {
    "5.1.1-1": "principle",
    "5.1.1-1.1": "parent",
    "5.1.1-2": "principle",
    "5.1.1-2.1": "parent",
    "5.1.2-5.1": "parent+principle",
    "5.1.3-1.1": "parent",
    "5.2.4-2.1": "parent",
}

MAX_RATIO = 0.6
DOCUMENT_TEMPLATES = Path(__file__).parents[2] / "src" / "sai" / "documents" / "templates"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def fingerprint() -> dict[str, Any]:
    return fp.load_fingerprint()


@pytest.fixture(scope="module")
def standard_text() -> str:
    path = require_path(
        fp.standard_path(), "the standard's text ($SAI_STANDARD_DIR or <repo>/../shared/standard)"
    )
    return path.read_text(encoding="utf-8")


def _our_texts(catalog: Catalog) -> list[tuple[str, str]]:
    """(label, text) of every summary and evidence hint we wrote, and of every template of
    the generated documents (sai.documents), which must not copy the standard either."""
    texts = []
    for provision in catalog.provisions:
        texts.append((f"{provision.id} summary", provision.summary))
        texts += [(f"{provision.id} evidence", hint) for hint in provision.evidence]
    for template in sorted(DOCUMENT_TEMPLATES.glob("*.j2")):
        texts.append((f"template {template.name}", template.read_text(encoding="utf-8")))
    return texts


class TestCount:
    def test_total_is_the_counted_number(self, catalog: Catalog) -> None:
        assert len(catalog.provisions) == EXPECTED_TOTAL

    def test_per_principle(self, catalog: Catalog) -> None:
        counts = Counter(p.principle for p in catalog.provisions)
        assert dict(counts) == EXPECTED_PER_PRINCIPLE

    def test_fingerprint_count_agrees(self, fingerprint: dict[str, Any]) -> None:
        assert len(fingerprint["provisions"]) == EXPECTED_TOTAL


class TestAgainstFingerprint:
    def test_ids_equal_in_order(self, catalog: Catalog, fingerprint: dict[str, Any]) -> None:
        assert list(catalog.ids) == [entry["id"] for entry in fingerprint["provisions"]]

    def test_forces_match_the_text(self, catalog: Catalog, fingerprint: dict[str, Any]) -> None:
        for entry in fingerprint["provisions"]:
            forces = {Force(name) for name in entry["forces"]}
            assert catalog.get(entry["id"]).forces == forces, entry["id"]

    def test_principles_match(self, catalog: Catalog, fingerprint: dict[str, Any]) -> None:
        ours = [{"clause": p.clause, "number": p.number} for p in catalog.principles]
        assert ours == fingerprint["principles"]

    def test_bound_roles_are_named_in_the_text(
        self, catalog: Catalog, fingerprint: dict[str, Any]
    ) -> None:
        for entry in fingerprint["provisions"]:
            if entry["id"] in INHERITED_ROLES:
                continue
            roles = {role.value for role in catalog.get(entry["id"]).roles}
            assert roles <= set(entry["role_mentions"]), entry["id"]

    def test_provisions_naming_no_role_are_listed_as_inherited(
        self, fingerprint: dict[str, Any]
    ) -> None:
        unnamed = {entry["id"] for entry in fingerprint["provisions"] if not entry["role_mentions"]}
        assert unnamed <= set(INHERITED_ROLES)

    def test_no_shingle_of_ours_is_in_the_standard(
        self, catalog: Catalog, fingerprint: dict[str, Any]
    ) -> None:
        theirs = {h for entry in fingerprint["provisions"] for h in entry["shingles"]}
        copied = [
            (label, shingle)
            for label, text in _our_texts(catalog)
            for shingle in fp.shingles(text)
            if fp.shingle_hash(shingle) in theirs
        ]
        assert copied == []


class TestInheritedRoles:
    def test_inherited_roles_come_from_parent_or_principle(self, catalog: Catalog) -> None:
        for pid, source in INHERITED_ROLES.items():
            provision = catalog.get(pid)
            principle_roles = catalog.principle(provision.principle).primary_roles
            parent_roles = catalog.get(provision.parent).roles if provision.parent else frozenset()
            expected = {
                "principle": principle_roles,
                "parent": parent_roles,
                "parent+principle": parent_roles | principle_roles,
            }[source]
            assert provision.roles == expected, pid


class TestAgainstText:
    def test_fingerprint_is_current(self, standard_text: str) -> None:
        assert fp.render(fp.build_fingerprint(standard_text)) == fp.FINGERPRINT_PATH.read_text(
            encoding="utf-8"
        ), "run tests/catalog/make_fingerprint.py"

    def test_ids_equal_id_for_id(self, catalog: Catalog, standard_text: str) -> None:
        found = fp.provisions(standard_text)
        assert list(found) == list(catalog.ids)

    def test_no_provision_in_other_markup(self, catalog: Catalog, standard_text: str) -> None:
        assert fp.loose_ids(standard_text) == set(catalog.ids)

    def test_forces_match_the_text(self, catalog: Catalog, standard_text: str) -> None:
        for pid, body in fp.provisions(standard_text).items():
            assert {f.value for f in catalog.get(pid).forces} == set(fp.forces(body)), pid

    def test_principle_titles_are_the_headings(self, catalog: Catalog, standard_text: str) -> None:
        headings = fp.principles(standard_text)
        assert [(p.clause, p.number, p.title) for p in catalog.principles] == headings

    def test_summaries_are_not_close_to_the_text(
        self, catalog: Catalog, standard_text: str
    ) -> None:
        found = fp.provisions(standard_text)
        too_close = {}
        for provision in catalog.provisions:
            body = found[provision.id].lower()
            ratio = difflib.SequenceMatcher(None, provision.summary.lower(), body).ratio()
            if ratio >= MAX_RATIO:
                too_close[provision.id] = round(ratio, 2)
        assert too_close == {}

    def test_detector_catches_a_copied_sentence(
        self, fingerprint: dict[str, Any], standard_text: str
    ) -> None:
        copied = fp.provisions(standard_text)["5.2.2-4"]
        theirs = {h for entry in fingerprint["provisions"] for h in entry["shingles"]}
        assert {fp.shingle_hash(s) for s in fp.shingles(copied)} <= theirs

    def test_no_shingle_of_ours_is_in_the_text(self, catalog: Catalog, standard_text: str) -> None:
        theirs = set().union(*(fp.shingles(body) for body in fp.provisions(standard_text).values()))
        copied = [
            (label, shingle)
            for label, text in _our_texts(catalog)
            for shingle in fp.shingles(text)
            if shingle in theirs
        ]
        assert copied == []


class TestRoleReadings:
    """Spot checks of roles read from a provision's own sentence (see docs/catalog.md)."""

    def test_only_5_2_1_4_binds_end_users(self, catalog: Catalog) -> None:
        assert [p.id for p in catalog.select(roles=[Role.end_user])] == ["5.2.1-4"]
        assert catalog.get("5.2.1-4").roles == frozenset(Role)

    @pytest.mark.parametrize(
        ("pid", "roles"),
        [
            ("5.2.3-2.1", {Role.developer, Role.system_operator}),
            ("5.1.2-5", {Role.data_custodian}),
            ("5.1.2-1.1", {Role.developer, Role.data_custodian}),
            ("5.2.5-2", {Role.system_operator}),
            ("5.5.1-2", {Role.developer, Role.system_operator}),
            ("5.1.1-2.2", {Role.developer}),
        ],
    )
    def test_reading(self, catalog: Catalog, pid: str, roles: set[Role]) -> None:
        assert catalog.get(pid).roles == roles

    def test_every_role_is_bound_by_some_shall(self, catalog: Catalog) -> None:
        for role in Role:
            assert catalog.select(roles=[role], force=Force.shall), role
