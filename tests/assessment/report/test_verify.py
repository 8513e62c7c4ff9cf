"""verify_report: a fresh report verifies; every kind of tampering is caught and named."""

from __future__ import annotations

import base64
import copy
import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization

from sai.assessment.report import (
    KeyInputError,
    ReportFormatError,
    Trust,
    load_verifier_key,
    report_digest,
    verify_report,
)
from sai.assessment.report._trust import NOTHING_PINNED
from sai.errors import InputError, VerificationError
from sai.ledger.note import NoteVerifier

from .conftest import GOLDEN_DIR, OTHER_SEED, BuiltReport, build_report, signer_for


def as_bytes(report: dict[str, Any]) -> bytes:
    return json.dumps(report, indent=2).encode("utf-8")


def item_for(report: dict[str, Any], index: int) -> dict[str, Any]:
    return next(item for item in report["evidence"] if item["index"] == index)


UNSAFE = Trust(unsafe_trust_embedded_key=True)


def pinned() -> list[NoteVerifier]:
    return [signer_for().verifier()]


class TestFreshReport:
    def test_verifies_nothing_without_a_pinned_key(self, report: dict[str, Any]) -> None:
        outcome = verify_report(as_bytes(report))
        assert not outcome.ok
        assert outcome.key_source == "none"
        assert outcome.passed == ()
        assert outcome.problems == (NOTHING_PINNED,)

    def test_verifies_with_the_embedded_key_and_says_so(self, report: dict[str, Any]) -> None:
        outcome = verify_report(as_bytes(report), trust=UNSAFE)
        assert outcome.ok, outcome.problems
        assert outcome.key_source == "embedded"
        assert any("embedded" in warning for warning in outcome.warnings)
        assert "report digest matches assessment entry #26" in outcome.passed
        assert f"{len(report['evidence'])} inclusion proofs at tree size 27" in outcome.passed

    def test_verifies_with_a_pinned_key_without_warning(self, report: dict[str, Any]) -> None:
        outcome = verify_report(as_bytes(report), verifier_keys=pinned())
        assert outcome.ok, outcome.problems
        assert outcome.key_source == "pinned"
        assert outcome.warnings == ()
        assert any(line.startswith("checkpoint signature (pinned key") for line in outcome.passed)
        assert outcome.tree_size == 27
        assert outcome.assessment_entry == 26

    def test_digest_is_over_the_body_without_ledger_and_evidence(self, built: BuiltReport) -> None:
        assessment = built.entries[built.report["ledger"]["assessment_entry"]]
        assert assessment.data["report_digest"] == report_digest(built.report)
        changed = {**built.report, "evidence": [], "ledger": {}}
        assert report_digest(changed) == report_digest(built.report)

    def test_json_form_lists_checks_and_problems(self, report: dict[str, Any]) -> None:
        payload = verify_report(as_bytes(report), trust=UNSAFE).to_json()
        assert payload["ok"] is True
        assert payload["problems"] == []
        assert payload["key_source"] == "embedded"
        assert payload["evidence"] == len(report["evidence"])


