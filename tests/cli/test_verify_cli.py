"""`sai verify`: exit 0 verified, 1 not verified (each problem printed), 2 unreadable input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from typer.testing import CliRunner

from sai.cli.app import app
from tests.assessment.report.conftest import OTHER_SEED, build_report, signer_for

runner = CliRunner()


def write(path: Path, report: dict[str, Any]) -> Path:
    path.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    return write(tmp_path / "report.json", build_report().report)


@pytest.fixture
def pem(tmp_path: Path) -> Path:
    path = tmp_path / "signing.pub"
    path.write_bytes(
        signer_for().public_key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return path


class TestVerified:
    def test_pinned_pem_key(self, report_file: Path, pem: Path) -> None:
        result = runner.invoke(app, ["verify", str(report_file), "--key", str(pem)])
        assert result.exit_code == 0, result.output
        assert "checkpoint signature (pinned key sai-credit-scoring+" in result.stdout
        assert "22 inclusion proofs at tree size 27" in result.stdout
        assert "report digest matches assessment entry #26" in result.stdout
        assert "verified" in result.stdout
        assert "warning" not in result.stderr

    def test_pinned_verifier_key_string(self, report_file: Path) -> None:
        vkey = signer_for().verifier_key()
        result = runner.invoke(app, ["verify", str(report_file), "-k", vkey])
        assert result.exit_code == 0, result.output

    def test_embedded_key_only_when_asked_and_it_warns(self, report_file: Path) -> None:
        result = runner.invoke(app, ["verify", str(report_file), "--unsafe-trust-embedded-key"])
        assert result.exit_code == 0, result.output
        assert "warning:" in result.stderr
        assert "embedded in the report" in result.stderr
        assert "checkpoint signature (embedded key" in result.stdout

    def test_json_format(self, report_file: Path, pem: Path) -> None:
        result = runner.invoke(
            app, ["verify", str(report_file), "--key", str(pem), "--format", "json"]
        )
        assert result.exit_code == 0
        payload = json.loads(result.stdout)
        assert payload["ok"] is True
        assert payload["key_source"] == "pinned"
        assert payload["tree_size"] == 27


class TestNotVerified:
    def test_changed_verdict_exits_1_and_names_the_problem(self, tmp_path: Path, pem: Path) -> None:
        report = build_report().report
        report["results"][0]["verdict"] = "fail"
        path = write(tmp_path / "report.json", report)
        result = runner.invoke(app, ["verify", str(path), "--key", str(pem)])
        assert result.exit_code == 1
        assert "FAILED" in result.stdout
        assert "is not the one recorded in assessment entry #26" in result.stdout
        assert "NOT verified" in result.stdout

    def test_resigned_report_fails_against_the_pinned_key(self, tmp_path: Path, pem: Path) -> None:
        path = write(tmp_path / "report.json", build_report(seed=OTHER_SEED).report)
        unsafe = runner.invoke(app, ["verify", str(path), "--unsafe-trust-embedded-key"])
        assert unsafe.exit_code == 0
        result = runner.invoke(app, ["verify", str(path), "--key", str(pem)])
        assert result.exit_code == 1
        assert "not signed by a trusted key" in result.stdout

    def test_json_format_lists_problems(self, tmp_path: Path, pem: Path) -> None:
        report = build_report().report
        report["evidence"] = report["evidence"][1:]
        path = write(tmp_path / "report.json", report)
        result = runner.invoke(app, ["verify", str(path), "-k", str(pem), "-f", "json"])
        assert result.exit_code == 1
        payload = json.loads(result.stdout)
        assert payload["ok"] is False
        assert any("missing from 'evidence'" in p for p in payload["problems"])

    def test_problem_text_with_markup_characters_is_printed_verbatim(self, tmp_path: Path) -> None:
        report = build_report().report
        report["ledger"]["origin"] = "[bold]x[/bold]"
        path = write(tmp_path / "report.json", report)
        result = runner.invoke(app, ["verify", str(path), "--unsafe-trust-embedded-key"])
        assert result.exit_code == 1
        assert "[bold]x[/bold]" in result.stdout


class TestBadInput:
    def test_missing_file(self, tmp_path: Path) -> None:
        result = runner.invoke(app, ["verify", str(tmp_path / "nope.json")])
        assert result.exit_code == 2
        assert "cannot read" in result.stderr

    def test_not_json(self, tmp_path: Path) -> None:
        path = tmp_path / "report.json"
        path.write_bytes(b"<html></html>")
        result = runner.invoke(app, ["verify", str(path)])
        assert result.exit_code == 2
        assert "not JSON" in result.stderr

    def test_unknown_format_version(self, tmp_path: Path) -> None:
        report = build_report().report
        report["format"] = "sai.report/9"
        result = runner.invoke(app, ["verify", str(write(tmp_path / "r.json", report))])
        assert result.exit_code == 2
        assert "sai.report/9" in result.stderr

    def test_bad_key(self, report_file: Path) -> None:
        result = runner.invoke(app, ["verify", str(report_file), "--key", "not-a-key"])
        assert result.exit_code == 2
        assert "neither an existing file nor a verifier key" in result.stderr

    def test_help_explains_exit_codes_and_keys(self) -> None:
        result = runner.invoke(app, ["verify", "--help"])
        assert result.exit_code == 0
        assert "Exit 0" in result.stdout
        assert "signing.pub" in result.stdout

    def test_not_a_sai_report(self, tmp_path: Path) -> None:
        path = write(tmp_path / "other.json", {"name": "something else"})  # type: ignore[arg-type]
        result = runner.invoke(app, ["verify", str(path), "--unsafe-trust-embedded-key"])
        assert result.exit_code == 2
        assert "not a sai report" in result.stderr
        (tmp_path / "notes.txt").write_text("hello\n")
        result = runner.invoke(app, ["verify", str(tmp_path / "notes.txt")])
        assert result.exit_code == 2
        assert "not a sai report" in result.stderr

    def test_key_and_key_id_together_are_refused(self, report_file: Path, pem: Path) -> None:
        args = ["verify", str(report_file), "--key", str(pem), "--key-id", "sha256:" + "0" * 64]
        result = runner.invoke(app, args)
        assert result.exit_code == 2

    def test_malformed_key_id(self, report_file: Path) -> None:
        result = runner.invoke(app, ["verify", str(report_file), "--key-id", "1a2b3c4d"])
        assert result.exit_code == 2
        assert "not a key fingerprint" in result.stderr

    def test_malformed_witness(self, report_file: Path, pem: Path) -> None:
        result = runner.invoke(app, ["verify", str(report_file), "-k", str(pem), "--witness", "w"])
        assert result.exit_code == 2
        assert "NAME=KEYFILE" in result.stderr


class TestTrustIsPinned:
    def test_without_a_key_nothing_is_verified(self, report_file: Path) -> None:
        result = runner.invoke(app, ["verify", str(report_file)])
        assert result.exit_code == 1
        assert "nothing was verified: no key is pinned" in result.stdout
        assert "inclusion proofs" not in result.stdout
        assert "NOT verified" in result.stdout

    def test_key_fingerprint_pins_the_embedded_key(self, report_file: Path) -> None:
        from sai.ledger.keyfiles import key_fingerprint

        fingerprint = key_fingerprint(signer_for().public_key)
        result = runner.invoke(app, ["verify", str(report_file), "--key-id", fingerprint])
        assert result.exit_code == 0, result.output
        assert "checkpoint signature (fingerprint key" in result.stdout
        bare = runner.invoke(app, ["verify", str(report_file), "--key-id", fingerprint[7:]])
        assert bare.exit_code == 0

    def test_key_fingerprint_of_another_key_fails(self, tmp_path: Path) -> None:
        from sai.ledger.keyfiles import key_fingerprint

        path = write(tmp_path / "report.json", build_report(seed=OTHER_SEED).report)
        fingerprint = key_fingerprint(signer_for().public_key)
        result = runner.invoke(app, ["verify", str(path), "--key-id", fingerprint])
        assert result.exit_code == 1
        assert f"not the pinned {fingerprint}" in result.stdout

    def test_root_is_printed_in_base64(self, report_file: Path, pem: Path) -> None:
        import base64

        from sai.ledger import Checkpoint, SignedNote

        report = json.loads(report_file.read_text())
        note = SignedNote.from_bytes(report["ledger"]["checkpoint"].encode())
        root = base64.b64encode(Checkpoint.parse(note.text).root).decode()
        result = runner.invoke(app, ["verify", str(report_file), "-k", str(pem)])
        assert f"checkpoint at tree size 27, root (base64) {root}" in result.stdout
        payload = runner.invoke(app, ["verify", str(report_file), "-k", str(pem), "-f", "json"])
        assert json.loads(payload.stdout)["root"] == root


class TestWitnesses:
    @pytest.fixture
    def cosigner(self) -> Any:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        from sai.ledger.cosignature import Cosigner

        return Cosigner("auditor.example/w1", Ed25519PrivateKey.from_private_bytes(b"\x07" * 32))

    def _cosigned(self, report_file: Path, cosigner: Any) -> None:
        from sai.assessment.report.cosign import report_checkpoint, with_checkpoint
        from sai.ledger import open_checkpoint

        data = report_file.read_bytes()
        signed = open_checkpoint(report_checkpoint(data), [signer_for().verifier()])
        cosigned = cosigner.cosign(signed, 1_767_225_600)
        report_file.write_bytes(with_checkpoint(data, cosigned.to_bytes()))

    def test_required_witness_present(
        self, report_file: Path, pem: Path, cosigner: Any, tmp_path: Path
    ) -> None:
        self._cosigned(report_file, cosigner)
        vkey = tmp_path / "witness.vkey"
        vkey.write_text(cosigner.verifier().verifier_key() + "\n")
        witness = f"auditor.example/w1={vkey}"
        args = ["verify", str(report_file), "-k", str(pem), "--witness", witness]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert "cosigned by the witness auditor.example/w1+" in result.stdout
        assert "at 2026-01-01T00:00:00Z" in result.stdout

    def test_required_witness_missing(
        self, report_file: Path, pem: Path, cosigner: Any, tmp_path: Path
    ) -> None:
        vkey = tmp_path / "witness.vkey"
        vkey.write_text(cosigner.verifier().verifier_key())
        args = [
            "verify",
            str(report_file),
            "-k",
            str(pem),
            "--witness",
            f"auditor.example/w1={vkey}",
        ]
        result = runner.invoke(app, args)
        assert result.exit_code == 1
        assert "no valid cosignature by the witness auditor.example/w1+" in result.stdout

    def test_witness_name_must_match_its_key(
        self, report_file: Path, pem: Path, cosigner: Any, tmp_path: Path
    ) -> None:
        vkey = tmp_path / "witness.vkey"
        vkey.write_text(cosigner.verifier().verifier_key())
        args = ["verify", str(report_file), "-k", str(pem), "--witness", f"other={vkey}"]
        result = runner.invoke(app, args)
        assert result.exit_code == 2
        assert "not 'other'" in result.stderr
