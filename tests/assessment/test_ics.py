"""The ICS: applicability from held roles, justified exclusions, clear errors."""

from __future__ import annotations

import pytest

from sai.assessment.ics import Status, build_ics
from sai.catalog import Role, load_catalog
from sai.errors import InputError


class TestApplicability:
    def test_developer_only(self) -> None:
        catalog = load_catalog()
        ics = build_ics(catalog, [Role.developer], {})
        applicable = {p.id for p in ics.applicable()}
        expected = {p.id for p in catalog.provisions if Role.developer in p.roles}
        assert applicable == expected
        assert len(ics.rows) == len(catalog.provisions)
        for row in ics.with_status(Status.NOT_APPLICABLE):
            assert Role.developer not in row.provision.roles
            assert "none of these roles is held" in row.basis

    def test_all_roles_make_everything_applicable(self) -> None:
        catalog = load_catalog()
        ics = build_ics(catalog, list(Role), {})
        assert len(ics.applicable()) == len(catalog.provisions)

    def test_exclusion_keeps_justification(self) -> None:
        catalog = load_catalog()
        reason = "We use no cloud service operator for this system."
        ics = build_ics(catalog, [Role.developer, Role.system_operator], {"5.2.2-6": reason})
        (row,) = [r for r in ics.rows if r.provision.id == "5.2.2-6"]
        assert row.status is Status.EXCLUDED
        assert row.basis == reason
        assert "5.2.2-6" not in {p.id for p in ics.applicable()}


class TestBadExclusions:
    def test_unknown_provision(self) -> None:
        with pytest.raises(InputError):
            build_ics(load_catalog(), [Role.developer], {"5.9.9-9": "Not a real provision here."})

    def test_exclusion_of_not_applicable_provision_is_an_error(self) -> None:
        catalog = load_catalog()
        only_custodian = next(
            p for p in catalog.provisions if p.roles == frozenset({Role.data_custodian})
        )
        with pytest.raises(InputError, match="has no effect"):
            build_ics(catalog, [Role.end_user], {only_custodian.id: "Justified at length here."})