class TestTampering:
    def assert_fails(self, report: dict[str, Any], *fragments: str) -> list[str]:
        outcome = verify_report(as_bytes(report), verifier_keys=pinned())
        assert not outcome.ok
        text = "\n".join(outcome.problems)
        for fragment in fragments:
            assert fragment in text, text
        return list(outcome.problems)

    def test_changed_verdict(self, report: dict[str, Any]) -> None:
        first_fail = next(r for r in report["results"] if r["verdict"] == "fail")
        first_fail["verdict"] = "pass"
        self.assert_fails(report, "is not the one recorded in assessment entry #26")

    def test_changed_reason_with_consistent_summaries(self, report: dict[str, Any]) -> None:
        report["results"][0]["reason"] = "all good, trust me"
        problems = self.assert_fails(report, "report body")
        assert len(problems) == 1

    def test_changed_evidence_byte(self, report: dict[str, Any]) -> None:
        item = item_for(report, 0)
        leaf = bytearray(base64.b64decode(item["leaf"]))
        position = leaf.index(b"A. Person")
        leaf[position] = ord("B")
        item["leaf"] = base64.b64encode(bytes(leaf)).decode()
        self.assert_fails(report, "evidence #0: the inclusion proof for leaf 0 does not lead")

    def test_removed_proof_step(self, report: dict[str, Any]) -> None:
        item_for(report, 3)["proof"].pop()
        self.assert_fails(report, "evidence #3: the inclusion proof has")

    def test_changed_proof_step(self, report: dict[str, Any]) -> None:
        item = item_for(report, 5)
        item["proof"][0] = base64.b64encode(b"\x00" * 32).decode()
        self.assert_fails(report, "evidence #5")

    def test_non_canonical_base64_is_refused(self, report: dict[str, Any]) -> None:
        item = item_for(report, 1)
        item["leaf"] = item["leaf"] + "\n"
        self.assert_fails(report, "evidence #1: the leaf is not valid base64")

    def test_resigned_with_another_key_fails_against_the_pinned_key(self) -> None:
        forged = build_report(
            seed=OTHER_SEED,
            edit_body=lambda body: body["results"][1].update(reason="forged"),
        ).report
        # On its own the forgery is consistent: only pinning the owner's key exposes it.
        assert verify_report(as_bytes(forged), trust=UNSAFE).ok
        problems = self.assert_fails(forged, "checkpoint: the note is not signed by a trusted key")
        assert "inclusion proofs not checked: there is no trusted checkpoint" in problems

    def test_changed_checkpoint_byte(self, report: dict[str, Any]) -> None:
        lines = report["ledger"]["checkpoint"].split("\n")
        lines[1] = str(int(lines[1]) + 1)
        report["ledger"]["checkpoint"] = "\n".join(lines)
        self.assert_fails(report, "checkpoint: the signature by sai-credit-scoring")

    def test_checkpoint_of_another_log(self, report: dict[str, Any]) -> None:
        report["ledger"]["origin"] = "sai.local/other/00000000"
        self.assert_fails(report, "checkpoint: the checkpoint is for the log")

    def test_missing_evidence_for_a_cited_index(self, report: dict[str, Any]) -> None:
        report["evidence"] = [item for item in report["evidence"] if item["index"] != 2]
        self.assert_fails(report, "evidence #2, cited by 5.1.2-1, is missing from 'evidence'")

    def test_missing_assessment_entry(self, report: dict[str, Any]) -> None:
        report["evidence"] = [item for item in report["evidence"] if item["index"] != 26]
        self.assert_fails(report, "the assessment entry #26 is missing or does not decode")

    def test_assessment_entry_pointing_at_another_entry(self, report: dict[str, Any]) -> None:
        report["ledger"]["assessment_entry"] = 0
        self.assert_fails(report, "entry #0 has kind 'attestation', not 'assessment.completed'")

    def test_duplicated_evidence_item(self, report: dict[str, Any]) -> None:
        report["evidence"].append(copy.deepcopy(report["evidence"][0]))
        self.assert_fails(report, "evidence #0 appears 2 times")

    def test_evidence_moved_to_another_index(self, report: dict[str, Any]) -> None:
        item_for(report, 4)["index"] = 6
        self.assert_fails(report, "evidence #6: the inclusion proof")

    def test_leaf_that_is_not_an_evidence_entry(self, report: dict[str, Any]) -> None:
        item_for(report, 0)["leaf"] = base64.b64encode(b'{"v":1}').decode()
        self.assert_fails(report, "evidence #0: the leaf is not an evidence entry")

    def test_summaries_that_disagree_with_results_are_named(self) -> None:
        def lie(body: dict[str, Any]) -> None:
            body["principles"][1]["verdict"] = "pass"
            body["overall"] = "pass"

        # Signed by the right key and digest intact: only the body's own consistency fails.
        problems = self.assert_fails(build_report(edit_body=lie).report, "summaries disagree")
        assert problems == [
            "the summaries disagree with the results: principle 2 verdict, overall verdict"
        ]

    def test_results_that_skip_an_applicable_provision(self) -> None:
        def drop(body: dict[str, Any]) -> None:
            del body["results"][0]

        self.assert_fails(build_report(edit_body=drop).report, "do not match the applicable")


