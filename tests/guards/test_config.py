from __future__ import annotations

import re

import pytest

from sai.guards import Direction, OnMatch, guards_config
from sai.guards.errors import GuardConfigError
from sai.manifest import Manifest
from sai.manifest.schema import GuardScannerSpec, GuardsSpec

BASE = {
    "version": 1,
    "name": "t",
    "intended_use": "Testing the guards section of sai.yaml.",
    "roles": ["developer"],
    "people": {"owners": [{"name": "A"}], "security_contact": "sec@example.net"},
}


def manifest(guards: GuardsSpec | None = None) -> Manifest:
    loaded = Manifest.model_validate(BASE)
    return loaded if guards is None else loaded.model_copy(update={"guards": guards})


class TestGuardsConfig:
    def test_defaults(self) -> None:
        config = guards_config(manifest())
        assert config.input == ("invisible", "injection", "secrets")
        assert "leakage" in config.output
        assert dict(config.settings) == {}

    def test_settings_are_carried(self) -> None:
        spec = GuardsSpec(
            input=["pii"],
            output=["secrets"],
            scanners={"pii": GuardScannerSpec(threshold=0.7, action="block")},  # type: ignore[arg-type]
        )
        config = guards_config(manifest(spec))
        assert config.settings["pii"].threshold == 0.7
        assert config.settings["pii"].on_match is OnMatch.block
        result = config.pipeline(Direction.input).run("write to a@example.com")
        assert result.action.value == "block"

    @pytest.mark.parametrize(
        ("spec", "where"),
        [
            (GuardsSpec.model_construct(input=["injection", "nope"]), "guards.input[1]"),
            (GuardsSpec.model_construct(output=["nope"]), "guards.output[0]"),
            (
                GuardsSpec.model_construct(scanners={"nope": GuardScannerSpec()}),
                "guards.scanners[0]",
            ),
        ],
    )
    def test_unknown_names_are_refused(self, spec: GuardsSpec, where: str) -> None:
        # The schema refuses these names when a manifest is read; a spec built without
        # validation (model_construct) still meets the guards' own check.
        with pytest.raises(GuardConfigError, match=re.escape(where)):
            guards_config(manifest(spec))