class TestMalformedInput:
    def test_unknown_format_version(self, report: dict[str, Any]) -> None:
        report["format"] = "sai.report/2"
        with pytest.raises(ReportFormatError, match=r"format 'sai\.report/2'; this sai reads"):
            verify_report(as_bytes(report))

    def test_missing_format(self, report: dict[str, Any]) -> None:
        del report["format"]
        with pytest.raises(ReportFormatError, match="no 'format' member"):
            verify_report(as_bytes(report))

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            (b"", "not JSON"),
            (b"\xff\xfe", "not UTF-8"),
            (b"[1, 2]", "a JSON list, not an object"),
            (b'{"format": "sai.report/1", "format": "x"}', "member 'format' twice"),
            (b'{"a": NaN}', "NaN"),
            (b"[" * 100_000, "nested too deeply|not JSON"),
        ],
    )
    def test_not_a_report(self, data: bytes, message: str) -> None:
        with pytest.raises(ReportFormatError, match=message):
            verify_report(data)

    def test_wrong_type_names_the_field(self, report: dict[str, Any]) -> None:
        report["results"][3]["evidence"] = ["4"]
        with pytest.raises(ReportFormatError, match=r"results\[3\]\.evidence\[0\]"):
            verify_report(as_bytes(report))

    def test_unknown_member_is_refused(self, report: dict[str, Any]) -> None:
        report["ledger"]["extra"] = 1
        with pytest.raises(ReportFormatError, match=r"ledger\.extra"):
            verify_report(as_bytes(report))

    def test_format_errors_are_input_errors(self) -> None:
        assert issubclass(ReportFormatError, InputError)


class TestPinnedKeys:
    def write_pem(self, path: Path, seed: bytes) -> Path:
        public = signer_for(seed).public_key
        path.write_bytes(
            public.public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        )
        return path

    def test_pem_file_takes_the_name_from_the_report(
        self, tmp_path: Path, report: dict[str, Any]
    ) -> None:
        data = as_bytes(report)
        key = load_verifier_key(str(self.write_pem(tmp_path / "signing.pub", b"\x01" * 32)), data)
        assert key.name == "sai-credit-scoring"
        assert verify_report(data, verifier_keys=[key]).ok

    def test_pem_of_another_key_fails(self, tmp_path: Path, report: dict[str, Any]) -> None:
        data = as_bytes(report)
        key = load_verifier_key(str(self.write_pem(tmp_path / "other.pub", OTHER_SEED)), data)
        assert not verify_report(data, verifier_keys=[key]).ok

    def test_pem_with_explicit_key_name(self, tmp_path: Path, report: dict[str, Any]) -> None:
        data = as_bytes(report)
        path = self.write_pem(tmp_path / "signing.pub", b"\x01" * 32)
        key = load_verifier_key(str(path), data, key_name="someone-else")
        outcome = verify_report(data, verifier_keys=[key])
        assert not outcome.ok
        assert "not signed by a trusted key" in outcome.problems[0]

    def test_verifier_key_string_and_file(self, tmp_path: Path, built: BuiltReport) -> None:
        data = as_bytes(built.report)
        assert load_verifier_key(built.vkey, data).key == signer_for().verifier().key
        path = tmp_path / "key.vkey"
        path.write_text(built.vkey + "\n")
        assert verify_report(data, verifier_keys=[load_verifier_key(str(path), data)]).ok

    @pytest.mark.parametrize(
        "spec",
        ["no-such-file.pub", "name+0000+AAAA", "sai-credit-scoring+788620a8+AQ=="],
    )
    def test_bad_key_specs_are_input_errors(self, spec: str, report: dict[str, Any]) -> None:
        with pytest.raises(KeyInputError):
            load_verifier_key(spec, as_bytes(report))

    def test_pem_file_that_is_not_ed25519(self, tmp_path: Path, report: dict[str, Any]) -> None:
        path = tmp_path / "bad.pub"
        path.write_text("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
        with pytest.raises(KeyInputError, match="not a PEM public key"):
            load_verifier_key(str(path), as_bytes(report))

    def test_pem_name_needs_a_report_with_a_key(self, tmp_path: Path) -> None:
        path = self.write_pem(tmp_path / "signing.pub", b"\x01" * 32)
        with pytest.raises(KeyInputError, match="names no verifier key") as caught:
            load_verifier_key(str(path), b'{"ledger": {}}')
        assert "--key-name" in (caught.value.hint or "")

    def test_a_failed_verification_is_not_an_input_error(self) -> None:
        assert not issubclass(KeyInputError, VerificationError)


class TestEarlierArtefacts:
    def test_golden_report_still_verifies(self) -> None:
        """A report written by an earlier build must keep verifying: format changes show here."""
        data = (GOLDEN_DIR / "report.json").read_bytes()
        outcome = verify_report(data, verifier_keys=pinned())
        assert outcome.ok, outcome.problems
